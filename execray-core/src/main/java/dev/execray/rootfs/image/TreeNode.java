package dev.execray.rootfs.image;

import java.util.Map;
import java.util.TreeMap;

/** One path of an image's merged file tree. */
sealed interface TreeNode {
    /** Permission bits and file type bits as in st_mode's low 12 bits (e.g. 04755). */
    int mode();

    int uid();

    int gid();

    /** The layer that put this node here: an opaque whiteout keeps only what its own layer added. */
    int layer();

    final class Dir implements TreeNode {
        final Map<String, TreeNode> children = new TreeMap<>();
        int mode;
        int uid;
        int gid;
        int layer;

        Dir(int mode, int uid, int gid, int layer) {
            this.mode = mode;
            this.uid = uid;
            this.gid = gid;
            this.layer = layer;
        }

        @Override
        public int layer() {
            return layer;
        }

        @Override
        public int mode() {
            return mode;
        }

        @Override
        public int uid() {
            return uid;
        }

        @Override
        public int gid() {
            return gid;
        }
    }

    record File(int mode, int uid, int gid, FileRegion content, int layer) implements TreeNode {
    }

    record Symlink(int mode, int uid, int gid, String target, int layer) implements TreeNode {
    }

    /** Character and block devices, FIFOs: present, but nothing to read or execute. */
    record Special(int mode, int uid, int gid, char kind, int layer) implements TreeNode {
    }
}

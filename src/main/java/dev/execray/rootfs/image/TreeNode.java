package dev.execray.rootfs.image;

import java.util.Map;
import java.util.TreeMap;

/** One path of an image's merged file tree. */
sealed interface TreeNode {
    /** Permission bits and file type bits as in st_mode's low 12 bits (e.g. 04755). */
    int mode();

    int uid();

    int gid();

    final class Dir implements TreeNode {
        final Map<String, TreeNode> children = new TreeMap<>();
        int mode;
        int uid;
        int gid;

        Dir(int mode, int uid, int gid) {
            this.mode = mode;
            this.uid = uid;
            this.gid = gid;
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

    record File(int mode, int uid, int gid, FileRegion content) implements TreeNode {
    }

    record Symlink(int mode, int uid, int gid, String target) implements TreeNode {
    }

    /** Character and block devices, FIFOs: present, but nothing to read or execute. */
    record Special(int mode, int uid, int gid, char kind) implements TreeNode {
    }
}

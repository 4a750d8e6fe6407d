package dev.execray.rootfs;

import java.util.List;

/**
 * The outcome of walking a path inside a root: the canonical path and what is there, or the errno
 * the kernel would give and the component where the walk stopped. Either way, the symlinks followed
 * on the way ({@code "/lib -> usr/lib"}) are kept so that a trace can show them.
 */
public sealed interface Resolution {

    /** The symlinks followed, in order, each as {@code "link -> target"}. */
    List<String> symlinks();

    record Found(String canonical, FileStat stat, List<String> symlinks) implements Resolution {
        public Found {
            symlinks = List.copyOf(symlinks);
        }
    }

    /**
     * @param errno  what the kernel would return
     * @param at     the path (inside the root) of the component where the walk failed
     * @param detail why, in words
     */
    record Failed(Errno errno, String at, String detail, List<String> symlinks) implements Resolution {
        public Failed {
            symlinks = List.copyOf(symlinks);
        }
    }
}

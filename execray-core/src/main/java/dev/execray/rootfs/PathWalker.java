package dev.execray.rootfs;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Walks a path the way the kernel's link_path_walk() does, inside a root: one component at a time,
 * each directory needing search permission, {@code ..} stopping at the root (chroot semantics),
 * absolute symlink targets restarting at the root rather than at the host's {@code /}, and at most
 * {@link ResolveOptions#MAX_SYMLINKS} symlinks per lookup before ELOOP, as openat2(RESOLVE_IN_ROOT) does. The working
 * directory is itself resolved this way (never handed to the host as it is), and the components walked in one lookup
 * are bounded by {@link Bound#WALK_COMPONENTS}.
 */
final class PathWalker {
    private final RootFs fs;
    private final ResolveOptions options;
    private final List<String> hops = new ArrayList<>();
    /** Components walked so far, shared with the walk of the working directory: one budget per lookup. */
    private final long[] budget;

    PathWalker(RootFs fs, ResolveOptions options) {
        this(fs, options, new long[1]);
    }

    private PathWalker(RootFs fs, ResolveOptions options, long[] budget) {
        this.fs = fs;
        this.options = options;
        this.budget = budget;
    }

    Resolution walk(String path) {
        if (path.isEmpty()) {
            return fail(Errno.ENOENT, "", "empty path");
        }
        if (path.getBytes(StandardCharsets.UTF_8).length + 1 > ResolveOptions.PATH_MAX) {
            return fail(Errno.ENAMETOOLONG, path, "path longer than PATH_MAX (" + ResolveOptions.PATH_MAX + " bytes)");
        }
        if (path.indexOf('\0') >= 0) {
            return fail(Errno.ENOENT, path, "path contains a NUL byte; the kernel sees it end there");
        }
        Cursor start = new Cursor();
        if (path.charAt(0) != '/' && !options.cwd().equals("/")) {
            // The working directory is a place the process reached by its own chdir(): a lookup of its own, inside
            // the root, following every symlink and clamping "..". Taking it verbatim would let the host resolve a
            // symlink or ".." in it, outside the root.
            Resolution cwd = new PathWalker(fs, new ResolveOptions("/", options.credentials(), true), budget)
                    .walk(options.cwd().endsWith("/") ? options.cwd() : options.cwd() + "/");
            hops.addAll(cwd.symlinks());
            if (cwd instanceof Resolution.Failed f) {
                return fail(f.errno(), f.at(), "working directory " + options.cwd() + ": " + f.detail());
            }
            for (String part : split(((Resolution.Found) cwd).canonical())) {
                start.push(part);
            }
        }
        return walkFrom(start, path);
    }

    private Resolution walkFrom(Cursor current, String path) {
        Deque<String> todo = new ArrayDeque<>(split(path));
        boolean mustBeDir = path.endsWith("/");
        int links = 0;

        // the starting directory must itself be there and searchable
        FileStat dir;
        try {
            dir = fs.lstat(current.path());
        } catch (RootFsException e) {
            return fail(e.errno(), current.path(), rootProblem(current, e));
        }
        if (!dir.isDirectory()) {
            return fail(Errno.ENOTDIR, current.path(), "not a directory");
        }

        while (!todo.isEmpty()) {
            String name = todo.pollFirst();
            budget[0]++;
            Bound.WALK_COMPONENTS.check(budget[0], "resolving " + current.path() + "/" + name);
            if (!options.credentials().permits(dir, 1)) {
                return fail(Errno.EACCES, current.path(), "no search permission on directory " + current.path()
                        + " (" + dir.modeString() + ") for " + options.credentials());
            }
            if (name.equals(".")) {
                continue;
            }
            if (name.equals("..")) {
                current.pop(); // at the root, ".." is the root: chroot semantics, as RESOLVE_IN_ROOT
                dir = statOrFail(current.path());
                if (dir == null) {
                    return fail(Errno.EIO, current.path(), "parent directory vanished");
                }
                continue;
            }
            if (name.getBytes(StandardCharsets.UTF_8).length > ResolveOptions.NAME_MAX) {
                return fail(Errno.ENAMETOOLONG, current.child(name), "component longer than NAME_MAX ("
                        + ResolveOptions.NAME_MAX + " bytes)");
            }
            String here = current.child(name);
            FileStat st;
            try {
                st = fs.lstat(here);
            } catch (RootFsException e) {
                return fail(e.errno(), here, e.errno() == Errno.ENOENT ? "does not exist" : e.getMessage());
            }
            boolean last = todo.isEmpty();
            if (st.isSymlink() && (!last || options.followFinal() || mustBeDir)) {
                links++;
                if (links > ResolveOptions.MAX_SYMLINKS) {
                    return fail(Errno.ELOOP, here, "more than " + ResolveOptions.MAX_SYMLINKS
                            + " symbolic links followed (a loop?)");
                }
                String target;
                try {
                    target = fs.readlink(here);
                } catch (RootFsException e) {
                    return fail(e.errno(), here, "cannot read symlink: " + e.getMessage());
                }
                // symlink(2) refuses targets of PATH_MAX bytes or more, so no kernel ever follows one; an image can
                // still carry one, and it must not cost us more than the kernel would spend
                if (target.getBytes(StandardCharsets.UTF_8).length + 1 > ResolveOptions.PATH_MAX) {
                    return fail(Errno.ENAMETOOLONG, here, "symlink target longer than PATH_MAX ("
                            + ResolveOptions.PATH_MAX + " bytes)");
                }
                hops.add(here + " -> " + target);
                if (target.isEmpty()) {
                    return fail(Errno.ENOENT, here, "symlink with an empty target");
                }
                if (last && target.endsWith("/")) {
                    mustBeDir = true;
                }
                List<String> parts = split(target);
                for (int i = parts.size() - 1; i >= 0; i--) {
                    todo.addFirst(parts.get(i));
                }
                if (target.charAt(0) == '/') {
                    current.clear();
                    dir = statOrFail("/");
                    if (dir == null) {
                        return fail(Errno.EIO, "/", "root vanished");
                    }
                }
                continue;
            }
            current.push(name);
            if (!todo.isEmpty() || mustBeDir) {
                if (!st.isDirectory()) {
                    return fail(Errno.ENOTDIR, here, "is a " + st.type().description() + ", not a directory");
                }
            }
            dir = st;
        }
        return new Resolution.Found(current.path(), dir, hops);
    }

    /**
     * The canonical path walked so far, kept as one string with the end of each component remembered, so that a
     * step costs the length of one name rather than a re-join of the whole path.
     */
    private static final class Cursor {
        private final StringBuilder path = new StringBuilder();
        private int[] ends = new int[16];
        private int depth;

        void push(String name) {
            path.append('/').append(name);
            if (depth == ends.length) {
                ends = java.util.Arrays.copyOf(ends, depth * 2);
            }
            ends[depth++] = path.length();
        }

        void pop() {
            if (depth > 0) {
                depth--;
                path.setLength(depth == 0 ? 0 : ends[depth - 1]);
            }
        }

        void clear() {
            depth = 0;
            path.setLength(0);
        }

        boolean atRoot() {
            return depth == 0;
        }

        String path() {
            return depth == 0 ? "/" : path.toString();
        }

        String child(String name) {
            return depth == 0 ? "/" + name : path + "/" + name;
        }
    }

    private FileStat statOrFail(String canonical) {
        try {
            return fs.lstat(canonical);
        } catch (RootFsException e) {
            return null;
        }
    }

    private String rootProblem(Cursor current, RootFsException e) {
        if (current.atRoot()) {
            return "cannot read the root " + fs.describe() + ": " + e.errno().strerror();
        }
        return "working directory " + current.path() + ": " + e.errno().strerror();
    }

    private Resolution fail(Errno errno, String at, String detail) {
        return new Resolution.Failed(errno, at, detail, hops);
    }

    static List<String> split(String path) {
        List<String> out = new ArrayList<>();
        for (String p : path.split("/")) {
            if (!p.isEmpty()) {
                out.add(p);
            }
        }
        return out;
    }

    static String join(List<String> parts) {
        if (parts.isEmpty()) {
            return "/";
        }
        return "/" + String.join("/", parts);
    }

    static String join(List<String> parts, String name) {
        return parts.isEmpty() ? "/" + name : join(parts) + "/" + name;
    }
}

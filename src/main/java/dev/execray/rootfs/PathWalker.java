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
 * {@link ResolveOptions#MAX_SYMLINKS} symlinks per lookup before ELOOP.
 */
final class PathWalker {
    private final RootFs fs;
    private final ResolveOptions options;
    private final List<String> hops = new ArrayList<>();

    PathWalker(RootFs fs, ResolveOptions options) {
        this.fs = fs;
        this.options = options;
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
        List<String> current = new ArrayList<>();
        if (path.charAt(0) != '/') {
            current.addAll(split(options.cwd()));
        }
        Deque<String> todo = new ArrayDeque<>(split(path));
        boolean mustBeDir = path.endsWith("/");
        int links = 0;

        // the starting directory must itself be there and searchable
        FileStat dir;
        try {
            dir = fs.lstat(join(current));
        } catch (RootFsException e) {
            return fail(e.errno(), join(current), rootProblem(current, e));
        }
        if (!dir.isDirectory()) {
            return fail(Errno.ENOTDIR, join(current), "not a directory");
        }

        while (!todo.isEmpty()) {
            String name = todo.pollFirst();
            if (!options.credentials().permits(dir, 1)) {
                return fail(Errno.EACCES, join(current), "no search permission on directory " + join(current)
                        + " (" + dir.modeString() + ") for " + options.credentials());
            }
            if (name.equals(".")) {
                continue;
            }
            if (name.equals("..")) {
                if (!current.isEmpty()) {
                    current.remove(current.size() - 1);
                }
                dir = statOrFail(current);
                if (dir == null) {
                    return fail(Errno.EIO, join(current), "parent directory vanished");
                }
                continue;
            }
            if (name.getBytes(StandardCharsets.UTF_8).length > ResolveOptions.NAME_MAX) {
                return fail(Errno.ENAMETOOLONG, join(current, name), "component longer than NAME_MAX ("
                        + ResolveOptions.NAME_MAX + " bytes)");
            }
            String here = join(current, name);
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
                    dir = statOrFail(current);
                    if (dir == null) {
                        return fail(Errno.EIO, "/", "root vanished");
                    }
                }
                continue;
            }
            current.add(name);
            if (!todo.isEmpty() || mustBeDir) {
                if (!st.isDirectory()) {
                    return fail(Errno.ENOTDIR, here, "is a " + st.type().description() + ", not a directory");
                }
            }
            dir = st;
        }
        return new Resolution.Found(join(current), dir, hops);
    }

    private FileStat statOrFail(List<String> parts) {
        try {
            return fs.lstat(join(parts));
        } catch (RootFsException e) {
            return null;
        }
    }

    private String rootProblem(List<String> current, RootFsException e) {
        if (current.isEmpty()) {
            return "cannot read the root " + fs.describe() + ": " + e.errno().strerror();
        }
        return "working directory " + join(current) + ": " + e.errno().strerror();
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

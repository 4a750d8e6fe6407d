package dev.execray.exec.kernel;

import dev.execray.exec.verdict.Cause;

import dev.execray.rootfs.MountPoint;
import java.util.Optional;

import dev.execray.rootfs.Credentials;
import dev.execray.rootfs.Errno;
import dev.execray.rootfs.FileStat;
import dev.execray.rootfs.ResolveOptions;
import dev.execray.rootfs.Resolution;
import dev.execray.rootfs.RootFs;
import java.util.List;

/**
 * open_exec(): what the kernel does to open a file for execution — the path walk (inside the root,
 * relative names from the working directory), then may_open()'s refusals: a directory or a device is
 * EACCES, and so is a file the user may not execute (root needs one execute bit).
 */
public final class OpenExec {
    private OpenExec() {
    }

    public sealed interface Result {
    }

    /** {@code mount} is the mount the file lives on, when the root has mounts. */
    public record Opened(String canonical, FileStat stat, List<String> symlinks, Optional<MountPoint> mount) implements Result {
    }

    public record Refused(Errno errno, Cause cause, String at, String why, List<String> symlinks) implements Result {
    }

    /** execve()'s own open: an empty path is ENOENT (getname() refuses it). */
    public static Result open(RootFs root, String path, String cwd, Credentials creds) {
        return open(root, path, cwd, creds, false);
    }

    /**
     * @param internal true for names the kernel itself opens (a #! interpreter, PT_INTERP, a
     *                 binfmt_misc interpreter): getname_kernel() accepts an empty name, which the
     *                 path walk then resolves to the working directory — a directory, so EACCES
     */
    public static Result open(RootFs root, String path, String cwd, Credentials creds, boolean internal) {
        String p = internal && path.isEmpty() ? "." : path;
        Resolution r = root.resolve(p, new ResolveOptions(cwd, creds, true));
        if (r instanceof Resolution.Failed f) {
            return new Refused(f.errno(), f.errno() == Errno.ENOENT ? Cause.NOT_FOUND : Cause.PATH_PROBLEM, f.at(),
                    f.detail(), f.symlinks());
        }
        Resolution.Found found = (Resolution.Found) r;
        FileStat st = found.stat();
        if (st.isDirectory()) {
            return new Refused(Errno.EACCES, Cause.IS_DIRECTORY, found.canonical(), "is a directory", found.symlinks());
        }
        if (!st.isRegular()) {
            return new Refused(Errno.EACCES, Cause.NOT_EXECUTABLE, found.canonical(), "is a " + st.type().description()
                    + ", not a regular file", found.symlinks());
        }
        if (!creds.permits(st, 1)) {
            String why = creds.isRoot()
                    ? "mode " + st.modeString() + " has no execute bit (even root needs one)"
                    : "mode " + st.modeString() + " (owner " + st.uid() + ", group " + st.gid()
                            + ") does not let " + creds + " execute it";
            return new Refused(Errno.EACCES, Cause.NOT_EXECUTABLE, found.canonical(), why, found.symlinks());
        }
        // do_open_execat(): path_noexec() is checked after the open, before anything is read
        Optional<MountPoint> mount = root.mountOf(found.canonical());
        if (mount.isPresent() && mount.get().noexec()) {
            return new Refused(Errno.EACCES, Cause.NOEXEC_MOUNT, found.canonical(), "lives on a noexec mount: "
                    + mount.get().describe(), found.symlinks());
        }
        return new Opened(found.canonical(), st, found.symlinks(), mount);
    }
}

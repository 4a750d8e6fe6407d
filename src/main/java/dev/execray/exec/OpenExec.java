package dev.execray.exec;

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
final class OpenExec {
    private OpenExec() {
    }

    sealed interface Result {
    }

    record Opened(String canonical, FileStat stat, List<String> symlinks) implements Result {
    }

    record Refused(Errno errno, String at, String why, List<String> symlinks) implements Result {
    }

    static Result open(RootFs root, String path, String cwd, Credentials creds) {
        Resolution r = root.resolve(path, new ResolveOptions(cwd, creds, true));
        if (r instanceof Resolution.Failed f) {
            return new Refused(f.errno(), f.at(), f.detail(), f.symlinks());
        }
        Resolution.Found found = (Resolution.Found) r;
        FileStat st = found.stat();
        if (st.isDirectory()) {
            return new Refused(Errno.EACCES, found.canonical(), "is a directory", found.symlinks());
        }
        if (!st.isRegular()) {
            return new Refused(Errno.EACCES, found.canonical(), "is a " + st.type().description()
                    + ", not a regular file", found.symlinks());
        }
        if (!creds.permits(st, 1)) {
            String why = creds.isRoot()
                    ? "mode " + st.modeString() + " has no execute bit (even root needs one)"
                    : "mode " + st.modeString() + " (owner " + st.uid() + ", group " + st.gid()
                            + ") does not let " + creds + " execute it";
            return new Refused(Errno.EACCES, found.canonical(), why, found.symlinks());
        }
        return new Opened(found.canonical(), st, found.symlinks());
    }
}

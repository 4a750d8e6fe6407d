package dev.execray.exec.verdict;

import dev.execray.exec.kernel.KernelOutcome;

import dev.execray.exec.ExecRequest;

import dev.execray.rootfs.Errno;
import dev.execray.place.ExecBuffer;
import dev.execray.place.Target;
import java.util.List;
import java.util.Optional;

/** Turns what the kernel did into a verdict: the messages users see, the cause in words, and a fix. */
public final class VerdictBuilder {
    private VerdictBuilder() {
    }

    public static Verdict build(Target target, ExecRequest req, KernelOutcome k) {
        Messages msgs = new Messages(target.root(), req.cwd(), target.credentials(), target.arch().uname());
        if (k instanceof KernelOutcome.Started s) {
            String how = s.chain().isEmpty() ? "natively" : "through " + String.join(" → ", s.chain());
            return new Verdict.Runs(s.chain(), s.argv(), s.program(), s.loader(), how, s.execfd(), s.preserveArgv0(),
                    Messages.none());
        }
        if (k instanceof KernelOutcome.Killed kl) {
            return new Verdict.Fails(kl.cause().stage(), kl.cause(), kl.step(), Optional.empty(), Optional.of(kl.signal()),
                    kl.chain(), "execve() succeeds but the new process is killed before its first instruction: " + kl.why(),
                           fix(kl.cause(), Optional.empty(), target, req), msgs.forSignal(req.path(), kl.signal()));
        }
        KernelOutcome.Failed f = (KernelOutcome.Failed) k;
        UserMessages um = msgs.forErrno(req.path(), f.errno());
        return new Verdict.Fails(f.cause().stage(), f.cause(), f.step(), Optional.of(f.errno()), Optional.empty(),
                f.chain(), why(f), fix(f.cause(), Optional.of(f), target, req), um);
    }

    private static String why(KernelOutcome.Failed f) {
        return switch (f.cause()) {
            case NOT_FOUND -> "the file does not exist: " + f.why();
            case NOT_EXECUTABLE -> "the file is not executable: " + f.why();
            case IS_DIRECTORY -> "it is a directory";
            case UNKNOWN_FORMAT -> "no binfmt_misc entry, #! line or ELF header the kernel accepts (" + f.why() + ")";
            case WRONG_MACHINE -> "an ELF file for another machine and no binfmt_misc entry (such as qemu-user's) for it: "
                    + f.why();
            case NO_32BIT_SUPPORT -> "a 32-bit program, and this kernel does not run 32-bit programs: " + f.why();
            case BAD_ELF -> "the ELF headers are not acceptable to this kernel: " + f.why();
            case NOEXEC_MOUNT -> f.why();
            default -> f.why();
        };
    }

    /** The fix for a cause; {@code failed} when the kernel returned an errno (its details refine some fixes). */
    public static String fix(Cause cause, Optional<KernelOutcome.Failed> failed, Target target, ExecRequest req) {
        String root = target.root().isHost() ? "" : " in " + target.root().describe();
        Errno errno = failed.map(KernelOutcome.Failed::errno).orElse(Errno.ENOEXEC);
        return switch (cause) {
            case NOT_IN_PATH -> "install it, add its directory to PATH, or name it with a path";
            case NOT_FOUND -> "check the path" + root + (req.path().contains("/") ? ""
                    : "; a name without / is not looked up in PATH by execve");
            case PATH_PROBLEM -> switch (errno) {
                case ELOOP -> "a symlink loop or chain of more than 40 links: fix the links";
                case EACCES -> "a directory on the way is not searchable: fix its permissions";
                case ENOTDIR -> "a component of the path is a file, not a directory";
                case ENAMETOOLONG -> "shorten the path: it is longer than PATH_MAX (4096) or a name is over 255 bytes";
                default -> "fix the path";
            };
            case UNREADABLE -> "check that the file can be read";
            case NOT_EXECUTABLE -> "chmod +x " + req.path();
            case IS_DIRECTORY -> "name a file, not a directory";
            case NOEXEC_MOUNT -> "run it from a file system mounted without noexec (copy it elsewhere, or remount: "
                    + "mount -o remount,exec MOUNTPOINT)";
            case SCRIPT_CRLF -> "convert the script's line ends to LF: sed -i 's/\\r$//' " + req.path() + " (or dos2unix)";
            case SCRIPT_INTERPRETER -> errno == Errno.ENOENT
                    ? "install the interpreter" + root + ", or change the #! line to one that exists (or #!/usr/bin/env NAME)"
                    : "make the interpreter executable, or change the #! line";
            case BINFMT_INTERPRETER -> "install the interpreter the binfmt_misc entry names" + root
                    + ", or re-register the entry with the F flag so it is opened on the host";
            case ELF_INTERPRETER_MISSING -> "the dynamic loader the binary asks for is missing" + root + ": use a base "
                    + "image with that C library, install it, or build the program statically (CGO_ENABLED=0 for Go)";
            case ELF_INTERPRETER_BAD -> errno == Errno.ELIBBAD
                    ? "PT_INTERP names a file that is not a loader for this machine: install the right loader or rebuild"
                    : "the dynamic loader cannot be read or executed: check it";
            case SHEBANG_UNUSABLE -> "fix the #! line: the kernel reads only the first " + ExecBuffer.size(target.kernel())
                    + " bytes, so keep the interpreter's path and argument short (use #!/usr/bin/env NAME)";
            case UNKNOWN_FORMAT -> "not a program the kernel knows: if it is a script, add a #! line naming its "
                    + "interpreter; otherwise run it with the program it is meant for";
            case WRONG_MACHINE -> target.binfmt().source().contains("not mounted")
                    ? "binfmt_misc is not mounted, so no emulator can be registered: mount it (mount -t binfmt_misc "
                            + "binfmt_misc /proc/sys/fs/binfmt_misc) and register qemu-user (systemctl restart "
                            + "systemd-binfmt, or update-binfmts --enable), or rebuild it for " + target.arch().goarch()
                    : "run it on a machine of its architecture, rebuild it for " + target.arch().goarch()
                            + ", or install qemu-user-static (with binfmt-support or systemd-binfmt) to emulate it";
            case NO_32BIT_SUPPORT -> "rebuild it as a 64-bit program, or enable IA-32 emulation (boot with "
                    + "ia32_emulation=1 on a kernel with CONFIG_IA32_EMULATION)";
            case BAD_ELF -> "the file is damaged or not meant to be executed (a truncated download, an object file): "
                    + "rebuild or re-fetch it";
            case INTERPRETER_LOOP -> "shorten the chain of #! interpreters: the kernel allows at most 5 substitutions";
            case OPEN_BINARY_TWICE -> "an interpreter of a binfmt_misc entry with the O flag must be a native binary, "
                    + "not a script";
            case TRUNCATED -> "the file is truncated: copy, download or build it again";
            case PAGE_SIZE -> "relink with the target's page size as segment alignment (-z max-page-size="
                    + target.pageSize() + "), or run on a kernel with 4 KiB pages";
            case SEGMENTS_UNMAPPABLE -> "the program headers describe segments that cannot be mapped: rebuild the binary";
            case GUEST_INVALID -> "the file is damaged or not a program for its architecture: rebuild or re-fetch it";
            case GUEST_LOADER_MISSING -> "install the program's own C library for its architecture" + root
                    + " (e.g. libc6:ARCH), or point the emulator at a root that has it (QEMU_LD_PREFIX / -L), or "
                    + "build the program statically";
            case LIBRARY_NOT_FOUND -> "install the library" + root + ", or add its directory to the program's RUNPATH "
                    + "or to LD_LIBRARY_PATH (run ldconfig after installing into a directory of ld.so.conf)";
            case LIBRARY_BAD -> "replace the file the loader found on its search path: it is damaged or built for "
                    + "another architecture or word size (install the library built for this one)";
            case VERSION_MISSING, SYMBOL_UNDEFINED, SYMBOL_UNDEFINED_AT_CALL ->
                    "install the library version the program was built against";
            case FOREIGN_OS -> "build it for Linux (GOOS=linux for Go), or run it on the OS it was built for";
        };
    }

    static List<String> none() {
        return List.of();
    }
}

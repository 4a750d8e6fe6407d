package dev.execray.exec;

import dev.execray.rootfs.Errno;
import dev.execray.place.Target;
import java.util.List;
import java.util.Optional;

/** Turns what the kernel did into a verdict: the messages users see, the cause in words, and a fix. */
final class VerdictBuilder {
    private VerdictBuilder() {
    }

    static Verdict build(Target target, ExecRequest req, KernelOutcome k) {
        Messages msgs = new Messages(target.root(), req.cwd(), target.credentials(), target.arch().uname());
        if (k instanceof KernelOutcome.Started s) {
            String how = s.chain().isEmpty() ? "natively" : "through " + String.join(" → ", s.chain());
            return new Verdict.Runs(s.chain(), s.argv(), s.program(), s.loader(), how, s.execfd(), s.preserveArgv0(),
                    Messages.none());
        }
        if (k instanceof KernelOutcome.Killed kl) {
            return new Verdict.Fails(kl.step(), Optional.empty(), Optional.of(kl.signal()), kl.chain(),
                    "execve() succeeds but the new process is killed before its first instruction: " + kl.why(),
                    fixForMapping(kl.why(), target), msgs.forSignal(req.path(), kl.signal()));
        }
        KernelOutcome.Failed f = (KernelOutcome.Failed) k;
        UserMessages um = msgs.forErrno(req.path(), f.errno());
        return new Verdict.Fails(f.step(), Optional.of(f.errno()), Optional.empty(), f.chain(), why(f), fix(f, target, req),
                um);
    }

    private static String why(KernelOutcome.Failed f) {
        return switch (f.kind()) {
            case OPEN -> f.errno() == Errno.ENOENT ? "the file does not exist: " + f.why() : f.why();
            case NOT_EXECUTABLE -> "the file is not executable: " + f.why();
            case IS_DIRECTORY -> "it is a directory";
            case SCRIPT_INTERPRETER -> f.why();
            case BINFMT_INTERPRETER -> f.why();
            case ELF_INTERPRETER -> f.why();
            case UNKNOWN_FORMAT -> "no binfmt_misc entry, #! line or ELF header the kernel accepts (" + f.why() + ")";
            case WRONG_MACHINE -> "an ELF file for another machine and no binfmt_misc entry (such as qemu-user's) for it: "
                    + f.why();
            case BAD_ELF -> "the ELF headers are not acceptable to this kernel: " + f.why();
            case LOOP -> f.why();
            case OPEN_BINARY_TWICE -> f.why();
            case OTHER -> f.why();
        };
    }

    private static String fix(KernelOutcome.Failed f, Target target, ExecRequest req) {
        String root = target.root().isHost() ? "" : " in " + target.root().describe();
        return switch (f.kind()) {
            case OPEN -> f.why().contains("cannot read the root") ? "the root directory itself cannot be read: check --root"
                    : switch (f.errno()) {
                case ENOENT -> "check the path" + root + (req.path().contains("/") ? "" : "; a name without / is not looked up in PATH by execve");
                case ELOOP -> "a symlink loop or chain of more than 40 links: fix the links";
                case EACCES -> "a directory on the way is not searchable: fix its permissions";
                case ENOTDIR -> "a component of the path is a file, not a directory";
                default -> "fix the path";
            };
            case NOT_EXECUTABLE -> "chmod +x " + req.path();
            case IS_DIRECTORY -> "name a file, not a directory";
            case SCRIPT_INTERPRETER -> f.why().contains("\\r")
                    ? "convert the script's line ends to LF: sed -i 's/\\r$//' " + req.path() + " (or dos2unix)"
                    : f.errno() == Errno.ENOENT ? "install the interpreter" + root + ", or change the #! line to one that exists"
                    : "make the interpreter executable, or change the #! line";
            case BINFMT_INTERPRETER -> "install the interpreter the binfmt_misc entry names" + root
                    + ", or re-register the entry with the F flag so it is opened on the host";
            case ELF_INTERPRETER -> f.errno() == Errno.ENOENT
                    ? "the dynamic loader the binary asks for is missing" + root + ": use a base image with that C "
                            + "library, install it, or build the program statically (CGO_ENABLED=0 for Go)"
                    : f.errno() == Errno.ELIBBAD ? "PT_INTERP names a file that is not a loader for this machine: "
                            + "install the right loader or rebuild"
                    : "the dynamic loader cannot be read: check it";
            case UNKNOWN_FORMAT -> "add a #! line naming the interpreter, or run it with its interpreter explicitly";
            case WRONG_MACHINE -> "run it on a machine of its architecture, rebuild it for " + target.arch().goarch()
                    + ", or install qemu-user-static (with binfmt-support or systemd-binfmt) to emulate it";
            case BAD_ELF -> "the file is damaged or not meant to be executed (a truncated download, an object file): "
                    + "rebuild or re-fetch it";
            case LOOP -> "shorten the chain of #! interpreters: the kernel allows at most 5 substitutions";
            case OPEN_BINARY_TWICE -> "an interpreter of a binfmt_misc entry with the O flag must be a native binary, "
                    + "not a script";
            case OTHER -> "check that the file can be read";
        };
    }

    private static String fixForMapping(String why, Target target) {
        if (why.contains("truncated")) {
            return "the file is truncated: copy, download or build it again";
        }
        if (why.contains("page size")) {
            return "relink with the target's page size as segment alignment (-z max-page-size=" + target.pageSize()
                    + "), or run on a kernel with " + "4 KiB pages";
        }
        return "the program headers describe segments that cannot be mapped: rebuild the binary";
    }

    static List<String> none() {
        return List.of();
    }
}

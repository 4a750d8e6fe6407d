package dev.execray.exec.kernel;

import dev.execray.exec.verdict.Cause;
import dev.execray.exec.verdict.ExecTrace;

import dev.execray.place.Target;
import dev.execray.rootfs.RootFs;
import java.util.Optional;

/**
 * One entry of the kernel's list of binary formats (fs/exec.c search_binary_handler()): given the exec state and
 * the first bytes of the file, it declines, substitutes an interpreter, starts the program, or ends the exec.
 * The kernel tries them in list order: binfmt_misc (registered at the head), binfmt_script, binfmt_elf (with
 * compat_binfmt_elf).
 */
public sealed interface BinfmtHandler permits MiscHandler, ScriptHandler, ElfFormatHandler {

    Result load(ExecState state, byte[] buf, Context ctx);

    /** What a handler decides. */
    sealed interface Result {
    }

    /**
     * -ENOEXEC from this handler: the next one is tried.
     *
     * @param ifLast the cause the exec fails with if no later handler takes the file (the ELF handler's
     *               reason why an ELF file is not loadable here)
     */
    record NotMine(String why, Optional<Cause> ifLast) implements Result {
        NotMine(String why) {
            this(why, Optional.empty());
        }
    }

    /** An interpreter was substituted: the loop starts over with it. */
    record Rewrite(ExecState next) implements Result {
    }

    /** The kernel is done: the program starts, or the exec ended (an errno, or a process killed). */
    record Done(KernelOutcome outcome) implements Result {
    }

    /** What every handler may consult: the place, the working directory, and the trace it adds its steps to. */
    public final class Context {
        final Target target;
        final RootFs root;
        final String cwd;
        final ExecTrace.Builder trace;
        /** The registry's summary line is shown once per exec, not once per substitution. */
        boolean registryShown;

        public Context(Target target, String cwd, ExecTrace.Builder trace) {
            this.target = target;
            this.root = target.root();
            this.cwd = cwd;
            this.trace = trace;
        }
    }
}

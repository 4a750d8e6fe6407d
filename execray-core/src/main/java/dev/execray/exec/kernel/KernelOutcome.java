package dev.execray.exec.kernel;

import dev.execray.exec.verdict.Cause;
import dev.execray.exec.verdict.Signal;

import dev.execray.rootfs.Errno;
import java.util.List;
import java.util.Optional;

/** What execve() itself does with one path: the new program starts, an errno comes back, or the process dies. */
public sealed interface KernelOutcome {

    List<String> chain();

    /**
     * @param handoff the first binfmt_misc entry that took the file, and the file it took (the guest of an emulator)
     */
    record Started(List<String> chain, List<String> argv, String program, Optional<String> loader, boolean execfd,
            boolean preserveArgv0, Optional<Handoff> handoff) implements KernelOutcome {
    }

    /** A binfmt_misc entry handed {@code guest} (canonical, in the root) to its interpreter. */
    record Handoff(dev.execray.place.BinfmtEntry entry, String guest) {
    }

    /**
     * execve() returned an error. {@code elf} is the ELF file when an ELF handler had taken it (its header passed the
     * handler's magic, e_type and elf_check_arch() tests) and it failed after that: a refusal that comes at
     * elf_check_arch() on the real machine (32-bit x86 switched off) comes before such a failure.
     */
    record Failed(Errno errno, String step, String why, List<String> chain, Cause cause, Optional<String> elf)
            implements KernelOutcome {
        /** A failure before any ELF handler took the file (open, script, binfmt_misc, a read). */
        public Failed(Errno errno, String step, String why, List<String> chain, Cause cause) {
            this(errno, step, why, chain, cause, Optional.empty());
        }
    }

    /** execve() succeeded, but the new process dies before its first instruction; {@code program} is the ELF file. */
    record Killed(Signal signal, Cause cause, String step, String why, List<String> chain, List<String> argv,
            String program) implements KernelOutcome {
    }
}

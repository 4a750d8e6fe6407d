package dev.execray.exec;

import dev.execray.rootfs.Errno;
import java.util.List;
import java.util.Optional;

/** What execve() itself does with one path: the new program starts, an errno comes back, or the process dies. */
sealed interface KernelOutcome {

    List<String> chain();

    record Started(List<String> chain, List<String> argv, String program, Optional<String> loader)
            implements KernelOutcome {
    }

    record Failed(Errno errno, String step, String why, List<String> chain, Failure kind) implements KernelOutcome {
    }

    record Killed(String signal, String step, String why, List<String> chain, List<String> argv)
            implements KernelOutcome {
    }

    /** The kinds of failure the explanation and fix depend on. */
    enum Failure {
        OPEN, NOT_EXECUTABLE, IS_DIRECTORY, SCRIPT_INTERPRETER, BINFMT_INTERPRETER, ELF_INTERPRETER, UNKNOWN_FORMAT,
        WRONG_MACHINE, BAD_ELF, LOOP, OPEN_BINARY_TWICE, OTHER
    }
}

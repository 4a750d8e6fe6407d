package dev.execray.exec.verdict;

import dev.execray.rootfs.Errno;
import java.util.List;
import java.util.Optional;

/** The answer of a simulated exec: the file runs, or it fails and why. */
public sealed interface Verdict {

    UserMessages messages();

    /**
     * The file runs.
     *
     * @param chain   the interpreters the kernel substituted, in order (script and binfmt_misc
     *                rewrites), empty when the file runs natively
     * @param argv    the argument vector the final program receives
     * @param program the file the kernel finally loads (the file itself, or the last interpreter)
     * @param loader  the ELF program interpreter (PT_INTERP) the kernel maps with it, if any
     * @param how     one line: natively, or through which chain
     * @param execfd  whether the program gets the original file as AT_EXECFD (binfmt_misc O or C flag)
     * @param preserveArgv0 whether AT_FLAGS carries AT_FLAGS_PRESERVE_ARGV0 (binfmt_misc P flag)
     */
    record Runs(List<String> chain, List<String> argv, String program, Optional<String> loader, String how,
            boolean execfd, boolean preserveArgv0, UserMessages messages) implements Verdict {
        public Runs {
            chain = List.copyOf(chain);
            argv = List.copyOf(argv);
        }
    }

    /**
     * The file does not run.
     *
     * @param stage  the stage that ended the start
     * @param cause  why, as a value: fixes and renderers switch on it
     * @param step   the label of the step that failed, for display
     * @param errno  the error execve returns, or empty when the start fails later (the loader exits, a signal)
     * @param signal the signal that kills the new process, when it is killed
     * @param chain  the interpreters substituted before the failure
     * @param why    the cause, in words
     * @param fix    what to do about it
     */
    record Fails(Stage stage, Cause cause, String step, Optional<Errno> errno, Optional<Signal> signal,
            List<String> chain, String why, String fix, UserMessages messages) implements Verdict {
        public Fails {
            chain = List.copyOf(chain);
        }

        /** The one-line message: strerror of the errno, or the signal's description. */
        public String message() {
            return errno.map(Errno::strerror).orElse(signal.map(Signal::description)
                    .orElse(messages.bash().map(b -> b.lines().findFirst().orElse(b)).orElse("failed")));
        }
    }

    /**
     * Whether the file runs hinges on a fact that cannot be read from the files. Never a polite "runs":
     * the fact is named, and so is how to settle it.
     *
     * @param stage  the stage at which the outcome stops being knowable
     * @param fact   the deciding fact
     * @param chain  the interpreters substituted so far
     * @param why    what is known and what is not, in words
     * @param settle how the user can settle it (a command to run, an option to give)
     * @param ifNot  what the user sees when the fact goes the wrong way, if known
     */
    record Depends(Stage stage, Fact fact, List<String> chain, String why, String settle, Optional<String> ifNot,
            UserMessages messages) implements Verdict {
        public Depends {
            chain = List.copyOf(chain);
        }
    }
}

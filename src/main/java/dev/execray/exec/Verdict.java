package dev.execray.exec;

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
     * @param step   the label of the step that failed
     * @param errno  the error execve returns, or empty when the process is killed by {@code signal}
     *               after exec passed its point of no return
     * @param signal e.g. SIGSEGV, for failures that cannot be returned as an errno
     * @param chain  the interpreters substituted before the failure
     * @param why    the cause, in words
     * @param fix    what to do about it
     */
    record Fails(String step, Optional<Errno> errno, Optional<String> signal, List<String> chain, String why, String fix,
            UserMessages messages) implements Verdict {
        public Fails {
            chain = List.copyOf(chain);
        }

        /** The one-line message: strerror of the errno, or the signal's description. */
        public String message() {
            return errno.map(Errno::strerror).orElse(signal.map(s -> s.equals("SIGSEGV") ? "Segmentation fault"
                    : s.equals("SIGBUS") ? "Bus error" : s)
                    .orElse(messages.bash().map(b -> b.lines().findFirst().orElse(b)).orElse("failed")));
        }
    }
}

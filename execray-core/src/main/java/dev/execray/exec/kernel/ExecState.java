package dev.execray.exec.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the kernel's exec loop carries from one handler to the next — the parts of struct linux_binprm that
 * decide the outcome: the file now being loaded, the argument vector, the interpreters substituted so far,
 * and the binfmt_misc flags that stick (O: the original file is kept open; P: argv[0] is preserved).
 *
 * @param file          the name the current file was opened by (for messages)
 * @param canonical     where it is in the root
 * @param executableSet an O-flag entry already set bprm->executable: a second substitution is ENOEXEC
 * @param handoff       the first binfmt_misc entry that took the file, and the file it took
 * @param depth         substitutions so far (exec_binprm() allows five)
 */
public record ExecState(String file, String canonical, List<String> argv, List<String> chain, boolean execfd,
        boolean executableSet, boolean preserveArgv0, Optional<KernelOutcome.Handoff> handoff, int depth) {

    public ExecState {
        argv = List.copyOf(argv);
        chain = List.copyOf(chain);
    }

    public static ExecState start(String path, String canonical, List<String> argv) {
        return new ExecState(path, canonical, argv, List.of(), false, false, false, Optional.empty(), 0);
    }

    /** The state after a handler substituted {@code interpreter} for the file. */
    ExecState rewrite(String interpreter, String interpreterCanonical, List<String> newArgv) {
        List<String> c = new ArrayList<>(chain);
        c.add(interpreter);
        return new ExecState(interpreter, interpreterCanonical, newArgv, c, execfd, executableSet, preserveArgv0,
                handoff, depth + 1);
    }

    ExecState withBinfmtFlags(boolean openBinary, boolean preserve) {
        return new ExecState(file, canonical, argv, chain, execfd || openBinary, executableSet,
                preserveArgv0 || preserve, handoff, depth);
    }

    ExecState withHandoff(KernelOutcome.Handoff h) {
        return handoff.isPresent() ? this
                : new ExecState(file, canonical, argv, chain, execfd, executableSet, preserveArgv0, Optional.of(h), depth);
    }

    public ExecState withExecutableSet() {
        return new ExecState(file, canonical, argv, chain, execfd, true, preserveArgv0, handoff, depth);
    }

    /** The arguments after argv[0], which every interpreter substitution passes on. */
    List<String> restOfArgv() {
        return argv.isEmpty() ? List.of() : argv.subList(1, argv.size());
    }

    KernelOutcome.Started started(String program, Optional<String> loader) {
        return new KernelOutcome.Started(chain, argv, program, loader, execfd, preserveArgv0, handoff);
    }
}

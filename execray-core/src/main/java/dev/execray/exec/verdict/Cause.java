package dev.execray.exec.verdict;

/**
 * Every way a start can end short of running, one value each. Verdicts and fix hints switch on these;
 * the words of a message are for display only, so a cause nobody foresaw cannot fall through to "runs".
 */
public enum Cause {
    // PATH lookup (execvp, the shell): no file to exec
    NOT_IN_PATH(Stage.LOOKUP),
    // the kernel: open_exec() and the mount the file lives on
    NOT_FOUND(Stage.OPEN),
    PATH_PROBLEM(Stage.OPEN),
    NOT_EXECUTABLE(Stage.OPEN),
    IS_DIRECTORY(Stage.OPEN),
    NOEXEC_MOUNT(Stage.OPEN),
    UNREADABLE(Stage.OPEN),
    // the kernel: binfmt_misc and binfmt_script
    BINFMT_INTERPRETER(Stage.BINFMT_MISC),
    OPEN_BINARY_TWICE(Stage.BINFMT_MISC),
    SCRIPT_INTERPRETER(Stage.SCRIPT),
    SCRIPT_CRLF(Stage.SCRIPT),
    /** Starts with #! but the kernel's script handler refused the line (too long for its buffer, blank). */
    SHEBANG_UNUSABLE(Stage.SCRIPT),
    INTERPRETER_LOOP(Stage.SCRIPT),
    // the kernel: binfmt_elf
    UNKNOWN_FORMAT(Stage.ELF),
    WRONG_MACHINE(Stage.ELF),
    NO_32BIT_SUPPORT(Stage.ELF),
    BAD_ELF(Stage.ELF),
    ELF_INTERPRETER_MISSING(Stage.INTERP),
    ELF_INTERPRETER_BAD(Stage.INTERP),
    SEGMENTS_UNMAPPABLE(Stage.LOAD),
    PAGE_SIZE(Stage.LOAD),
    TRUNCATED(Stage.LOAD),
    // an emulator the kernel handed the program to (qemu-user)
    GUEST_LOADER_MISSING(Stage.EMULATOR),
    /** qemu's own ELF loader refuses the guest ("Error mapping file"), exit status 255. */
    GUEST_INVALID(Stage.EMULATOR),
    // the dynamic loader
    LIBRARY_NOT_FOUND(Stage.LOAD),
    LIBRARY_BAD(Stage.LOAD),
    VERSION_MISSING(Stage.LOAD),
    SYMBOL_UNDEFINED(Stage.LOAD),
    SYMBOL_UNDEFINED_AT_CALL(Stage.BIND),
    // after the loaders: the program starts but is not a program for this OS
    FOREIGN_OS(Stage.RUN);

    private final Stage stage;

    Cause(Stage stage) {
        this.stage = stage;
    }

    /** The stage this cause ends the start in. */
    public Stage stage() {
        return stage;
    }
}

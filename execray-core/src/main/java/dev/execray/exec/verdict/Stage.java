package dev.execray.exec.verdict;

/** The stages of the exec path, in the order a file meets them; each step of a trace belongs to one. */
public enum Stage {
    ROOT("root"),
    LOOKUP("lookup"),
    OPEN("open"),
    BINFMT_MISC("binfmt_misc"),
    SCRIPT("script"),
    ELF("elf"),
    INTERP("interp"),
    /** The kernel mapping segments, then the dynamic loader finding, checking and binding libraries. */
    LOAD("load"),
    /** An emulator the kernel started (qemu-user) opening the guest program's own loader. */
    EMULATOR("emulator"),
    /** Lazy binding at a function's first call. */
    BIND("bind"),
    /** The program's own first instructions (another OS's system calls end here). */
    RUN("run");

    private final String label;

    Stage(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}

package dev.execray.exec;

/** The stages of the exec path, in the order a file meets them; each step of a trace belongs to one. */
public enum Stage {
    ROOT("root"),
    LOOKUP("lookup"),
    OPEN("open"),
    BINFMT_MISC("binfmt_misc"),
    SCRIPT("script"),
    ELF("elf"),
    INTERP("interp"),
    LOAD("load");

    private final String label;

    Stage(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}

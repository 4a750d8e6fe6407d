package dev.execray.exec.ld;

/**
 * The ELF identification fields a loader checks before it maps a file: class (32/64), data encoding,
 * version, OS ABI and ABI version, type, machine and the e_flags some machines compare.
 */
public record ElfIdentity(int elfClass, int data, int identVersion, int osAbi, int abiVersion, boolean paddingZero,
                          int type, int machine, long eFlags, int eVersion, int phentsize) {
    public static final int CLASS32 = 1;
    public static final int CLASS64 = 2;
    public static final int DATA_LSB = 1;
    public static final int DATA_MSB = 2;
    public static final int ET_EXEC = 2;
    public static final int ET_DYN = 3;

    public String className() {
        return elfClass == CLASS64 ? "ELFCLASS64" : elfClass == CLASS32 ? "ELFCLASS32" : "ELFCLASS?" + elfClass;
    }
}

package dev.execray.binary.elf;

/**
 * One Elf_Vernaux: a version {@code name} needed, with its ELF hash, flags (VER_FLG_WEAK 0x2 = weak
 * requirement) and {@code other}, the versym index symbols use to refer to it.
 */
public record VersionNeedAux(long offset, long hash, int flags, int other, String name) {
    public static final int VER_FLG_BASE = 0x1;
    public static final int VER_FLG_WEAK = 0x2;
    public static final int VER_FLG_INFO = 0x4;

    public boolean weak() {
        return (flags & VER_FLG_WEAK) != 0;
    }
}

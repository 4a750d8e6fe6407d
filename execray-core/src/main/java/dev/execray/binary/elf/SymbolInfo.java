package dev.execray.binary.elf;

import java.util.ArrayList;
import java.util.List;

/**
 * One Elf_Syminfo entry of the DT_SYMINFO table (Solaris direct binding): entry {@code index} describes
 * dynamic symbol {@code index}. {@code boundTo} is 0xffff (SYMINFO_BT_SELF), 0xfffe (SYMINFO_BT_PARENT),
 * or the index of the dynamic entry (a DT_NEEDED) naming the object the symbol binds to.
 */
public record SymbolInfo(int index, int boundTo, int flags) {
    public static final int BOUND_SELF = 0xffff;
    public static final int BOUND_PARENT = 0xfffe;
    /** sizeof(Elf32_Syminfo) == sizeof(Elf64_Syminfo): two 16-bit fields. */
    public static final int ENTRY_SIZE = 4;

    /** The si_flags bits readelf names, in its order. */
    public enum Flag {
        DIRECT(0x1),
        PASSTHRU(0x2),
        COPY(0x4),
        LAZYLOAD(0x8);

        private final int bit;

        Flag(int bit) {
            this.bit = bit;
        }

        public int bit() {
            return bit;
        }
    }

    public List<Flag> flagList() {
        List<Flag> out = new ArrayList<>(4);
        for (Flag f : Flag.values()) {
            if ((flags & f.bit) != 0) {
                out.add(f);
            }
        }
        return out;
    }
}

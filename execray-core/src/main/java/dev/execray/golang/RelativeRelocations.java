package dev.execray.golang;

import dev.execray.binary.ByteSource;
import dev.execray.binary.ExecutableImage;
import dev.execray.binary.FileFormat;
import dev.execray.binary.ImageSection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The load-time values of pointers in a position-independent ELF file. Such files keep a pointer as an
 * R_*_RELATIVE entry of .rela.dyn (address, addend) and 0 in the word itself; the loader writes base + addend.
 * Reading at base 0 — the link-time address — gives the addend. Only RELATIVE entries are used.
 */
final class RelativeRelocations {
    private static final int MAX_ENTRIES = 20_000_000;

    private final Map<Long, Long> addends;

    private RelativeRelocations(Map<Long, Long> addends) {
        this.addends = addends;
    }

    static RelativeRelocations of(ExecutableImage image) {
        Map<Long, Long> m = new HashMap<>();
        if (image.format() != FileFormat.ELF || image.pointerSize() != 8) {
            return new RelativeRelocations(m);
        }
        Optional<ImageSection> rela = image.section(".rela.dyn");
        if (rela.isEmpty() || rela.get().fileSize() == 0) {
            return new RelativeRelocations(m);
        }
        ByteSource o = image.source().withOrder(image.byteOrder());
        long off = rela.get().fileOffset();
        int n = o.checkTable(off, Math.min(rela.get().fileSize() / 24, MAX_ENTRIES), 24, ".rela.dyn");
        for (int i = 0; i < n; i++) {
            long e = off + 24L * i;
            long type = o.u64(e + 8, "r_info") & 0xffffffffL;
            // R_X86_64_RELATIVE 8, R_AARCH64_RELATIVE 1027, R_PPC64_RELATIVE 22, R_390_RELATIVE 12,
            // R_RISCV_RELATIVE and R_LARCH_RELATIVE 3
            if (type == 8 || type == 1027 || type == 22 || type == 12 || type == 3) {
                m.put(o.u64(e, "r_offset"), o.u64(e + 16, "r_addend"));
            }
        }
        return new RelativeRelocations(m);
    }

    boolean isEmpty() {
        return addends.isEmpty();
    }

    /** The pointer at {@code address} as the loader leaves it at base 0: the addend if relocated, else the word. */
    long word(ByteSource o, long fileOffset, long address, int ps) {
        long w = o.word(fileOffset, ps, "pointer");
        if (w == 0 && !addends.isEmpty()) {
            Long a = addends.get(address);
            if (a != null) {
                return a;
            }
        }
        return w;
    }
}

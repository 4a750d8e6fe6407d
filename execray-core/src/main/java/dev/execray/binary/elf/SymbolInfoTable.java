package dev.execray.binary.elf;

import dev.execray.binary.ByteSource;
import dev.execray.binary.FormatProblem;
import java.util.ArrayList;
import java.util.List;

/**
 * The DT_SYMINFO table: Elf_Syminfo entries parallel to the dynamic symbols, found the way readelf
 * finds it (the last DT_SYMINFO address mapped through the PT_LOAD segments, DT_SYMINSZ bytes, one
 * entry per four bytes). {@code fileOffset} is -1 when the file has none.
 */
public record SymbolInfoTable(long fileOffset, List<SymbolInfo> entries, List<FormatProblem> problems) {
    /** More entries than any dynamic symbol table execray reads has symbols. */
    static final int MAX_ENTRIES = 1 << 20;
    static final SymbolInfoTable ABSENT = new SymbolInfoTable(-1, List.of(), List.of());

    public boolean present() {
        return fileOffset >= 0;
    }

    static SymbolInfoTable read(ElfFile elf, DynamicSection dynamic) {
        long address = 0;
        long size = 0;
        List<FormatProblem> problems = new ArrayList<>();
        for (DynamicEntry e : dynamic.entries()) {
            if (e.tag().is(DynamicTag.SYMINFO)) {
                address = e.value();
            } else if (e.tag().is(DynamicTag.SYMINSZ)) {
                size = e.value();
            } else if (e.tag().is(DynamicTag.SYMINENT) && e.value() != SymbolInfo.ENTRY_SIZE) {
                // readelf: "Bad value (N) for SYMINENT entry" (an error; it still reads 4-byte entries)
                problems.add(new FormatProblem("dynamic entry DT_SYMINENT",
                        dynamic.fileOffset() + (long) e.index() * 2 * elf.wordSize(),
                        "is " + Long.toUnsignedString(e.value()) + ", not sizeof(Elf_Syminfo) = 4"));
            }
        }
        // readelf reads the table only when both the address and the size are non-zero
        if (address == 0 || size == 0) {
            return problems.isEmpty() ? ABSENT : new SymbolInfoTable(-1, List.of(), List.copyOf(problems));
        }
        ByteSource src = elf.source();
        var offset = elf.fileOffsetOf(address);
        if (offset.isEmpty() || !src.contains(offset.get(), size)) {
            problems.add(new FormatProblem("DT_SYMINFO table", offset.orElse(address),
                    "0x" + Long.toHexString(address) + " (DT_SYMINSZ " + Long.toUnsignedString(size)
                            + ") is not held in the file by any PT_LOAD segment"));
            return new SymbolInfoTable(-1, List.of(), List.copyOf(problems));
        }
        // the size lies within the file; a table larger than any real symbol table is read up to a limit
        long count = size / SymbolInfo.ENTRY_SIZE;
        int n = (int) Math.min(count, MAX_ENTRIES);
        if (count > MAX_ENTRIES) {
            problems.add(new FormatProblem("DT_SYMINFO table", offset.get(), Long.toUnsignedString(count)
                    + " entries (DT_SYMINSZ " + Long.toUnsignedString(size) + "); only the first " + n + " read"));
        }
        List<SymbolInfo> out = new ArrayList<>(n);
        long at = offset.get();
        for (int i = 0; i < n; i++, at += SymbolInfo.ENTRY_SIZE) {
            out.add(new SymbolInfo(i, src.u16(at, "Elf_Syminfo.si_boundto"), src.u16(at + 2, "Elf_Syminfo.si_flags")));
        }
        return new SymbolInfoTable(offset.get(), List.copyOf(out), List.copyOf(problems));
    }
}

package dev.execray.binary.elf;

import dev.execray.binary.BinaryFormatException;
import dev.execray.binary.ByteSource;
import dev.execray.binary.FormatProblem;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** Reads symbol tables from their sections, or the dynamic symbols through DT_SYMTAB. */
final class SymbolReader {
    private SymbolReader() {
    }

    /** The symbol table in section {@code sh}, with versions when {@code versions} is given (for .dynsym). */
    static SymbolTable fromSection(ElfFile elf, SectionHeader sh, Optional<SymbolVersions> versions) {
        List<FormatProblem> problems = new ArrayList<>();
        ByteSource src = elf.source();
        int entSize = elf.header().is64() ? 24 : 16;
        long ent = sh.entsize() == 0 ? entSize : sh.entsize();
        if (ent < entSize) {
            problems.add(new FormatProblem("section " + sh.index() + " (" + sh.name() + ")", sh.offset(),
                    "sh_entsize " + sh.entsize() + " is smaller than a symbol (" + entSize + " bytes)"));
            return new SymbolTable(Optional.of(sh), List.of(), List.copyOf(problems));
        }
        // LLVM ELFFile::getSectionContentsAsArray: "section ... has invalid sh_entsize: expected N, but got M"
        // and "... has an invalid sh_size (X) which is not a multiple of its sh_entsize (Y)"; readelf errors on
        // the second. The table is still read with the entry size given, as readelf reads it.
        if (sh.entsize() != entSize) {
            problems.add(new FormatProblem("section " + sh.index() + " (" + sh.name() + ")", sh.offset(),
                    "sh_entsize " + sh.entsize() + " is not the size of a symbol (" + entSize + " bytes)"));
        } else if (Long.remainderUnsigned(sh.size(), ent) != 0) {
            problems.add(new FormatProblem("section " + sh.index() + " (" + sh.name() + ")", sh.offset(),
                    "sh_size " + sh.size() + " is not a multiple of sh_entsize " + ent));
        }
        long n = sh.size() / ent;
        int count;
        try {
            count = src.checkTable(sh.offset(), n, ent, "symbol table " + sh.name());
        } catch (BinaryFormatException e) {
            problems.add(FormatProblem.of(e));
            return new SymbolTable(Optional.of(sh), List.of(), List.copyOf(problems));
        }
        Optional<StringTable> strings = Optional.empty();
        List<SectionHeader> all = elf.sectionHeaders();
        if (sh.link() > 0 && sh.link() < all.size() && sh.link() != sh.index()) {
            SectionHeader str = all.get((int) sh.link());
            try {
                strings = Optional.of(new StringTable(src, str.offset(), str.size(), "string table " + str.name()));
            } catch (BinaryFormatException e) {
                problems.add(FormatProblem.of(e));
            }
        } else {
            problems.add(new FormatProblem("section " + sh.index() + " (" + sh.name() + ")", sh.offset(),
                    "sh_link " + sh.link() + " names no string table"));
        }
        int[] shndxTable = extendedIndexes(elf, sh, count, problems);
        List<Symbol> symbols = read(elf, sh.offset(), count, ent, strings, shndxTable, versions, problems);
        return new SymbolTable(Optional.of(sh), symbols, List.copyOf(problems));
    }

    /** The dynamic symbols found through DT_SYMTAB, counted through the hash tables. */
    static SymbolTable fromDynamic(ElfFile elf, DynamicSection dynamic, Optional<SymbolVersions> versions) {
        if (!dynamic.has(DynamicTag.SYMTAB)) {
            return SymbolTable.EMPTY;
        }
        List<FormatProblem> problems = new ArrayList<>();
        long addr = dynamic.value(DynamicTag.SYMTAB).getAsLong();
        int entSize = elf.header().is64() ? 24 : 16;
        long ent = dynamic.value(DynamicTag.SYMENT).orElse(entSize);
        if (ent < entSize) {
            problems.add(new FormatProblem("DT_SYMENT", dynamic.fileOffset(),
                    "DT_SYMENT " + ent + " is smaller than a symbol (" + entSize + " bytes)"));
            return new SymbolTable(Optional.empty(), List.of(), List.copyOf(problems));
        }
        long n = DynamicSymbols.countFromHash(elf, dynamic, problems);
        Optional<Long> off = elf.fileOffsetOf(addr);
        if (off.isEmpty()) {
            problems.add(FormatProblem.of(DynamicSymbols.unmapped("DT_SYMTAB", addr)));
            return new SymbolTable(Optional.empty(), List.of(), List.copyOf(problems));
        }
        int count;
        try {
            count = elf.source().checkTable(off.get(), n, ent, "dynamic symbol table (DT_SYMTAB)");
        } catch (BinaryFormatException e) {
            problems.add(FormatProblem.of(e));
            return new SymbolTable(Optional.empty(), List.of(), List.copyOf(problems));
        }
        List<Symbol> symbols = read(elf, off.get(), count, ent, dynamic.stringTable(), null, versions, problems);
        return new SymbolTable(Optional.empty(), symbols, List.copyOf(problems));
    }

    /** The SHT_SYMTAB_SHNDX table that extends the section indexes of {@code symtab}, if any. */
    private static int[] extendedIndexes(ElfFile elf, SectionHeader symtab, int count,
            List<FormatProblem> problems) {
        for (SectionHeader sh : elf.sectionHeaders()) {
            if (sh.type().is(SectionType.SYMTAB_SHNDX) && sh.link() == symtab.index()) {
                try {
                    int n = elf.source().checkTable(sh.offset(), Math.min(count, sh.size() / 4), 4,
                            "section " + sh.index() + " (" + sh.name() + ")");
                    int[] out = new int[n];
                    for (int i = 0; i < n; i++) {
                        out[i] = elf.source().s32(sh.offset() + 4L * i, "extended section index table");
                    }
                    return out;
                } catch (BinaryFormatException e) {
                    problems.add(FormatProblem.of(e));
                    return null;
                }
            }
        }
        return null;
    }

    private static List<Symbol> read(ElfFile elf, long offset, int count, long ent, Optional<StringTable> strings,
            int[] shndxTable, Optional<SymbolVersions> versions, List<FormatProblem> problems) {
        ByteSource src = elf.source();
        long base = offset;
        long bytes = count * ent;
        if (!src.onHeap() && bytes > 0 && bytes <= (64L << 20)) {
            // a mapped file serves many small reads slowly: copy the table (its bounds are checked) once
            src = src.copy(offset, (int) bytes, "symbol table");
            base = 0;
        }
        boolean is64 = elf.header().is64();
        SymbolKinds kinds = elf.symbolKinds();
        StringTable str = strings.orElse(null);
        List<Symbol> out = new ArrayList<>(count);
        boolean nameReported = false;
        for (int i = 0; i < count; i++) {
            long b = base + i * ent;
            long name;
            long value;
            long size;
            int info;
            int other;
            int shndx;
            if (is64) {
                name = src.u32(b, "symbol");
                info = src.u8(b + 4, "symbol");
                other = src.u8(b + 5, "symbol");
                shndx = src.u16(b + 6, "symbol");
                value = src.u64(b + 8, "symbol");
                size = src.u64(b + 16, "symbol");
            } else {
                name = src.u32(b, "symbol");
                value = src.u32(b + 4, "symbol");
                size = src.u32(b + 8, "symbol");
                info = src.u8(b + 12, "symbol");
                other = src.u8(b + 13, "symbol");
                shndx = src.u16(b + 14, "symbol");
            }
            String nm = "";
            if (str != null && name != 0) {
                if (str.contains(name)) {
                    try {
                        nm = str.at(name);
                    } catch (BinaryFormatException e) {
                        if (!nameReported) {
                            problems.add(FormatProblem.of(e));
                            nameReported = true;
                        }
                    }
                } else if (!nameReported) {
                    problems.add(new FormatProblem("symbol " + i, offset + i * ent, "st_name 0x" + Long.toHexString(name)
                            + " is beyond its string table (0x" + Long.toHexString(str.size()) + " bytes)"));
                    nameReported = true;
                }
            }
            long section = shndx;
            if (shndx == Symbol.SHN_XINDEX && shndxTable != null && i < shndxTable.length) {
                section = shndxTable[i] & 0xffffffffL;
            }
            Optional<SymbolVersion> version = versions.isPresent()
                    ? versions.get().versionOf(i, shndx == Symbol.SHN_UNDEF)
                    : Optional.empty();
            out.add(new Symbol(i, name, nm, value, size, kinds.type(info), kinds.binding(info),
                    kinds.visibility(other), other, shndx, section, version));
        }
        return Collections.unmodifiableList(out);
    }
}

package dev.execray.binary.elf;

import dev.execray.binary.ByteSource;
import dev.execray.binary.FormatProblem;
import java.util.List;

/**
 * The structural rules LLVM's ELFFile applies to the section header table (llvm/Object/ELF.h), each
 * recorded as a problem with the section header's file offset rather than refused: the sections stay
 * readable, as they do in readelf, which warns about some of these and says nothing about others.
 * Rules about one table (a symbol table's sh_entsize) live with the reader of that table.
 */
final class SectionChecks {
    /** Reports per rule before the rest are counted in one line: a fuzzed table may break a rule 65535 times. */
    private static final int REPORTS_PER_RULE = 8;
    private static final long SHT_STRTAB = 3;

    private SectionChecks() {
    }

    /**
     * The section-name string table: LLVM ELFFile::getSectionStringTable refuses one that is not
     * SHT_STRTAB ("invalid sh_type for string table section"), is empty ("SHT_STRTAB string table section
     * ... is empty") or does not end in NUL ("... is non-null terminated"). readelf uses it anyway, and so
     * are the names here.
     */
    static void nameTable(ByteSource s, int index, long[] raw, long headerOffset, List<FormatProblem> problems) {
        String where = "section header " + index;
        if (raw[1] != SHT_STRTAB) {
            problems.add(new FormatProblem(where, headerOffset, "section-name string table has sh_type 0x"
                    + Long.toHexString(raw[1]) + ", not SHT_STRTAB (LLVM refuses it; readelf reads it)"));
        }
        if (raw[5] == 0) {
            problems.add(new FormatProblem(where, headerOffset, "section-name string table is empty"));
        } else if (s.u8(raw[4] + raw[5] - 1, "section name string table") != 0) {
            problems.add(new FormatProblem("section name string table", raw[4] + raw[5] - 1,
                    "section-name string table does not end in a NUL byte"));
        }
    }

    /** The rules about every section header; {@code entSize} is the standard header size the table was read with. */
    static void sections(ByteSource s, List<SectionHeader> all, long shoff, int entSize,
            List<FormatProblem> problems) {
        int count = all.size();
        int pastEnd = 0;
        int badLink = 0;
        int notStrtab = 0;
        for (SectionHeader sh : all) {
            long at = shoff + (long) sh.index() * entSize;
            String where = "section header " + sh.index() + describe(sh);
            // LLVM ELFFile::getSectionContents: "section ... has a sh_offset (0x..) + sh_size (0x..) that is
            // greater than the file size" (or "that cannot be represented"); section 0 is skipped because under
            // extended numbering its sh_size holds the section count
            if (sh.index() != 0 && sh.hasFileBytes() && sh.size() != 0) {
                long end = sh.offset() + sh.size();
                if (Long.compareUnsigned(end, sh.offset()) < 0 || Long.compareUnsigned(end, s.size()) > 0) {
                    if (pastEnd++ < REPORTS_PER_RULE) {
                        problems.add(new FormatProblem(where, at, "sh_offset 0x" + Long.toHexString(sh.offset())
                                + " + sh_size 0x" + Long.toHexString(sh.size()) + " is past the end of the file (size 0x"
                                + Long.toHexString(s.size()) + ")"));
                    }
                }
            }
            if (!linksToSection(sh)) {
                continue;
            }
            // LLVM ELFFile::getSection(sh_link): "invalid section index: N"; symbol tables are left to
            // SymbolReader, which reports an sh_link that names no string table when it reads them
            boolean symtab = sh.type().is(SectionType.SYMTAB) || sh.type().is(SectionType.DYNSYM);
            if (Long.compareUnsigned(sh.link(), count) >= 0) {
                if (!symtab && badLink++ < REPORTS_PER_RULE) {
                    problems.add(new FormatProblem(where, at, "sh_link " + Long.toUnsignedString(sh.link())
                            + " is not below the section count " + count));
                }
                continue;
            }
            // LLVM ELFFile::getStringTableForSymtab and getStringTable: the section a symbol table, the dynamic
            // section or a version table links to must be SHT_STRTAB ("invalid sh_type for string table section")
            boolean wantsStrings = symtab || sh.type().is(SectionType.DYNAMIC) || sh.type().is(SectionType.GNU_VERNEED)
                    || sh.type().is(SectionType.GNU_VERDEF);
            SectionHeader target = all.get((int) sh.link());
            if (wantsStrings && sh.link() != 0 && target.type().value() != SHT_STRTAB
                    && notStrtab++ < REPORTS_PER_RULE) {
                problems.add(new FormatProblem(where, at, "sh_link " + sh.link() + describe(target)
                        + " is of type " + target.type().name() + ", not a string table (SHT_STRTAB)"));
            }
        }
        summarize(pastEnd, "sections past the end of the file", shoff, problems);
        summarize(badLink, "sections whose sh_link is out of range", shoff, problems);
        summarize(notStrtab, "sections whose sh_link is not a string table", shoff, problems);
    }

    private static void summarize(int n, String what, long shoff, List<FormatProblem> problems) {
        if (n > REPORTS_PER_RULE) {
            problems.add(new FormatProblem("section header table", shoff,
                    (n - REPORTS_PER_RULE) + " more " + what + " not listed"));
        }
    }

    /** The section types whose sh_link is a section index (gABI, "sh_link and sh_info Interpretation"). */
    private static boolean linksToSection(SectionHeader sh) {
        Coded<SectionType> t = sh.type();
        return t.is(SectionType.SYMTAB) || t.is(SectionType.DYNSYM) || t.is(SectionType.DYNAMIC)
                || t.is(SectionType.HASH) || t.is(SectionType.GNU_HASH) || t.is(SectionType.REL)
                || t.is(SectionType.RELA) || t.is(SectionType.GROUP) || t.is(SectionType.SYMTAB_SHNDX)
                || t.is(SectionType.GNU_VERSYM) || t.is(SectionType.GNU_VERNEED) || t.is(SectionType.GNU_VERDEF);
    }

    private static String describe(SectionHeader sh) {
        return sh.name().isEmpty() ? "" : " (" + sh.name() + ")";
    }
}

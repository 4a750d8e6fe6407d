package dev.execray.binary.elf;

import dev.execray.binary.BinaryFormatException;
import dev.execray.binary.ByteSource;
import dev.execray.binary.FormatProblem;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Reads the section header table and resolves the section names. */
final class SectionReader {
    private SectionReader() {
    }

    static List<SectionHeader> read(ElfFile elf, List<FormatProblem> problems) {
        ElfHeader h = elf.header();
        int count = elf.sectionCount();
        if (count == 0) {
            return List.of();
        }
        boolean is64 = h.is64();
        int need = is64 ? 64 : 40;
        if (h.shentsize() < need) {
            problems.add(new FormatProblem("ELF header", is64 ? 58 : 46,
                    "e_shentsize " + h.shentsize() + " is smaller than a section header (" + need + " bytes)"));
            return List.of();
        }
        if (h.shentsize() != need) {
            // LLVM ELFFile::sections: "invalid e_shentsize in ELF header" (an error there); readelf warns and
            // reads the table with the standard size, as is done here
            problems.add(new FormatProblem("ELF header", is64 ? 58 : 46,
                    "e_shentsize " + h.shentsize() + " is not the size of a section header (" + need
                            + " bytes); read with " + need + " as readelf does"));
        }
        ByteSource s = elf.source();
        try {
            // LLVM ELFFile::sections: "section table goes past the end of file"
            s.checkTable(h.shoff(), count, need, "section header table");
        } catch (BinaryFormatException e) {
            problems.add(FormatProblem.of(e));
            return List.of();
        }
        long[][] raw = new long[count][];
        for (int i = 0; i < count; i++) {
            long b = h.shoff() + (long) i * need;
            String what = "section header " + i;
            if (is64) {
                raw[i] = new long[] {s.u32(b, what), s.u32(b + 4, what), s.u64(b + 8, what), s.u64(b + 16, what),
                    s.u64(b + 24, what), s.u64(b + 32, what), s.u32(b + 40, what), s.u32(b + 44, what),
                    s.u64(b + 48, what), s.u64(b + 56, what)};
            } else {
                raw[i] = new long[] {s.u32(b, what), s.u32(b + 4, what), s.u32(b + 8, what), s.u32(b + 12, what),
                    s.u32(b + 16, what), s.u32(b + 20, what), s.u32(b + 24, what), s.u32(b + 28, what),
                    s.u32(b + 32, what), s.u32(b + 36, what)};
            }
        }
        // the section-name string table: a problem with it costs the names, not the sections
        long strOff = 0;
        long strSize = 0;
        int strIndex = elf.sectionNameTableIndex();
        if (strIndex != 0) {
            long[] st = raw[strIndex];
            if (s.contains(st[4], st[5]) && st[1] != 8) {
                strOff = st[4];
                strSize = st[5];
                SectionChecks.nameTable(s, strIndex, st, h.shoff() + (long) strIndex * need, problems);
            } else {
                problems.add(new FormatProblem("section name string table", st[4],
                        "section " + strIndex + " of " + Long.toUnsignedString(st[5])
                                + " bytes lies outside the file (size " + s.size() + ")"));
            }
        }
        int machine = elf.machineValue();
        int osAbi = (int) elf.header().osAbi().value();
        List<SectionHeader> out = new ArrayList<>(count);
        boolean reported = false;
        for (int i = 0; i < count; i++) {
            long[] r = raw[i];
            String name = "";
            if (strSize > 0) {
                if (r[0] < strSize) {
                    try {
                        name = s.cString(strOff + r[0], strOff + strSize, "section name");
                    } catch (BinaryFormatException e) {
                        if (!reported) {
                            problems.add(FormatProblem.of(e));
                            reported = true;
                        }
                    }
                } else if (!reported) {
                    problems.add(new FormatProblem("section header " + i, h.shoff() + (long) i * need,
                            "sh_name 0x" + Long.toHexString(r[0]) + " is beyond the section-name string table (0x"
                                    + Long.toHexString(strSize) + " bytes)"));
                    reported = true;
                }
            }
            out.add(new SectionHeader(i, r[0], name, SectionType.of(r[1], machine, osAbi), r[2], r[3], r[4], r[5],
                    r[6], r[7], r[8], r[9]));
        }
        SectionChecks.sections(s, out, h.shoff(), need, problems);
        return Collections.unmodifiableList(out);
    }
}

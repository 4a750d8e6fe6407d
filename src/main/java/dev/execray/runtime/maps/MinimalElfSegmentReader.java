package dev.execray.runtime.maps;

import dev.execray.binary.BinaryFormatException;
import dev.execray.binary.ByteSource;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * TO BE REPLACED by dev.execray.binary.elf.ElfFile (branch "elf") once it is merged into main: a
 * minimal reader of the ELF file header and program headers, just enough for PT_LOAD and
 * PT_GNU_RELRO. Every read goes through {@link ByteSource}, so a damaged file fails with a
 * {@link BinaryFormatException} naming the structure and offset.
 */
final class MinimalElfSegmentReader {
    private static final long PT_LOAD = 1;
    private static final long PT_GNU_RELRO = 0x6474e552L;
    private static final int PN_XNUM = 0xffff;

    private MinimalElfSegmentReader() {
    }

    static boolean isElf(ByteSource s) {
        return s.size() >= 4 && s.u8(0, "e_ident") == 0x7f && s.u8(1, "e_ident") == 'E' && s.u8(2, "e_ident") == 'L'
                && s.u8(3, "e_ident") == 'F';
    }

    static ElfLoadSegments read(ByteSource raw) {
        if (!isElf(raw)) {
            throw new BinaryFormatException("e_ident", 0, "not an ELF file (no \\x7fELF magic)");
        }
        int cls = raw.u8(4, "e_ident[EI_CLASS]");
        int data = raw.u8(5, "e_ident[EI_DATA]");
        if (cls != 1 && cls != 2) {
            throw new BinaryFormatException("e_ident[EI_CLASS]", 4, "class " + cls + " is neither ELFCLASS32 nor ELFCLASS64");
        }
        if (data != 1 && data != 2) {
            throw new BinaryFormatException("e_ident[EI_DATA]", 5, "data encoding " + data + " is neither LSB nor MSB");
        }
        ByteSource s = raw.withOrder(data == 1 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        boolean is64 = cls == 2;
        int w = is64 ? 8 : 4;
        long phoff = s.word(is64 ? 32 : 28, w, "e_phoff");
        int phentsize = s.u16(is64 ? 54 : 42, "e_phentsize");
        long phnum = s.u16(is64 ? 56 : 44, "e_phnum");
        if (phnum == PN_XNUM) {
            // the real count is in section header 0's sh_info (extended numbering)
            long shoff = s.word(is64 ? 40 : 32, w, "e_shoff");
            phnum = s.u32(shoff + (is64 ? 44 : 28), "section header 0 sh_info");
        }
        int need = is64 ? 56 : 32;
        if (phnum > 0 && phentsize < need) {
            throw new BinaryFormatException("e_phentsize", is64 ? 54 : 42, "program header size " + phentsize + " is below " + need);
        }
        int count = s.checkTable(phoff, phnum, phentsize, "program header table");
        List<LoadSegment> loads = new ArrayList<>();
        long relroStart = 0;
        long relroEnd = 0;
        for (int i = 0; i < count; i++) {
            long at = phoff + (long) i * phentsize;
            String what = "program header " + i;
            long type = s.u32(at, what);
            long flags = s.u32(at + (is64 ? 4 : 24), what);
            long offset = s.word(at + (is64 ? 8 : 4), w, what);
            long vaddr = s.word(at + (is64 ? 16 : 8), w, what);
            long filesz = s.word(at + (is64 ? 32 : 16), w, what);
            long memsz = s.word(at + (is64 ? 40 : 20), w, what);
            if (type == PT_LOAD) {
                loads.add(new LoadSegment(i, offset, vaddr, filesz, memsz, (flags & 4) != 0, (flags & 2) != 0, (flags & 1) != 0));
            } else if (type == PT_GNU_RELRO) {
                relroStart = vaddr;
                relroEnd = vaddr + memsz;
            }
        }
        return new ElfLoadSegments(is64, List.copyOf(loads), relroStart, relroEnd);
    }
}

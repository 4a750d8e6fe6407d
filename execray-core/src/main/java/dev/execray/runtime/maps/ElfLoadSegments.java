package dev.execray.runtime.maps;

import dev.execray.binary.BinaryFormatException;
import dev.execray.binary.ByteSource;
import dev.execray.binary.elf.ElfClass;
import dev.execray.binary.elf.ElfFile;
import dev.execray.binary.elf.ProgramHeader;
import dev.execray.binary.elf.SegmentType;
import java.util.ArrayList;
import java.util.List;

/** The PT_LOAD segments of an ELF file and its PT_GNU_RELRO range (start, end), if any. */
public record ElfLoadSegments(boolean elf64, List<LoadSegment> loads, long relroStart, long relroEnd) {

    public boolean hasRelro() {
        return relroEnd > relroStart;
    }

    public static ElfLoadSegments none() {
        return new ElfLoadSegments(false, List.of(), 0, 0);
    }

    static boolean isElf(ByteSource s) {
        return s.size() >= 4 && s.u8(0, "e_ident") == 0x7f && s.u8(1, "e_ident") == 'E' && s.u8(2, "e_ident") == 'L'
                && s.u8(3, "e_ident") == 'F';
    }

    /**
     * Reads the program headers with the project's ELF reader. Headers it could not read are its
     * problems; when they leave no PT_LOAD at all, the first one is thrown, so the attribution can say why.
     */
    public static ElfLoadSegments read(ByteSource source) {
        ElfFile elf = ElfFile.read(source);
        List<LoadSegment> loads = new ArrayList<>();
        long relroStart = 0;
        long relroEnd = 0;
        for (ProgramHeader p : elf.programHeaders()) {
            if (p.isLoad()) {
                loads.add(new LoadSegment(p.index(), p.offset(), p.vaddr(), p.filesz(), p.memsz(), p.readable(), p.writable(),
                        p.executable()));
            } else if (p.type().is(SegmentType.GNU_RELRO)) {
                relroStart = p.vaddr();
                relroEnd = p.vaddr() + p.memsz();
            }
        }
        if (loads.isEmpty() && !elf.headerProblems().isEmpty()) {
            throw elf.headerProblems().get(0).toException();
        }
        if (loads.isEmpty()) {
            throw new BinaryFormatException("program header table", elf.header().phoff(), "no PT_LOAD segment");
        }
        return new ElfLoadSegments(elf.elfClass() == ElfClass.ELF64, List.copyOf(loads), relroStart, relroEnd);
    }
}

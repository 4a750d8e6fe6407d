package dev.execray.runtime.maps;

import java.util.List;

/** The PT_LOAD segments of an ELF file and its PT_GNU_RELRO range (start, end), if any. */
public record ElfLoadSegments(boolean elf64, List<LoadSegment> loads, long relroStart, long relroEnd) {

    public boolean hasRelro() {
        return relroEnd > relroStart;
    }

    public static ElfLoadSegments none() {
        return new ElfLoadSegments(false, List.of(), 0, 0);
    }
}

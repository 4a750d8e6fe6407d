package dev.execray.binary.macho;

import dev.execray.binary.SpecFlag;
import java.util.List;

/** A section / section_64 inside a segment command. {@code reserved3} exists only in section_64 (0 otherwise). */
public record MachSection(String sectname, String segname, long addr, long size, long offset, long align,
        long reloff, long nreloc, long flags, long reserved1, long reserved2, long reserved3) {
    public String typeName() {
        return SectionType.describe(flags);
    }

    public boolean isZeroFill() {
        return SectionType.of(flags).map(SectionType::isZeroFill).orElse(false);
    }

    public List<String> attributeNames() {
        return SpecFlag.names(SectionAttribute.values(), SectionAttribute.bits(flags));
    }
}

package dev.execray.binary.elf;

/**
 * Which sections a segment holds, by the rule binutils uses (ELF_SECTION_IN_SEGMENT_STRICT in
 * include/elf/internal.h): file offsets within the segment for sections with file bytes, addresses
 * within it for allocated ones, TLS sections only in TLS, LOAD and RELRO segments, and no empty
 * sections at the edges of PT_DYNAMIC or PT_NOTE.
 */
public final class SegmentMapping {
    private SegmentMapping() {
    }

    public static boolean sectionInSegmentStrict(SectionHeader s, ProgramHeader p) {
        boolean tls = (s.flags() & SectionHeader.SHF_TLS) != 0;
        boolean alloc = (s.flags() & SectionHeader.SHF_ALLOC) != 0;
        boolean nobits = s.type().is(SectionType.NOBITS);
        long pt = p.type().value();
        boolean ptTls = pt == SegmentType.TLS.value();
        boolean ptLoad = pt == SegmentType.LOAD.value();
        boolean ptRelro = pt == SegmentType.GNU_RELRO.value();
        boolean ptDynamic = pt == SegmentType.DYNAMIC.value();
        boolean ptNote = pt == SegmentType.NOTE.value();
        if (!((tls && (ptTls || ptRelro || ptLoad)) || (!tls && !ptTls && pt != SegmentType.PHDR.value()))) {
            return false;
        }
        boolean allocOnly = ptLoad || ptDynamic || pt == SegmentType.GNU_EH_FRAME.value()
                || pt == SegmentType.GNU_STACK.value() || ptRelro || pt == SegmentType.GNU_SFRAME.value()
                || (pt >= 0x6474e555L && pt < 0x6474e555L + 4096);
        if (!alloc && allocOnly) {
            return false;
        }
        long size = (tls && nobits && !ptTls) ? 0 : s.size();
        if (!nobits) {
            if (Long.compareUnsigned(s.offset(), p.offset()) < 0) {
                return false;
            }
            long rel = s.offset() - p.offset();
            if (Long.compareUnsigned(rel, p.filesz() - 1) > 0) {
                return false;
            }
            if (Long.compareUnsigned(rel + size, p.filesz()) > 0) {
                return false;
            }
        }
        if (alloc) {
            if (Long.compareUnsigned(s.addr(), p.vaddr()) < 0) {
                return false;
            }
            long rel = s.addr() - p.vaddr();
            if (Long.compareUnsigned(rel, p.memsz() - 1) > 0) {
                return false;
            }
            if (Long.compareUnsigned(rel + size, p.memsz()) > 0) {
                return false;
            }
        }
        if ((ptDynamic || ptNote) && s.size() == 0 && p.memsz() != 0) {
            boolean fileOk = nobits || (Long.compareUnsigned(s.offset(), p.offset()) > 0
                    && Long.compareUnsigned(s.offset() - p.offset(), p.filesz()) < 0);
            boolean addrOk = !alloc || (Long.compareUnsigned(s.addr(), p.vaddr()) > 0
                    && Long.compareUnsigned(s.addr() - p.vaddr(), p.memsz()) < 0);
            return fileOk && addrOk;
        }
        return true;
    }
}

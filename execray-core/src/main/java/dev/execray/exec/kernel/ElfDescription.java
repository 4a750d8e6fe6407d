package dev.execray.exec.kernel;

import dev.execray.binary.BinaryFormatException;
import dev.execray.binary.ByteSource;
import dev.execray.binary.elf.ElfFile;
import dev.execray.binary.elf.ProgramHeader;
import dev.execray.binary.elf.SegmentType;

/**
 * One line saying what an ELF file is, from the ELF reader's (the specification's) point of view —
 * class, byte order, machine, executable or PIE, how it is linked — read from the file's first
 * bytes only (the header and program headers), as the kernel reads it. The kernel's own decisions
 * are made from its raw view ({@link KernelElfHeader}); this is for the person reading the trace.
 */
public final class ElfDescription {
    private ElfDescription() {
    }

    static String of(ByteSource head, long fileSize) {
        try {
            ElfFile f = ElfFile.read(head);
            var h = f.header();
            boolean interp = f.interpreter().isPresent();
            boolean dynamic = false;
            for (ProgramHeader p : f.programHeaders()) {
                if (p.type().is(SegmentType.DYNAMIC)) {
                    dynamic = true;
                }
            }
            StringBuilder b = new StringBuilder();
            b.append(h.elfClass().name()).append(' ').append(h.data().name()).append(' ')
                    .append(MachineNames.name((int) h.machine().value()));
            long type = h.type().value();
            b.append(", ").append(type == 2 ? "executable" : type == 3 ? (interp ? "PIE" : "shared object or static-pie")
                    : h.type().name());
            b.append(", ").append(interp ? "dynamically linked" : dynamic ? "self-relocating" : "statically linked");
            return b.toString();
        } catch (BinaryFormatException e) {
            return "unreadable ELF: " + e.getMessage();
        }
    }
}

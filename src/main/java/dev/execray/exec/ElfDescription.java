package dev.execray.exec;

import dev.execray.binary.BinaryFormatException;
import dev.execray.binary.ByteSource;
import dev.execray.binary.elf.ElfFile;
import dev.execray.binary.elf.Linking;

/**
 * One line saying what an ELF file is, from the ELF reader's (the specification's) point of view —
 * class, byte order, machine, PIE or not, how it is linked. The kernel's own decisions are made from
 * its raw view ({@link KernelElfHeader}); this is for the person reading the trace.
 */
final class ElfDescription {
    private ElfDescription() {
    }

    static String of(ByteSource src) {
        try {
            ElfFile f = ElfFile.read(src);
            var h = f.header();
            StringBuilder b = new StringBuilder();
            b.append(h.elfClass().name()).append(' ').append(h.data().name().contains("MSB") ? "MSB" : "LSB").append(' ');
            b.append(MachineNames.name((int) h.machine().value()));
            String type = h.type().value() == 3 ? (f.isPie() ? "PIE" : "shared object")
                    : h.type().value() == 2 ? "executable" : h.type().name();
            b.append(", ").append(type);
            Linking l = f.linking();
            b.append(", ").append(switch (l) {
                case STATIC -> "statically linked";
                case STATIC_PIE -> "static-pie";
                case DYNAMIC -> "dynamically linked";
                case NONE -> "not linked for running";
            });
            if (!f.problems().isEmpty()) {
                b.append(" (").append(f.problems().size()).append(" structural problem")
                        .append(f.problems().size() == 1 ? "" : "s").append(")");
            }
            return b.toString();
        } catch (BinaryFormatException | IllegalArgumentException e) {
            return "unreadable ELF: " + e.getMessage();
        }
    }
}

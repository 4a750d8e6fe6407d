package dev.execray.exec.kernel;

import dev.execray.binary.elf.ElfMachine;

/**
 * Short names for the e_machine values people meet, as file(1) words them, for the trace's one-line
 * description. The machines are {@link ElfMachine}'s (the one table of e_machine values); only the
 * wording is file(1)'s, which is shorter than readelf's.
 */
public final class MachineNames {
    private MachineNames() {
    }

    static String name(int m) {
        return ElfMachine.of(m).known().map(MachineNames::fileName).orElse("machine " + m);
    }

    private static String fileName(ElfMachine m) {
        return switch (m) {
            case SPARC -> "SPARC";
            case EM_386 -> "Intel 80386";
            case EM_68K -> "Motorola 68000";
            // EM_486, since renamed EM_IAMCU
            case IAMCU -> "Intel 80486";
            case MIPS -> "MIPS";
            case PARISC -> "PA-RISC";
            case SPARC32PLUS -> "SPARC32PLUS";
            case PPC -> "PowerPC";
            case PPC64 -> "64-bit PowerPC";
            case S390 -> "IBM S/390";
            case ARM -> "ARM";
            case SH -> "Renesas SH";
            case SPARCV9 -> "SPARC V9";
            case X86_64 -> "x86-64";
            case CRIS -> "Axis cris";
            case OR1K -> "OpenRISC";
            case XTENSA -> "Tensilica Xtensa";
            case QDSP6 -> "Qualcomm Hexagon";
            case AARCH64 -> "ARM aarch64";
            case RISCV -> "RISC-V";
            case LOONGARCH -> "LoongArch";
            case ALPHA -> "Alpha";
            case MICROBLAZE_OLD -> "Xilinx MicroBlaze";
            default -> "machine " + m.value();
        };
    }
}

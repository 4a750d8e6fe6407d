package dev.execray.exec.kernel;

/** Short names for the e_machine values people meet, as file(1) words them. */
public final class MachineNames {
    private MachineNames() {
    }

    static String name(int m) {
        return switch (m) {
            case 2 -> "SPARC";
            case 3 -> "Intel 80386";
            case 4 -> "Motorola 68000";
            case 6 -> "Intel 80486";
            case 8 -> "MIPS";
            case 15 -> "PA-RISC";
            case 18 -> "SPARC32PLUS";
            case 20 -> "PowerPC";
            case 21 -> "64-bit PowerPC";
            case 22 -> "IBM S/390";
            case 40 -> "ARM";
            case 42 -> "Renesas SH";
            case 43 -> "SPARC V9";
            case 62 -> "x86-64";
            case 76 -> "Axis cris";
            case 92 -> "OpenRISC";
            case 94 -> "Tensilica Xtensa";
            case 164 -> "Qualcomm Hexagon";
            case 183 -> "ARM aarch64";
            case 243 -> "RISC-V";
            case 258 -> "LoongArch";
            case 0x9026 -> "Alpha";
            case 0xbaab -> "Xilinx MicroBlaze";
            default -> "machine " + m;
        };
    }
}

package dev.execray.binary.elf;

/**
 * How GNU readelf 2.40 names values it has no name for. Kept in one place because the ranges
 * (processor-, OS-, user-specific) and their spelling differ for every kind of constant, and the
 * oracle test compares against exactly this spelling.
 */
final class ReadelfNames {
    private ReadelfNames() {
    }

    /** C's {@code %#x}: "0" for zero, "0x..." otherwise. */
    static String altHex(long v) {
        return v == 0 ? "0" : "0x" + Long.toHexString(v);
    }

    static String segmentType(long v, int osAbi) {
        if (v >= 0x70000000L && v <= 0x7fffffffL) {
            return "LOPROC+" + altHex(v - 0x70000000L);
        }
        if (v >= 0x60000000L && v <= 0x6fffffffL) {
            long mbindLo = 0x6474e555L;
            if ((osAbi == OsAbi.GNU.value() || osAbi == OsAbi.FREEBSD.value())
                    && v >= mbindLo && v < mbindLo + 4096) {
                return "GNU_MBIND+" + altHex(v - mbindLo);
            }
            if (osAbi == OsAbi.SOLARIS.value()) {
                String sun = solarisSegmentType(v);
                if (sun != null) {
                    return sun;
                }
            }
            return "LOOS+" + altHex(v - 0x60000000L);
        }
        return "<unknown>: " + Long.toHexString(v);
    }

    /** readelf's get_solaris_segment_type, for ELFOSABI_SOLARIS files (PT_GNU_EH_FRAME's value keeps its GNU name). */
    private static String solarisSegmentType(long v) {
        return switch ((int) v) {
            case 0x6464e550 -> "PT_SUNW_UNWIND";
            case 0x6ffffff7 -> "PT_LOSUNW";
            case 0x6ffffffa -> "PT_SUNWBSS";
            case 0x6ffffffb -> "PT_SUNWSTACK";
            case 0x6ffffffc -> "PT_SUNWDTRACE";
            case 0x6ffffffd -> "PT_SUNWCAP";
            case 0x6fffffff -> "PT_HISUNW";
            default -> null;
        };
    }

    /** readelf's get_solaris_section_type, then its OS-range spelling for the rest. */
    static String solarisSectionType(long v) {
        return switch ((int) v) {
            case 0x6fffffee -> "SUNW_ancillary";
            case 0x6fffffef -> "SUNW_capchain";
            case 0x6ffffff0 -> "SUNW_capinfo";
            case 0x6ffffff1 -> "SUNW_symsort";
            case 0x6ffffff2 -> "SUNW_tlssort";
            case 0x6ffffff3 -> "SUNW_LDYNSYM";
            case 0x6ffffff4 -> "SUNW_dof";
            case 0x6ffffff5 -> "SUNW_cap";
            case 0x6ffffff6 -> "SUNW_SIGNATURE";
            case 0x6ffffff7 -> "SUNW_ANNOTATE";
            case 0x6ffffff8 -> "SUNW_DEBUGSTR";
            case 0x6ffffff9 -> "SUNW_DEBUG";
            case 0x6ffffffa -> "SUNW_move";
            case 0x6ffffffb -> "SUNW_COMDAT";
            case 0x6ffffffc -> "SUNW_syminfo";
            case 0x6ffffffd -> "SUNW_verdef";
            case 0x6ffffffe -> "SUNW_verneed";
            case 0x6fffffff -> "SUNW_versym";
            default -> "LOOS+" + altHex(v - 0x60000000L);
        };
    }

    static String sectionType(long v) {
        if (v >= 0x70000000L && v <= 0x7fffffffL) {
            return "LOPROC+" + altHex(v - 0x70000000L);
        }
        if (v >= 0x60000000L && v <= 0x6fffffffL) {
            return "LOOS+" + altHex(v - 0x60000000L);
        }
        if (v >= 0x80000000L && v <= 0xffffffffL) {
            return "LOUSER+" + altHex(v - 0x80000000L);
        }
        return String.format("%08x: <unknown>", v);
    }

    static String dynamicTag(long v) {
        if (v >= 0x70000000L && v <= 0x7fffffffL) {
            return "Processor Specific: " + Long.toHexString(v);
        }
        if (v >= 0x6000000dL && v <= 0x6ffff000L) {
            return "Operating System specific: " + Long.toHexString(v);
        }
        return "<unknown>: " + Long.toHexString(v);
    }

    /** Machines with their own list of processor-range dynamic tags (get_dynamic_type's DT_LOPROC switch). */
    private static final int[] OWN_PROCESSOR_TAGS = {183, 8, 10, 43, 20, 21, 50, 36902, 135, 140, 113, 243};

    /**
     * readelf's get_dynamic_type for an ELFOSABI_SOLARIS file: get_solaris_dynamic_type answers for the
     * OS range unless the machine is PA-RISC or IA-64, and for the processor range unless the machine
     * has its own list (those machines' unknown values keep the generic spelling).
     */
    static String solarisDynamicTag(long v, int machine) {
        boolean processor = v >= 0x70000000L && v <= 0x7fffffffL;
        boolean os = v >= 0x6000000dL && v <= 0x6ffff000L;
        boolean asks = processor ? java.util.Arrays.stream(OWN_PROCESSOR_TAGS).noneMatch(m -> m == machine)
                : os && machine != 15 && machine != 50;
        String sun = asks ? solarisDynamicTagName(v) : null;
        return sun != null ? sun : dynamicTag(v);
    }

    private static String solarisDynamicTagName(long v) {
        return switch ((int) v) {
            case 0x6000000d -> "SUNW_AUXILIARY";
            case 0x6000000e -> "SUNW_RTLDINF";
            case 0x6000000f -> "SUNW_FILTER";
            case 0x60000010 -> "SUNW_CAP";
            case 0x60000011 -> "SUNW_SYMTAB";
            case 0x60000012 -> "SUNW_SYMSZ";
            case 0x60000013 -> "SUNW_SORTENT";
            case 0x60000014 -> "SUNW_SYMSORT";
            case 0x60000015 -> "SUNW_SYMSORTSZ";
            case 0x60000016 -> "SUNW_TLSSORT";
            case 0x60000017 -> "SUNW_TLSSORTSZ";
            case 0x60000018 -> "SUNW_CAPINFO";
            case 0x60000019 -> "SUNW_STRPAD";
            case 0x6000001a -> "SUNW_CAPCHAIN";
            case 0x6000001b -> "SUNW_LDMACH";
            case 0x6000001d -> "SUNW_CAPCHAINENT";
            case 0x6000001f -> "SUNW_CAPCHAINSZ";
            case 0x60000021 -> "SUNW_PARENT";
            case 0x60000023 -> "SUNW_ASLR";
            case 0x60000025 -> "SUNW_RELAX";
            case 0x60000029 -> "SUNW_NXHEAP";
            case 0x6000002b -> "SUNW_NXSTACK";
            case 0x70000001 -> "SPARC_REGISTER";
            default -> null;
        };
    }
}

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
            return "LOOS+" + altHex(v - 0x60000000L);
        }
        return "<unknown>: " + Long.toHexString(v);
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
}

package dev.execray.binary.elf;

import java.util.ArrayList;
import java.util.List;

/** The bits of DT_FLAGS, DT_FLAGS_1 and DT_GNU_FLAGS_1 with the names readelf prints for them. */
public final class DynamicFlags {
    public static final long DF_ORIGIN = 0x1;
    public static final long DF_SYMBOLIC = 0x2;
    public static final long DF_TEXTREL = 0x4;
    public static final long DF_BIND_NOW = 0x8;
    public static final long DF_STATIC_TLS = 0x10;

    public static final long DF_1_NOW = 0x1;
    public static final long DF_1_NODEFLIB = 0x800;
    public static final long DF_1_PIE = 0x8000000;

    private static final String[] FLAGS = {"ORIGIN", "SYMBOLIC", "TEXTREL", "BIND_NOW", "STATIC_TLS"};

    /** DF_1_* in bit order, as readelf tests them. */
    private static final String[] FLAGS_1 = {"NOW", "GLOBAL", "GROUP", "NODELETE", "LOADFLTR", "INITFIRST",
        "NOOPEN", "ORIGIN", "DIRECT", "TRANS", "INTERPOSE", "NODEFLIB", "NODUMP", "CONFALT", "ENDFILTEE",
        "DISPRELDNE", "DISPRELPND", "NODIRECT", "IGNMULDEF", "NOKSYMS", "NOHDR", "EDITED", "NORELOC",
        "SYMINTPOSE", "GLOBAUDIT", "SINGLETON", "STUB", "PIE", "KMOD", "WEAKFILTER", "NOCOMMON"};

    private DynamicFlags() {
    }

    /** DT_FLAGS bit names, lowest bit first; bits without a name are "unknown" (as readelf prints them). */
    public static List<String> flagNames(long flags) {
        List<String> out = new ArrayList<>();
        for (int bit = 0; bit < 64; bit++) {
            if ((flags & (1L << bit)) != 0) {
                out.add(bit < FLAGS.length ? FLAGS[bit] : "unknown");
            }
        }
        return out;
    }

    /** DT_FLAGS_1 bit names, lowest bit first; leftover bits as one hexadecimal number (readelf's way). */
    public static List<String> flags1Names(long flags) {
        List<String> out = new ArrayList<>();
        long rest = flags;
        for (int bit = 0; bit < FLAGS_1.length; bit++) {
            if ((flags & (1L << bit)) != 0) {
                out.add(FLAGS_1[bit]);
                rest &= ~(1L << bit);
            }
        }
        if (rest != 0) {
            out.add(Long.toHexString(rest));
        }
        return out;
    }

    /** DT_GNU_FLAGS_1 names: DF_GNU_1_UNIQUE, then leftover bits in hexadecimal. */
    public static List<String> gnuFlags1Names(long flags) {
        List<String> out = new ArrayList<>();
        if ((flags & 1) != 0) {
            out.add("UNIQUE");
        }
        if ((flags & ~1L) != 0) {
            out.add(Long.toHexString(flags & ~1L));
        }
        return out;
    }
}

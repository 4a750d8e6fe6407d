package dev.execray.binary.elf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One property of an NT_GNU_PROPERTY_TYPE_0 note (.note.gnu.property): what the code was built for
 * and needs from the CPU and loader, such as the x86-64 ISA level or IBT/SHSTK and AArch64 BTI/PAC.
 */
public record GnuProperty(long type, byte[] data, boolean littleEndian) {
    public static final long STACK_SIZE = 1;
    public static final long NO_COPY_ON_PROTECTED = 2;
    public static final long GNU_PROPERTY_1_NEEDED = 0xb0008000L;
    public static final long LOPROC = 0xc0000000L;
    public static final long LOUSER = 0xe0000000L;
    public static final long X86_ISA_1_USED = 0xc0010002L;
    public static final long X86_ISA_1_NEEDED = 0xc0008002L;
    public static final long X86_FEATURE_1_AND = 0xc0000002L;
    public static final long X86_FEATURE_2_USED = 0xc0010001L;
    public static final long X86_FEATURE_2_NEEDED = 0xc0008001L;
    public static final long X86_COMPAT_ISA_1_USED = 0xc0000000L;
    public static final long X86_COMPAT_ISA_1_NEEDED = 0xc0000001L;
    public static final long X86_COMPAT_2_ISA_1_USED = 0xc0010000L;
    public static final long X86_COMPAT_2_ISA_1_NEEDED = 0xc0008000L;
    public static final long AARCH64_FEATURE_1_AND = 0xc0000000L;

    public static final int X86_FEATURE_1_IBT = 0x1;
    public static final int X86_FEATURE_1_SHSTK = 0x2;
    public static final int AARCH64_FEATURE_1_BTI = 0x1;
    public static final int AARCH64_FEATURE_1_PAC = 0x2;

    static final String[] X86_ISA = {"x86-64-baseline", "x86-64-v2", "x86-64-v3", "x86-64-v4"};

    public GnuProperty {
        data = data.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    int dataLength() {
        return data.length;
    }

    byte dataByte(int i) {
        return data[i];
    }

    /** The 4-byte value of a bitmask property, or -1 when the data is not 4 bytes. */
    public long u32() {
        if (data.length != 4) {
            return -1;
        }
        return littleEndian
                ? (data[0] & 0xffL) | (data[1] & 0xffL) << 8 | (data[2] & 0xffL) << 16 | (data[3] & 0xffL) << 24
                : (data[3] & 0xffL) | (data[2] & 0xffL) << 8 | (data[1] & 0xffL) << 16 | (data[0] & 0xffL) << 24;
    }

    /** A word-sized value (stack size), or -1 when the data is not {@code width} bytes. */
    long word(int width) {
        if (data.length != width) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < width; i++) {
            int b = data[littleEndian ? width - 1 - i : i] & 0xff;
            v = (v << 8) | b;
        }
        return v;
    }

    /** The x86-64 micro-architecture levels ("x86-64-v2", ...) in an X86_ISA_1_NEEDED/USED bitmask. */
    public static List<String> x86IsaLevels(long bitmask) {
        List<String> out = new ArrayList<>();
        for (int bit = 0; bit < 32; bit++) {
            if ((bitmask & (1L << bit)) != 0) {
                out.add(bit < X86_ISA.length ? X86_ISA[bit] : "<unknown: " + Long.toHexString(1L << bit) + ">");
            }
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GnuProperty p && p.type == type && Arrays.equals(p.data, data)
                && p.littleEndian == littleEndian;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(type) * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "GnuProperty[type=0x" + Long.toHexString(type) + ", " + data.length + " bytes]";
    }
}

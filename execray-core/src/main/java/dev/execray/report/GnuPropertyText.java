package dev.execray.report;

import dev.execray.binary.elf.ElfFile;
import dev.execray.binary.elf.ElfMachine;
import dev.execray.binary.elf.GnuProperty;
import dev.execray.binary.elf.NoteContent;
import dev.execray.binary.elf.NoteContent.GnuProperties.Corruption;
import java.util.List;
import java.util.Optional;

/** GNU property descriptions in readelf's words ("x86 ISA needed: x86-64-baseline", "AArch64 feature: BTI"). */
final class GnuPropertyText {
    private static final String[] X86_ISA = {"x86-64-baseline", "x86-64-v2", "x86-64-v3", "x86-64-v4"};
    private static final String[] X86_FEATURE_1 = {"IBT", "SHSTK", "LAM_U48", "LAM_U57"};
    private static final String[] X86_FEATURE_2 = {"x86", "x87", "MMX", "XMM", "YMM", "ZMM", "FXSR", "XSAVE",
        "XSAVEOPT", "XSAVEC", "TMM", "MASK"};
    private static final String[] X86_COMPAT_ISA = {"i486", "586", "686", "SSE", "SSE2", "SSE3", "SSSE3", "SSE4_1",
        "SSE4_2", "AVX", "AVX2", "AVX512F", "AVX512CD", "AVX512ER", "AVX512PF", "AVX512VL", "AVX512DQ", "AVX512BW"};
    private static final String[] X86_COMPAT_2_ISA = {"CMOV", "SSE", "SSE2", "SSE3", "SSSE3", "SSE4_1", "SSE4_2",
        "AVX", "AVX2", "FMA", "AVX512F", "AVX512CD", "AVX512ER", "AVX512PF", "AVX512VL", "AVX512DQ", "AVX512BW",
        "AVX512_4FMAPS", "AVX512_4VNNIW", "AVX512_BITALG", "AVX512_IFMA", "AVX512_VBMI", "AVX512_VBMI2",
        "AVX512_VNNI", "AVX512_BF16"};
    private static final String[] AARCH64_FEATURE_1 = {"BTI", "PAC"};

    private GnuPropertyText() {
    }

    /**
     * The whole "Properties: ..." text of an NT_GNU_PROPERTY_TYPE_0 note, as readelf prints it, from the
     * properties {@code binary.elf} decoded (and how the list is malformed, if it is).
     */
    static String render(ElfFile elf, NoteContent.GnuProperties g) {
        StringBuilder out = new StringBuilder("      Properties: ");
        int size = elf.header().elfClass().wordSize();
        boolean le = elf.byteOrder() == java.nio.ByteOrder.LITTLE_ENDIAN;
        Optional<Corruption> corruption = g.corruption();
        if (corruption.isPresent() && corruption.get() instanceof Corruption.BadSize b) {
            return out.append("<corrupt GNU_PROPERTY_TYPE, size = 0x").append(Integer.toHexString(b.descsz()))
                    .append(">\n").toString();
        }
        List<GnuProperty> props = g.properties();
        // the property whose data overran the descriptor is in the list without data; readelf names only its fault
        int whole = props.size() - (corruption.isPresent() && corruption.get() instanceof Corruption.DataOverrun ? 1 : 0);
        for (int i = 0; i < whole; i++) {
            if (i > 0) {
                out.append(", ");
            }
            byte[] data = props.get(i).data();
            describe(elf, props.get(i).type(), data, 0, data.length, size, le, out);
        }
        if (corruption.isPresent()) {
            if (whole > 0) {
                out.append(", ");
            }
            if (corruption.get() instanceof Corruption.Truncated t) {
                out.append("<corrupt descsz: 0x").append(Integer.toHexString(t.descsz())).append('>');
            } else if (corruption.get() instanceof Corruption.DataOverrun o) {
                out.append("<corrupt type (").append(altHex(o.type())).append(") datasz: ").append(altHex(o.datasz()))
                        .append('>');
            }
        }
        return out.append('\n').toString();
    }

    private static void describe(ElfFile elf, long type, byte[] d, int p, int datasz, int size, boolean le,
            StringBuilder out) {
        ElfMachine m = elf.header().machine().known().orElse(null);
        if (type >= GnuProperty.LOPROC && type <= 0xdfffffffL) {
            if (m == ElfMachine.X86_64 || m == ElfMachine.IAMCU || m == ElfMachine.EM_386) {
                long mask = datasz == 4 ? u32(d, p, le) : 0;
                String label = null;
                String[] names = null;
                boolean noneIfZero = false;
                if (type == GnuProperty.X86_ISA_1_USED) {
                    label = "x86 ISA used: ";
                    names = X86_ISA;
                } else if (type == GnuProperty.X86_ISA_1_NEEDED) {
                    label = "x86 ISA needed: ";
                    names = X86_ISA;
                } else if (type == GnuProperty.X86_FEATURE_1_AND) {
                    label = "x86 feature: ";
                    names = X86_FEATURE_1;
                    noneIfZero = true;
                } else if (type == GnuProperty.X86_FEATURE_2_USED) {
                    label = "x86 feature used: ";
                    names = X86_FEATURE_2;
                    noneIfZero = true;
                } else if (type == GnuProperty.X86_FEATURE_2_NEEDED) {
                    label = "x86 feature needed: ";
                    names = X86_FEATURE_2;
                    noneIfZero = true;
                } else if (type == GnuProperty.X86_COMPAT_ISA_1_USED) {
                    label = "x86 ISA used: ";
                    names = X86_COMPAT_ISA;
                } else if (type == GnuProperty.X86_COMPAT_ISA_1_NEEDED) {
                    label = "x86 ISA needed: ";
                    names = X86_COMPAT_ISA;
                } else if (type == GnuProperty.X86_COMPAT_2_ISA_1_USED) {
                    label = "x86 ISA used: ";
                    names = X86_COMPAT_2_ISA;
                    noneIfZero = true;
                } else if (type == GnuProperty.X86_COMPAT_2_ISA_1_NEEDED) {
                    label = "x86 ISA needed: ";
                    names = X86_COMPAT_2_ISA;
                    noneIfZero = true;
                }
                if (label != null) {
                    if (datasz != 4) {
                        out.append(label, 0, label.length() - 2).append(": <corrupt length: ").append(altHex(datasz))
                                .append("> ");
                    } else {
                        out.append(label);
                        bits(mask, names, noneIfZero, out);
                    }
                    return;
                }
            } else if (m == ElfMachine.AARCH64 && type == GnuProperty.AARCH64_FEATURE_1_AND) {
                out.append("AArch64 feature: ");
                if (datasz != 4) {
                    out.append("<corrupt length: ").append(altHex(datasz)).append("> ");
                } else {
                    bits(u32(d, p, le), AARCH64_FEATURE_1, false, out);
                }
                return;
            }
        } else {
            if (type == GnuProperty.STACK_SIZE) {
                out.append("stack size: ");
                if (datasz != size) {
                    out.append("<corrupt length: ").append(altHex(datasz)).append("> ");
                } else {
                    out.append(altHex(word(d, p, size, le)));
                }
                return;
            }
            if (type == GnuProperty.NO_COPY_ON_PROTECTED) {
                out.append("no copy on protected ");
                if (datasz != 0) {
                    out.append("<corrupt length: ").append(altHex(datasz)).append("> ");
                }
                return;
            }
            if (type >= 0xb0000000L && type <= 0xb000ffffL) {
                if (type == GnuProperty.GNU_PROPERTY_1_NEEDED) {
                    if (datasz != 4) {
                        out.append("1_needed: <corrupt length: ").append(altHex(datasz)).append("> ");
                    } else {
                        out.append("1_needed: ");
                        bits(u32(d, p, le), new String[] {"indirect external access"}, false, out);
                    }
                    return;
                }
                out.append(type <= 0xb0007fffL ? "UINT32_AND (" : "UINT32_OR (").append(altHex(type)).append("): ");
                if (datasz != 4) {
                    out.append("<corrupt length: ").append(altHex(datasz)).append("> ");
                } else {
                    out.append(altHex(u32(d, p, le)));
                }
                return;
            }
        }
        if (type < GnuProperty.LOPROC) {
            out.append("<unknown type ");
        } else if (type < GnuProperty.LOUSER) {
            out.append("<processor-specific type ");
        } else {
            out.append("<application-specific type ");
        }
        out.append(altHex(type)).append(" data: ");
        for (int j = 0; j < datasz; j++) {
            ReadelfText.hex2(out, d[p + j] & 0xff).append(' ');
        }
        out.append('>');
    }

    private static void bits(long mask, String[] names, boolean noneIfZero, StringBuilder out) {
        if (mask == 0 && noneIfZero) {
            out.append("<None>");
            return;
        }
        long m = mask;
        while (m != 0) {
            long bit = m & -m;
            m &= ~bit;
            int i = Long.numberOfTrailingZeros(bit);
            out.append(i < names.length ? names[i] : "<unknown: " + Long.toHexString(bit) + ">");
            if (m != 0) {
                out.append(", ");
            }
        }
    }

    static String altHex(long v) {
        return v == 0 ? "0" : "0x" + Long.toHexString(v);
    }

    private static long u32(byte[] d, int i, boolean le) {
        return word(d, i, 4, le);
    }

    private static long word(byte[] d, int at, int width, boolean le) {
        long v = 0;
        for (int i = 0; i < width; i++) {
            v = (v << 8) | (d[at + (le ? width - 1 - i : i)] & 0xff);
        }
        return v;
    }
}

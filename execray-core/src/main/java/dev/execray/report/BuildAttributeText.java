package dev.execray.report;

import dev.execray.binary.elf.ElfFile;
import dev.execray.binary.elf.Note;
import dev.execray.binary.elf.Symbol;
import dev.execray.binary.elf.SymbolBinding;
import dev.execray.binary.elf.SymbolType;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * GNU build-attribute notes (annobin's .gnu.build.attributes, types OPEN 0x100 and FUNC 0x101) the
 * way readelf prints them: the name field encodes an attribute and its value ("GA*<stack prot>on"),
 * the descriptor the address range it applies to, named after a symbol at its start. A zero-length
 * descriptor means "the range of the previous note of the same type", hence the state object.
 */
final class BuildAttributeText {
    /** The ranges carried from one note to the next, as readelf keeps them. */
    static final class State {
        long globalOffset;
        long globalEnd;
        long funcOffset;
        long funcEnd;
    }

    private BuildAttributeText() {
    }

    static boolean applies(Note n) {
        byte[] d = n.nameData();
        boolean marked = (d.length > 2 && d[0] == 'G' && d[1] == 'A' && "*$!+".indexOf(d[2]) >= 0)
                || (d.length > 0 && "*$!+".indexOf(d[0]) >= 0);
        return marked && (n.type() == 0x100 || n.type() == 0x101);
    }

    /** The owner column, decoded from the name field and padded to 28 characters as readelf does with --wide. */
    static void name(Note n, StringBuilder out) {
        byte[] nm = n.nameData();
        if (nm.length < 2) {
            out.append(String.format("%-20s", "  <corrupt name>"));
            return;
        }
        int start = out.length();
        int p = 0;
        if (nm[0] == 'G' && nm[1] == 'A') {
            out.append("GA");
            p = 2;
        }
        char type = (char) nm[p++];
        out.append(type);
        int attr = p < nm.length ? nm[p] & 0xff : 0;
        String text = switch (attr) {
            case 1 -> "<version>";
            case 2 -> "<stack prot>";
            case 3 -> "<relro>";
            case 4 -> "<stack size>";
            case 5 -> "<tool>";
            case 6 -> "<ABI>";
            case 7 -> "<PIC>";
            case 8 -> "<short enum>";
            default -> null;
        };
        if (text != null) {
            p++;
        } else if (attr >= 0x20 && attr < 0x7f) {
            // a named attribute: its NUL-terminated name and a colon
            int e = p;
            while (e < nm.length && nm[e] != 0) {
                e++;
            }
            out.append(new String(nm, p, e - p, StandardCharsets.ISO_8859_1)).append(':');
            p = e + 1;
        } else {
            text = "<unknown:_" + (byte) attr + ">";
            p++;
        }
        if (text != null) {
            out.append(text);
        }
        switch (type) {
            case '*' -> out.append(numericValue(nm, p, attr));
            case '$' -> {
                int e = p;
                while (e < nm.length && nm[e] != 0) {
                    e++;
                }
                out.append(new String(nm, p, Math.max(0, e - p), StandardCharsets.ISO_8859_1));
            }
            case '+' -> out.append("true");
            case '!' -> out.append("false");
            default -> {
            }
        }
        while (out.length() - start < 28) {
            out.append(' ');
        }
    }

    /** A little-endian number after the attribute, named for PIC and stack protection as readelf names them. */
    private static String numericValue(byte[] nm, int p, int attr) {
        int bytes = Math.max(0, nm.length - p);
        if (bytes > 0) {
            bytes--;
        }
        bytes = Math.min(bytes, 8);
        long val = 0;
        for (int i = 0; i < bytes; i++) {
            val |= (long) (nm[p + i] & 0xff) << (8 * i);
        }
        if (attr == 7 && val >= 0 && val <= 4) {
            return new String[] {"static", "pic", "PIC", "pie", "PIE"}[(int) val];
        }
        if (attr == 2 && val >= 0 && val <= 4) {
            return new String[] {"off", "on", "all", "strong", "explicit"}[(int) val];
        }
        return "0x" + Long.toHexString(val);
    }

    /** The "Applies to region from ..." line, ending with its newline. */
    static void description(ElfFile elf, Note n, State st, StringBuilder out) {
        boolean open = n.type() == 0x100;
        long start;
        long end;
        byte[] d = n.desc();
        boolean le = elf.byteOrder() == java.nio.ByteOrder.LITTLE_ENDIAN;
        switch (d.length) {
            case 0 -> {
                long off = open ? st.globalOffset : st.funcOffset;
                long e = open ? st.globalEnd : st.funcEnd;
                out.append("    Applies to region from ").append(altHex(off));
                if (Long.compareUnsigned(e, off) > 0) {
                    out.append(" to ").append(altHex(e));
                }
                out.append('\n');
                return;
            }
            case 4 -> {
                start = word(d, 0, 4, le);
                end = 0;
            }
            case 8 -> {
                start = word(d, 0, 4, le);
                end = word(d, 4, 4, le);
            }
            case 16 -> {
                start = word(d, 0, 8, le);
                end = word(d, 8, 8, le);
            }
            default -> {
                out.append("    <invalid descsz>");
                return;
            }
        }
        Symbol sym = symbolAt(elf, start, open);
        if (sym == null && open) {
            sym = symbolAt(elf, start + 2, open);
        }
        if (end == 0 && sym != null && sym.size() > 0) {
            end = start + sym.size();
        }
        out.append("    Applies to region from ").append(altHex(start));
        if (open) {
            st.globalOffset = start;
        } else {
            st.funcOffset = start;
        }
        if (end != 0) {
            out.append(" to ").append(altHex(end));
            if (open) {
                st.globalEnd = end;
            } else {
                st.funcEnd = end;
            }
        }
        if (sym != null) {
            out.append(" (").append(sym.name()).append(')');
        }
        out.append('\n');
    }

    /** readelf's choice of symbol for an address: see get_symbol_for_build_attribute in binutils. */
    private static Symbol symbolAt(ElfFile elf, long value, boolean open) {
        List<Symbol> syms = elf.symbols();
        Symbol saved = null;
        for (Symbol s : syms) {
            if (s.value() != value || s.name().isEmpty()) {
                continue;
            }
            String nm = s.name();
            if (nm.length() == 2 && nm.charAt(0) == '$') {
                continue;
            }
            if (open) {
                if (s.type().is(SymbolType.OBJECT) || s.type().is(SymbolType.FILE)) {
                    saved = s;
                    if (s.size() != 0) {
                        break;
                    }
                    continue;
                }
                if (s.type().is(SymbolType.FUNC)) {
                    continue;
                }
                if (s.binding().is(SymbolBinding.GLOBAL)) {
                    if (saved == null || !saved.type().is(SymbolType.OBJECT)) {
                        saved = s;
                    }
                } else if (s.binding().is(SymbolBinding.LOCAL) && saved == null) {
                    saved = s;
                }
            } else {
                if (s.type().is(SymbolType.FUNC)) {
                    return s;
                }
            }
        }
        return saved;
    }

    private static String altHex(long v) {
        return v == 0 ? "0" : "0x" + Long.toHexString(v);
    }

    private static long word(byte[] d, int at, int width, boolean le) {
        long v = 0;
        for (int i = 0; i < width; i++) {
            v = (v << 8) | (d[at + (le ? width - 1 - i : i)] & 0xff);
        }
        return v;
    }
}

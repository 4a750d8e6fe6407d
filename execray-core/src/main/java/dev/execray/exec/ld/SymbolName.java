package dev.execray.exec.ld;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A symbol name ready for hash-table lookups: its bytes, its GNU hash ({@code dl_new_hash}) and its
 * SysV ELF hash ({@code _dl_elf_hash}), computed once and reused across every object in a scope. The text
 * is decoded only when a message needs it.
 */
public final class SymbolName {
    private final byte[] bytes;
    private final int gnuHash;
    private String text;
    private long elfHash = -1;

    private SymbolName(byte[] bytes, String text) {
        this.bytes = bytes;
        this.text = text;
        this.gnuHash = gnuHash(bytes);
    }

    public static SymbolName of(String text) {
        return new SymbolName(text.getBytes(StandardCharsets.UTF_8), text);
    }

    /** From the raw bytes of a string table entry (not copied: the caller hands them over). */
    public static SymbolName ofBytes(byte[] bytes) {
        return new SymbolName(bytes, null);
    }

    public String text() {
        if (text == null) {
            text = new String(bytes, StandardCharsets.UTF_8);
        }
        return text;
    }

    public byte[] bytes() {
        return bytes;
    }

    public int gnuHash() {
        return gnuHash;
    }

    public long elfHash() {
        if (elfHash < 0) {
            long h = 0;
            for (byte x : bytes) {
                h = (h << 4) + (x & 0xff);
                long g = h & 0xf0000000L;
                if (g != 0) {
                    h ^= g >>> 24;
                }
                h &= ~g;
            }
            elfHash = h & 0xffffffffL;
        }
        return elfHash;
    }

    static int gnuHash(byte[] b) {
        int h = 5381;
        for (byte x : b) {
            h = h * 33 + (x & 0xff);
        }
        return h;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SymbolName s && s.gnuHash == gnuHash && Arrays.equals(s.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return gnuHash;
    }

    @Override
    public String toString() {
        return text();
    }
}

package dev.execray.exec.loader;

import java.nio.charset.StandardCharsets;

/**
 * A symbol name ready for hash-table lookups: its bytes, its GNU hash ({@code dl_new_hash}) and its
 * SysV ELF hash ({@code _dl_elf_hash}), computed once and reused across every object in a scope.
 */
public record SymbolName(String text, byte[] bytes, int gnuHash, long elfHash) {

    public static SymbolName of(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return new SymbolName(text, b, gnuHash(b), elfHash(b));
    }

    static int gnuHash(byte[] b) {
        int h = 5381;
        for (byte x : b) {
            h = h * 33 + (x & 0xff);
        }
        return h;
    }

    static long elfHash(byte[] b) {
        long h = 0;
        for (byte x : b) {
            h = (h << 4) + (x & 0xff);
            long g = h & 0xf0000000L;
            if (g != 0) {
                h ^= g >>> 24;
            }
            h &= ~g;
        }
        return h & 0xffffffffL;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SymbolName s && s.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}

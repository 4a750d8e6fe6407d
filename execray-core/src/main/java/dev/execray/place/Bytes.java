package dev.execray.place;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/** An immutable run of bytes with value equality: a binfmt magic, mask or extension. */
public final class Bytes {
    private final byte[] data;

    private Bytes(byte[] data) {
        this.data = data;
    }

    public static Bytes of(byte[] data) {
        return new Bytes(data.clone());
    }

    public static Bytes of(byte[] data, int from, int to) {
        return new Bytes(Arrays.copyOfRange(data, from, to));
    }

    public static Bytes utf8(String s) {
        return new Bytes(s.getBytes(StandardCharsets.UTF_8));
    }

    public static Bytes hex(String hex) {
        return new Bytes(HexFormat.of().parseHex(hex));
    }

    public int length() {
        return data.length;
    }

    public int at(int i) {
        return data[i] & 0xff;
    }

    public byte[] toArray() {
        return data.clone();
    }

    /** Lower-case hex without separators, as the kernel's bin2hex prints magic and mask. */
    public String toHex() {
        return HexFormat.of().formatHex(data);
    }

    /** Every byte as {@code \xHH}, the escape binfmt_misc registration strings use. */
    public String toEscaped() {
        StringBuilder b = new StringBuilder(data.length * 4);
        for (byte x : data) {
            b.append(String.format("\\x%02x", x & 0xff));
        }
        return b.toString();
    }

    /** Printable ASCII as is, anything else as {@code \xHH}: for showing magic to people. */
    public String toReadable() {
        StringBuilder b = new StringBuilder();
        for (byte x : data) {
            int c = x & 0xff;
            if (c >= 0x21 && c < 0x7f && c != '\\') {
                b.append((char) c);
            } else {
                b.append(String.format("\\x%02x", c));
            }
        }
        return b.toString();
    }

    public String utf8() {
        return new String(data, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bytes b && Arrays.equals(data, b.data);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return toReadable();
    }
}

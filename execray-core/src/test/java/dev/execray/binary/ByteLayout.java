package dev.execray.binary;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte array for tests that build files field by field, in either byte order, and patch
 * fields afterwards (hostile-input tests start from a valid file and break one field).
 */
public final class ByteLayout {
    private byte[] bytes;
    private int size;
    private final boolean bigEndian;
    private final boolean inPlace;

    public ByteLayout(boolean bigEndian) {
        this(new byte[256], 0, bigEndian, false);
    }

    private ByteLayout(byte[] bytes, int size, boolean bigEndian, boolean inPlace) {
        this.bytes = bytes;
        this.size = size;
        this.bigEndian = bigEndian;
        this.inPlace = inPlace;
    }

    /** Writes into {@code target} itself: for breaking one field of a built file. */
    public static ByteLayout patch(byte[] target, boolean bigEndian) {
        return new ByteLayout(target, target.length, bigEndian, true);
    }

    public static ByteLayout patch(byte[] target) {
        return patch(target, false);
    }

    public static ByteLayout littleEndian() {
        return new ByteLayout(false);
    }

    public int size() {
        return size;
    }

    private void ensure(long end) {
        if (inPlace && end > bytes.length) {
            throw new IllegalArgumentException("patch past the end of the file: " + end);
        }
        if (end > bytes.length) {
            bytes = Arrays.copyOf(bytes, (int) Math.max(end, bytes.length * 2L));
        }
        size = (int) Math.max(size, end);
    }

    public ByteLayout u8(long at, int v) {
        ensure(at + 1);
        bytes[(int) at] = (byte) v;
        return this;
    }

    public ByteLayout u16(long at, int v) {
        ensure(at + 2);
        for (int i = 0; i < 2; i++) {
            bytes[(int) at + (bigEndian ? 1 - i : i)] = (byte) (v >>> (8 * i));
        }
        return this;
    }

    public ByteLayout u32(long at, long v) {
        ensure(at + 4);
        for (int i = 0; i < 4; i++) {
            bytes[(int) at + (bigEndian ? 3 - i : i)] = (byte) (v >>> (8 * i));
        }
        return this;
    }

    public ByteLayout u64(long at, long v) {
        ensure(at + 8);
        for (int i = 0; i < 8; i++) {
            bytes[(int) at + (bigEndian ? 7 - i : i)] = (byte) (v >>> (8 * i));
        }
        return this;
    }

    public ByteLayout word(long at, long v, int width) {
        return width == 8 ? u64(at, v) : u32(at, v);
    }

    public ByteLayout bytes(long at, byte[] b) {
        ensure(at + b.length);
        System.arraycopy(b, 0, bytes, (int) at, b.length);
        return this;
    }

    /** The string's bytes and a NUL. */
    public ByteLayout cString(long at, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        bytes(at, b);
        return u8(at + b.length, 0);
    }

    /** A NUL-padded fixed-width name field. */
    public ByteLayout fixed(long at, String s, int width) {
        byte[] b = Arrays.copyOf(s.getBytes(StandardCharsets.UTF_8), width);
        return bytes(at, b);
    }

    /** Zero bytes up to {@code end}. */
    public ByteLayout padTo(long end) {
        ensure(end);
        return this;
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    public byte[] toBytes() {
        return Arrays.copyOf(bytes, size);
    }
}

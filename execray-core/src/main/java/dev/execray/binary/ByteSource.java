package dev.execray.binary;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The one bounded reader every parser goes through. It knows how many bytes there are and in which
 * order they are stored; any read that would leave the file throws {@link BinaryFormatException}
 * naming the structure and offset, so a malformed file can never turn into an index error, a huge
 * allocation or a hang.
 *
 * <p>Small files are read onto the heap (one read is cheaper than a mapping for the thousands of
 * small files a scan meets); large files are memory-mapped so that a 100 MB binary costs no copy.
 * Instances are immutable views: {@link #withOrder} and {@link #slice} share the bytes.
 */
public final class ByteSource {
    /** Files at most this large are read onto the heap rather than mapped. */
    static final long MAP_THRESHOLD = 256L << 10;

    // heap-backed sources read their array through these: no ByteBuffer bounds and scope checks on
    // every field of every symbol (the bounds are checked here, once, against the file size)
    private static final VarHandle SHORT_LE = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle SHORT_BE = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT_BE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private final ByteBuffer buffer;
    private final long base;
    private final long size;
    private final ByteOrder order;
    private final boolean littleEndian;
    /** The backing array of a heap buffer, or null for mapped files. */
    private final byte[] array;
    private final int arrayBase;

    private ByteSource(ByteBuffer buffer, long base, long size, ByteOrder order) {
        // a private duplicate per view: absolute reads on it never disturb another view's byte order
        this.buffer = buffer.duplicate().order(order);
        this.base = base;
        this.size = size;
        this.order = order;
        this.littleEndian = order == ByteOrder.LITTLE_ENDIAN;
        this.array = buffer.hasArray() ? buffer.array() : null;
        this.arrayBase = buffer.hasArray() ? buffer.arrayOffset() : 0;
    }

    public static ByteSource of(byte[] bytes) {
        return new ByteSource(ByteBuffer.wrap(bytes), 0, bytes.length, ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Refuses what is neither a regular file nor a directory (left to open, which says EISDIR) before it is opened:
     * opening a FIFO waits for a writer, a terminal for input, so a reader would hang where it should say why.
     */
    private static void regularOrDirectory(Path path) throws IOException {
        java.nio.file.attribute.BasicFileAttributes a;
        try {
            a = Files.readAttributes(path, java.nio.file.attribute.BasicFileAttributes.class);
        } catch (IOException e) {
            return; // missing or unreachable: open says so in its own words
        }
        if (a.isOther()) {
            throw new java.nio.file.FileSystemException(path.toString(), null, "not a regular file");
        }
    }

    /** Reads or maps a whole file. Files beyond 2 GiB are rejected: no executable format here uses them. */
    public static ByteSource open(Path path) throws IOException {
        regularOrDirectory(path);
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size > Integer.MAX_VALUE) {
                throw new BinaryFormatException("file", 0, "file of " + size + " bytes is larger than 2 GiB");
            }
            ByteBuffer buf;
            if (size > MAP_THRESHOLD) {
                buf = ch.map(FileChannel.MapMode.READ_ONLY, 0, size);
            } else {
                buf = ByteBuffer.allocate((int) size);
                while (buf.hasRemaining() && ch.read(buf) >= 0) {
                    // keep reading: FileChannel may return short reads
                }
                buf.flip();
                size = buf.limit(); // the file may have shrunk while we read it
            }
            return new ByteSource(buf, 0, size, ByteOrder.LITTLE_ENDIAN);
        }
    }

    /**
     * Maps a whole file whatever its size: for readers that touch a few pages of many files (Go build info
     * of a whole directory), where reading small files onto the heap would copy bytes never looked at, and
     * for callers that keep many files open at once (a loader session holds every library of a root):
     * mapped bytes live outside the Java heap.
     */
    public static ByteSource map(Path path) throws IOException {
        regularOrDirectory(path);
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size > Integer.MAX_VALUE) {
                throw new BinaryFormatException("file", 0, "file of " + size + " bytes is larger than 2 GiB");
            }
            if (size == 0) {
                return of(new byte[0]);
            }
            return new ByteSource(ch.map(FileChannel.MapMode.READ_ONLY, 0, size), 0, size, ByteOrder.LITTLE_ENDIAN);
        }
    }

    /**
     * Maps {@code length} bytes of a file from {@code offset}: a file stored inside a larger one (a member of
     * an uncompressed image layer), kept off the heap like {@link #map(Path)}.
     */
    public static ByteSource map(Path path, long offset, long length) throws IOException {
        if (length > Integer.MAX_VALUE || offset < 0 || length < 0) {
            throw new BinaryFormatException("file", offset, "region of " + length + " bytes is not mappable");
        }
        if (length == 0) {
            return of(new byte[0]);
        }
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            if (offset + length > ch.size()) {
                throw new BinaryFormatException("file", offset, "region of " + length + " bytes runs past the end of "
                        + path + " (" + ch.size() + " bytes)");
            }
            return new ByteSource(ch.map(FileChannel.MapMode.READ_ONLY, offset, length), 0, length, ByteOrder.LITTLE_ENDIAN);
        }
    }

    /** Reads at most {@code max} bytes from the start of a file: enough to identify it. */
    public static byte[] head(Path path, int max) throws IOException {
        regularOrDirectory(path);
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            return head(ch, max);
        }
    }

    /** Reads at most {@code max} bytes from the start of an open file (short reads allowed, until full or EOF). */
    public static byte[] head(FileChannel ch, int max) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(max, Math.max(0, ch.size())));
        while (buf.hasRemaining() && ch.read(buf) >= 0) {
            // short reads are allowed; keep going until full or end of file
        }
        byte[] out = new byte[buf.position()];
        buf.flip();
        buf.get(out);
        return out;
    }

    public long size() {
        return size;
    }

    public ByteOrder order() {
        return order;
    }

    public ByteSource withOrder(ByteOrder newOrder) {
        return newOrder == order ? this : new ByteSource(buffer, base, size, newOrder);
    }

    /** A view of {@code length} bytes at {@code offset}; offsets in the view start at 0. */
    public ByteSource slice(long offset, long length, String structure) {
        check(offset, length, structure);
        return new ByteSource(buffer, base + offset, length, order);
    }

    /** True when the bytes are on the heap rather than in a mapped file. */
    public boolean onHeap() {
        return array != null;
    }

    /**
     * A heap copy of {@code length} bytes at {@code offset}, in this source's byte order: for tables
     * that are scanned byte by byte (string tables), which a mapped file serves more slowly.
     */
    public ByteSource copy(long offset, int length, String structure) {
        return new ByteSource(ByteBuffer.wrap(bytes(offset, length, structure)), 0, length, order);
    }

    public boolean contains(long offset, long length) {
        return offset >= 0 && length >= 0 && offset <= size && length <= size - offset;
    }

    public void check(long offset, long length, String structure) {
        if (!contains(offset, length)) {
            throw new BinaryFormatException(structure, offset,
                    length + " bytes needed, file has " + Math.max(0, size - Math.max(0, offset))
                            + " from there (size " + size + ")");
        }
    }

    /**
     * Validates a table of {@code count} entries of {@code entrySize} bytes at {@code offset} before
     * anything is allocated for it, and returns the count as an int.
     */
    public int checkTable(long offset, long count, long entrySize, String structure) {
        if (count < 0 || entrySize < 0) {
            throw new BinaryFormatException(structure, offset, "negative count or entry size");
        }
        if (count > 0 && entrySize > 0 && count > (size / entrySize) + 1) {
            throw new BinaryFormatException(structure, offset,
                    count + " entries of " + entrySize + " bytes cannot fit in a file of " + size + " bytes");
        }
        check(offset, count * entrySize, structure);
        if (count > Integer.MAX_VALUE) {
            throw new BinaryFormatException(structure, offset, "too many entries: " + count);
        }
        return (int) count;
    }

    public int u8(long offset, String structure) {
        check(offset, 1, structure);
        if (array != null) {
            return array[arrayIndex(offset)] & 0xff;
        }
        return buffer.get(index(offset)) & 0xff;
    }

    public int u16(long offset, String structure) {
        check(offset, 2, structure);
        if (array != null) {
            return (short) (littleEndian ? SHORT_LE : SHORT_BE).get(array, arrayIndex(offset)) & 0xffff;
        }
        int i = index(offset);
        int a = buffer.get(i) & 0xff;
        int b = buffer.get(i + 1) & 0xff;
        return littleEndian ? (b << 8) | a : (a << 8) | b;
    }

    public long u32(long offset, String structure) {
        return s32(offset, structure) & 0xffffffffL;
    }

    public int s32(long offset, String structure) {
        check(offset, 4, structure);
        if (array != null) {
            return (int) (littleEndian ? INT_LE : INT_BE).get(array, arrayIndex(offset));
        }
        return buffer.getInt(index(offset));
    }

    /** A 64-bit value; callers treat it as unsigned ({@link Long#toUnsignedString}). */
    public long u64(long offset, String structure) {
        check(offset, 8, structure);
        if (array != null) {
            return (long) (littleEndian ? LONG_LE : LONG_BE).get(array, arrayIndex(offset));
        }
        return buffer.getLong(index(offset));
    }

    /** A word of the file's class: 4 or 8 bytes. */
    public long word(long offset, int width, String structure) {
        return width == 8 ? u64(offset, structure) : u32(offset, structure);
    }

    public byte[] bytes(long offset, int length, String structure) {
        check(offset, length, structure);
        byte[] out = new byte[length];
        buffer.get(index(offset), out, 0, length);
        return out;
    }

    /**
     * Feeds every byte of this source into {@code digest} without copying it onto the heap: a heap source's array is
     * passed as it is, a mapped file as a read-only view of its mapping (a file's SHA-256 used to copy it in 1 MiB
     * arrays, the scan's largest allocation).
     */
    public void digestInto(java.security.MessageDigest digest) {
        if (array != null) {
            digest.update(array, arrayIndex(0), (int) size);
            return;
        }
        ByteBuffer view = buffer.duplicate();
        view.limit(index(size)).position(index(0));
        digest.update(view);
    }

    /**
     * A NUL-terminated string starting at {@code offset}, not reading past {@code limit} (exclusive,
     * clamped to the file). Decoded with {@link RawText} (bytes that are not UTF-8 kept as surrogate escapes), as names in these formats are bytes.
     */
    public String cString(long offset, long limit, String structure) {
        long end = Math.min(limit, size);
        if (offset < 0 || offset >= end) {
            throw new BinaryFormatException(structure, offset, "string starts outside its table (ends at 0x"
                    + Long.toHexString(end) + ")");
        }
        int start = index(offset);
        int stop = index(end);
        if (array != null) {
            // symbol tables hold most of a binary's strings: scan the array itself, eight bytes at a time
            int from = arrayBase + start;
            int to = arrayBase + stop;
            int i = from;
            while (i + 8 <= to) {
                long v = (long) LONG_LE.get(array, i);
                long zero = (v - 0x0101010101010101L) & ~v & 0x8080808080808080L;
                if (zero != 0) {
                    i += Long.numberOfTrailingZeros(zero) >>> 3;
                    return RawText.decode(array, from, i - from);
                }
                i += 8;
            }
            for (; i < to; i++) {
                if (array[i] == 0) {
                    return RawText.decode(array, from, i - from);
                }
            }
        } else {
            // mapped files: copy a chunk at a time and scan that, growing it for long names
            byte[] chunk = new byte[Math.min(64, stop - start)];
            int have = 0;
            while (have < stop - start) {
                if (have == chunk.length) {
                    chunk = java.util.Arrays.copyOf(chunk, Math.min(chunk.length * 4, stop - start));
                }
                int n = Math.min(chunk.length - have, stop - start - have);
                buffer.get(start + have, chunk, have, n);
                for (int i = have; i < have + n; i++) {
                    if (chunk[i] == 0) {
                        return RawText.decode(chunk, 0, i);
                    }
                }
                have += n;
            }
        }
        throw new BinaryFormatException(structure, offset, "string is not NUL-terminated before 0x"
                + Long.toHexString(end));
    }

    /**
     * Whether the NUL-terminated string at {@code offset} is exactly {@code expected}; false when it would
     * reach {@code limit} (exclusive, clamped to the file) first. One bounds check for the whole compare:
     * symbol lookups make millions of these.
     */
    public boolean cStringEquals(long offset, byte[] expected, long limit) {
        long end = Math.min(limit, size);
        if (offset < 0 || offset + expected.length >= end) {
            return false;
        }
        int at = index(offset);
        for (int k = 0; k < expected.length; k++) {
            if (buffer.get(at + k) != expected[k]) {
                return false;
            }
        }
        return buffer.get(at + expected.length) == 0;
    }

    /** A fixed-size field holding a NUL-padded name (Mach-O segment names, PE section names). */
    public String fixedString(long offset, int length, String structure) {
        check(offset, length, structure);
        int start = index(offset);
        int n = 0;
        while (n < length && buffer.get(start + n) != 0) {
            n++;
        }
        return decode(start, n);
    }

    /** Index of the first occurrence of {@code needle} at or after {@code from}, or -1. */
    public long indexOf(byte[] needle, long from) {
        if (needle.length == 0) {
            return from;
        }
        long last = size - needle.length;
        byte first = needle[0];
        for (long i = Math.max(0, from); i <= last; i++) {
            if (buffer.get(index(i)) != first) {
                continue;
            }
            int j = 1;
            while (j < needle.length && buffer.get(index(i + j)) == needle[j]) {
                j++;
            }
            if (j == needle.length) {
                return i;
            }
        }
        return -1;
    }

    private String decode(int start, int length) {
        byte[] b = new byte[length];
        buffer.get(start, b, 0, length);
        return RawText.decode(b);
    }

    private int index(long offset) {
        return (int) (base + offset);
    }

    private int arrayIndex(long offset) {
        return arrayBase + (int) (base + offset);
    }
}

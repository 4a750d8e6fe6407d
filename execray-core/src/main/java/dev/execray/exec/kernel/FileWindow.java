package dev.execray.exec.kernel;

import dev.execray.binary.ByteSource;
import dev.execray.rootfs.RootFs;
import dev.execray.rootfs.RootFsException;

/**
 * The bytes of one file as the ELF checks need them: usually all within the first few KiB (headers,
 * program headers, PT_INTERP), so only those are read; anything further away reads the whole file
 * once, through the bounded reader. Sizes come from stat, as the kernel's reads are bounded by i_size.
 */
public final class FileWindow {
    static final int HEAD = 64 * 1024;

    private final RootFs root;
    private final String canonical;
    private final long size;
    private byte[] head;
    private ByteSource whole;

    public FileWindow(RootFs root, String canonical, long size) {
        this.root = root;
        this.canonical = canonical;
        this.size = size;
    }

    long size() {
        return size;
    }

    String path() {
        return canonical;
    }

    /** Whether [offset, offset+length) lies inside the file (offsets are unsigned 64-bit values). */
    boolean contains(long offset, long length) {
        return offset >= 0 && length >= 0 && length <= size && offset <= size - length;
    }

    /** The bytes at [offset, offset+length), which must be {@link #contains contained}. */
    byte[] bytes(long offset, int length) throws RootFsException {
        if (head == null) {
            head = root.readHead(canonical, HEAD);
        }
        if (offset + length <= head.length) {
            byte[] out = new byte[length];
            System.arraycopy(head, (int) offset, out, 0, length);
            return out;
        }
        if (whole == null) {
            whole = root.open(canonical);
        }
        return whole.bytes(offset, length, "file bytes");
    }

    /** The first bytes, enough for the ELF reader's header and program header view. */
    ByteSource headSource() throws RootFsException {
        if (head == null) {
            head = root.readHead(canonical, HEAD);
        }
        return ByteSource.of(head);
    }
}

package dev.execray.rootfs.image;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A run of bytes inside a file: a blob inside an image tar, a file inside an uncompressed layer, or a
 * file's content in the extraction cache. Reading one never needs the archive's entry names.
 */
public record FileRegion(Path file, long offset, long size) {

    public InputStream open() throws IOException {
        return Channels.newInputStream(channel());
    }

    /** A seekable view whose position 0 is this region's first byte. */
    public SeekableByteChannel channel() throws IOException {
        return new RegionChannel(FileChannel.open(file, StandardOpenOption.READ), offset, size);
    }

    /** Reads up to {@code length} bytes from {@code position} within the region. */
    public byte[] read(long position, int length) throws IOException {
        if (position >= size || length <= 0) {
            return new byte[0];
        }
        int n = (int) Math.min(length, size - position);
        ByteBuffer buf = ByteBuffer.allocate(n);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long at = offset + position;
            while (buf.hasRemaining()) {
                int r = ch.read(buf, at + buf.position());
                if (r < 0) {
                    break;
                }
            }
        }
        byte[] out = new byte[buf.position()];
        buf.flip();
        buf.get(out);
        return out;
    }

    /** A read-only channel over [start, start + length) of a file channel. */
    static final class RegionChannel implements SeekableByteChannel {
        private final FileChannel ch;
        private final long start;
        private final long length;
        private long pos;

        RegionChannel(FileChannel ch, long start, long length) {
            this.ch = ch;
            this.start = start;
            this.length = length;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            if (pos >= length) {
                return -1;
            }
            int want = (int) Math.min(dst.remaining(), length - pos);
            ByteBuffer slice = dst.slice();
            slice.limit(want);
            int n = ch.read(slice, start + pos);
            if (n <= 0) {
                return n == 0 ? 0 : -1;
            }
            dst.position(dst.position() + n);
            pos += n;
            return n;
        }

        @Override
        public int write(ByteBuffer src) {
            throw new java.nio.channels.NonWritableChannelException();
        }

        @Override
        public long position() {
            return pos;
        }

        @Override
        public SeekableByteChannel position(long newPosition) {
            if (newPosition < 0) {
                throw new IllegalArgumentException("negative position");
            }
            pos = newPosition;
            return this;
        }

        @Override
        public long size() {
            return length;
        }

        @Override
        public SeekableByteChannel truncate(long size) {
            throw new java.nio.channels.NonWritableChannelException();
        }

        @Override
        public boolean isOpen() {
            return ch.isOpen();
        }

        @Override
        public void close() throws IOException {
            ch.close();
        }
    }
}

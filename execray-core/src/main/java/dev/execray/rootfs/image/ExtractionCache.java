package dev.execray.rootfs.image;

import dev.execray.rootfs.Bound;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveStructSparse;

/**
 * Where the contents of compressed layers and of sparse files are unpacked so they can be read at random. Every
 * layer gets one data file named by its number; file contents are written to it and remembered as regions. No name
 * from the archive is ever used as a path here, so no entry name or link can make us write outside this directory.
 * The real bytes written are bounded ({@link Bound#UNPACKED_BYTES}); a sparse file's holes are left as holes of the
 * data file, so they cost neither disk nor the bound. Every cache directory is removed on {@link #close()} and, for
 * a process that ends any other way (an Error, a signal, System.exit), by one shutdown hook.
 */
final class ExtractionCache implements AutoCloseable {
    private static final Set<Path> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(ExtractionCache::delete), "execray-cache-cleanup"));
    }

    private final Path dir;
    private long written;

    ExtractionCache() throws IOException {
        this.dir = Files.createTempDirectory("execray-image-");
        LIVE.add(dir);
    }

    /** The data file of one layer; open it once per layer, so regions of one layer never overlap. */
    LayerData layer(int index) throws IOException {
        return new LayerData(dir.resolve("layer-" + index + ".data"));
    }

    long written() {
        return written;
    }

    /** The cache directory while it exists (tests check it is gone). */
    Path directory() {
        return dir;
    }

    final class LayerData implements AutoCloseable {
        private final Path file;
        private FileChannel out;
        private long size;
        private final byte[] buf = new byte[1 << 16];

        LayerData(Path file) {
            this.file = file;
        }

        private FileChannel channel() throws IOException {
            if (out == null) {
                out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            }
            return out;
        }

        /** A region for an empty file: no bytes, shared by every empty file of the layer. */
        FileRegion empty() {
            return new FileRegion(file, 0, 0);
        }

        private void count(long length, String entry) {
            Bound.UNPACKED_BYTES.check(written + length, "layer entry " + entry);
            written += length;
        }

        /** Copies exactly {@code length} bytes of the entry's stream and returns where they are. */
        FileRegion append(InputStream in, long length, String entry) throws IOException, ImageFormatException {
            if (length == 0) {
                return empty();
            }
            count(length, entry);
            long start = size;
            copy(in, start, length, entry);
            size += length;
            return new FileRegion(file, start, length);
        }

        /**
         * A sparse entry: only its data runs are written, each at its offset; the holes between are skipped in the
         * stream (the tar reader's zero runs cost nothing to skip) and left unwritten in the file.
         */
        FileRegion appendSparse(TarArchiveInputStream tar, TarArchiveEntry e) throws IOException, ImageFormatException {
            long real = e.getRealSize();
            if (real < 0) {
                throw new ImageFormatException("sparse entry " + e.getName() + ": negative size");
            }
            long start = size;
            long pos = 0;
            for (TarArchiveStructSparse s : e.getOrderedSparseHeaders()) {
                if (s.getNumbytes() == 0) {
                    continue;
                }
                if (s.getOffset() < pos || s.getOffset() + s.getNumbytes() > real) {
                    throw new ImageFormatException("sparse entry " + e.getName() + ": its map has overlapping or "
                            + "out-of-range runs");
                }
                skipFully(tar, s.getOffset() - pos, e.getName());
                count(s.getNumbytes(), e.getName());
                copy(tar, start + s.getOffset(), s.getNumbytes(), e.getName());
                pos = s.getOffset() + s.getNumbytes();
            }
            // the trailing hole too, by skipping (free over the reader's zero runs): left to the reader's next-entry
            // step, it would be read byte by byte, a GiB of zeros per GiB of hole
            skipFully(tar, real - pos, e.getName());
            size = Math.addExact(size, real);
            if (real > 0) {
                // the file must reach the region's end even when it ends in a hole; extending writes nothing
                FileChannel ch = channel();
                if (ch.size() < size) {
                    ch.write(ByteBuffer.wrap(new byte[1]), size - 1);
                }
            }
            return real == 0 ? empty() : new FileRegion(file, start, real);
        }

        private void skipFully(InputStream in, long n, String entry) throws IOException, ImageFormatException {
            while (n > 0) {
                long s = in.skip(n);
                if (s <= 0) {
                    throw new ImageFormatException("layer entry " + entry + ": content ends early");
                }
                n -= s;
            }
        }

        private void copy(InputStream in, long at, long length, String entry) throws IOException, ImageFormatException {
            FileChannel ch = channel();
            long left = length;
            long pos = at;
            while (left > 0) {
                int n = in.read(buf, 0, (int) Math.min(buf.length, left));
                if (n < 0) {
                    throw new ImageFormatException("layer entry " + entry + ": content ends " + left + " bytes early");
                }
                ByteBuffer bb = ByteBuffer.wrap(buf, 0, n);
                while (bb.hasRemaining()) {
                    pos += ch.write(bb, pos);
                }
                left -= n;
            }
        }

        @Override
        public void close() throws IOException {
            if (out != null) {
                out.close();
            }
        }
    }

    @Override
    public void close() throws IOException {
        delete(dir);
        LIVE.remove(dir);
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            // nothing more can be done at exit; the directory is named execray-image-* in the temp directory
        }
    }
}

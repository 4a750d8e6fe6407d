package dev.execray.rootfs.image;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Where the contents of compressed layers are unpacked so they can be read at random. Every layer
 * gets one data file named by its number; file contents are appended to it and remembered as
 * regions. No name from the archive is ever used as a path here, so no entry name or link can make
 * us write outside this directory. The total written is bounded.
 */
final class ExtractionCache implements AutoCloseable {
    private final Path dir;
    private final long maxBytes;
    private long written;

    ExtractionCache(long maxBytes) throws IOException {
        this.dir = Files.createTempDirectory("execray-image-");
        this.maxBytes = maxBytes;
    }

    /** An appender for one layer's contents. */
    LayerData layer(int index) throws IOException {
        return new LayerData(dir.resolve("layer-" + index + ".data"));
    }

    long written() {
        return written;
    }

    final class LayerData implements AutoCloseable {
        private final Path file;
        private final OutputStream out;
        private long size;

        LayerData(Path file) throws IOException {
            this.file = file;
            this.out = new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        }

        /** Copies exactly {@code length} bytes of the entry's stream and returns where they are. */
        FileRegion append(InputStream in, long length, String entry) throws IOException, ImageFormatException {
            if (written + length > maxBytes) {
                throw new ImageFormatException("layer entry " + entry + ": the image unpacks to more than "
                        + maxBytes + " bytes (raise the limit with --max-unpacked)");
            }
            long start = size;
            byte[] buf = new byte[1 << 16];
            long left = length;
            while (left > 0) {
                int n = in.read(buf, 0, (int) Math.min(buf.length, left));
                if (n < 0) {
                    throw new ImageFormatException("layer entry " + entry + ": content ends " + left + " bytes early");
                }
                out.write(buf, 0, n);
                left -= n;
            }
            size += length;
            written += length;
            return new FileRegion(file, start, length);
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }

    @Override
    public void close() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}

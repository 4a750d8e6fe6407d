package dev.execray.cli;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * Standard output as picocli's PrintWriter that also hands out the byte stream under it, so that
 * writers producing UTF-8 bytes anyway (Jackson's generator) skip the round trip through chars.
 */
final class StdoutWriter extends PrintWriter {
    private final OutputStream bytes;

    private StdoutWriter(OutputStream bytes) {
        super(new OutputStreamWriter(bytes, StandardCharsets.UTF_8));
        this.bytes = bytes;
    }

    static StdoutWriter create() {
        return new StdoutWriter(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16));
    }

    /** The byte stream, with everything written as chars so far flushed into it first. */
    OutputStream bytes() {
        flush();
        return bytes;
    }
}

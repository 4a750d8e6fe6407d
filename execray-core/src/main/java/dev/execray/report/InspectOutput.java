package dev.execray.report;

import dev.execray.binary.BinaryFile;
import dev.execray.binary.BinaryFormatException;
import dev.execray.binary.FileFormat;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Set;

/** Where {@code inspect} writes each file's result, in the order read: {@link InspectJson} or {@link #text}. */
public interface InspectOutput {
    /** One file that was identified and read (fully or partly). */
    void write(String path, BinaryFile file, Set<InspectDetail> details) throws IOException;

    /** A file whose magic named a format whose header could then not be read. */
    void malformed(String path, FileFormat format, BinaryFormatException e) throws IOException;

    /** A file that could not be read at all. */
    void unreadable(InputError error) throws IOException;

    /** After the last file. */
    void finish() throws IOException;

    /** Text: each file's summary and tables ({@link InspectText}), a blank line between files; nothing for an unreadable one. */
    static InspectOutput text(PrintWriter out) {
        return new InspectOutput() {
            private boolean printed;

            @Override
            public void write(String path, BinaryFile file, Set<InspectDetail> details) {
                separate();
                InspectText.render(path, file, details, out);
            }

            @Override
            public void malformed(String path, FileFormat format, BinaryFormatException e) {
                separate();
                out.println(path + ": " + format.jsonName() + ", header cannot be read");
            }

            @Override
            public void unreadable(InputError error) {
            }

            @Override
            public void finish() {
            }

            private void separate() {
                if (printed) {
                    out.println();
                }
                printed = true;
            }
        };
    }
}

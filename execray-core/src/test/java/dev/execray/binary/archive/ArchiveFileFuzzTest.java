package dev.execray.binary.archive;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.execray.binary.BinaryFormatException;
import dev.execray.binary.ByteSource;

/** Any bytes: an archive read as far as it goes, or a format error; nothing else, no hang, no OOM. */
class ArchiveFileFuzzTest {
    @FuzzTest(maxDuration = "60s")
    void anyBytesGiveMembersOrAFormatError(byte[] data) {
        ArchiveFile a;
        try {
            a = ArchiveFile.read(ByteSource.of(data));
        } catch (BinaryFormatException e) {
            return;
        }
        for (ArchiveFile.IndexEntry e : a.index()) {
            a.memberAt(e.memberOffset());
        }
        a.members().forEach(ArchiveFile.Member::name);
        a.problems();
        // the members read with the object readers, as inspect shows them
        dev.execray.binary.BinaryFile.Archive read;
        try {
            read = (dev.execray.binary.BinaryFile.Archive) dev.execray.binary.BinaryFile.read(ByteSource.of(data));
        } catch (BinaryFormatException e) {
            throw new IllegalStateException("the archive read once and not twice", e);
        }
        dev.execray.report.ArchiveReport.json("fuzz", read);
        dev.execray.report.ArchiveReport.text("fuzz", read, java.util.EnumSet.allOf(dev.execray.report.InspectDetail.class),
                new java.io.PrintWriter(java.io.Writer.nullWriter()));
    }
}

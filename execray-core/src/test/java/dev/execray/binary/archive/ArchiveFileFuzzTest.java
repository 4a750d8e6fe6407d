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
    }
}

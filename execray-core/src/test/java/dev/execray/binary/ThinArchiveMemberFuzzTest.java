package dev.execray.binary;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.execray.report.ArchiveReport;
import dev.execray.report.InspectDetail;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;

/**
 * Any bytes as the file of a thin archive's member: the archive (fixtures/out/thin/libxrthin.a, copied) opens,
 * that member is read by whatever reader its magic names or recorded as malformed or other, and inspect's text
 * and JSON render it; nothing else escapes. The archive parser itself is fuzzed by ArchiveFileFuzzTest; this is
 * the path from a member's own file to the object readers.
 */
class ThinArchiveMemberFuzzTest {
    private static final Path DIR;

    static {
        try {
            DIR = Files.createTempDirectory("execray-thin-fuzz");
            Files.createDirectories(DIR.resolve("obj"));
            Path fixtures = Path.of("fixtures/out/thin");
            Files.copy(fixtures.resolve("libxrthin.a"), DIR.resolve("libxrthin.a"));
            Files.copy(fixtures.resolve("obj/libxr.o"), DIR.resolve("obj/libxr.o"));
            Files.copy(fixtures.resolve("obj/longnames.o"), DIR.resolve("obj/longnames.o"));
            DIR.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest(maxDuration = "60s")
    void anyMemberFileIsReadOrRecorded(byte[] data) throws IOException {
        Files.write(DIR.resolve("hello.o"), data);
        BinaryFile f = BinaryFile.open(DIR.resolve("libxrthin.a"));
        BinaryFile.Archive a = (BinaryFile.Archive) f;
        if (a.contents().size() != 3 || a.contents().get(0) instanceof ArchiveMember.External) {
            throw new IllegalStateException("the thin archive's members were not looked up: " + a.contents());
        }
        ArchiveReport.json(DIR.resolve("libxrthin.a").toString(), a);
        a.memberProblems();
        ArchiveReport.text("fuzz", a, EnumSet.allOf(InspectDetail.class), new PrintWriter(Writer.nullWriter()));
    }
}

package dev.execray.binary;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** problems() means the same for every format: every malformation in any view, empty for a clean file. */
class BinaryFileProblemsTest {
    @Test
    void cleanFilesOfEveryFormatHaveNone() throws IOException {
        for (String f : new String[] {"fixtures/out/c/hello-x86_64-pie", "fixtures/out/go/hello-windows-amd64",
                "fixtures/out/go/hello-darwin-arm64", "fixtures/out/go/hello-aix-ppc64", "fixtures/out/thin/libxrthin.a",
                "fixtures/out/coff/xrobj-bigobj.obj", "fixtures/out/scripts/sh-simple"}) {
            assertThat(BinaryFile.open(Path.of(f)).problems()).as(f).isEmpty();
        }
    }

    @Test
    void aThinArchiveWithAMissingMemberFileHasOneProblemNamingIt() throws IOException {
        BinaryFile.Archive a = (BinaryFile.Archive) BinaryFile.open(Path.of("fixtures/out/thin/libxrthin-missing.a"));
        assertThat(a.problems()).hasSize(1);
        assertThat(a.problems().get(0).message()).contains("obj/gone.o").contains("no such file");
        assertThat(a.memberProblems()).isEqualTo(a.problems());
    }

    @Test
    void anElfWithABrokenSectionTableHasItsProblemAsAFormatProblem(@TempDir Path dir) throws IOException {
        byte[] b = Files.readAllBytes(Path.of("fixtures/out/c/hello-x86_64-pie"));
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(40, b.length + 100L); // e_shoff past the end
        BinaryFile f = BinaryFile.open(Files.write(dir.resolve("broken"), b));
        assertThat(f.problems()).isNotEmpty();
        assertThat(f.problems().get(0).structure()).isEqualTo("section header table");
        assertThat(f.problems().get(0).offset()).isEqualTo(b.length + 100L);
    }
}

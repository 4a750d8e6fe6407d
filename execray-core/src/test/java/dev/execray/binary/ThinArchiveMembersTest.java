package dev.execray.binary;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.execray.report.ArchiveReport;
import dev.execray.report.InspectDetail;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A thin archive's members read from their own files (fixtures/out/thin, built by fixtures/build.sh). */
class ThinArchiveMembersTest {
    private static final Path THIN = Path.of("fixtures/out/thin");

    @Test
    void membersAreReadFromTheFilesBesideTheArchive() throws Exception {
        BinaryFile.Archive a = (BinaryFile.Archive) BinaryFile.open(THIN.resolve("libxrthin.a"));
        assertThat(a.archive().thin()).isTrue();
        assertThat(a.contents()).extracting(c -> c.member().name())
                .containsExactly("hello.o", "obj/libxr.o", "obj/longnames.o");
        assertThat(a.contents()).allSatisfy(c -> assertThat(c).isInstanceOf(ArchiveMember.Read.class));
        List<String> libxr = ArchiveReport.symbols(((ArchiveMember.Read) a.contents().get(1)).file()).stream()
                .map(ArchiveReport.MemberSymbol::name).toList();
        assertThat(libxr).contains("xr_mul");
        assertThat(a.memberProblems()).isEmpty();
        JsonNode json = ArchiveReport.json(THIN.resolve("libxrthin.a").toString(), a);
        JsonNode member = json.get("members").get(1);
        assertThat(member.get("content").asText()).isEqualTo("object");
        assertThat(member.get("external").asBoolean()).isTrue();
        assertThat(member.get("file").asText()).isEqualTo(THIN.resolve("obj/libxr.o").toAbsolutePath().toString());
    }

    @Test
    void aMissingMemberFileIsAProblemNamingIt() throws Exception {
        BinaryFile.Archive a = (BinaryFile.Archive) BinaryFile.open(THIN.resolve("libxrthin-missing.a"));
        assertThat(a.contents().get(0)).isInstanceOf(ArchiveMember.Read.class);
        assertThat(a.contents().get(1)).isInstanceOfSatisfying(ArchiveMember.Unreadable.class, u -> {
            assertThat(u.file()).isEqualTo(THIN.resolve("obj/gone.o").toAbsolutePath());
            assertThat(u.problem().structure()).isEqualTo("thin archive member obj/gone.o");
            assertThat(u.problem().offset()).isEqualTo(u.member().headerOffset());
            assertThat(u.problem().detail()).endsWith("obj/gone.o: no such file");
        });
        assertThat(a.memberProblems()).hasSize(1);
        StringWriter text = new StringWriter();
        ArchiveReport.text("x", a, EnumSet.noneOf(InspectDetail.class), new PrintWriter(text));
        assertThat(text.toString()).contains("unreadable: ").contains("obj/gone.o: no such file");
        assertThat(ArchiveReport.json("x", a).get("members").get(1).get("content").asText()).isEqualTo("unreadable");
    }

    @Test
    void readFromBytesAloneTheMembersStayExternal() throws Exception {
        BinaryFile.Archive a = (BinaryFile.Archive) BinaryFile.read(ByteSource.open(THIN.resolve("libxrthin.a")));
        assertThat(a.contents()).allSatisfy(c -> assertThat(c).isInstanceOf(ArchiveMember.External.class));
    }

    /** Names are resolved from the archive's directory, not the working directory; a directory is no member. */
    @Test
    void namesResolveFromTheArchivesDirectoryAndOnlyRegularFilesAreRead(@TempDir Path dir) throws Exception {
        Path sub = Files.createDirectories(dir.resolve("lib"));
        Files.copy(THIN.resolve("hello.o"), sub.resolve("hello.o"));
        Files.createDirectories(sub.resolve("adir"));
        Files.copy(THIN.resolve("hello.o"), dir.resolve("up.o"));
        Path archive = Files.write(sub.resolve("t.a"), thin("hello.o", "adir", "../up.o", "nothere.o"));
        BinaryFile.Archive a = (BinaryFile.Archive) BinaryFile.open(archive);
        assertThat(a.contents()).hasSize(4);
        assertThat(a.contents().get(0)).isInstanceOf(ArchiveMember.Read.class);
        assertThat(a.contents().get(1)).isInstanceOfSatisfying(ArchiveMember.Unreadable.class,
                u -> assertThat(u.problem().detail()).endsWith("adir: not a regular file"));
        // "../up.o" says to leave the directory, so it is read from the parent
        assertThat(a.contents().get(2)).isInstanceOf(ArchiveMember.Read.class);
        assertThat(a.contents().get(3)).isInstanceOf(ArchiveMember.Unreadable.class);
        assertThat(a.memberProblems()).hasSize(2);
    }

    /** A GNU thin archive of {@code names} (no symbol index), each member's size 0. */
    private static byte[] thin(String... names) {
        StringBuilder longNames = new StringBuilder();
        StringBuilder s = new StringBuilder("!<thin>\n");
        int[] offsets = new int[names.length];
        for (int i = 0; i < names.length; i++) {
            offsets[i] = longNames.length();
            longNames.append(names[i]).append("/\n");
        }
        s.append(header("//", longNames.length())).append(longNames);
        if (longNames.length() % 2 != 0) {
            s.append('\n');
        }
        for (int o : offsets) {
            s.append(header("/" + o, 0));
        }
        return s.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static String header(String name, long size) {
        return String.format("%-16s%-12s%-6s%-6s%-8s%-10d`\n", name, "0", "0", "0", "644", size);
    }
}

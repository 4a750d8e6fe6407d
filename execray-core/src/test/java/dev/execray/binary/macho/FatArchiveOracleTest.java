package dev.execray.binary.macho;

import static org.assertj.core.api.Assertions.assertThat;

import dev.execray.binary.ArchiveMember;
import dev.execray.binary.BinaryFile;
import dev.execray.binary.ForeignExecutables;
import dev.execray.binary.archive.ArchiveFile;
import dev.execray.report.ArchiveReport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A universal archive rebuilt here (fat-archive/build.sh: clang-14, llvm-ar-14, llvm-lipo-14) and compared with
 * {@code llvm-nm -A -p --arch=all}: per slice, per member, each symbol's name and whether it is undefined.
 */
@Tag("oracle")
class FatArchiveOracleTest {
    private static final Pattern LINE = Pattern.compile(
            "^\\(for architecture (\\S+)\\):.*?:([^:]+): +[0-9a-fA-F]* ?(\\S) (.*)$");

    @Test
    void sliceMembersAgreeWithLlvmNm(@TempDir Path dir) throws Exception {
        for (String tool : List.of("clang-14", "llvm-ar-14", "llvm-lipo-14", "llvm-nm-14")) {
            assertThat(ForeignExecutables.available(tool)).as(tool + " is not installed: apt-get install clang-14 llvm-14")
                    .isTrue();
        }
        Path fat = dir.resolve("libfat.a");
        Path script = Path.of("execray-core/src/test/resources/dev/execray/binary/macho/fat-archive/build.sh");
        ForeignExecutables.run(List.of("bash", script.toString(), fat.toString()), Duration.ofSeconds(120));
        List<String> expected = new ArrayList<>();
        for (String line : ForeignExecutables.run(List.of("llvm-nm-14", "-A", "-p", "--arch=all", fat.toString()),
                Duration.ofSeconds(60)).lines().toList()) {
            Matcher m = LINE.matcher(line);
            if (m.matches()) {
                boolean undefined = m.group(3).equals("U") || m.group(3).equals("w") || m.group(3).equals("v");
                expected.add(m.group(1) + " " + m.group(2) + " " + (undefined ? "U" : "-") + " " + m.group(4));
            }
        }
        BinaryFile.Fat f = (BinaryFile.Fat) BinaryFile.open(fat);
        List<String> actual = new ArrayList<>();
        for (FatMachOFile.Slice s : f.fat().slices()) {
            ArchiveFile a = s.archive().orElseThrow();
            assertThat(a.problems()).isEmpty();
            for (ArchiveMember c : f.archiveSlice(a).contents()) {
                BinaryFile member = ((ArchiveMember.Read) c).file();
                for (ArchiveReport.MemberSymbol sym : ArchiveReport.symbols(member)) {
                    actual.add(s.arch().arch() + " " + c.member().name() + " " + (sym.undefined() ? "U" : "-") + " "
                            + sym.name());
                }
            }
        }
        System.out.println("oracle llvm-nm --arch=all on a universal archive: " + actual.size() + "/" + expected.size()
                + " symbols in " + f.fat().slices().size() + " slices");
        assertThat(actual).isEqualTo(expected);
        assertThat(actual).hasSizeGreaterThanOrEqualTo(15);
    }
}

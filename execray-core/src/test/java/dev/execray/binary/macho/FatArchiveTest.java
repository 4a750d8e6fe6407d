package dev.execray.binary.macho;

import static org.assertj.core.api.Assertions.assertThat;

import dev.execray.binary.ArchiveMember;
import dev.execray.binary.BinaryFile;
import dev.execray.binary.archive.ArchiveFile;
import dev.execray.report.ArchiveReport;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A universal file whose slices are static archives (fat-archive/build.sh: lipo of an x86_64 and an arm64 .a). */
class FatArchiveTest {
    static Path fixture() throws Exception {
        return Path.of(FatArchiveTest.class.getResource("fat-archive/libfat.a").toURI());
    }

    @Test
    void archiveSlicesAreReadWithTheirMembersAtFileOffsets() throws Exception {
        BinaryFile.Fat f = (BinaryFile.Fat) BinaryFile.open(fixture());
        List<FatMachOFile.Slice> slices = f.fat().slices();
        assertThat(slices).hasSize(2);
        assertThat(slices).allSatisfy(s -> {
            assertThat(s.file()).isEmpty();
            assertThat(s.problem()).isEmpty();
            assertThat(s.archive()).isPresent();
        });
        assertThat(slices).extracting(s -> s.arch().arch()).containsExactly("x86_64", "arm64");
        FatMachOFile.Slice arm = slices.get(1);
        ArchiveFile a = arm.archive().orElseThrow();
        assertThat(a.members()).extracting(ArchiveFile.Member::name).containsExactly("foo.o", "bar.o");
        // offsets are the universal file's: the first member's header follows the slice's 8-byte magic
        assertThat(a.members().get(0).headerOffset()).isGreaterThan(arm.arch().offset());
        assertThat(a.index()).extracting(ArchiveFile.IndexEntry::symbol).contains("_foo", "_bar", "_callext");
        assertThat(a.index()).allSatisfy(e -> assertThat(a.memberAt(e.memberOffset())).isPresent());
        BinaryFile.Archive read = f.archiveSlice(a);
        assertThat(read.contents()).allSatisfy(c -> assertThat(c).isInstanceOf(ArchiveMember.Read.class));
        BinaryFile foo = ((ArchiveMember.Read) read.contents().get(0)).file();
        assertThat(foo).isInstanceOf(BinaryFile.MachO.class);
        assertThat(((BinaryFile.MachO) foo).macho().header().arch()).isEqualTo("arm64");
        assertThat(ArchiveReport.symbols(foo)).contains(new ArchiveReport.MemberSymbol("_ext", true),
                new ArchiveReport.MemberSymbol("_foo", false));
    }
}

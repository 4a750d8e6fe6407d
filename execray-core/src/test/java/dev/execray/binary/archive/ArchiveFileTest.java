package dev.execray.binary.archive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.execray.binary.ByteSource;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ArchiveFileTest {
    private static ArchiveFile read(byte[] b) {
        return ArchiveFile.read(ByteSource.of(b));
    }

    @Test
    void gnuLongNamesAndTheSymbolIndex() {
        ArchiveFile a = read(ArchiveBytes.gnu());
        assertThat(a.thin()).isFalse();
        assertThat(a.members()).extracting(ArchiveFile.Member::name).containsExactly("a-rather-long-member-name.o",
                "short.o");
        assertThat(a.index()).extracting(ArchiveFile.IndexEntry::symbol).containsExactly("foo", "bar");
        assertThat(a.memberAt(a.index().get(0).memberOffset())).map(ArchiveFile.Member::name)
                .contains("a-rather-long-member-name.o");
        assertThat(a.members().get(1).size()).isEqualTo(3);
        assertThat(a.problems()).isEmpty();
    }

    @Test
    void bsdNamesAreCountedInTheMemberAndSymdefIsTheIndex() {
        ArchiveFile a = read(ArchiveBytes.bsd());
        assertThat(a.members()).singleElement().satisfies(m -> {
            assertThat(m.name()).isEqualTo("long-bsd-member-name.o");
            assertThat(m.size()).isEqualTo(4);
        });
        assertThat(a.index()).singleElement().satisfies(e -> {
            assertThat(e.symbol()).isEqualTo("_main");
            assertThat(a.memberAt(e.memberOffset())).isPresent();
        });
        assertThat(a.problems()).isEmpty();
    }

    @Test
    void thinMembersHaveNoBytesHere() {
        ArchiveFile a = read(ArchiveBytes.thin());
        assertThat(a.thin()).isTrue();
        assertThat(a.members()).extracting(ArchiveFile.Member::name).containsExactly("dir/a-long-external-object.o",
                "b.o");
        assertThat(a.members()).allSatisfy(m -> assertThat(m.external()).isTrue());
        assertThat(a.members().get(0).size()).isEqualTo(123456);
        assertThat(a.problems()).isEmpty();
    }

    @Test
    void aBrokenHeaderEndsTheMembersWithAProblemAndKeepsThoseBefore() {
        byte[] b = ArchiveBytes.gnu();
        b[b.length - 4 - 2] = 'X'; // the last header's ar_fmag
        ArchiveFile a = read(b);
        assertThat(a.members()).extracting(ArchiveFile.Member::name).containsExactly("a-rather-long-member-name.o");
        assertThat(a.problems()).singleElement().satisfies(p -> assertThat(p.detail()).contains("ar_fmag"));
    }

    @Test
    void aMemberPastTheEndAndATruncatedHeaderAreProblems() {
        byte[] b = ArchiveBytes.gnu();
        assertThat(read(Arrays.copyOf(b, b.length - 2)).problems()).singleElement()
                .satisfies(p -> assertThat(p.detail()).contains("runs past the end"));
        assertThat(read(Arrays.copyOf(b, b.length - 10)).problems()).singleElement()
                .satisfies(p -> assertThat(p.detail()).contains("truncated"));
    }

    @Test
    void anIndexCountBeyondTheMemberIsAProblemNotAnAllocation() {
        byte[] b = new ArchiveBytes(ArchiveFile.MAGIC).member("/", ArchiveBytes.be32(0x7fffffff)).bytes();
        assertThat(read(b).problems()).singleElement()
                .satisfies(p -> assertThat(p.detail()).contains("cannot fit"));
    }

    @Test
    void aLongNameReferenceWithATrailingSlashAsGnuArWritesInThinArchives() {
        byte[] b = new ArchiveBytes(ArchiveFile.THIN_MAGIC).member("//", ArchiveBytes.ascii("sub/x.o/\n"))
                .member("/0" + " ".repeat(13) + "/", 10, new byte[0]).bytes();
        ArchiveFile a = read(b);
        assertThat(a.members()).extracting(ArchiveFile.Member::name).containsExactly("sub/x.o");
        assertThat(a.problems()).isEmpty();
    }
}

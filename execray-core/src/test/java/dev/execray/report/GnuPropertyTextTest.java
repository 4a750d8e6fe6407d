package dev.execray.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.execray.binary.ByteSource;
import dev.execray.binary.elf.ElfFile;
import dev.execray.binary.elf.NoteContent.GnuProperties;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * readelf's "Properties:" line from the decoded model, for the malformed lists real files rarely have (the
 * readelf oracle covers the well-formed ones of the machine): each fault is named as readelf names it, after
 * the properties read before it.
 */
class GnuPropertyTextTest {
    private static ElfFile elf(String name) throws Exception {
        return ElfFile.read(ByteSource.of(Files.readAllBytes(Path.of("fixtures/out/c", name))));
    }

    private static byte[] words(int... w) {
        ByteBuffer b = ByteBuffer.allocate(4 * w.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int x : w) {
            b.putInt(x);
        }
        return b.array();
    }

    private static String render(ElfFile elf, byte[] desc) {
        return GnuPropertyText.render(elf, GnuProperties.of(desc, elf.header().is64() ? 8 : 4, true));
    }

    @Test
    void wellFormedAndMalformedListsOfA64BitFile() throws Exception {
        ElfFile x64 = elf("hello-x86_64-pie");
        // X86_FEATURE_1_AND = IBT|SHSTK, padded to 8
        assertThat(render(x64, words(0xc0000002, 4, 3, 0)))
                .isEqualTo("      Properties: x86 feature: IBT, SHSTK\n");
        assertThat(render(x64, words(0xc0000002, 4, 0, 0))).isEqualTo("      Properties: x86 feature: <None>\n");
        assertThat(render(x64, words(0xc0000002, 0))).isEqualTo("      Properties: x86 feature: <corrupt length: 0> \n");
        assertThat(render(x64, new byte[4])).isEqualTo("      Properties: <corrupt GNU_PROPERTY_TYPE, size = 0x4>\n");
        assertThat(render(x64, new byte[12])).isEqualTo("      Properties: <corrupt GNU_PROPERTY_TYPE, size = 0xc>\n");
        // a second property whose pr_datasz (0x20) runs past the 24-byte descriptor
        assertThat(render(x64, words(0xc0000002, 4, 1, 0, 0xc0008002, 0x20)))
                .isEqualTo("      Properties: x86 feature: IBT, <corrupt type (0xc0008002) datasz: 0x20>\n");
        assertThat(render(x64, words(0xc0008002, 0x20)))
                .isEqualTo("      Properties: <corrupt type (0xc0008002) datasz: 0x20>\n");
    }

    @Test
    void aTruncatedHeaderOfA32BitFile() throws Exception {
        ElfFile i386 = elf("hello-i386");
        // one whole property (12 bytes) and 4 bytes that cannot hold the next header
        assertThat(render(i386, words(0xc0008002, 4, 2, 0xc0000002)))
                .isEqualTo("      Properties: x86 ISA needed: x86-64-v2, <corrupt descsz: 0x10>\n");
        assertThat(render(i386, words(0xc0008002, 4, 2)))
                .isEqualTo("      Properties: x86 ISA needed: x86-64-v2\n");
    }
}

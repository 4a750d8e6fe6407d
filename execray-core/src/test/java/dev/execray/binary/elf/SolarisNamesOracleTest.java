package dev.execray.binary.elf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.execray.binary.ByteSource;
import dev.execray.binary.ForeignExecutables;
import dev.execray.report.ReadelfText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Segment types in the OS range named as readelf names them for ELFOSABI_SOLARIS files (PT_SUNWCAP, ...), and
 * for the same values in a GNU/Linux file (LOOS+...): ElfBuilder files with one segment of each type, compared
 * with the Type column of readelf -l -W.
 */
@Tag("oracle")
class SolarisNamesOracleTest {
    private static final long[] TYPES = {0x6464e550L, 0x6474e550L, 0x6ffffff7L, 0x6ffffff8L, 0x6ffffffaL, 0x6ffffffbL,
        0x6ffffffcL, 0x6ffffffdL, 0x6ffffffeL, 0x6fffffffL, 0x60000000L, 0x6474e555L};

    @Test
    void osRangeSegmentTypesAgreeWithReadelf(@TempDir Path dir) throws Exception {
        assertThat(ForeignExecutables.available("readelf")).as("readelf is not installed: apt-get install binutils")
                .isTrue();
        int compared = 0;
        for (int osAbi : new int[] {6, 0, 3}) {
            ElfBuilder b = ElfBuilder.elf64();
            b.osAbi = osAbi;
            b.gnuStack = false;
            int s = b.section(".data", ElfBuilder.SHT_PROGBITS, 3, new byte[16], 0, 0, 8, 0);
            for (long t : TYPES) {
                b.extraSegments.add(new long[] {t, 4, s});
            }
            Path f = Files.write(dir.resolve("osabi-" + osAbi), b.build());
            List<String> expected = types(ForeignExecutables.run(List.of("readelf", "-l", "-W", f.toString()),
                    Duration.ofSeconds(60)));
            StringBuilder ours = new StringBuilder();
            ReadelfText.programHeaders(ElfFile.read(ByteSource.of(Files.readAllBytes(f))), true, ours);
            List<String> actual = types(ours.toString());
            assertThat(actual).as("OS/ABI " + osAbi).isEqualTo(expected);
            assertThat(actual).hasSizeGreaterThanOrEqualTo(TYPES.length);
            compared += actual.size();
        }
        System.out.println("oracle readelf -lW segment types: " + compared + "/" + compared
                + " rows agree (OS/ABI Solaris, System V, FreeBSD)");
    }

    @Test
    void osRangeSectionTypesAgreeWithReadelf(@TempDir Path dir) throws Exception {
        assertThat(ForeignExecutables.available("readelf")).as("readelf is not installed: apt-get install binutils")
                .isTrue();
        int compared = 0;
        for (int osAbi : new int[] {6, 0}) {
            ElfBuilder b = ElfBuilder.elf64();
            b.osAbi = osAbi;
            List<Long> types = new ArrayList<>();
            for (long t = 0x6fffffeeL; t <= 0x6fffffffL; t++) {
                types.add(t);
            }
            types.addAll(List.of(0x60000000L, 0x6fff4700L, 0x6ffffff5L - 0x100));
            for (int i = 0; i < types.size(); i++) {
                b.section("s" + i, (int) (long) types.get(i), 0, new byte[8], 0, 0, 1, 0);
            }
            Path f = Files.write(dir.resolve("sections-" + osAbi), b.build());
            List<String> expected = sectionTypes(ForeignExecutables.run(List.of("readelf", "-S", "-W", f.toString()),
                    Duration.ofSeconds(60)));
            StringBuilder ours = new StringBuilder();
            ReadelfText.sectionHeaders(ElfFile.read(ByteSource.of(Files.readAllBytes(f))), true, ours);
            List<String> actual = sectionTypes(ours.toString());
            assertThat(actual).as("OS/ABI " + osAbi).isEqualTo(expected);
            assertThat(actual).hasSizeGreaterThanOrEqualTo(types.size());
            compared += actual.size();
        }
        System.out.println("oracle readelf -SW section types: " + compared + "/" + compared
                + " rows agree (OS/ABI Solaris, System V)");
    }

    /** The name and type of each row of the "Section Headers:" table. */
    private static List<String> sectionTypes(String text) {
        List<String> out = new ArrayList<>();
        for (String line : text.lines().toList()) {
            String t = line.trim();
            if (t.matches("^\\[ *\\d+\\] .*")) {
                String[] w = t.substring(t.indexOf(']') + 1).trim().split("\\s+");
                out.add(w[0] + " " + w[1]);
            }
        }
        return out;
    }

    /** The first word of each row of the "Program Headers:" table. */
    private static List<String> types(String text) {
        List<String> out = new ArrayList<>();
        boolean in = false;
        for (String line : text.lines().toList()) {
            if (line.startsWith("Program Headers:")) {
                in = true;
            } else if (in && line.isBlank()) {
                break;
            } else if (in && !line.trim().startsWith("Type") && !line.trim().startsWith("[")) {
                out.add(line.trim().split("\\s+")[0]);
            }
        }
        return out;
    }
}

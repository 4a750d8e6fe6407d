package dev.execray.binary.elf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.execray.binary.ByteSource;
import dev.execray.binary.ForeignExecutables;
import dev.execray.report.ReadelfText;
import dev.execray.testing.ElfBuilder;
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

    /** Every DT_SUNW_* value readelf names, its neighbours it does not, and processor-range values. */
    private static final long[] SOLARIS_TAGS = {0x6000000cL, 0x6000000dL, 0x6000000eL, 0x6000000fL, 0x60000010L,
        0x60000011L, 0x60000012L, 0x60000013L, 0x60000014L, 0x60000015L, 0x60000016L, 0x60000017L, 0x60000018L,
        0x60000019L, 0x6000001aL, 0x6000001bL, 0x6000001cL, 0x6000001dL, 0x6000001fL, 0x60000021L, 0x60000023L,
        0x60000025L, 0x60000029L, 0x6000002bL, 0x6000002cL, 0x6ffff000L, 0x70000000L, 0x70000001L, 0x70000002L,
        0x70000004L, 0x70000005L, 0x7000000aL,
        0x7ffffffcL, 0x7ffffffdL, 0x7ffffffeL, 0x7fffffffL};

    /** {64-bit?, little-endian?, e_machine}: the default path, SPARC (Solaris's names), machines with their own. */
    private static final int[][] MACHINES = {{1, 1, 62}, {0, 1, 3}, {0, 0, 2}, {1, 0, 43}, {1, 1, 183}, {0, 0, 20},
        {1, 0, 21}, {0, 0, 8}};

    @Test
    void solarisDynamicTagsAndTheSyminfoTableAgreeWithReadelf(@TempDir Path dir) throws Exception {
        assertThat(ForeignExecutables.available("readelf")).as("readelf is not installed: apt-get install binutils")
                .isTrue();
        int compared = 0;
        int files = 0;
        for (int osAbi : new int[] {6, 0}) {
            for (int[] m : MACHINES) {
                ElfBuilder b = new ElfBuilder(m[0] == 1, m[1] == 1);
                b.machine = m[2];
                b.osAbi = osAbi;
                Path f = Files.write(dir.resolve("dyn-" + osAbi + "-" + m[2]), solarisDynamicFile(b));
                compared += compareDynamic(f);
                files++;
            }
        }
        compared += compareDynamic(Path.of("fixtures/out/c/libxrsun-solaris.so.1"));
        files++;
        assertThat(compared).isGreaterThanOrEqualTo(files * 40);
        System.out.println("oracle readelf -dW (dynamic tags, Dynamic info segment): " + compared + "/" + compared
                + " lines agree over " + files + " files (OS/ABI Solaris and System V, " + MACHINES.length
                + " machines, and fixtures/out/c/libxrsun-solaris.so.1)");
    }

    /** readelf -d -W against ReadelfText.dynamic and symbolInfo, line for line; returns the lines compared. */
    private static int compareDynamic(Path f) throws Exception {
        String expected = ForeignExecutables.run(List.of("readelf", "-d", "-W", f.toString()), Duration.ofSeconds(60));
        ElfFile elf = ElfFile.read(ByteSource.of(Files.readAllBytes(f)));
        StringBuilder ours = new StringBuilder();
        ReadelfText.dynamic(elf, ours);
        ReadelfText.symbolInfo(elf, ours);
        List<String> want = expected.lines().toList();
        assertThat(ours.toString().lines().toList()).as(f.getFileName().toString()).isEqualTo(want);
        assertThat(expected).as(f.getFileName().toString()).contains("Dynamic info segment");
        return want.size();
    }

    /**
     * A file with dynamic symbols, two DT_NEEDED entries, every tag of {@link #SOLARIS_TAGS} and a DT_SYMINFO
     * table of one entry more than there are symbols: bound to SELF, PARENT, each DT_NEEDED, an entry whose
     * value is no string offset, DT_NULL, an index past the table, 0; every flag bit and bits readelf does not
     * name; and a symbol whose st_name lies outside the string table.
     */
    static byte[] solarisDynamicFile(ElfBuilder b) {
        b.dynamicSegment = true;
        b.gnuStack = false;
        ElfBuilder.StringTable dynstr = new ElfBuilder.StringTable();
        int libc = dynstr.add("libc.so.1");
        int libm = dynstr.add("libm.so.2");
        String[] names = {"", "direct_self", "parent", "a_rather_long_symbol_name_over_thirty_chars", "to_libm",
            "not_a_string", "to_null", "past", "zero", "bad_name"};
        long[] nameOffsets = new long[names.length];
        for (int i = 0; i < names.length; i++) {
            nameOffsets[i] = dynstr.add(names[i]);
        }
        nameOffsets[names.length - 1] = 0x7fff; // no string there
        byte[] strBytes = dynstr.bytes();
        int strIdx = b.section(".dynstr", ElfBuilder.SHT_STRTAB, 2, strBytes, 0, 0, 1, 0);
        ElfBuilder.Bytes syms = b.bytes();
        for (int i = 0; i < names.length; i++) {
            b.symbol(syms, nameOffsets[i], i == 0 ? 0 : 0x100 + i, 0, i == 0 ? 0 : 0x12, 0, 0);
        }
        int symIdx = b.section(".dynsym", ElfBuilder.SHT_DYNSYM, 2, syms.bytes(), strIdx, 1, b.word(), b.symsize());
        // dynamic entry indexes: 0 NEEDED libc, 1 NEEDED libm, 2 STRTAB (an address, not a string offset)
        int nullIndex = 10 + SOLARIS_TAGS.length;
        int[][] info = {{0, 0}, {0xffff, 1}, {0xfffe, 8}, {0, 4}, {1, 2}, {2, 0xf}, {nullIndex, 0x10},
            {nullIndex + 1, 0xfff0}, {0, 0xffff}, {0xfffd, 3}, {0xffff, 0}};
        ElfBuilder.Bytes si = b.bytes();
        for (int[] e : info) {
            si.u16(e[0]).u16(e[1]);
        }
        int siIdx = b.section(".SUNW_syminfo", ElfBuilder.SHT_PROGBITS, 2, si.bytes(), 0, 0, 4, 4);
        int dynIdx = b.next();
        ElfBuilder.Bytes dyn = b.bytes();
        dyn.word(1).word(libc).word(1).word(libm);
        dyn.word(5).word(b.contentOffset(strIdx)).word(10).word(strBytes.length);
        dyn.word(6).word(b.contentOffset(symIdx)).word(11).word(b.symsize());
        dyn.word(0x6ffffeffL).word(b.contentOffset(siIdx)).word(0x6ffffdfeL).word((long) info.length * 4);
        dyn.word(0x6ffffdffL).word(4);
        dyn.word(0x6ffffdf9L).word(0); // one tag readelf names on every OS (DT_POSFLAG_1), as a reference row
        for (long t : SOLARIS_TAGS) {
            dyn.word(t).word(t & 0xfff);
        }
        dyn.word(0).word(0);
        assertThat(nullIndex).isEqualTo(dyn.bytes().length / (2 * b.word()) - 1);
        b.section(".dynamic", ElfBuilder.SHT_DYNAMIC, 3, dyn.bytes(), strIdx, 0, b.word(), 2L * b.word());
        assertThat(b.index(".dynamic")).isEqualTo(dynIdx);
        return b.build();
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

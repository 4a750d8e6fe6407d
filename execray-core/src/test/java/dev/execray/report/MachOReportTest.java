package dev.execray.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.execray.binary.ByteSource;
import dev.execray.binary.macho.FatMachOFile;
import dev.execray.binary.macho.MachOBuilder;
import dev.execray.binary.macho.MachOBuilder.Sect;
import dev.execray.binary.macho.MachOBuilder.Sym;
import dev.execray.binary.macho.MachOFile;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MachOReportTest {
    private static byte[] sampleBytes() {
        byte[] uuid = new byte[16];
        uuid[15] = 1;
        return MachOBuilder.x86_64().cpu(0x0100000c, 0)
                .segment("__TEXT", 0x100000000L, 0x4000, 0, 0x4000, 5, 5,
                        new Sect("__text", "__TEXT", 0x100003f00L, 0x40, 0x3f00, 0x80000400L))
                .dylinker("/usr/lib/dyld")
                .dylib(MachOBuilder.LC_LOAD_DYLIB, "/usr/lib/libSystem.B.dylib", 0x51f0403, 0x10000)
                .dylib(MachOBuilder.LC_LOAD_WEAK_DYLIB, "@rpath/libweak.dylib", 0x10203, 0x10000)
                .rpath("@executable_path/../lib")
                .buildVersion(1, 0xb0000, 0xd0100, 3, 0x3f80000)
                .main(0x3f00, 0).uuid(uuid).linkedit(MachOBuilder.LC_CODE_SIGNATURE, 0x8000, 0x220)
                .rawCommand(0x80000077L, 8, 8)
                .symbols(new Sym("_main", 0x0f, 1, 0, 0x100003f00L), new Sym("_printf", 0x01, 0, 0x0100, 0),
                        new Sym("_weakthing", 0x01, 0, 0x0200, 0))
                .build();
    }

    private static String text(MachOFile m, Set<InspectDetail> details) {
        StringWriter s = new StringWriter();
        MachOText.render("app", m, details, new PrintWriter(s));
        return s.toString();
    }

    @Test
    void theSummaryComesFirstAndNamesWhatMatters() {
        String out = text(MachOFile.read(ByteSource.of(sampleBytes())), EnumSet.noneOf(InspectDetail.class));

        assertThat(out.lines().findFirst()).hasValue("app: Mach-O 64-bit executable, arm64");
        assertThat(out).contains("filetype  MH_EXECUTE")
                .contains("flags     NOUNDEFS DYLDLINK TWOLEVEL PIE")
                .contains("min os    macos 11.0   sdk 13.1   (LC_BUILD_VERSION)")
                .contains("entry     LC_MAIN entryoff 0x3f00   stack default")
                .contains("dylibs    /usr/lib/libSystem.B.dylib   (current 1311.4.3, compatibility 1.0.0)")
                .contains("@rpath/libweak.dylib   (current 1.2.3, compatibility 1.0.0)   weak")
                .contains("rpaths    @executable_path/../lib")
                .contains("uuid      00000000-0000-0000-0000-000000000001")
                .contains("signed    LC_CODE_SIGNATURE, 544 bytes at 0x8000 (not verified)")
                .contains("symbols   3 (2 undefined, 0 debug)");
    }

    @Test
    void detailFlagsAddSegmentsImportsSymbolsAndLoadCommands() {
        String out = text(MachOFile.read(ByteSource.of(sampleBytes())), EnumSet.allOf(InspectDetail.class));

        assertThat(out).contains("Segments and sections:").contains("__text")
                .contains("Undefined symbols by dylib:").containsPattern("libSystem\\.B\\.dylib\\s+_printf")
                .containsPattern("libweak\\.dylib\\s+_weakthing")
                .contains("Symbols: 3").containsPattern("N_SECT\\|N_EXT\\s+1\\s+0x0000\\s+_main")
                .contains("Load command 9: LC_REQ_DYLD|0x77 (cmdsize 8)")
                .contains("LC_REQ_DYLD set: dyld refuses a command it does not know")
                .contains("platform macos   minos 11.0   sdk 13.1   ntools 1");
    }

    @Test
    void jsonCarriesTheSameFacts() {
        JsonNode m = MachOJson.document("app", MachOFile.read(ByteSource.of(sampleBytes())), true).get("macho");

        assertThat(m.get("arch").asText()).isEqualTo("arm64");
        assertThat(m.at("/filetype/name").asText()).isEqualTo("MH_EXECUTE");
        assertThat(m.at("/minimumOs/version").asText()).isEqualTo("11.0");
        assertThat(m.at("/dylibs/1/kind").asText()).isEqualTo("weak");
        assertThat(m.at("/dylibs/1/command").asText()).isEqualTo("LC_LOAD_WEAK_DYLIB");
        assertThat(m.at("/rpaths/0").asText()).isEqualTo("@executable_path/../lib");
        assertThat(m.at("/codeSignature/datasize").asInt()).isEqualTo(0x220);
        assertThat(m.at("/loadCommands/9/command").asText()).isEqualTo("LC_REQ_DYLD|0x77");
        assertThat(m.at("/loadCommands/2/name").asText()).as("a dylib's own name field").isEqualTo("/usr/lib/libSystem.B.dylib");
        assertThat(m.at("/loadCommands/2/command").asText()).isEqualTo("LC_LOAD_DYLIB");
        assertThat(m.at("/symbols/1/type").asText()).isEqualTo("N_UNDF");
        assertThat(m.at("/symtab/undefined").asInt()).isEqualTo(2);
        assertThat(MachOJson.document("app", MachOFile.read(ByteSource.of(sampleBytes())), false).get("macho")
                .has("symbols")).isFalse();
    }

    @Test
    void aFatFileListsItsSlicesEachWithItsOwnMachO() {
        byte[] fat = MachOBuilder.fat(true, MachOBuilder.x86_64().rpath("/x").build(), sampleBytes());
        FatMachOFile f = FatMachOFile.read(ByteSource.of(fat));

        StringWriter s = new StringWriter();
        MachOText.renderFat("uni", f, EnumSet.noneOf(InspectDetail.class), new PrintWriter(s));
        assertThat(s.toString()).startsWith("uni: Mach-O universal binary, 2 slices (FAT_MAGIC_64)")
                .contains("uni (slice 0, x86_64): Mach-O 64-bit executable, x86_64")
                .contains("uni (slice 1, arm64): Mach-O 64-bit executable, arm64");

        JsonNode j = MachOJson.fatDocument("uni", f, false);
        assertThat(j.get("format").asText()).isEqualTo("fat");
        assertThat(j.at("/fat/magic").asText()).isEqualTo("FAT_MAGIC_64");
        assertThat(j.at("/fat/slices/1/arch").asText()).isEqualTo("arm64");
        assertThat(j.at("/fat/slices/1/macho/rpaths/0").asText()).isEqualTo("@executable_path/../lib");
    }
}

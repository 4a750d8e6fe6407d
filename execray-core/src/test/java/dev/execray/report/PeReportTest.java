package dev.execray.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.execray.binary.ByteLayout;
import dev.execray.binary.ByteSource;
import dev.execray.binary.pe.PeBuilder;
import dev.execray.binary.pe.PeBuilder.Exp;
import dev.execray.binary.pe.PeBuilder.Fn;
import dev.execray.binary.pe.PeFile;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PeReportTest {
    private static final byte[] GUID = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};

    private static PeFile sample() {
        return PeFile.read(ByteSource.of(new PeBuilder(true).machine(0xaa64).characteristics(0x2022)
                .subsystem(2, 10, 0).importDll("KERNEL32.dll", Fn.byName("ExitProcess", 0x167), Fn.byOrdinal(12))
                .delayImportDll("USER32.dll", Fn.byName("MessageBoxW", 3))
                .exports("sample.dll", 1, Exp.named("alpha"), Exp.ordinalOnly(), Exp.forwarded("Heap", "NTDLL.RtlHeap"))
                .codeView(GUID, 2, "C:\\b\\sample.pdb").longSection(".debug_info").certificate(64).build().bytes()));
    }

    private static String text(PeFile pe, Set<InspectDetail> details) {
        StringWriter s = new StringWriter();
        PeText.render("sample.dll", pe, details, new PrintWriter(s));
        return s.toString();
    }

    @Test
    void theSummaryComesFirstAndNamesWhatMatters() {
        String out = text(sample(), EnumSet.noneOf(InspectDetail.class));

        assertThat(out.lines().findFirst()).hasValue("sample.dll: PE32+ DLL, arm64, Windows GUI");
        assertThat(out).contains("machine     IMAGE_FILE_MACHINE_ARM64 (0xaa64)")
                .contains("subsystem   IMAGE_SUBSYSTEM_WINDOWS_GUI 10.0")
                .contains("imports     KERNEL32.dll (2)")
                .contains("delay       USER32.dll (1)")
                .contains("exports     sample.dll: 3 (2 named, 1 by ordinal only, 1 forwarded)")
                .contains("pdb         C:\\b\\sample.pdb   {04030201-0605-0807-090A-0B0C0D0E0F10} age 2")
                .contains("signed      certificate table, 64 bytes at 0x");
        assertThat(out).doesNotContain("Sections:").doesNotContain("Problems");
    }

    @Test
    void detailFlagsAddTheirTables() {
        String out = text(sample(), EnumSet.allOf(InspectDetail.class));

        assertThat(out).contains("Sections:").contains(".debug_info (/4)")
                .contains("Imports:").contains("hint 359  ExitProcess").containsPattern("ordinal\\s+12")
                .contains("Delay imports:").contains("MessageBoxW")
                .contains("Exports: sample.dll, ordinal base 1, 3 functions, 2 names")
                .contains("Heap -> NTDLL.RtlHeap").contains("(by ordinal only)")
                .contains("Data directories:").contains("IMAGE_DIRECTORY_ENTRY_DELAY_IMPORT")
                .contains("Debug directory:").contains("IMAGE_DEBUG_TYPE_CODEVIEW");
    }

    @Test
    void problemsAreListedAfterWhatCouldBeRead() {
        PeBuilder.Built built = new PeBuilder(true).importDll("A.dll", Fn.byOrdinal(1)).build();
        byte[] b = built.bytes();
        ByteLayout.patch(b).u32(PeBuilder.Built.offsetOfDataRva(built.importDirectoryRva()) + 12, 0x900000);

        String out = text(PeFile.read(ByteSource.of(b)), EnumSet.noneOf(InspectDetail.class));
        assertThat(out).contains("imports     none").contains("Problems (what is shown above is what could still be read):")
                .contains("! import DLL name at offset 0x900000: RVA 0x900000 is in no section the file holds");
    }

    @Test
    void jsonCarriesTheSameFacts() {
        JsonNode pe = PeJson.document("sample.dll", sample()).get("pe");

        assertThat(pe.get("kind").asText()).isEqualTo("PE32+");
        assertThat(pe.at("/machine/name").asText()).isEqualTo("IMAGE_FILE_MACHINE_ARM64");
        assertThat(pe.get("dll").asBoolean()).isTrue();
        assertThat(pe.at("/subsystem/version").asText()).isEqualTo("10.0");
        assertThat(pe.at("/dllCharacteristics/flags").toString()).contains("IMAGE_DLLCHARACTERISTICS_NX_COMPAT");
        assertThat(pe.at("/imports/0/dll").asText()).isEqualTo("KERNEL32.dll");
        assertThat(pe.at("/imports/0/functions/0/hint").asInt()).isEqualTo(0x167);
        assertThat(pe.at("/imports/0/functions/1/ordinal").asInt()).isEqualTo(12);
        assertThat(pe.at("/delayImports/0/dll").asText()).isEqualTo("USER32.dll");
        assertThat(pe.at("/exports/exports/2/forwarder").asText()).isEqualTo("NTDLL.RtlHeap");
        assertThat(pe.at("/exports/exports/1/names").size()).isZero();
        assertThat(pe.at("/debug/0/codeView/pdb").asText()).isEqualTo("C:\\b\\sample.pdb");
        assertThat(pe.at("/sections/2/headerName").asText()).isEqualTo("/4");
        assertThat(pe.at("/signature/size").asInt()).isEqualTo(64);
        assertThat(pe.get("problems").size()).isZero();
    }
}

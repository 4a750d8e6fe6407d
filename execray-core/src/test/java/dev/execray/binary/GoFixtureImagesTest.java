package dev.execray.binary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.execray.binary.macho.LoadCommand;
import dev.execray.binary.macho.MachOFile;
import dev.execray.binary.pe.ImportedDll;
import dev.execray.binary.pe.PeFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The project's Go fixtures for Windows and macOS, read through the format-neutral image view the Go readers use. */
class GoFixtureImagesTest {
    private static final byte[] BUILDINFO_MAGIC = "\u00ff Go buildinf:".getBytes(StandardCharsets.ISO_8859_1);

    private static Path fixture(String name) {
        return ForeignExecutables.projectRoot().resolve("fixtures/out/go").resolve(name);
    }

    @Test
    void windowsAmd64IsAPe32PlusConsoleProgramImportingKernel32Only() throws IOException {
        BinaryFile f = BinaryFile.open(fixture("hello-windows-amd64"));
        assertThat(f).isInstanceOf(BinaryFile.Pe.class);
        PeFile pe = ((BinaryFile.Pe) f).pe();

        assertThat(pe.optionalHeader().formatName()).isEqualTo("PE32+");
        assertThat(pe.coffHeader().machineName()).isEqualTo("IMAGE_FILE_MACHINE_AMD64");
        assertThat(pe.optionalHeader().subsystemName()).isEqualTo("IMAGE_SUBSYSTEM_WINDOWS_CUI");
        assertThat(pe.imports().entries()).extracting(ImportedDll::name).containsExactly("kernel32.dll");
        assertThat(pe.imports().entries().get(0).functions()).extracting(fn -> fn.display()).contains("ExitProcess",
                "LoadLibraryA", "GetProcAddress");
        assertThat(pe.exports().directory()).isEmpty();
        assertThat(pe.peSections()).extracting(s -> s.name()).contains(".text", ".rdata", ".data", ".idata");
    }

    @Test
    void windows386IsPe32() throws IOException {
        PeFile pe = ((BinaryFile.Pe) BinaryFile.open(fixture("hello-windows-386.stripped"))).pe();

        assertThat(pe.optionalHeader().formatName()).isEqualTo("PE32");
        assertThat(pe.pointerSize()).isEqualTo(4);
        assertThat(pe.coffHeader().machineName()).isEqualTo("IMAGE_FILE_MACHINE_I386");
    }

    @Test
    void goBuildInfoIsFoundThroughTheImageViewInPe() throws IOException {
        PeFile pe = ((BinaryFile.Pe) BinaryFile.open(fixture("hello-windows-amd64.stripped"))).pe();
        // Go's rule for PE: the first section with characteristics (less align bits) == INITIALIZED_DATA|READ|WRITE
        ImageSection data = pe.sections().get(pe.peSections().indexOf(pe.peSections().stream()
                .filter(s -> (s.characteristics() & ~0x00f00000L) == 0xC0000040L).findFirst().orElseThrow()));
        long offset = pe.fileOffsetOf(data.address()).orElseThrow();

        assertThat(pe.source().indexOf(BUILDINFO_MAGIC, offset)).isGreaterThanOrEqualTo(offset);
    }

    @Test
    void darwinArm64IsAPieExecutableLinkingLibSystemWithAnAdHocSignature() throws IOException {
        MachOFile m = ((BinaryFile.MachO) BinaryFile.open(fixture("hello-darwin-arm64"))).macho();

        assertThat(m.header().arch()).isEqualTo("arm64");
        assertThat(m.header().fileTypeName()).isEqualTo("MH_EXECUTE");
        assertThat(m.dylibs()).extracting(LoadCommand.Dylib::name).containsExactly("/usr/lib/libSystem.B.dylib");
        assertThat(m.minimumOs()).hasValueSatisfying(os -> assertThat(os.versionText()).isEqualTo("11.0"));
        assertThat(m.codeSignature()).isPresent();
        assertThat(m.command(LoadCommand.EntryPoint.class)).isPresent();
        assertThat(m.symbols().entries()).isNotEmpty();
    }

    @Test
    void goBuildInfoSectionMapsToItsBytesInMachO() throws IOException {
        for (String name : new String[] {"hello-darwin-amd64", "hello-darwin-arm64.stripped"}) {
            MachOFile m = ((BinaryFile.MachO) BinaryFile.open(fixture(name))).macho();
            ImageSection s = m.section("__go_buildinfo").orElseThrow();
            long offset = m.fileOffsetOf(s.address()).orElseThrow();

            assertThat(offset).isEqualTo(s.fileOffset());
            assertThat(m.source().bytes(offset, BUILDINFO_MAGIC.length, "buildinfo")).isEqualTo(BUILDINFO_MAGIC);
        }
    }

    @Test
    void darwinAmd64StartsThroughLcUnixthread() throws IOException {
        MachOFile m = ((BinaryFile.MachO) BinaryFile.open(fixture("hello-darwin-amd64"))).macho();

        LoadCommand.Thread t = m.command(LoadCommand.Thread.class).orElseThrow();
        assertThat(t.pc()).isPresent();
        assertThat(m.fileOffsetOf(t.pc().getAsLong())).isPresent();
    }

    @Test
    void peAnswersTheFormatNeutralQuestions() throws IOException {
        ExecutableImage pe = ((BinaryFile.Pe) BinaryFile.open(fixture("hello-windows-amd64"))).pe();

        assertThat(pe.format()).isEqualTo(FileFormat.PE);
        assertThat(pe.machine()).isEqualTo("x86-64");
        assertThat(pe.positionIndependent()).as("DYNAMIC_BASE").isTrue();
        assertThat(pe.neededLibraries()).containsExactly("kernel32.dll");
        assertThat(pe.interpreter()).isEmpty();
        assertThat(pe.hasSymbolTable()).isTrue();
        // go tool nm: 482a80 R runtime.pclntab; the COFF value is relative to its section
        long pclntab = pe.symbolAddress("runtime.pclntab").orElseThrow();
        assertThat(pe.source().bytes(pe.fileOffsetOf(pclntab).orElseThrow(), 4, "pcHeader magic"))
                .as("Go 1.18+ pcHeader magic 0xfffffff0, little-endian").containsExactly((byte) 0xf0, (byte) 0xff, (byte) 0xff, (byte) 0xff);
        assertThat(pe.loadSegments()).extracting(ImageSegment::name).startsWith(".text", ".rdata", ".data");
        assertThat(pe.loadSegments().get(0).executable()).isTrue();

        ExecutableImage stripped = ((BinaryFile.Pe) BinaryFile.open(fixture("hello-windows-amd64.stripped"))).pe();
        assertThat(stripped.hasSymbolTable()).isFalse();
        assertThat(stripped.symbolAddress("runtime.pclntab")).isEmpty();
    }

    @Test
    void machOAnswersTheFormatNeutralQuestions() throws IOException {
        ExecutableImage m = ((BinaryFile.MachO) BinaryFile.open(fixture("hello-darwin-arm64"))).macho();

        assertThat(m.format()).isEqualTo(FileFormat.MACHO);
        assertThat(m.machine()).isEqualTo("AArch64");
        assertThat(m.positionIndependent()).as("MH_PIE").isTrue();
        assertThat(m.interpreter()).hasValue("/usr/lib/dyld");
        assertThat(m.neededLibraries()).containsExactly("/usr/lib/libSystem.B.dylib");
        assertThat(m.loadSegments()).extracting(ImageSegment::name).startsWith("__PAGEZERO", "__TEXT");
        ImageSegment text = m.loadSegments().get(1);
        assertThat(text.readable() && text.executable() && !text.writable()).isTrue();
        long pclntab = m.symbolAddress("_runtime.pclntab").orElseThrow();
        assertThat(m.section("__gopclntab")).hasValueSatisfying(s -> assertThat(s.address()).isEqualTo(pclntab));
    }
}

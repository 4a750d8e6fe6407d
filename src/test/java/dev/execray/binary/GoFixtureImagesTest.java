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
}

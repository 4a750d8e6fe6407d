package dev.execray.binary.elf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.execray.binary.BinaryFile;
import dev.execray.binary.ByteSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The ELF model on the project's own fixtures (fixtures/build.sh): real toolchain output, small. */
class ElfFixturesTest {
    static ElfFile fixture(String name) throws IOException {
        return ElfFile.read(ByteSource.open(Path.of("fixtures/out", name)));
    }

    @Test
    void aGlibcPieNeedsItsLoaderLibcAndVersionedSymbols() throws IOException {
        ElfFile elf = fixture("c/hello-x86_64-pie");
        assertThat(elf.header().machine().is(ElfMachine.X86_64)).isTrue();
        assertThat(elf.isPie()).isTrue();
        assertThat(elf.interpreter()).contains("/lib64/ld-linux-x86-64.so.2");
        assertThat(elf.dynamic().needed()).containsExactly("libc.so.6");
        assertThat(elf.versionNeeds()).singleElement().satisfies(n -> {
            assertThat(n.file()).isEqualTo("libc.so.6");
            assertThat(n.versions()).extracting(VersionNeedAux::name).contains("GLIBC_2.2.5", "GLIBC_2.34");
        });
        assertThat(elf.dynamicSymbols()).filteredOn(s -> s.name().equals("puts")).singleElement()
                .satisfies(s -> assertThat(s.version().orElseThrow().name()).isEqualTo("GLIBC_2.2.5"));
        assertThat(elf.isStripped()).isFalse();
        assertThat(elf.buildId()).isPresent();
        assertThat(elf.abiTag().orElseThrow().osName()).isEqualTo("Linux");
        assertThat(elf.problems()).isEmpty();
    }

    @Test
    void withoutSectionHeadersTheDynamicInformationComesFromTheSegments() throws IOException {
        ElfFile elf = fixture("c/hello-x86_64-noshdr");
        ElfFile full = fixture("c/hello-x86_64-pie.stripped");
        assertThat(elf.sectionHeaders()).isEmpty();
        assertThat(elf.dynamic().needed()).isEqualTo(full.dynamic().needed());
        assertThat(elf.dynamicSymbols()).extracting(Symbol::name)
                .isEqualTo(full.dynamicSymbols().stream().map(Symbol::name).toList());
        assertThat(elf.dynamicSymbols()).extracting(s -> s.version().map(SymbolVersion::name).orElse(""))
                .isEqualTo(full.dynamicSymbols().stream().map(s -> s.version().map(SymbolVersion::name).orElse(""))
                        .toList());
        assertThat(elf.versionNeeds()).isEqualTo(full.versionNeeds());
        assertThat(elf.buildId()).isEqualTo(full.buildId());
    }

    @Test
    void aVersionedLibraryDefinesItsVersionsAndInheritance() throws IOException {
        ElfFile elf = fixture("c/libxr.so.1");
        assertThat(elf.dynamic().soname()).contains("libxr.so.1");
        assertThat(elf.versionDefinitions()).extracting(VersionDefinition::name)
                .containsExactly("libxr.so.1", "XR_1.0", "XR_2.0");
        assertThat(elf.versionDefinitions().get(2).names()).containsExactly("XR_2.0", "XR_1.0");
        // the .symver alias xr_add@XR_1.0 is a local symbol in .symtab only; .dynsym has the default one
        assertThat(elf.dynamicSymbols()).filteredOn(s -> s.name().equals("xr_add")).singleElement()
                .satisfies(s -> {
                    assertThat(s.version().orElseThrow().name()).isEqualTo("XR_2.0");
                    assertThat(s.version().orElseThrow().kind()).isEqualTo(SymbolVersion.Kind.DEFINED);
                    assertThat(s.version().orElseThrow().hidden()).isFalse();
                });
        assertThat(elf.symbols()).extracting(Symbol::name).contains("xr_add@XR_1.0");
    }

    @Test
    void bigEndianPowerPcReadsAsWellAsLittleEndian() throws IOException {
        ElfFile elf = fixture("c/hello-ppc32be");
        assertThat(elf.elfClass()).isEqualTo(ElfClass.ELF32);
        assertThat(elf.header().data()).isEqualTo(ElfData.MSB);
        assertThat(elf.header().machine().name()).isEqualTo("PowerPC");
        assertThat(elf.interpreter()).contains("/lib/ld.so.1");
        assertThat(elf.dynamic().needed()).containsExactly("libc.so.6");
        assertThat(elf.problems()).isEmpty();
    }

    @Test
    void staticAndStaticPieAreToldApart() throws IOException {
        assertThat(fixture("c/hello-x86_64-static").linking()).isEqualTo(Linking.STATIC);
        assertThat(fixture("c/hello-x86_64-static-pie").linking()).isEqualTo(Linking.STATIC_PIE);
        assertThat(fixture("c/hello-aarch64").interpreter()).contains("/lib/ld-linux-aarch64.so.1");
        assertThat(fixture("c/hello-x86_64-execstack").gnuStack().orElseThrow().executable()).isTrue();
    }

    @Test
    void compressedDebugSectionsInflate() throws IOException {
        ElfFile elf = fixture("c/hello-x86_64-zdebug");
        SectionHeader info = elf.sectionHeader(".debug_info").orElseThrow();
        assertThat(info.isCompressed()).isTrue();
        CompressionHeader ch = elf.compressionHeader(info).orElseThrow();
        byte[] data = elf.sectionData(info, 1 << 20);
        assertThat(data).hasSize((int) ch.size());
        // DWARF unit header: 4-byte length of the rest of the unit, then the version
        long unitLength = (data[0] & 0xff) | (data[1] & 0xff) << 8 | (data[2] & 0xff) << 16 | (data[3] & 0xff) << 24;
        assertThat(unitLength + 4).isLessThanOrEqualTo(data.length);
        assertThat(data[4] | data[5] << 8).isBetween(2, 5);
        SectionHeader str = elf.sectionHeader(".debug_str").orElseThrow();
        assertThat(new String(elf.sectionData(str, 1 << 20), StandardCharsets.UTF_8)).contains("GNU C17");
    }

    @Test
    void goBinariesCarryTheirBuildIdNote() throws IOException {
        ElfFile elf = fixture("go/hello-linux-amd64");
        assertThat(elf.goBuildId()).hasValueSatisfying(id -> assertThat(id).contains("/"));
        assertThat(elf.linking()).isEqualTo(Linking.STATIC);
        ElfFile freebsd = fixture("go/hello-freebsd-amd64");
        assertThat(freebsd.header().osAbi().is(OsAbi.FREEBSD)).isTrue();
    }

    @Test
    void binaryFileIdentifiesElfAndScripts() throws IOException {
        assertThat(BinaryFile.open(Path.of("fixtures/out/c/hello-i386"))).isInstanceOfSatisfying(BinaryFile.Elf.class,
                e -> assertThat(e.elf().header().machine().name()).isEqualTo("Intel 80386"));
    }

    @Test
    void aSolarisLibraryNamesItsTagsTheSolarisWayAndCarriesItsSyminfoTable() throws IOException {
        ElfFile elf = fixture("c/libxrsun-solaris.so.1");
        assertThat(elf.header().osAbi().is(OsAbi.SOLARIS)).isTrue();
        assertThat(elf.programHeaders()).extracting(p -> p.type().name()).contains("PT_SUNWSTACK");
        assertThat(elf.dynamic().entries()).extracting(e -> e.tag().name())
                .contains("SUNW_LDMACH", "SYMINFO", "SYMINSZ", "SYMINENT", "SUNW_STRPAD");
        SymbolInfoTable t = elf.symbolInfo();
        assertThat(t.present()).isTrue();
        assertThat(t.fileOffset()).isEqualTo(elf.sectionHeader(".xr_syminfo").orElseThrow().offset());
        assertThat(t.entries()).extracting(SymbolInfo::boundTo)
                .containsExactly(0, SymbolInfo.BOUND_SELF, SymbolInfo.BOUND_PARENT, 1, 0, 1, 500,
                        SymbolInfo.BOUND_PARENT);
        assertThat(t.entries().get(5).flagList()).containsExactly(SymbolInfo.Flag.values());
        assertThat(t.entries().get(6).flagList()).isEmpty(); // 0x10 is a bit readelf does not name
        assertThat(elf.problems()).isEmpty();
        // the same values in a GNU/Linux file keep readelf's generic spelling
        assertThat(DynamicTag.of(0x60000019L, 62, 0).name()).isEqualTo("Operating System specific: 60000019");
    }

    @Test
    void aVersionNameLongerThanReadelfsColumnMovesTheNextColumnAsReadelfsNegativeWidthDoes() throws IOException {
        ElfFile elf = fixture("c/libxrlong.so.1");
        StringBuilder text = new StringBuilder();
        dev.execray.report.ReadelfText.versions(elf, text);
        String name = "A_VERSION_NAME_THAT_IS_LONGER_THAN_USUAL_1.0";
        // printf ("(%s%-*s", name, 12 - 44, ")"): ")" left-justified in 32 columns, then "%4x" of the next entry
        assertThat(text.toString()).contains("   2 (" + name + ")" + " ".repeat(31) + "   2 (" + name + ")");
        assertThat(elf.problems()).isEmpty();
    }
}

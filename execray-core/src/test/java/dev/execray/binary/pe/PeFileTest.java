package dev.execray.binary.pe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.execray.binary.BinaryFormatException;
import dev.execray.binary.ByteLayout;
import dev.execray.binary.ByteSource;
import dev.execray.binary.FormatProblem;
import dev.execray.binary.pe.PeBuilder.Exp;
import dev.execray.binary.pe.PeBuilder.Fn;
import java.util.List;
import org.junit.jupiter.api.Test;

class PeFileTest {
    private static PeFile read(byte[] bytes) {
        return PeFile.read(ByteSource.of(bytes));
    }

    @Test
    void readsThePe32PlusHeaders() {
        PeFile pe = read(new PeBuilder(true).machine(0xaa64).subsystem(2, 10, 0).osVersion(10, 0).imageVersion(3, 7)
                .dllCharacteristics(0x4160 | 0x80 | 0x400 | 0x1000 | 0x8000).characteristics(0x2022).build().bytes());

        assertThat(pe.optionalHeader().formatName()).isEqualTo("PE32+");
        assertThat(pe.pointerSize()).isEqualTo(8);
        assertThat(pe.coffHeader().machineName()).isEqualTo("IMAGE_FILE_MACHINE_ARM64");
        assertThat(pe.isDll()).isTrue();
        assertThat(pe.coffHeader().characteristicFlags()).containsExactly(CoffCharacteristic.EXECUTABLE_IMAGE,
                CoffCharacteristic.LARGE_ADDRESS_AWARE, CoffCharacteristic.DLL);
        assertThat(pe.optionalHeader().subsystemName()).isEqualTo("IMAGE_SUBSYSTEM_WINDOWS_GUI");
        assertThat(pe.optionalHeader().subsystemVersion()).isEqualTo("10.0");
        assertThat(pe.optionalHeader().operatingSystemVersion()).isEqualTo("10.0");
        assertThat(pe.optionalHeader().imageVersion()).isEqualTo("3.7");
        assertThat(pe.optionalHeader().imageBase()).isEqualTo(0x140000000L);
        assertThat(pe.optionalHeader().baseOfData()).isEmpty();
        assertThat(pe.optionalHeader().dllCharacteristicFlags()).containsExactly(DllCharacteristic.HIGH_ENTROPY_VA,
                DllCharacteristic.DYNAMIC_BASE, DllCharacteristic.FORCE_INTEGRITY, DllCharacteristic.NX_COMPAT,
                DllCharacteristic.NO_SEH, DllCharacteristic.APPCONTAINER, DllCharacteristic.GUARD_CF,
                DllCharacteristic.TERMINAL_SERVER_AWARE);
        assertThat(pe.problems()).isEmpty();
    }

    @Test
    void readsThePe32Headers() {
        PeFile pe = read(new PeBuilder(false).build().bytes());

        assertThat(pe.optionalHeader().formatName()).isEqualTo("PE32");
        assertThat(pe.pointerSize()).isEqualTo(4);
        assertThat(pe.coffHeader().machineName()).isEqualTo("IMAGE_FILE_MACHINE_I386");
        assertThat(pe.optionalHeader().baseOfData()).hasValue(PeBuilder.DATA_RVA);
        assertThat(pe.optionalHeader().imageBase()).isEqualTo(0x400000L);
        assertThat(pe.optionalHeader().sizeOfStackReserve()).isEqualTo(0x100000L);
    }

    @Test
    void namesEveryMachineTheIssueLists() {
        assertThat(PeMachine.describe(0xa641)).isEqualTo("IMAGE_FILE_MACHINE_ARM64EC");
        assertThat(PeMachine.describe(0x1c4)).isEqualTo("IMAGE_FILE_MACHINE_ARMNT");
        assertThat(PeMachine.describe(0x14c)).isEqualTo("IMAGE_FILE_MACHINE_I386");
        assertThat(PeMachine.describe(0x8664)).isEqualTo("IMAGE_FILE_MACHINE_AMD64");
        assertThat(PeMachine.describe(0x5064)).isEqualTo("IMAGE_FILE_MACHINE_RISCV64");
        assertThat(PeMachine.describe(0x6264)).isEqualTo("IMAGE_FILE_MACHINE_LOONGARCH64");
        assertThat(PeMachine.describe(0xaa64)).isEqualTo("IMAGE_FILE_MACHINE_ARM64");
        assertThat(PeMachine.describe(0x1234)).isEqualTo("unknown(0x1234)");
        assertThat(read(new PeBuilder(true).machine(0x1234).build().bytes()).coffHeader().machineName())
                .isEqualTo("unknown(0x1234)");
    }

    @Test
    void readsSectionsAndMapsRvasThroughThem() {
        PeFile pe = read(new PeBuilder(true).importDll("KERNEL32.dll", Fn.byName("ExitProcess", 0x167)).build().bytes());

        assertThat(pe.peSections()).extracting(PeSection::name).containsExactly(".text", ".rdata");
        PeSection text = pe.peSections().get(0);
        assertThat(text.virtualAddress()).isEqualTo(0x1000);
        assertThat(text.pointerToRawData()).isEqualTo(0x400);
        assertThat(text.sizeOfRawData()).isEqualTo(0x200);
        assertThat(text.characteristicFlags()).containsExactly(SectionCharacteristic.CNT_CODE,
                SectionCharacteristic.MEM_EXECUTE, SectionCharacteristic.MEM_READ);
        assertThat(pe.offsetOfRva(0x1010)).hasValue(0x410L);
        assertThat(pe.offsetOfRva(0x2000)).hasValue(0x600L);
        assertThat(pe.offsetOfRva(0x10)).as("headers map to themselves").hasValue(0x10L);
        assertThat(pe.offsetOfRva(0x1100)).as("zero fill past the raw data? no: .text vsize 0x100").isEmpty();
        assertThat(pe.offsetOfRva(0x900000)).isEmpty();
        assertThat(pe.fileOffsetOf(0x140001010L)).hasValue(0x410L);
        assertThat(pe.section(".text")).hasValueSatisfying(s -> assertThat(s.address()).isEqualTo(0x140001000L));
    }

    @Test
    void resolvesLongSectionNamesThroughTheStringTable() {
        PeFile pe = read(new PeBuilder(true).longSection(".debug_info").longSection(".debug_abbrev").build().bytes());

        assertThat(pe.peSections()).extracting(PeSection::name)
                .containsExactly(".text", ".rdata", ".debug_info", ".debug_abbrev");
        assertThat(pe.peSections().get(2).headerName()).isEqualTo("/4");
        assertThat(pe.peSections().get(3).headerName()).isEqualTo("/16");
        assertThat(pe.problems()).isEmpty();
    }

    @Test
    void readsImportsByNameWithHintAndByOrdinal() {
        PeFile pe = read(new PeBuilder(true)
                .importDll("KERNEL32.dll", Fn.byName("ExitProcess", 0x167), Fn.byName("GetStdHandle", 0x2bb))
                .importDll("WS2_32.dll", Fn.byOrdinal(115), Fn.byOrdinal(3)).build().bytes());

        List<ImportedDll> dlls = pe.imports().entries();
        assertThat(pe.imports().isComplete()).isTrue();
        assertThat(dlls).extracting(ImportedDll::name).containsExactly("KERNEL32.dll", "WS2_32.dll");
        assertThat(dlls.get(0).functions()).containsExactly(new ImportedFunction.ByName(0x167, "ExitProcess"),
                new ImportedFunction.ByName(0x2bb, "GetStdHandle"));
        assertThat(dlls.get(1).functions()).containsExactly(new ImportedFunction.ByOrdinal(115),
                new ImportedFunction.ByOrdinal(3));
    }

    @Test
    void readsPe32ImportThunksAsFourBytes() {
        PeFile pe = read(new PeBuilder(false).importDll("msvcrt.dll", Fn.byName("printf", 7), Fn.byOrdinal(9))
                .build().bytes());

        assertThat(pe.imports().entries().get(0).functions()).containsExactly(new ImportedFunction.ByName(7, "printf"),
                new ImportedFunction.ByOrdinal(9));
    }

    @Test
    void readsDelayImports() {
        PeFile pe = read(new PeBuilder(false).importDll("KERNEL32.dll", Fn.byName("Sleep", 1))
                .delayImportDll("USER32.dll", Fn.byName("MessageBoxW", 0x28e), Fn.byOrdinal(2000)).build().bytes());

        assertThat(pe.delayImports().isComplete()).isTrue();
        DelayImportedDll d = pe.delayImports().entries().get(0);
        assertThat(d.name()).isEqualTo("USER32.dll");
        assertThat(d.attributes()).isEqualTo(1);
        assertThat(d.functions()).containsExactly(new ImportedFunction.ByName(0x28e, "MessageBoxW"),
                new ImportedFunction.ByOrdinal(2000));
    }

    @Test
    void convertsTheVirtualAddressesOfOldDelayLoadDescriptors() {
        // attributes bit 0 clear: Visual C++ 6 wrote VAs; the image base must come off every address
        PeFile pe = read(new PeBuilder(false).delayImportDll("OLD.dll", Fn.byName("Legacy", 4)).delayImportsAsVas()
                .build().bytes());

        DelayImportedDll d = pe.delayImports().entries().get(0);
        assertThat(pe.delayImports().isComplete()).isTrue();
        assertThat(d.attributes()).isZero();
        assertThat(d.name()).isEqualTo("OLD.dll");
        assertThat(d.importNameTableRva()).isBetween(PeBuilder.DATA_RVA, PeBuilder.DATA_RVA + 0x1000);
        assertThat(d.functions()).containsExactly(new ImportedFunction.ByName(4, "Legacy"));
    }

    @Test
    void readsExportsWithForwardersOrdinalOnlyEntriesAndGaps() {
        PeFile pe = read(new PeBuilder(true).exports("mylib.dll", 5, Exp.named("alpha"), Exp.ordinalOnly(), Exp.gap(),
                Exp.forwarded("HeapAlloc", "NTDLL.RtlAllocateHeap"), Exp.forwarded("Legacy", "OLD.#12")).build().bytes());

        ExportDirectory d = pe.exports().directory().orElseThrow();
        assertThat(pe.exports().problems()).isEmpty();
        assertThat(d.name()).isEqualTo("mylib.dll");
        assertThat(d.ordinalBase()).isEqualTo(5);
        assertThat(d.numberOfFunctions()).isEqualTo(5);
        assertThat(d.numberOfNames()).isEqualTo(3);
        assertThat(d.exports()).extracting(Export::ordinal).containsExactly(5L, 6L, 8L, 9L);
        assertThat(d.exports().get(0).names()).containsExactly("alpha");
        assertThat(d.exports().get(0).forwarder()).isEmpty();
        assertThat(d.exports().get(1).names()).as("ordinal-only").isEmpty();
        assertThat(d.exports().get(2).name()).hasValue("HeapAlloc");
        assertThat(d.exports().get(2).forwarder()).hasValue("NTDLL.RtlAllocateHeap");
        assertThat(d.exports().get(3).forwarder()).hasValue("OLD.#12");
    }

    @Test
    void readsTheCodeViewPdbRecord() {
        byte[] guid = new byte[16];
        for (int i = 0; i < 16; i++) {
            guid[i] = (byte) i;
        }
        PeFile pe = read(new PeBuilder(true).codeView(guid, 3, "C:\\build\\app.pdb").build().bytes());

        assertThat(pe.debugEntries().entries()).hasSize(1);
        DebugEntry e = pe.debugEntries().entries().get(0);
        assertThat(e.typeName()).isEqualTo("IMAGE_DEBUG_TYPE_CODEVIEW");
        CodeViewInfo cv = pe.codeView().orElseThrow();
        assertThat(cv.signature()).isEqualTo("RSDS");
        // Data1..Data3 are little-endian integers, Data4 bytes in order
        assertThat(cv.guid()).isEqualTo("03020100-0504-0706-0809-0A0B0C0D0E0F");
        assertThat(cv.age()).isEqualTo(3);
        assertThat(cv.pdbPath()).isEqualTo("C:\\build\\app.pdb");
    }

    @Test
    void reportsTheCertificateTableAndWhichDirectoriesArePresent() {
        PeFile pe = read(new PeBuilder(true).importDll("a.dll", Fn.byOrdinal(1)).certificate(0x100).build().bytes());

        assertThat(pe.certificateTable()).hasValueSatisfying(d -> assertThat(d.size()).isEqualTo(0x100));
        assertThat(pe.optionalHeader().dataDirectories()).filteredOn(DataDirectory::present)
                .extracting(d -> d.kind().orElseThrow())
                .containsExactly(DataDirectoryKind.IMPORT, DataDirectoryKind.SECURITY);
        assertThat(read(new PeBuilder(true).build().bytes()).certificateTable()).isEmpty();
    }

    // ---- hostile input -------------------------------------------------------------------------

    @Test
    void rejectsAnLfanewPastTheEndOfTheFile() {
        byte[] b = new PeBuilder(true).build().bytes();
        ByteLayout.patch(b).u32(0x3c, 0x7fff0000L);

        assertThatThrownBy(() -> read(b)).isInstanceOf(BinaryFormatException.class)
                .hasMessageContaining("PE signature").hasMessageContaining("0x7fff0000");
    }

    @Test
    void rejectsASectionCountTheFileCannotHold() {
        PeBuilder.Built built = new PeBuilder(true).build();
        byte[] b = built.bytes();
        ByteLayout.patch(b).u16(built.coffOffset() + 2, 0xffff);

        assertThatThrownBy(() -> read(b)).isInstanceOf(BinaryFormatException.class)
                .hasMessageContaining("section table");
    }

    @Test
    void rejectsAnOptionalHeaderTooSmallForItsMagic() {
        PeBuilder.Built built = new PeBuilder(true).build();
        byte[] b = built.bytes();
        ByteLayout.patch(b).u16(built.coffOffset() + 16, 0x40);

        assertThatThrownBy(() -> read(b)).isInstanceOf(BinaryFormatException.class)
                .hasMessageContaining("optional header").hasMessageContaining("smaller than the 112 bytes");
    }

    @Test
    void keepsTheImportsReadBeforeDescriptorsRunOutWithoutATerminator() {
        PeFile pe = read(new PeBuilder(true).importDll("A.dll", Fn.byOrdinal(1)).importDll("B.dll", Fn.byOrdinal(2))
                .withoutImportTerminator().build().bytes());

        assertThat(pe.imports().entries()).extracting(ImportedDll::name).containsExactly("A.dll", "B.dll");
        assertThat(pe.imports().problems()).singleElement().satisfies(p -> {
            assertThat(p.structure()).isEqualTo("import directory");
            assertThat(p.detail()).contains("without a null terminator");
        });
    }

    @Test
    void reportsANameRvaOutsideEverySection() {
        PeBuilder.Built built = new PeBuilder(true).importDll("A.dll", Fn.byOrdinal(1)).build();
        byte[] b = built.bytes();
        ByteLayout.patch(b).u32(PeBuilder.Built.offsetOfDataRva(built.importDirectoryRva()) + 12, 0x00900000L);

        PeFile pe = read(b);
        assertThat(pe.imports().entries()).isEmpty();
        assertThat(pe.imports().problems()).extracting(FormatProblem::detail).singleElement().satisfies(
                d -> assertThat(d).contains("RVA 0x900000 is in no section"));
        assertThat(pe.peSections()).hasSize(2);
    }

    @Test
    void boundsAnExportNameCountTheFileCannotHold() {
        PeBuilder.Built built = new PeBuilder(true).exports("x.dll", 1, Exp.named("f"), Exp.named("g")).build();
        byte[] b = built.bytes();
        ByteLayout.patch(b).u32(PeBuilder.Built.offsetOfDataRva(built.exportDirectoryRva()) + 24, 0xfffffff0L);

        PeFile pe = read(b);
        assertThat(pe.exports().directory()).hasValueSatisfying(d -> {
            assertThat(d.name()).isEqualTo("x.dll");
            assertThat(d.numberOfNames()).isEqualTo(0xfffffff0L);
        });
        assertThat(pe.exports().problems()).isNotEmpty();
    }

    @Test
    void boundsAnExportFunctionCountTheFileCannotHold() {
        PeBuilder.Built built = new PeBuilder(true).exports("x.dll", 1, Exp.named("f")).build();
        byte[] b = built.bytes();
        ByteLayout.patch(b).u32(PeBuilder.Built.offsetOfDataRva(built.exportDirectoryRva()) + 20, 0x40000000L);

        PeFile pe = read(b);
        assertThat(pe.exports().problems()).singleElement().satisfies(p -> assertThat(p.detail()).contains("NumberOfFunctions"));
    }

    @Test
    void stopsAThunkTableThatNeverEnds() {
        // An import lookup table of 1 MiB of the same non-zero entry and no terminator: a naive reader
        // takes all 131072 entries; this one stops at its maximum and says so.
        PeBuilder.Built built = new PeBuilder(true).importDll("A.dll", Fn.byName("f", 1)).dataPadding(1 << 20).build();
        byte[] b = built.bytes();
        long desc = PeBuilder.Built.offsetOfDataRva(built.importDirectoryRva());
        ByteSource s = ByteSource.of(b);
        long hintName = s.u64(PeBuilder.Built.offsetOfDataRva(s.u32(desc, "ILT")), "ILT entry");
        long newIlt = built.importDirectoryRva() + 40;
        ByteLayout p = ByteLayout.patch(b).u32(desc, newIlt);
        for (long at = PeBuilder.Built.offsetOfDataRva(newIlt); at + 8 <= b.length; at += 8) {
            p.u64(at, hintName);
        }

        PeFile pe = read(b);
        assertThat(pe.imports().entries().get(0).functions()).hasSize(PeFile.MAX_FUNCTIONS_PER_DLL)
                .allMatch(f -> f.equals(new ImportedFunction.ByName(1, "f")));
        assertThat(pe.imports().problems()).singleElement().satisfies(
                pr -> assertThat(pr.detail()).contains("more than " + PeFile.MAX_FUNCTIONS_PER_DLL));
    }

    @Test
    void keepsTheHeaderNameWhenALongNameCannotBeResolved() {
        PeBuilder.Built built = new PeBuilder(true).longSection(".debug_line").build();
        byte[] b = built.bytes();
        ByteLayout.patch(b).bytes(built.sectionTableOffset() + 80, "/9999\0\0\0".getBytes());

        PeFile pe = read(b);
        assertThat(pe.peSections().get(2).name()).isEqualTo("/9999");
        assertThat(pe.problems()).singleElement().satisfies(p -> assertThat(p.detail()).contains("outside the string table"));
    }

    @Test
    void rejectsAFileWithoutThePeSignature() {
        byte[] b = new PeBuilder(true).build().bytes();
        ByteLayout.patch(b).u32(0x40, 0x454e);

        assertThatThrownBy(() -> read(b)).isInstanceOf(BinaryFormatException.class).hasMessageContaining("PE\\0\\0");
    }
}

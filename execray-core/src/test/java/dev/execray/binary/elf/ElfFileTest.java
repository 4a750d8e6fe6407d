package dev.execray.binary.elf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.execray.binary.BinaryFormatException;
import dev.execray.binary.ByteSource;
import dev.execray.testing.ElfBuilder;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The ELF model on files written by {@link ElfBuilder}: every class and byte order, every view. */
class ElfFileTest {

    /** A dynamically linked file: interpreter, needed libraries, versioned dynamic symbols, notes. */
    static byte[] dynamicFile(ElfBuilder b) {
        b.interp = "/lib/ld-test.so.1";
        b.dynamicSegment = true;
        ElfBuilder.StringTable dynstr = new ElfBuilder.StringTable();
        int libc = dynstr.add("libc.so.6");
        int libm = dynstr.add("libm.so.6");
        int soname = dynstr.add("libtest.so.1");
        int runpath = dynstr.add("$ORIGIN/../lib:/opt/lib");
        int glibc234 = dynstr.add("GLIBC_2.34");
        int glibc225 = dynstr.add("GLIBC_2.2.5");
        int puts = dynstr.add("puts");
        int cos = dynstr.add("cos");
        int mine = dynstr.add("my_function");
        int base = dynstr.add("libtest.so.1");
        int v1 = dynstr.add("TEST_1.0");
        byte[] strBytes = dynstr.bytes();
        int strIdx = b.section(".dynstr", ElfBuilder.SHT_STRTAB, 2, strBytes, 0, 0, 1, 0);

        ElfBuilder.Bytes syms = b.bytes();
        b.symbol(syms, 0, 0, 0, 0, 0, 0);
        b.symbol(syms, puts, 0, 0, 0x12, 0, 0); // GLOBAL FUNC UND
        b.symbol(syms, cos, 0, 0, 0x12, 0, 0);
        b.symbol(syms, mine, 0x1000, 42, 0x12, 0, 5);
        b.symbol(syms, v1, 0, 0, 0x11, 0, 0xfff1); // the version's own ABS symbol
        int symIdx = b.section(".dynsym", ElfBuilder.SHT_DYNSYM, 2, syms.bytes(), strIdx, 1, b.word(), b.symsize());

        byte[] versym = b.bytes().u16(0).u16(2).u16(3).u16(4).u16(4).bytes();
        b.section(".gnu.version", ElfBuilder.SHT_GNU_VERSYM, 2, versym, symIdx, 0, 2, 2);

        ElfBuilder.Bytes need = b.bytes();
        need.u16(1).u16(1).u32(libc).u32(16).u32(32); // libc: one aux, next record at +32
        need.u32(0x0d696914L).u16(0).u16(2).u32(glibc234).u32(0);
        need.u16(1).u16(1).u32(libm).u32(16).u32(0);
        need.u32(0x09691a75L).u16(2).u16(3).u32(glibc225).u32(0); // weak
        int needIdx = b.section(".gnu.version_r", ElfBuilder.SHT_GNU_VERNEED, 2, need.bytes(), strIdx, 2, 4, 0);

        ElfBuilder.Bytes def = b.bytes();
        def.u16(1).u16(1).u16(1).u16(1).u32(0x1234).u32(20).u32(28); // base
        def.u32(base).u32(0);
        def.u16(1).u16(0).u16(4).u16(1).u32(0x5678).u32(20).u32(0);
        def.u32(v1).u32(0);
        int defIdx = b.section(".gnu.version_d", ElfBuilder.SHT_GNU_VERDEF, 2, def.bytes(), strIdx, 2, 4, 0);

        // GNU hash: 1 bucket, symoffset 1, 1 bloom word; chain over symbols 1..4
        ElfBuilder.Bytes hash = b.bytes();
        hash.u32(1).u32(1).u32(1).u32(6).word(0).u32(1).u32(0).u32(0).u32(0).u32(1);
        int hashIdx = b.section(".gnu.hash", 0x6ffffff6, 2, hash.bytes(), symIdx, 0, b.word(), 0);

        ElfBuilder.Bytes note = b.bytes();
        b.note(note, "GNU", 3, new byte[] {(byte) 0xde, (byte) 0xad, (byte) 0xbe, (byte) 0xef});
        ElfBuilder.Bytes abi = b.bytes().u32(0).u32(3).u32(2).u32(0);
        b.note(note, "GNU", 1, abi.bytes());
        int noteIdx = b.section(".note.test", ElfBuilder.SHT_NOTE, 2, note.bytes(), 0, 0, 4, 0);
        b.extraSegments.add(new long[] {4, 4, noteIdx});

        // the dynamic section goes last: its offset depends only on what came before
        int dynIdx = b.next();
        long strAddr = b.contentOffset(strIdx);
        ElfBuilder.Bytes dyn = b.bytes();
        dyn.word(1).word(libc).word(1).word(libm).word(14).word(soname).word(29).word(runpath);
        dyn.word(5).word(strAddr).word(10).word(strBytes.length);
        dyn.word(6).word(b.contentOffset(symIdx)).word(11).word(b.symsize());
        dyn.word(0x6ffffef5L).word(b.contentOffset(hashIdx));
        dyn.word(0x6ffffff0L).word(b.contentOffset(symIdx + 1));
        dyn.word(0x6ffffffeL).word(b.contentOffset(needIdx)).word(0x6fffffffL).word(2);
        dyn.word(0x6ffffffcL).word(b.contentOffset(defIdx)).word(0x6ffffffdL).word(2);
        dyn.word(0x6ffffffbL).word(DynamicFlags.DF_1_NOW | DynamicFlags.DF_1_PIE);
        dyn.word(0).word(0);
        b.section(".dynamic", ElfBuilder.SHT_DYNAMIC, 3, dyn.bytes(), strIdx, 0, b.word(), 2L * b.word());
        assertThat(b.index(".dynamic")).isEqualTo(dynIdx);
        return b.build();
    }

    static ElfFile read(byte[] bytes) {
        return ElfFile.read(ByteSource.of(bytes));
    }

    @ParameterizedTest(name = "ELF{0} little-endian={1}")
    @CsvSource({"64,true", "64,false", "32,true", "32,false"})
    void readsEveryViewInEveryClassAndByteOrder(int bits, boolean little) {
        ElfBuilder b = new ElfBuilder(bits == 64, little);
        b.machine = little ? 62 : 20;
        ElfFile elf = read(dynamicFile(b));

        assertThat(elf.header().elfClass().bits()).isEqualTo(bits);
        assertThat(elf.byteOrder()).isEqualTo(little ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        assertThat(elf.header().machine().name()).isEqualTo(little ? "Advanced Micro Devices X86-64" : "PowerPC");
        assertThat(elf.interpreter()).contains("/lib/ld-test.so.1");
        assertThat(elf.dynamic().needed()).containsExactly("libc.so.6", "libm.so.6");
        assertThat(elf.dynamic().soname()).contains("libtest.so.1");
        assertThat(elf.dynamic().runpath()).containsExactly("$ORIGIN/../lib", "/opt/lib");
        assertThat(elf.dynamic().rpath()).isEmpty();
        assertThat(elf.dynamic().flags1Names()).containsExactly("NOW", "PIE");
        assertThat(elf.isPie()).isTrue();
        assertThat(elf.typeName()).isEqualTo("DYN (Position-Independent Executable file)");
        assertThat(elf.linking()).isEqualTo(Linking.DYNAMIC);

        List<Symbol> syms = elf.dynamicSymbols();
        assertThat(syms).extracting(Symbol::name).containsExactly("", "puts", "cos", "my_function", "TEST_1.0");
        assertThat(syms.get(1).version()).hasValueSatisfying(v -> {
            assertThat(v.kind()).isEqualTo(SymbolVersion.Kind.NEEDED);
            assertThat(v.name()).isEqualTo("GLIBC_2.34");
            assertThat(v.file()).contains("libc.so.6");
        });
        assertThat(syms.get(2).version().orElseThrow().file()).contains("libm.so.6");
        assertThat(syms.get(3).version().orElseThrow().kind()).isEqualTo(SymbolVersion.Kind.DEFINED);
        assertThat(syms.get(3).version().orElseThrow().name()).isEqualTo("TEST_1.0");
        assertThat(syms.get(3).size()).isEqualTo(42);
        assertThat(syms.get(4).isAbsolute()).isTrue();

        assertThat(elf.versionNeeds()).extracting(VersionNeed::file).containsExactly("libc.so.6", "libm.so.6");
        assertThat(elf.versionNeeds().get(1).versions().get(0).weak()).isTrue();
        assertThat(elf.versionDefinitions()).extracting(VersionDefinition::name).containsExactly("libtest.so.1",
                "TEST_1.0");
        assertThat(elf.versionDefinitions().get(0).isBase()).isTrue();

        assertThat(elf.buildId()).contains("deadbeef");
        assertThat(elf.abiTag()).hasValueSatisfying(t -> assertThat(t.version()).isEqualTo("3.2.0"));
        assertThat(elf.gnuStack()).hasValueSatisfying(s -> assertThat(s.executable()).isFalse());
        assertThat(elf.problems()).isEmpty();
    }

    @Test
    void aHiddenVersionIsMarkedAndKeepsItsName() {
        ElfBuilder b = ElfBuilder.elf64();
        byte[] f = dynamicFile(b);
        SectionHeader versym = read(f).sectionHeader(".gnu.version").orElseThrow();
        ElfBuilder.put16(f, (int) versym.offset() + 2 * 3, 0x8004, b.order);
        SymbolVersion v = read(f).dynamicSymbols().get(3).version().orElseThrow();
        assertThat(v.hidden()).isTrue();
        assertThat(v.index()).isEqualTo(4);
        assertThat(v.name()).isEqualTo("TEST_1.0");
        assertThat(v.kind()).isEqualTo(SymbolVersion.Kind.DEFINED);
    }

    @Test
    void dynamicInformationSurvivesWithoutSectionHeaders() {
        ElfBuilder b = ElfBuilder.elf64();
        byte[] f = dynamicFile(b);
        // what sstrip does: no section header table at all
        ElfBuilder.put64(f, b.eShoff(), 0, b.order);
        ElfBuilder.put16(f, b.eShnum(), 0, b.order);
        ElfBuilder.put16(f, b.eShstrndx(), 0, b.order);
        ElfFile elf = read(f);

        assertThat(elf.sectionHeaders()).isEmpty();
        assertThat(elf.dynamic().needed()).containsExactly("libc.so.6", "libm.so.6");
        // the symbol count comes from walking DT_GNU_HASH
        assertThat(elf.dynamicSymbols()).extracting(Symbol::name)
                .containsExactly("", "puts", "cos", "my_function", "TEST_1.0");
        assertThat(elf.dynamicSymbols().get(1).version().orElseThrow().name()).isEqualTo("GLIBC_2.34");
        assertThat(elf.versionNeeds()).hasSize(2);
        assertThat(elf.versionDefinitions()).hasSize(2);
        assertThat(elf.buildId()).as("notes come from PT_NOTE").contains("deadbeef");
        assertThat(elf.problems()).isEmpty();
    }

    @Test
    void aSectionTablePastTheEndCostsTheSectionsButNotTheProgramHeaders() {
        ElfBuilder b = ElfBuilder.elf64();
        byte[] f = dynamicFile(b);
        ElfBuilder.put64(f, b.eShoff(), f.length - 10, b.order);
        ElfFile elf = read(f);

        assertThat(elf.sectionHeaders()).isEmpty();
        assertThat(elf.sectionProblems()).singleElement().satisfies(p -> {
            assertThat(p.structure()).isEqualTo("section header table");
            assertThat(p.offset()).isEqualTo(f.length - 10);
        });
        assertThat(elf.programHeaders()).isNotEmpty();
        assertThat(elf.interpreter()).contains("/lib/ld-test.so.1");
        assertThat(elf.dynamic().needed()).containsExactly("libc.so.6", "libm.so.6");
        assertThat(elf.dynamicSymbols()).hasSize(5);
    }

    @Test
    void aHugeSectionCountIsRejectedBeforeAnythingIsAllocated() {
        ElfBuilder b = ElfBuilder.elf64();
        byte[] f = dynamicFile(b);
        ElfBuilder.put16(f, b.eShnum(), 0xfffe, b.order);
        ElfFile elf = read(f);
        assertThat(elf.sectionHeaders()).isEmpty();
        assertThat(elf.sectionProblems().get(0).detail()).contains("65534 entries of 64 bytes");
        assertThat(elf.dynamic().needed()).hasSize(2);
    }

    @Test
    void extendedNumberingTakesTheCountsFromSectionZero() {
        ElfBuilder b = ElfBuilder.elf64();
        byte[] f = dynamicFile(b);
        int realShnum = read(f).sectionCount();
        int realShstrndx = read(f).sectionNameTableIndex();
        int realPhnum = read(f).programHeaderCount();
        int sh0 = b.shdrOffset(f, 0);
        ElfBuilder.put64(f, sh0 + 32, realShnum, b.order); // sh_size
        ElfBuilder.put32(f, sh0 + 40, realShstrndx, b.order); // sh_link
        ElfBuilder.put32(f, sh0 + 44, realPhnum, b.order); // sh_info
        ElfBuilder.put16(f, b.eShnum(), 0, b.order);
        ElfBuilder.put16(f, b.eShstrndx(), 0xffff, b.order);
        ElfBuilder.put16(f, b.ePhnum(), 0xffff, b.order);
        ElfFile elf = read(f);

        assertThat(elf.header().shnum()).isZero();
        assertThat(elf.header().phnum()).isEqualTo(0xffff);
        assertThat(elf.sectionCount()).isEqualTo(realShnum);
        assertThat(elf.sectionNameTableIndex()).isEqualTo(realShstrndx);
        assertThat(elf.programHeaderCount()).isEqualTo(realPhnum);
        assertThat(elf.sectionHeader(".dynsym")).isPresent();
        assertThat(elf.interpreter()).contains("/lib/ld-test.so.1");
    }

    @Test
    void anUnknownMachineKeepsItsNumberAndReadelfsName() {
        ElfBuilder b = ElfBuilder.elf64();
        b.machine = 0x1234;
        ElfFile elf = read(b.build());
        assertThat(elf.header().machine().value()).isEqualTo(0x1234);
        assertThat(elf.header().machine().known()).isEmpty();
        assertThat(elf.header().machine().name()).isEqualTo("<unknown>: 0x1234");
    }

    @Test
    void knownMachinesHaveReadelfsNames() {
        assertThat(ElfMachine.of(62).name()).isEqualTo("Advanced Micro Devices X86-64");
        assertThat(ElfMachine.of(183).name()).isEqualTo("AArch64");
        assertThat(ElfMachine.of(3).name()).isEqualTo("Intel 80386");
        assertThat(ElfMachine.of(20).name()).isEqualTo("PowerPC");
        assertThat(ElfMachine.of(243).is(ElfMachine.RISCV)).isTrue();
        assertThat(SegmentType.of(0x70000001L, 40, 0).name()).as("ARM's EXIDX").isEqualTo("EXIDX");
        assertThat(SegmentType.of(0x70000001L, 62, 0).name()).isEqualTo("LOPROC+0x1");
        assertThat(SectionType.of(0x6fffff00L, 62).name()).isEqualTo("LOOS+0xfffff00");
        assertThat(DynamicTag.of(0x7000abcdL, 62).name()).isEqualTo("Processor Specific: 7000abcd");
    }

    @Test
    void truncatedHeadersAreOneClearError() {
        byte[] f = dynamicFile(ElfBuilder.elf64());
        assertThatThrownBy(() -> read(java.util.Arrays.copyOf(f, 10)))
                .isInstanceOf(BinaryFormatException.class).hasMessageContaining("ELF header at offset 0x0")
                .hasMessageContaining("shorter than e_ident");
        assertThatThrownBy(() -> read(java.util.Arrays.copyOf(f, 40)))
                .isInstanceOf(BinaryFormatException.class).hasMessageContaining("64-bit ELF header (64 bytes)");
        byte[] badClass = f.clone();
        badClass[4] = 7;
        assertThatThrownBy(() -> read(badClass)).hasMessageContaining("invalid EI_CLASS 7");
    }

    @Test
    void truncatedProgramHeadersAreAProblemNotACrash() {
        byte[] f = dynamicFile(ElfBuilder.elf64());
        ElfFile elf = read(java.util.Arrays.copyOf(f, 100));
        assertThat(elf.programHeaders()).isEmpty();
        assertThat(elf.headerProblems()).singleElement()
                .satisfies(p -> assertThat(p.structure()).isEqualTo("program header table"));
        assertThat(elf.problems()).isNotEmpty();
    }

    @Test
    void aSymbolTableLinkedToItselfHasNoNamesAndSaysWhy() {
        ElfBuilder b = ElfBuilder.elf64();
        ElfBuilder.Bytes syms = b.bytes();
        b.symbol(syms, 0, 0, 0, 0, 0, 0);
        b.symbol(syms, 1, 0x10, 0, 0x12, 0, 1);
        int next = b.next();
        b.section(".symtab", ElfBuilder.SHT_SYMTAB, 0, syms.bytes(), next, 1, 8, 24);
        ElfFile elf = read(b.build());
        assertThat(elf.symbols()).hasSize(2);
        assertThat(elf.symbols().get(1).name()).isEmpty();
        assertThat(elf.symbolTable().problems()).singleElement()
                .satisfies(p -> assertThat(p.detail()).contains("names no string table"));
    }

    @Test
    void aNameOutsideItsStringTableIsAProblemAndAnEmptyName() {
        ElfBuilder b = ElfBuilder.elf64();
        ElfBuilder.StringTable str = new ElfBuilder.StringTable();
        int ok = str.add("ok");
        int strIdx = b.section(".strtab", ElfBuilder.SHT_STRTAB, 0, str.bytes(), 0, 0, 1, 0);
        ElfBuilder.Bytes syms = b.bytes();
        b.symbol(syms, 0, 0, 0, 0, 0, 0);
        b.symbol(syms, ok, 0, 0, 0x12, 0, 1);
        b.symbol(syms, 0x7fffffff, 0, 0, 0x12, 0, 1);
        b.section(".symtab", ElfBuilder.SHT_SYMTAB, 0, syms.bytes(), strIdx, 1, 8, 24);
        ElfFile elf = read(b.build());
        assertThat(elf.symbols()).extracting(Symbol::name).containsExactly("", "ok", "");
        assertThat(elf.symbolTable().problems()).singleElement()
                .satisfies(p -> assertThat(p.detail()).contains("st_name 0x7fffffff is beyond its string table"));
    }

    @Test
    void extendedSectionIndexesComeFromSymtabShndx() {
        ElfBuilder b = ElfBuilder.elf64();
        ElfBuilder.Bytes syms = b.bytes();
        b.symbol(syms, 0, 0, 0, 0, 0, 0);
        b.symbol(syms, 0, 0, 0, 0x03, 0, 0xffff);
        int symIdx = b.section(".symtab", ElfBuilder.SHT_SYMTAB, 0, syms.bytes(), 0, 1, 8, 24);
        b.section(".symtab_shndx", ElfBuilder.SHT_SYMTAB_SHNDX, 0, b.bytes().u32(0).u32(70000).bytes(), symIdx, 0, 4, 4);
        ElfFile elf = read(b.build());
        Symbol s = elf.symbols().get(1);
        assertThat(s.shndx()).isEqualTo(0xffff);
        assertThat(s.sectionIndex()).isEqualTo(70000);
    }

    @Test
    void anExtendedIndexInTheReservedRangeIsPrintedAsANumberAsReadelfDoes() {
        ElfBuilder b = ElfBuilder.elf64();
        ElfBuilder.Bytes syms = b.bytes();
        b.symbol(syms, 0, 0, 0, 0, 0, 0);
        b.symbol(syms, 0, 0, 0, 0x03, 0, 0xffff);
        b.symbol(syms, 0, 0, 0, 0x03, 0, 0xff02); // stored directly: reserved (LARGE_COM on x86-64)
        int symIdx = b.section(".symtab", ElfBuilder.SHT_SYMTAB, 0, syms.bytes(), 0, 1, 8, 24);
        b.section(".symtab_shndx", ElfBuilder.SHT_SYMTAB_SHNDX, 0, b.bytes().u32(0).u32(0xff02).u32(0).bytes(),
                symIdx, 0, 4, 4);
        ElfFile elf = read(b.build());
        assertThat(dev.execray.report.ReadelfText.symbolSectionIndex(elf, elf.symbols().get(1))).isEqualTo("65282");
        assertThat(dev.execray.report.ReadelfText.symbolSectionIndex(elf, elf.symbols().get(2))).isEqualTo("LARGE_COM");
    }

    @Test
    void aDynamicSegmentOutsideTheFileIsAProblem() {
        ElfBuilder b = ElfBuilder.elf64();
        byte[] f = dynamicFile(b);
        ElfBuilder.put64(f, b.eShoff(), 0, b.order);
        ElfBuilder.put16(f, b.eShnum(), 0, b.order);
        ElfBuilder.put16(f, b.eShstrndx(), 0, b.order);
        ElfFile probe = read(f);
        int dynPh = probe.programHeaders().stream().filter(p -> p.type().is(SegmentType.DYNAMIC)).findFirst()
                .orElseThrow().index();
        ElfBuilder.put64(f, 64 + dynPh * 56 + 8, 0x7fffffff00L, b.order); // p_offset
        ElfFile elf = read(f);
        assertThat(elf.dynamic().entries()).isEmpty();
        assertThat(elf.dynamic().problems()).singleElement()
                .satisfies(p -> assertThat(p.structure()).isEqualTo("dynamic section"));
        assertThat(elf.interpreter()).contains("/lib/ld-test.so.1");
    }

    @Test
    void aGnuHashChainWithoutTerminatorEndsAtTheEndOfTheFile() {
        ElfBuilder b = ElfBuilder.elf64();
        byte[] f = dynamicFile(b);
        SectionHeader hash = read(f).sectionHeader(".gnu.hash").orElseThrow();
        ElfBuilder.put64(f, b.eShoff(), 0, b.order);
        ElfBuilder.put16(f, b.eShnum(), 0, b.order);
        // the only bucket now starts a chain in the last 16 bytes of the file, none of which ends it
        int chains = (int) hash.offset() + 16 + 8 + 4;
        ElfBuilder.put32(f, chains - 4, 1 + (f.length - 16 - chains) / 4, b.order);
        for (int i = f.length - 16; i < f.length; i += 4) {
            ElfBuilder.put32(f, i, 0x100, b.order);
        }
        ElfFile elf = read(f);
        assertThat(elf.dynamicSymbols()).isEmpty();
        assertThat(elf.dynamicSymbolTable().problems())
                .anySatisfy(p -> assertThat(p.detail()).contains("without a terminator"));
    }

    @Test
    void aGnuHashBucketBelowSymoffsetIsRejected() {
        ElfBuilder b = ElfBuilder.elf64();
        byte[] f = dynamicFile(b);
        SectionHeader hash = read(f).sectionHeader(".gnu.hash").orElseThrow();
        ElfBuilder.put32(f, (int) hash.offset() + 4, 3, b.order); // symoffset 3, bucket says 1
        ElfBuilder.put64(f, b.eShoff(), 0, b.order);
        ElfBuilder.put16(f, b.eShnum(), 0, b.order);
        ElfFile elf = read(f);
        assertThat(elf.dynamicSymbolTable().problems())
                .anySatisfy(p -> assertThat(p.detail()).contains("below symoffset 3"));
    }

    @Test
    void aVersionNeedCountLargerThanItsSectionStopsAtTheSectionEnd() {
        ElfBuilder b = ElfBuilder.elf64();
        byte[] f = dynamicFile(b);
        SectionHeader need = read(f).sectionHeader(".gnu.version_r").orElseThrow();
        int sh = b.shdrOffset(f, need.index());
        ElfBuilder.put32(f, sh + 44, 1_000_000, b.order); // sh_info: number of records
        ElfFile elf = read(f);
        assertThat(elf.versionNeeds()).extracting(VersionNeed::file).containsExactly("libc.so.6", "libm.so.6");
        assertThat(elf.versions().problems()).singleElement()
                .satisfies(p -> assertThat(p.detail()).isEqualTo("the chain ends after 2 of 1000000 records"));
    }

    @Test
    void aNoteRunningPastItsSectionIsAProblem() {
        ElfBuilder b = ElfBuilder.elf64();
        byte[] desc = new byte[4];
        ElfBuilder.Bytes note = b.bytes().u32(4).u32(0x7ffffff0L).u32(3).raw("GNU\0".getBytes(StandardCharsets.UTF_8))
                .raw(desc);
        b.section(".note.bad", ElfBuilder.SHT_NOTE, 2, note.bytes(), 0, 0, 4, 0);
        ElfFile elf = read(b.build());
        assertThat(elf.notes()).isEmpty();
        assertThat(elf.noteProblems()).singleElement()
                .satisfies(p -> assertThat(p.detail()).contains("runs past the end of its section"));
    }

    @Test
    void compressedSectionsInflateWithinABound() {
        ElfBuilder b = ElfBuilder.elf64();
        byte[] plain = "hello, compressed world, hello, compressed world".getBytes(StandardCharsets.UTF_8);
        byte[] z = zlib(plain);
        ElfBuilder.Bytes content = b.bytes().u32(1).u32(0).u64(plain.length).u64(1).raw(z);
        b.section(".debug_str", ElfBuilder.SHT_PROGBITS, SectionHeader.SHF_COMPRESSED, content.bytes(), 0, 0, 1, 0);
        ElfFile elf = read(b.build());
        SectionHeader s = elf.sectionHeader(".debug_str").orElseThrow();
        assertThat(s.isCompressed()).isTrue();
        assertThat(elf.compressionHeader(s)).hasValueSatisfying(h -> {
            assertThat(h.typeName()).isEqualTo("ZLIB");
            assertThat(h.size()).isEqualTo(plain.length);
        });
        assertThat(elf.sectionData(s, 1 << 20)).isEqualTo(plain);
    }

    @Test
    void aCompressedSectionClaimingAGigabyteIsRefusedBeforeInflating() {
        ElfBuilder b = ElfBuilder.elf64();
        byte[] z = zlib(new byte[100]);
        ElfBuilder.Bytes content = b.bytes().u32(1).u32(0).u64(1L << 30).u64(1).raw(z);
        b.section(".debug_info", ElfBuilder.SHT_PROGBITS, SectionHeader.SHF_COMPRESSED, content.bytes(), 0, 0, 1, 0);
        ElfFile elf = read(b.build());
        SectionHeader s = elf.sectionHeader(".debug_info").orElseThrow();
        assertThatThrownBy(() -> elf.sectionData(s, 64L << 20)).isInstanceOf(BinaryFormatException.class)
                .hasMessageContaining("ch_size 1073741824 exceeds the limit");
    }

    @Test
    void aCompressedSectionWhoseDataOutgrowsItsChSizeIsCaught() {
        ElfBuilder b = ElfBuilder.elf64();
        byte[] z = zlib(new byte[1 << 16]);
        ElfBuilder.Bytes content = b.bytes().u32(1).u32(0).u64(16).u64(1).raw(z);
        b.section(".debug_line", ElfBuilder.SHT_PROGBITS, SectionHeader.SHF_COMPRESSED, content.bytes(), 0, 0, 1, 0);
        ElfFile elf = read(b.build());
        SectionHeader s = elf.sectionHeader(".debug_line").orElseThrow();
        assertThatThrownBy(() -> elf.sectionData(s, 1 << 20)).hasMessageContaining("larger than ch_size 16");
    }

    @Test
    void aStaticFileHasNoDynamicSectionAndSaysSo() {
        ElfBuilder b = ElfBuilder.elf64();
        b.type = 2;
        ElfFile elf = read(b.build());
        assertThat(elf.dynamic().present()).isFalse();
        assertThat(elf.dynamic().needed()).isEmpty();
        assertThat(elf.linking()).isEqualTo(Linking.STATIC);
        assertThat(elf.dynamicSymbols()).isEmpty();
    }

    @Test
    void anExecutableStackIsVisible() {
        ElfBuilder b = ElfBuilder.elf64();
        b.stackExecutable = true;
        assertThat(read(b.build()).gnuStack()).hasValueSatisfying(s -> assertThat(s.executable()).isTrue());
    }

    @Test
    void virtualAddressesMapThroughLoadSegments() {
        byte[] f = dynamicFile(ElfBuilder.elf64());
        ElfFile elf = read(f);
        assertThat(elf.fileOffsetOf(0x100)).contains(0x100L);
        assertThat(elf.fileOffsetOf(f.length + 10L)).isEmpty();
        assertThat(elf.section(".dynsym")).hasValueSatisfying(s -> assertThat(s.fileSize()).isEqualTo(5 * 24));
    }

    static byte[] zlib(byte[] data) {
        java.util.zip.Deflater d = new java.util.zip.Deflater();
        d.setInput(data);
        d.finish();
        byte[] buf = new byte[data.length + 64];
        int n = d.deflate(buf);
        d.end();
        return java.util.Arrays.copyOf(buf, n);
    }
}

package dev.execray.binary.macho;

import static dev.execray.binary.macho.MachOBuilder.LC_CODE_SIGNATURE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.execray.binary.BinaryFormatException;
import dev.execray.binary.ByteLayout;
import dev.execray.binary.ByteSource;
import dev.execray.binary.FormatProblem;
import dev.execray.binary.macho.MachOBuilder.Sect;
import dev.execray.binary.macho.MachOBuilder.Sym;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class MachOFileTest {
    private static MachOFile read(byte[] b) {
        return MachOFile.read(ByteSource.of(b));
    }

    private static long v(int x, int y, int z) {
        return ((long) x << 16) | (y << 8) | z;
    }

    @Test
    void readsTheHeaderOfA64BitExecutable() {
        MachOFile m = read(MachOBuilder.x86_64().cpu(0x0100000c, 0x80000002).flags(0x200085).build());

        assertThat(m.header().is64()).isTrue();
        assertThat(m.pointerSize()).isEqualTo(8);
        assertThat(m.byteOrder()).isEqualTo(ByteOrder.LITTLE_ENDIAN);
        assertThat(m.header().arch()).as("capability bits masked").isEqualTo("arm64e");
        assertThat(MachArch.capabilities(m.header().cputype(), m.header().cpusubtype())).isEqualTo("ptrauth-abi v0");
        assertThat(m.header().fileTypeName()).isEqualTo("MH_EXECUTE");
        assertThat(m.header().flagSet()).containsExactly(MachFlag.NOUNDEFS, MachFlag.DYLDLINK, MachFlag.TWOLEVEL,
                MachFlag.PIE);
        assertThat(m.problems()).isEmpty();
    }

    @Test
    void namesArchitecturesLikeApplesTools() {
        assertThat(MachArch.name(0x01000007, 3)).isEqualTo("x86_64");
        assertThat(MachArch.name(0x01000007, 0x80000003)).as("LIB64 masked").isEqualTo("x86_64");
        assertThat(MachArch.name(0x01000007, 8)).isEqualTo("x86_64h");
        assertThat(MachArch.name(7, 3)).isEqualTo("i386");
        assertThat(MachArch.name(0x0100000c, 0)).isEqualTo("arm64");
        assertThat(MachArch.name(0x0100000c, 2)).isEqualTo("arm64e");
        assertThat(MachArch.name(0x0200000c, 1)).isEqualTo("arm64_32");
        assertThat(MachArch.name(12, 9)).isEqualTo("armv7");
        assertThat(MachArch.name(12, 11)).isEqualTo("armv7s");
        assertThat(MachArch.name(12, 12)).isEqualTo("armv7k");
        assertThat(MachArch.name(18, 0)).isEqualTo("ppc");
        assertThat(MachArch.name(0x01000012, 0)).isEqualTo("ppc64");
        assertThat(MachArch.name(0x77, 0)).isEqualTo("cputype(0x77)");
    }

    @Test
    void readsABigEndian32BitPowerPcFile() {
        MachOFile m = read(new MachOBuilder(false, true).cpu(18, 0).filetype(6)
                .segment("__TEXT", 0x1000, 0x1000, 0, 0x1000, 7, 5,
                        new Sect("__text", "__TEXT", 0x1800, 0x40, 0x800, 0x80000400L))
                .dylib(MachOBuilder.LC_ID_DYLIB, "/usr/lib/libold.dylib", v(2, 1, 0), v(1, 0, 0)).build());

        assertThat(m.byteOrder()).isEqualTo(ByteOrder.BIG_ENDIAN);
        assertThat(m.header().arch()).isEqualTo("ppc");
        assertThat(m.header().fileTypeName()).isEqualTo("MH_DYLIB");
        assertThat(m.installName()).hasValueSatisfying(d -> {
            assertThat(d.name()).isEqualTo("/usr/lib/libold.dylib");
            assertThat(MachVersion.dylib(d.currentVersion())).isEqualTo("2.1.0");
        });
        assertThat(m.dylibs()).as("LC_ID_DYLIB is not a dependency").isEmpty();
        assertThat(m.sections()).singleElement().satisfies(s -> {
            assertThat(s.name()).isEqualTo("__text");
            assertThat(s.address()).isEqualTo(0x1800);
            assertThat(s.fileOffset()).isEqualTo(0x800);
        });
    }

    @Test
    void readsSegmentsSectionsAndMapsAddresses() {
        MachOFile m = read(MachOBuilder.x86_64()
                .segment("__PAGEZERO", 0, 0x100000000L, 0, 0, 0, 0)
                .segment("__TEXT", 0x100000000L, 0x4000, 0, 0x4000, 5, 5,
                        new Sect("__text", "__TEXT", 0x100001000L, 0x100, 0x1000, 0x80000400L))
                .segment("__DATA", 0x100004000L, 0x8000, 0x4000, 0x1000, 3, 3,
                        new Sect("__data", "__DATA", 0x100004000L, 0x100, 0x4000, 0),
                        new Sect("__bss", "__DATA", 0x100005000L, 0x2000, 0, 0x1))
                .fileSize(0x5000).build());

        assertThat(m.segments()).extracting(LoadCommand.Segment::segname).containsExactly("__PAGEZERO", "__TEXT", "__DATA");
        LoadCommand.Segment text = m.segments().get(1);
        assertThat(LoadCommand.Segment.protection(text.initprot())).isEqualTo("r-x");
        assertThat(text.sections().get(0).typeName()).isEqualTo("S_REGULAR");
        assertThat(text.sections().get(0).attributeNames()).containsExactly("S_ATTR_PURE_INSTRUCTIONS",
                "S_ATTR_SOME_INSTRUCTIONS");
        assertThat(m.section("__bss")).hasValueSatisfying(s -> assertThat(s.fileSize()).as("zero fill").isZero());
        assertThat(m.fileOffsetOf(0x100001010L)).hasValue(0x1010L);
        assertThat(m.fileOffsetOf(0x100006000L)).as("beyond the segment's file bytes").isEmpty();
        assertThat(m.fileOffsetOf(0x10)).as("__PAGEZERO has no bytes").isEmpty();
    }

    @Test
    void readsEveryKindOfDylibWithVersions() {
        MachOFile m = read(MachOBuilder.x86_64()
                .dylib(MachOBuilder.LC_LOAD_DYLIB, "/usr/lib/libSystem.B.dylib", v(1311, 100, 3), v(1, 0, 0))
                .dylib(MachOBuilder.LC_LOAD_WEAK_DYLIB, "@rpath/libweak.dylib", v(1, 2, 3), v(1, 0, 0))
                .dylib(MachOBuilder.LC_REEXPORT_DYLIB, "/usr/lib/libre.dylib", 0, 0)
                .dylib(MachOBuilder.LC_LAZY_LOAD_DYLIB, "/usr/lib/liblazy.dylib", 0, 0)
                .dylib(MachOBuilder.LC_LOAD_UPWARD_DYLIB, "/usr/lib/libup.dylib", 0, 0)
                .rpath("@executable_path/../Frameworks").rpath("/opt/lib").build());

        assertThat(m.dylibs()).extracting(LoadCommand.Dylib::kind)
                .containsExactly("load", "weak", "reexport", "lazy", "upward");
        assertThat(m.dylibs()).extracting(LoadCommand.Dylib::name).containsExactly("/usr/lib/libSystem.B.dylib",
                "@rpath/libweak.dylib", "/usr/lib/libre.dylib", "/usr/lib/liblazy.dylib", "/usr/lib/libup.dylib");
        assertThat(MachVersion.dylib(m.dylibs().get(0).currentVersion())).isEqualTo("1311.100.3");
        assertThat(MachVersion.dylib(m.dylibs().get(0).compatibilityVersion())).isEqualTo("1.0.0");
        assertThat(m.dylibs().get(1).name()).isEqualTo("@rpath/libweak.dylib");
        assertThat(m.rpaths()).containsExactly("@executable_path/../Frameworks", "/opt/lib");
    }

    @Test
    void prefersLcBuildVersionForTheMinimumOs() {
        MachOFile m = read(MachOBuilder.x86_64().versionMin(MachOBuilder.LC_VERSION_MIN_MACOSX, v(10, 13, 0), v(10, 15, 0))
                .buildVersion(2, v(14, 2, 1), v(17, 0, 0), 3, v(1015, 7, 0)).build());

        MachOFile.MinimumOs os = m.minimumOs().orElseThrow();
        assertThat(os.platform()).isEqualTo("ios");
        assertThat(os.versionText()).isEqualTo("14.2.1");
        assertThat(os.sdkText()).isEqualTo("17.0");
        assertThat(os.from()).isEqualTo(LoadCommandType.BUILD_VERSION);
        LoadCommand.BuildVersion bv = m.command(LoadCommand.BuildVersion.class).orElseThrow();
        assertThat(bv.tools()).singleElement().satisfies(t -> {
            assertThat(t.toolName()).isEqualTo("ld");
            assertThat(MachVersion.dylib(t.version())).isEqualTo("1015.7.0");
        });
    }

    @Test
    void fallsBackToLcVersionMin() {
        MachOFile m = read(MachOBuilder.x86_64().versionMin(MachOBuilder.LC_VERSION_MIN_IPHONEOS, v(9, 0, 0), v(12, 1, 0))
                .build());

        MachOFile.MinimumOs os = m.minimumOs().orElseThrow();
        assertThat(os.platform()).isEqualTo("ios");
        assertThat(os.versionText()).isEqualTo("9.0");
        assertThat(os.sdkText()).isEqualTo("12.1");
        assertThat(os.from()).isEqualTo(LoadCommandType.VERSION_MIN_IPHONEOS);
    }

    @Test
    void readsEntryPointUuidSignatureAndEncryption() {
        byte[] uuid = new byte[16];
        for (int i = 0; i < 16; i++) {
            uuid[i] = (byte) (0xa0 + i);
        }
        MachOFile m = read(MachOBuilder.x86_64().main(0x3f20, 0x800000).uuid(uuid)
                .linkedit(LC_CODE_SIGNATURE, 0x9000, 0x1234).linkedit(MachOBuilder.LC_DYLD_CHAINED_FIXUPS, 0x8000, 0x80)
                .dyldInfoOnly().encryption(0x4000, 0x1000, 1).build());

        assertThat(m.command(LoadCommand.EntryPoint.class)).hasValue(
                new LoadCommand.EntryPoint(0x80000028L, 24, 0x3f20, 0x800000));
        assertThat(m.uuid()).hasValue("A0A1A2A3-A4A5-A6A7-A8A9-AAABACADAEAF");
        assertThat(m.codeSignature()).hasValueSatisfying(c -> {
            assertThat(c.dataoff()).isEqualTo(0x9000);
            assertThat(c.datasize()).isEqualTo(0x1234);
        });
        assertThat(m.loadCommands()).extracting(LoadCommand::commandName).contains("LC_DYLD_CHAINED_FIXUPS",
                "LC_DYLD_INFO_ONLY", "LC_ENCRYPTION_INFO_64");
        assertThat(m.isEncrypted()).isTrue();
    }

    @Test
    void keepsUnknownCommandsByNumberWithTheReqDyldBit() {
        MachOFile m = read(MachOBuilder.x86_64().rawCommand(0x80000077L, 16, 16).rawCommand(0x66, 8, 8).build());

        assertThat(m.loadCommands()).containsExactly(new LoadCommand.Other(0x80000077L, 16), new LoadCommand.Other(0x66, 8));
        assertThat(m.loadCommands().get(0).commandName()).isEqualTo("LC_REQ_DYLD|0x77");
        assertThat(((LoadCommand.Other) m.loadCommands().get(0)).requiredByDyld()).isTrue();
        assertThat(m.loadCommands().get(1).commandName()).isEqualTo("LC_0x66");
        assertThat(m.problems()).isEmpty();
    }

    @Test
    void decodesSymbolTypes() {
        MachOFile m = read(MachOBuilder.x86_64().symbols(
                new Sym("_main", 0x0f, 1, 0, 0x100003f20L),
                new Sym("_printf", 0x01, 0, 0x0100, 0),
                new Sym("_hidden", 0x1e, 1, 0, 0x100003f00L),
                new Sym("main.go", 0x64, 0, 0, 0),
                new Sym("_abs", 0x03, 0, 0, 42)).build());

        assertThat(m.symbols().isComplete()).isTrue();
        var s = m.symbols().entries();
        assertThat(s).extracting(MachSymbol::name).containsExactly("_main", "_printf", "_hidden", "main.go", "_abs");
        assertThat(s.get(0).typeName()).isEqualTo("N_SECT");
        assertThat(s.get(0).isExternal()).isTrue();
        assertThat(s.get(0).value()).isEqualTo(0x100003f20L);
        assertThat(s.get(1).isUndefined()).isTrue();
        assertThat(s.get(1).libraryOrdinal()).isEqualTo(1);
        assertThat(s.get(2).isPrivateExternal()).isTrue();
        assertThat(s.get(2).isExternal()).isFalse();
        assertThat(s.get(3).isStab()).isTrue();
        assertThat(s.get(3).typeName()).isEqualTo("N_STAB(0x64)");
        assertThat(s.get(4).typeName()).isEqualTo("N_ABS");
    }

    // ---- hostile input -------------------------------------------------------------------------

    @Test
    void boundsAHugeNcmdsBySizeofcmds() {
        MachOFile m = read(MachOBuilder.x86_64().rpath("/a").ncmds(0xffffffffL).build());

        assertThat(m.loadCommands()).isEmpty();
        assertThat(m.problems()).singleElement().satisfies(p -> assertThat(p.detail()).contains("cannot fit in sizeofcmds"));
    }

    @Test
    void stopsAtACmdsizeOfZeroInsteadOfLoopingForever() {
        MachOFile m = read(MachOBuilder.x86_64().rpath("/first").rawCommand(0x1c, 0, 16).rpath("/after").build());

        assertThat(m.rpaths()).containsExactly("/first");
        assertThat(m.problems()).singleElement().satisfies(p -> {
            assertThat(p.structure()).isEqualTo("load command 1");
            assertThat(p.detail()).contains("cmdsize 0");
        });
    }

    @Test
    void stopsAtACmdsizeReachingPastSizeofcmds() {
        MachOFile m = read(MachOBuilder.x86_64().rpath("/first").rawCommand(0x1c, 0x10000, 16).build());

        assertThat(m.rpaths()).containsExactly("/first");
        assertThat(m.problems()).singleElement().satisfies(p -> assertThat(p.detail()).contains("runs past the end"));
    }

    @Test
    void flagsACmdsizeThatIsNotAMultipleOfEight() {
        MachOFile m = read(MachOBuilder.x86_64().rawCommand(0x66, 12, 12).rpath("/next").build());

        assertThat(m.rpaths()).containsExactly("/next");
        assertThat(m.problems()).singleElement().satisfies(p -> assertThat(p.detail()).contains("not a multiple of 8"));
    }

    @Test
    void keepsACommandWhoseBodyDoesNotFitAsOther() {
        // an LC_RPATH whose string offset points past its own cmdsize
        byte[] b = MachOBuilder.x86_64().rpath("/x").rpath("/ok").build();
        ByteLayout.patch(b).u32(32 + 8, 200);

        MachOFile m = read(b);
        assertThat(m.loadCommands().get(0)).isInstanceOf(LoadCommand.Other.class);
        assertThat(m.rpaths()).containsExactly("/ok");
        assertThat(m.problems()).singleElement().satisfies(p -> assertThat(p.offset()).isEqualTo(32 + 8));
    }

    @Test
    void rejectsASegmentWithMoreSectionsThanItsCommandHolds() {
        byte[] b = MachOBuilder.x86_64().segment("__TEXT", 0, 0x1000, 0, 0x1000, 5, 5).build();
        ByteLayout.patch(b).u32(32 + 64, 1000);

        MachOFile m = read(b);
        assertThat(m.segments()).isEmpty();
        assertThat(m.problems()).singleElement().satisfies(p -> assertThat(p.structure()).contains("nsects 1000"));
    }

    @Test
    void reportsASymbolTablePastTheEndOfTheFile() {
        byte[] b = MachOBuilder.x86_64().symbols(new Sym("_a", 0x0f, 1, 0, 1)).build();
        ByteLayout.patch(b).u32(32 + 12, 0x7fffffff);

        MachOFile m = read(b);
        assertThat(m.symbols().entries()).isEmpty();
        assertThat(m.symbols().problems()).extracting(FormatProblem::structure).containsExactly("LC_SYMTAB symbol table");
    }

    @Test
    void reportsASymbolNameOutsideTheStringTable() {
        byte[] b = MachOBuilder.x86_64().symbols(new Sym("_a", 0x0f, 1, 0, 1), new Sym("_b", 0x0f, 1, 0, 2)).build();
        ByteSource s = ByteSource.of(b);
        long symoff = s.u32(32 + 8, "symoff");
        ByteLayout.patch(b).u32(symoff + 16, 0x7777);

        MachOFile m = read(b);
        assertThat(m.symbols().entries()).extracting(MachSymbol::name).containsExactly("_a");
        assertThat(m.symbols().problems()).singleElement().satisfies(p -> assertThat(p.detail()).contains("n_strx 30583"));
    }

    @Test
    void rejectsAFileTooShortForItsHeader() {
        assertThatThrownBy(() -> read(new byte[] {(byte) 0xcf, (byte) 0xfa, (byte) 0xed, (byte) 0xfe, 7, 0}))
                .isInstanceOf(BinaryFormatException.class).hasMessageContaining("Mach-O header");
    }
}

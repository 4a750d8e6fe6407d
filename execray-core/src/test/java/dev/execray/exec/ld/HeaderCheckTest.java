package dev.execray.exec.ld;

import dev.execray.binary.elf.ElfType;
import static org.assertj.core.api.Assertions.assertThat;

import dev.execray.place.ldconfig.LoaderArch;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class HeaderCheckTest {
    static byte[] x86_64Lib() {
        return TempRoot.elfHeader(2, ByteOrder.LITTLE_ENDIAN, 62, (int) ElfType.DYN.value());
    }

    @Test
    void glibcAcceptsItsOwnKindAndSkipsOtherClassesAndMachines() {
        assertThat(HeaderCheck.glibc(x86_64Lib(), 120, LoaderArch.X86_64)).isInstanceOf(HeaderCheck.Ok.class);
        byte[] i386 = TempRoot.elfHeader(1, ByteOrder.LITTLE_ENDIAN, 3, (int) ElfType.DYN.value());
        assertThat(HeaderCheck.glibc(Arrays.copyOf(i386, 64), 84, LoaderArch.X86_64))
                .isEqualTo(new HeaderCheck.WrongClass(1));
        byte[] arm64 = TempRoot.elfHeader(2, ByteOrder.LITTLE_ENDIAN, 183, (int) ElfType.DYN.value());
        assertThat(HeaderCheck.glibc(arm64, 120, LoaderArch.X86_64)).isEqualTo(new HeaderCheck.WrongMachine(183));
    }

    @Test
    void glibcStopsAtAnythingElseWithItsOwnMessage() {
        assertThat(HeaderCheck.glibc("hi\n".getBytes(), 3, LoaderArch.X86_64))
                .isEqualTo(new HeaderCheck.Fatal("file too short"));
        assertThat(HeaderCheck.glibc(new byte[64], 1024, LoaderArch.X86_64))
                .isEqualTo(new HeaderCheck.Fatal("invalid ELF header"));
        byte[] be = TempRoot.elfHeader(2, ByteOrder.BIG_ENDIAN, 62, (int) ElfType.DYN.value());
        assertThat(HeaderCheck.glibc(be, 120, LoaderArch.X86_64))
                .isEqualTo(new HeaderCheck.Fatal("ELF file data encoding not little-endian"));
        byte[] rel = TempRoot.elfHeader(2, ByteOrder.LITTLE_ENDIAN, 62, 1);
        assertThat(HeaderCheck.glibc(rel, 120, LoaderArch.X86_64))
                .isEqualTo(new HeaderCheck.Fatal("only ET_DYN and ET_EXEC can be loaded"));
        byte[] osabi = x86_64Lib();
        osabi[7] = 9;
        assertThat(HeaderCheck.glibc(osabi, 120, LoaderArch.X86_64))
                .isEqualTo(new HeaderCheck.Fatal("ELF file OS ABI invalid"));
        byte[] gnuAbi = x86_64Lib();
        gnuAbi[7] = 3;
        gnuAbi[8] = 3;
        assertThat(HeaderCheck.glibc(gnuAbi, 120, LoaderArch.X86_64)).isInstanceOf(HeaderCheck.Ok.class);
        gnuAbi[8] = 9;
        assertThat(HeaderCheck.glibc(gnuAbi, 120, LoaderArch.X86_64))
                .isEqualTo(new HeaderCheck.Fatal("ELF file ABI version invalid"));
        assertThat(HeaderCheck.glibc(x86_64Lib(), 64, LoaderArch.X86_64))
                .isEqualTo(new HeaderCheck.Fatal("cannot read file data"));
    }

    @Test
    void muslOnlyChecksSizeAndTypeAndCallsEverythingElseExecFormatError() {
        assertThat(HeaderCheck.musl(x86_64Lib(), 120, LoaderArch.X86_64)).isInstanceOf(HeaderCheck.Ok.class);
        assertThat(HeaderCheck.musl("hi\n".getBytes(), 3, LoaderArch.X86_64))
                .isEqualTo(new HeaderCheck.Fatal("Exec format error"));
        byte[] arm64 = TempRoot.elfHeader(2, ByteOrder.LITTLE_ENDIAN, 183, (int) ElfType.DYN.value());
        assertThat(HeaderCheck.musl(arm64, 120, LoaderArch.X86_64)).isInstanceOf(HeaderCheck.WrongMachine.class);
    }
}

package dev.execray.binary.macho;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.execray.binary.BinaryFormatException;
import dev.execray.binary.ByteLayout;
import dev.execray.binary.ByteSource;
import dev.execray.binary.Magic;
import dev.execray.binary.FileFormat;
import org.junit.jupiter.api.Test;

class FatMachOFileTest {
    private static byte[] x86() {
        return MachOBuilder.x86_64().rpath("/x86").build();
    }

    private static byte[] arm64() {
        return MachOBuilder.x86_64().cpu(0x0100000c, 0).rpath("/arm").build();
    }

    @Test
    void readsA32BitFatHeaderAndItsSlices() {
        byte[] fat = MachOBuilder.fat(false, x86(), arm64());
        assertThat(Magic.detect(fat).format()).isEqualTo(FileFormat.FAT);

        FatMachOFile f = FatMachOFile.read(ByteSource.of(fat));
        assertThat(f.is64BitHeader()).isFalse();
        assertThat(f.arches()).extracting(FatArch::arch).containsExactly("x86_64", "arm64");
        assertThat(f.arches().get(0).offset()).isEqualTo(0x1000);
        assertThat(f.arches().get(0).align()).isEqualTo(12);
        assertThat(f.problems()).isEmpty();
        assertThat(f.slice(0).rpaths()).containsExactly("/x86");
        assertThat(f.slice(1).rpaths()).containsExactly("/arm");
        assertThat(f.slice(1).header().arch()).isEqualTo("arm64");
    }

    @Test
    void readsA64BitFatHeader() {
        FatMachOFile f = FatMachOFile.read(ByteSource.of(MachOBuilder.fat(true, x86(), arm64())));

        assertThat(f.is64BitHeader()).isTrue();
        assertThat(f.slices()).allSatisfy(s -> assertThat(s.file()).isPresent());
        assertThat(f.slices().get(1).file().orElseThrow().rpaths()).containsExactly("/arm");
    }

    @Test
    void slicesAreViewsWhoseOffsetsStartAtTheSlice() {
        byte[] fat = MachOBuilder.fat(false, x86());
        MachOFile m = FatMachOFile.read(ByteSource.of(fat)).slice(0);

        assertThat(m.source().size()).isEqualTo(x86().length);
        assertThat(m.source().u32(0, "magic")).isEqualTo(0xfeedfacfL);
    }

    @Test
    void rejectsAnArchCountTheFileCannotHold() {
        byte[] fat = MachOBuilder.fat(false, x86());
        ByteLayout.patch(fat, true).u32(4, 0x7fffffff);

        assertThatThrownBy(() -> FatMachOFile.read(ByteSource.of(fat))).isInstanceOf(BinaryFormatException.class)
                .hasMessageContaining("nfat_arch 2147483647");
    }

    @Test
    void reportsOverlappingSlicesAndStillReadsThem() {
        byte[] fat = MachOBuilder.fat(false, x86(), arm64());
        ByteLayout.patch(fat, true).u32(8 + 20 + 8, 0x1000); // second slice starts where the first does

        FatMachOFile f = FatMachOFile.read(ByteSource.of(fat));
        assertThat(f.problems()).singleElement().satisfies(p -> assertThat(p.detail()).contains("overlaps slice 0"));
        assertThat(f.slices().get(1).archMismatch()).as("the bytes are the x86_64 slice").isTrue();
    }

    @Test
    void reportsASliceOffsetPastTheEndOfTheFileWithoutLosingTheOthers() {
        byte[] fat = MachOBuilder.fat(false, x86(), arm64());
        ByteLayout.patch(fat, true).u32(8 + 20 + 8, 0x7ff00000L);

        FatMachOFile f = FatMachOFile.read(ByteSource.of(fat));
        assertThat(f.slices().get(0).file()).isPresent();
        assertThat(f.slices().get(1).file()).isEmpty();
        assertThat(f.slices().get(1).problem()).hasValueSatisfying(p -> assertThat(p.structure()).contains("fat_arch 1"));
        assertThatThrownBy(() -> f.slice(1)).isInstanceOf(BinaryFormatException.class);
    }

    @Test
    void reportsASliceThatIsNotMachO() {
        byte[] fat = MachOBuilder.fat(false, x86());
        ByteLayout.patch(fat, true).u32(0x1000, 0x7f454c46L);

        FatMachOFile f = FatMachOFile.read(ByteSource.of(fat));
        assertThat(f.slices().get(0).problem()).hasValueSatisfying(p -> assertThat(p.detail()).contains("not a Mach-O magic"));
    }
}

package dev.execray.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.execray.binary.ByteSource;
import dev.execray.binary.elf.ElfFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** e_flags as readelf 2.40 decodes them (MachineFlagsOracleTest compares thousands; these are its outputs). */
class MachineFlagsTest {
    private static String flags(int machine, boolean is64, boolean bigEndian, long flags) {
        int size = is64 ? 64 : 52;
        ByteBuffer b = ByteBuffer.allocate(size).order(bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {0x7f, 'E', 'L', 'F', (byte) (is64 ? 2 : 1), (byte) (bigEndian ? 2 : 1), 1, 0});
        b.position(16);
        b.putShort((short) 1).putShort((short) machine).putInt(1);
        b.position(is64 ? 48 : 36);
        b.putInt((int) flags).putShort((short) size);
        return ReadelfText.machineFlags(ElfFile.read(ByteSource.of(b.array())).header());
    }

    @Test
    void mipsAsReadelfDecodesIt() {
        // clang-14 --target=mips-linux-gnu; the example; mipsisa32r6; an unknown machine field
        assertThat(flags(8, false, true, 0x70001007L)).isEqualTo(", noreorder, pic, cpic, o32, mips32r2");
        assertThat(flags(8, false, true, 0x20000007L)).isEqualTo(", noreorder, pic, cpic, mips3");
        assertThat(flags(8, false, false, 0x90001407L)).isEqualTo(", noreorder, pic, cpic, nan2008, o32, mips32r6");
        assertThat(flags(10, true, true, 0x8d840287L))
                .isEqualTo(", noreorder, pic, cpic, odk first, fp64, unknown CPU, mdmx, mips16, mips64r2");
    }

    @Test
    void sparcAvrAndLoongArch() {
        assertThat(flags(43, true, true, 0x100)).isEqualTo(", v8+, tso");
        assertThat(flags(43, true, true, 0x800002)).isEqualTo(", ledata, rmo");
        assertThat(flags(2, false, true, 0x100)).isEmpty(); // EM_SPARC: readelf decodes only EM_SPARCV9
        assertThat(flags(83, false, false, 0x85)).isEqualTo(", avr:5, link-relax");
        assertThat(flags(83, false, false, 0x7f)).isEqualTo(", avr:<unknown>");
        assertThat(flags(258, true, false, 0x43)).isEqualTo(", DOUBLE-FLOAT, OBJ-v1");
        assertThat(flags(258, true, false, 0x80)).isEmpty();
    }
}

package dev.execray.binary.elf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.execray.binary.ByteSource;
import dev.execray.binary.FormatProblem;
import dev.execray.testing.ElfBuilder;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** The DT_SYMINFO table on ElfBuilder files: read when well-formed, a recorded problem when not. */
class SymbolInfoTableTest {
    private static final long SYMINFO = 0x6ffffeffL;
    private static final long SYMINENT = 0x6ffffdffL;

    @Test
    void theTableIsReadInBothClassesAndByteOrders() {
        for (boolean is64 : new boolean[] {true, false}) {
            for (boolean le : new boolean[] {true, false}) {
                ElfBuilder b = new ElfBuilder(is64, le);
                b.osAbi = 6;
                ElfFile elf = ElfFile.read(ByteSource.of(SolarisNamesOracleTest.solarisDynamicFile(b)));
                SymbolInfoTable t = elf.symbolInfo();
                assertThat(t.present()).isTrue();
                assertThat(t.entries()).hasSize(11);
                assertThat(t.entries().get(1).boundTo()).isEqualTo(SymbolInfo.BOUND_SELF);
                assertThat(t.entries().get(5).flagList()).containsExactly(SymbolInfo.Flag.values());
                assertThat(t.problems()).isEmpty();
            }
        }
    }

    @Test
    void aWrongEntrySizeIsAProblemAndTheTableIsStillRead() {
        ElfBuilder b = ElfBuilder.elf64();
        byte[] f = SolarisNamesOracleTest.solarisDynamicFile(b);
        patchValue(f, SYMINENT, 8);
        SymbolInfoTable t = ElfFile.read(ByteSource.of(f)).symbolInfo();
        assertThat(t.entries()).hasSize(11);
        assertThat(t.problems()).singleElement().satisfies(p -> {
            assertThat(p.structure()).isEqualTo("dynamic entry DT_SYMINENT");
            assertThat(p.message()).contains("is 8, not sizeof(Elf_Syminfo) = 4");
        });
    }

    @Test
    void anAddressNoSegmentHoldsIsAProblemAndNoTable() {
        ElfBuilder b = ElfBuilder.elf64();
        byte[] f = SolarisNamesOracleTest.solarisDynamicFile(b);
        patchValue(f, SYMINFO, 0x7fff0000L);
        ElfFile elf = ElfFile.read(ByteSource.of(f));
        assertThat(elf.symbolInfo().present()).isFalse();
        assertThat(elf.problems()).extracting(FormatProblem::message)
                .anySatisfy(m -> assertThat(m).contains("DT_SYMINFO table").contains("0x7fff0000"));
    }

    /** Sets the value of the dynamic entry with {@code tag} (64-bit little-endian file). */
    private static void patchValue(byte[] f, long tag, long value) {
        ElfFile elf = ElfFile.read(ByteSource.of(f));
        DynamicSection d = elf.dynamic();
        for (DynamicEntry e : d.entries()) {
            if (e.tag().value() == tag) {
                ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN).putLong((int) (d.fileOffset() + e.index() * 16L + 8),
                        value);
                return;
            }
        }
        throw new IllegalStateException("no tag " + Long.toHexString(tag));
    }
}

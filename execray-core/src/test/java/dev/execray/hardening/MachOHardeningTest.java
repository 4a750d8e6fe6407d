package dev.execray.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import dev.execray.binary.BinaryFile;
import dev.execray.binary.ByteSource;
import dev.execray.binary.macho.MachOFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Mach-O columns no tool here reads (the code directory's runtime flag), on Go's ad-hoc signed darwin/arm64 build. */
class MachOHardeningTest {
    private static final Path GO_ARM64 = Path.of("fixtures/out/go/hello-darwin-arm64");

    @Test
    void goSignsDarwinArm64AdHocWithoutTheHardenedRuntime() throws Exception {
        Hardening.MachO h = HardeningCheck.macho(MachOFile.read(ByteSource.open(GO_ARM64)));
        assertThat(h.codeSignature()).isTrue();
        assertThat(h.hardenedRuntime()).isFalse();
        assertThat(h.pie().label()).isEqualTo("yes");
        assertThat(h.missing()).doesNotContain("pie", "code-signature", "nx");
    }

    @Test
    void theRuntimeFlagOfTheCodeDirectoryIsRead() throws Exception {
        byte[] b = Files.readAllBytes(GO_ARM64);
        MachOFile m = MachOFile.read(ByteSource.of(b));
        long off = m.codeSignature().orElseThrow().dataoff();
        ByteBuffer be = ByteBuffer.wrap(b).order(ByteOrder.BIG_ENDIAN);
        assertThat(be.getInt((int) off)).isEqualTo(0xfade0cc0); // CSMAGIC_EMBEDDED_SIGNATURE
        int count = be.getInt((int) off + 8);
        int cd = -1;
        for (int i = 0; i < count; i++) {
            if (be.getInt((int) off + 12 + i * 8) == 0) {
                cd = (int) off + be.getInt((int) off + 16 + i * 8);
            }
        }
        assertThat(cd).isPositive();
        long flags = be.getInt(cd + 12) & 0xffffffffL;
        assertThat(HardeningCheck.codeDirectoryFlags(ByteSource.of(b), off, m.codeSignature().get().datasize()))
                .isEqualTo(flags);
        be.putInt(cd + 12, (int) (flags | HardeningCheck.CS_RUNTIME));
        Hardening h = HardeningCheck.of(BinaryFile.read(ByteSource.of(b)), FortifyCatalogue.GLIBC_2_36).orElseThrow();
        assertThat(((Hardening.MachO) h).hardenedRuntime()).isTrue();
        // a signature blob pointing past the file asks for nothing
        assertThat(HardeningCheck.codeDirectoryFlags(ByteSource.of(b), b.length - 4, 100)).isZero();
    }
}

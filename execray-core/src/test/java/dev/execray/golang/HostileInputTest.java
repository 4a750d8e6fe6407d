package dev.execray.golang;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.execray.binary.BinaryFormatException;
import dev.execray.binary.ByteSource;
import dev.execray.binary.ExecutableImage;
import dev.execray.binary.FileFormat;
import dev.execray.binary.ImageSection;
import dev.execray.binary.ImageSegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Broken blobs and tables built byte by byte: clear errors, never a crash or a hang. */
class HostileInputTest {
    /** A flat image: one RW segment mapping the whole array at address 0x1000, with an optional section. */
    record FlatImage(ByteSource source, List<ImageSection> sections) implements ExecutableImage {
        static FlatImage of(byte[] b, ImageSection... s) {
            return new FlatImage(ByteSource.of(b), List.of(s));
        }

        @Override
        public ByteOrder byteOrder() {
            return ByteOrder.LITTLE_ENDIAN;
        }

        @Override
        public int pointerSize() {
            return 8;
        }

        @Override
        public Optional<Long> fileOffsetOf(long address) {
            return address >= 0x1000 && address < 0x1000 + source.size() ? Optional.of(address - 0x1000) : Optional.empty();
        }

        @Override
        public FileFormat format() {
            return FileFormat.ELF;
        }

        @Override
        public List<ImageSegment> loadSegments() {
            return List.of(new ImageSegment("LOAD", 0x1000, source.size(), 0, source.size(), true, true, false, 6));
        }
    }

    static byte[] blob(int flags, byte[] tail) {
        ByteBuffer b = ByteBuffer.allocate(64 + tail.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(BuildInfoReader.MAGIC).put((byte) 8).put((byte) flags);
        b.position(32);
        b.put(tail);
        return b.array();
    }

    @Test
    void aWellFormedInlineBlobReads() throws Exception {
        String mod = "0123456789abcdefpath\tp\nmod\tm\t(devel)\t\n0123456789abcdef";
        byte[] v = "go1.22.1".getBytes();
        ByteBuffer t = ByteBuffer.allocate(2 + v.length + mod.length());
        t.put((byte) v.length).put(v).put((byte) mod.length()).put(mod.getBytes());
        GoBuildInfo bi = BuildInfoReader.read(FlatImage.of(blob(2, t.array())));
        assertThat(bi.goVersion()).isEqualTo("go1.22.1");
        assertThat(bi.modules().path()).isEqualTo("p");
        assertThat(bi.provenance()).isEqualTo(GoBuildInfo.Provenance.BLOB_INLINE);
    }

    @Test
    void aLengthPastTheEndIsNotAGoExecutable() {
        byte[] t = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0x7f, 'g', 'o'};
        assertThatThrownBy(() -> BuildInfoReader.read(FlatImage.of(blob(2, t))))
                .isInstanceOf(BuildInfoException.class).hasMessageContaining("not a Go executable");
    }

    @Test
    void pointersOutsideTheFileGiveAnEmptyVersion() {
        ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0x7fff_0000_0000L);
        byte[] file = blob(0, new byte[0]);
        System.arraycopy(b.array(), 0, file, 16, 8);
        assertThatThrownBy(() -> BuildInfoReader.read(FlatImage.of(file)))
                .isInstanceOf(BuildInfoException.class).hasMessageContaining("empty Go version");
    }

    @Test
    void aMisalignedMagicIsSkippedWithoutLooping() {
        byte[] file = new byte[256];
        System.arraycopy(BuildInfoReader.MAGIC, 0, file, 1, 14); // Go 1.19's loop never ends on this one
        assertThatThrownBy(() -> BuildInfoReader.read(FlatImage.of(file), BuildInfoReader.Dialect.GO_1_19))
                .isInstanceOf(BuildInfoException.class).hasMessageContaining("not a Go executable");
    }

    @Test
    void aPclntabWithOffsetsOutsideTheFileIsRejected() {
        ByteBuffer b = ByteBuffer.allocate(128).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0xfffffff1).put((byte) 0).put((byte) 0).put((byte) 1).put((byte) 8);
        b.putLong(3).putLong(1).putLong(0x1000).putLong(0x7fffffffL).putLong(64).putLong(64).putLong(64).putLong(80);
        byte[] t = b.array();
        FlatImage img = FlatImage.of(t, new ImageSection(".gopclntab", 0x1000, t.length, 0, t.length));
        assertThatThrownBy(() -> PclntabReader.read(img)).isInstanceOf(BinaryFormatException.class)
                .hasMessageContaining("outside the function table");
    }

    @Test
    void aFakeMagicWithAHugeCountIsRejected() {
        ByteBuffer b = ByteBuffer.allocate(128).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0xfffffffb).put((byte) 0).put((byte) 0).put((byte) 1).put((byte) 8).putLong(Long.MAX_VALUE);
        byte[] t = b.array();
        FlatImage img = FlatImage.of(t, new ImageSection(".gopclntab", 0x1000, t.length, 0, t.length));
        assertThatThrownBy(() -> PclntabReader.read(img)).isInstanceOf(BinaryFormatException.class);
    }

    @Test
    void noMagicAnywhereSaysSo() {
        assertThatThrownBy(() -> PclntabReader.read(FlatImage.of(new byte[4096])))
                .isInstanceOf(BinaryFormatException.class).hasMessageContaining("no Go function table");
    }

    @Test
    void recoveryFindsModinfoBetweenItsSentinels() throws Exception {
        String text = "path\tgithub.com/x/y\nmod\tgithub.com/x/y\t(devel)\t\n";
        ByteBuffer b = ByteBuffer.allocate(512);
        b.position(100);
        b.put("go1.26.5".getBytes()).put((byte) 0);
        b.position(200);
        b.put(BuildInfoRecovery.INFO_START).put(text.getBytes()).put(BuildInfoRecovery.INFO_END);
        GoBuildInfo bi = BuildInfoReader.readOrRecover(FlatImage.of(b.array()));
        assertThat(bi.recovered()).isTrue();
        assertThat(bi.goVersion()).isEqualTo("go1.26.5");
        assertThat(bi.modules().path()).isEqualTo("github.com/x/y");
        assertThat(bi.notes()).anyMatch(n -> n.contains("recovered"));
    }
}

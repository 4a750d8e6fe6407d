package dev.execray.binary.xcoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.execray.binary.BinaryFile;
import dev.execray.binary.BinaryFormatException;
import dev.execray.binary.ByteSource;
import dev.execray.binary.FileFormat;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class XcoffFileTest {
    private static final byte[] FILE = XcoffBuilder.xcoff64(new byte[64], new byte[32]);

    @Test
    void readsHeadersSectionsLoaderAndSymbols() {
        BinaryFile f = BinaryFile.read(ByteSource.of(FILE));
        assertThat(f.format()).isEqualTo(FileFormat.XCOFF);
        XcoffFile x = ((BinaryFile.Xcoff) f).xcoff();
        assertThat(x.header().is64()).isTrue();
        assertThat(x.header().nscns()).isEqualTo(3);
        assertThat(x.auxHeader()).hasValueSatisfying(a -> {
            assertThat(a.modtype()).isEqualTo("1L");
            assertThat(a.entry()).isEqualTo(XcoffBuilder.TEXT_ADDR);
            assertThat(a.snloader()).isEqualTo(3);
        });
        assertThat(x.xcoffSections()).extracting(XcoffSection::name).containsExactly(".text", ".data", ".loader");
        assertThat(XcoffSectionType.describe(x.xcoffSections().get(2).flags())).isEqualTo("STYP_LOADER");
        LoaderSection l = x.loader().orElseThrow();
        assertThat(l.libraryPath()).isEqualTo("/usr/lib:/lib");
        assertThat(l.imports()).extracting(LoaderSection.ImportFile::display).containsExactly("libc.a/shr_64.o");
        assertThat(l.symbols().entries()).singleElement().satisfies(s -> {
            assertThat(s.name()).isEqualTo("exit");
            assertThat(s.imported()).isTrue();
            assertThat(s.ifile()).isEqualTo(1);
        });
        assertThat(x.symbols().entries()).extracting(XcoffSymbol::name).containsExactly("main.main",
                "runtime.buildVersion");
        assertThat(x.symbolAddress("runtime.buildVersion")).contains(XcoffBuilder.DATA_ADDR);
        assertThat(x.neededLibraries()).containsExactly("libc.a/shr_64.o");
        assertThat(x.fileOffsetOf(XcoffBuilder.DATA_ADDR + 4)).isPresent();
        assertThat(x.loadSegments()).extracting(s -> s.writable()).containsExactly(false, true);
        assertThat(x.problems()).isEmpty();
    }

    @Test
    void magicIdentifiesBothClasses() {
        byte[] x32 = new byte[64];
        x32[0] = 0x01;
        x32[1] = (byte) 0xdf;
        assertThat(BinaryFile.read(ByteSource.of(x32)).format()).isEqualTo(FileFormat.XCOFF);
        XcoffFile f = XcoffFile.read(ByteSource.of(x32));
        assertThat(f.header().is64()).isFalse();
        assertThat(f.pointerSize()).isEqualTo(4);
    }

    @Test
    void hostileCountsAreOneLineErrorsOrRecordedProblems() {
        byte[] many = FILE.clone();
        ByteBuffer.wrap(many).putShort(2, (short) 4000);
        assertThatThrownBy(() -> XcoffFile.read(ByteSource.of(many))).isInstanceOf(BinaryFormatException.class)
                .hasMessageContaining("section headers");
        byte[] syms = FILE.clone();
        ByteBuffer.wrap(syms).putInt(20, Integer.MAX_VALUE);
        XcoffFile x = XcoffFile.read(ByteSource.of(syms));
        assertThat(x.symbols().problems()).isNotEmpty();
        assertThat(x.loader()).isPresent();
        byte[] cut = Arrays.copyOf(FILE, 30);
        assertThatThrownBy(() -> XcoffFile.read(ByteSource.of(cut))).isInstanceOf(BinaryFormatException.class)
                .hasMessageContaining("auxiliary header");
    }
}

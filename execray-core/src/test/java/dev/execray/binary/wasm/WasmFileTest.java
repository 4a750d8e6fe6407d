package dev.execray.binary.wasm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.execray.binary.BinaryFile;
import dev.execray.binary.BinaryFormatException;
import dev.execray.binary.ByteSource;
import dev.execray.binary.FileFormat;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class WasmFileTest {
    static byte[] wasi() {
        return new WasmBuilder().custom("go:buildid", "abc".getBytes(StandardCharsets.US_ASCII))
                .funcImports("wasi_snapshot_preview1", "fd_write", "proc_exit").memoryExport("memory")
                .data(new long[] {1024, 4096}, new byte[][] {"hello".getBytes(StandardCharsets.US_ASCII), new byte[8]})
                .bytes();
    }

    @Test
    void readsSectionsImportsExportsDataAndHost() {
        BinaryFile f = BinaryFile.read(ByteSource.of(wasi()));
        assertThat(f.format()).isEqualTo(FileFormat.WASM);
        WasmFile w = ((BinaryFile.Wasm) f).wasm();
        assertThat(w.wasmSections()).extracting(WasmSection::idName).containsExactly("custom", "import", "export",
                "data");
        assertThat(w.customSections()).singleElement().satisfies(s -> {
            assertThat(s.name()).isEqualTo("go:buildid");
            assertThat(s.contentSize()).isEqualTo(3);
        });
        assertThat(w.imports().entries()).extracting(WasmImport::name).containsExactly("fd_write", "proc_exit");
        assertThat(w.exports().entries()).singleElement().satisfies(e -> assertThat(e.kind())
                .isEqualTo(WasmImport.Kind.MEMORY));
        assertThat(w.dataSegments().entries()).extracting(d -> d.memoryOffset().orElseThrow()).containsExactly(1024L,
                4096L);
        assertThat(w.host()).isEqualTo(WasmHost.WASI_PREVIEW1);
        long off = w.fileOffsetOf(1025).orElseThrow();
        assertThat(w.source().u8(off, "t")).isEqualTo('e');
        assertThat(w.fileOffsetOf(2000)).isEmpty();
        assertThat(w.problems()).isEmpty();
    }

    @Test
    void goJsImportsNeedWasmExecJs() {
        byte[] b = new WasmBuilder().funcImports("gojs", "runtime.wasmExit").bytes();
        assertThat(WasmFile.read(ByteSource.of(b)).host()).isEqualTo(WasmHost.GO_JS);
        byte[] old = new WasmBuilder().funcImports("go", "runtime.wasmExit").bytes();
        assertThat(WasmFile.read(ByteSource.of(old)).host()).isEqualTo(WasmHost.GO_JS_LEGACY);
    }

    @Test
    void hostileInputIsAOneLineErrorOrARecordedProblem() {
        assertThatThrownBy(() -> WasmFile.read(ByteSource.of(new byte[] {0, 'a', 's', 'm', 9, 0, 0, 0})))
                .isInstanceOf(BinaryFormatException.class).hasMessageContaining("version 9");
        byte[] cut = Arrays.copyOf(wasi(), wasi().length - 3);
        WasmFile w = WasmFile.read(ByteSource.of(cut));
        assertThat(w.sectionProblem()).isPresent();
        assertThat(w.imports().isComplete()).isTrue();
        // an import count of 2^32-1 is refused before anything is allocated
        byte[] huge = new WasmBuilder().section(2, new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f})
                .bytes();
        WasmFile h = WasmFile.read(ByteSource.of(huge));
        assertThat(h.imports().problems()).singleElement().satisfies(p -> assertThat(p.detail()).contains("cannot fit"));
        // an endless LEB128 is bounded
        byte[] leb = new WasmBuilder().bytes();
        byte[] bad = Arrays.copyOf(leb, leb.length + 8);
        bad[leb.length] = 1;
        Arrays.fill(bad, leb.length + 1, bad.length, (byte) 0x80);
        assertThat(WasmFile.read(ByteSource.of(bad)).sectionProblem()).hasValueSatisfying(
                p -> assertThat(p.detail()).contains("LEB128"));
    }
}

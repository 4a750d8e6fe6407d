package dev.execray.binary.wasm;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.execray.binary.BinaryFormatException;
import dev.execray.binary.ByteSource;

/**
 * Any bytes read as WebAssembly give either a BinaryFormatException from {@link WasmFile#read} or a view whose
 * every table answers (partially, with a recorded problem) without throwing.
 */
class WasmFileFuzzTest {
    @FuzzTest
    void anyBytesGiveAViewOrAFormatError(byte[] data) {
        WasmFile w;
        try {
            w = WasmFile.read(ByteSource.of(data));
        } catch (BinaryFormatException e) {
            // a refusal names what was being read and what was wrong with it
            assertThat(e.structure()).isNotBlank();
            assertThat(e.detail()).isNotBlank();
            return;
        }
        assertThat(w.wasmSections().size()).isLessThanOrEqualTo(WasmFile.MAX_SECTIONS);
        w.imports().entries().forEach(i -> assertThat(i.module()).isNotNull());
        w.exports();
        w.dataSegments().entries().forEach(d -> assertThat(d.fileOffset() + d.size()).isLessThanOrEqualTo(data.length));
        w.loadSegments().forEach(s -> w.fileOffsetOf(s.address()));
        w.problems();
        w.host();
        w.neededLibraries();
        w.customSections();
    }
}

package dev.execray.binary.pe;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.execray.binary.BinaryFormatException;
import dev.execray.binary.ByteSource;
import dev.execray.binary.ImageSection;

/**
 * Any bytes read as a PE image give either a BinaryFormatException from {@link PeFile#read} or a
 * view whose every table answers (partially, with a recorded problem) without throwing. In a plain
 * build this runs the seeds beside it; a fuzzing run explores from them.
 */
class PeFileFuzzTest {
    @FuzzTest
    void anyBytesGiveAViewOrAFormatError(byte[] data) {
        PeFile pe;
        try {
            pe = PeFile.read(ByteSource.of(data));
        } catch (BinaryFormatException e) {
            // a refusal names what was being read and what was wrong with it
            assertThat(e.structure()).isNotBlank();
            assertThat(e.detail()).isNotBlank();
            return;
        }
        assertThat(pe.peSections()).hasSize(pe.coffHeader().numberOfSections());
        // a section header is 40 bytes of the file: no more sections than the bytes could hold
        assertThat(pe.peSections().size()).isLessThanOrEqualTo(data.length / 40);
        for (ImageSection s : pe.sections()) {
            pe.fileOffsetOf(s.address()).ifPresent(o -> assertThat(o).isBetween(0L, (long) data.length));
        }
        pe.imports().entries().forEach(d -> assertThat(d.functions().size()).isLessThanOrEqualTo(PeFile.MAX_FUNCTIONS_PER_DLL));
        pe.delayImports().entries().forEach(d -> assertThat(d.name()).isNotNull());
        pe.exports().directory().ifPresent(d -> assertThat(d.exports().size()).isLessThanOrEqualTo(PeFile.MAX_EXPORTS));
        pe.debugEntries().entries().forEach(e -> assertThat(e.typeName()).isNotBlank());
        pe.codeView();
        pe.certificateTable();
        pe.offsetOfRva(pe.optionalHeader().addressOfEntryPoint());
        pe.coffSymbols().entries().forEach(sym -> assertThat(sym.name()).isNotNull());
        pe.symbolAddress("runtime.pclntab");
        pe.loadSegments();
        pe.neededLibraries();
        pe.machine();
    }
}

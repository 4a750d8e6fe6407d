package dev.execray.binary.xcoff;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.execray.binary.BinaryFormatException;
import dev.execray.binary.ByteSource;
import dev.execray.binary.ImageSection;

/**
 * Any bytes read as XCOFF give either a BinaryFormatException from {@link XcoffFile#read} or a view whose every
 * table answers (partially, with a recorded problem) without throwing. The seeds beside it are small XCOFF64
 * files from {@link XcoffBuilder}.
 */
class XcoffFileFuzzTest {
    @FuzzTest
    void anyBytesGiveAViewOrAFormatError(byte[] data) {
        XcoffFile x;
        try {
            x = XcoffFile.read(ByteSource.of(data));
        } catch (BinaryFormatException e) {
            // a refusal names what was being read and what was wrong with it
            assertThat(e.structure()).isNotBlank();
            assertThat(e.detail()).isNotBlank();
            return;
        }
        assertThat(x.xcoffSections()).hasSize(x.header().nscns());
        for (ImageSection s : x.sections()) {
            x.fileOffsetOf(s.address()).ifPresent(o -> assertThat(o).isBetween(0L, (long) data.length));
        }
        assertThat(x.symbols().entries().size()).isLessThanOrEqualTo(XcoffFile.MAX_SYMBOLS);
        x.loader().ifPresent(l -> assertThat(l.imports().size()).isLessThanOrEqualTo(XcoffFile.MAX_IMPORT_FILES));
        x.problems();
        x.neededLibraries();
        x.loadSegments();
        x.symbolAddress("runtime.buildVersion");
        x.machine();
    }
}

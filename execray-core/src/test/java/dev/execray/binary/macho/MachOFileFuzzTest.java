package dev.execray.binary.macho;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.execray.binary.BinaryFormatException;
import dev.execray.binary.ByteSource;
import dev.execray.binary.ImageSection;

/**
 * Any bytes read as a thin or universal Mach-O file give either a BinaryFormatException from the
 * reader or views that answer without throwing: load commands, segments, symbols, address mapping,
 * and every slice of a fat file (each slice's own failure is recorded, not thrown).
 */
class MachOFileFuzzTest {
    @FuzzTest
    void anyBytesGiveAViewOrAFormatError(byte[] data) {
        try {
            touch(MachOFile.read(ByteSource.of(data)), data.length);
        } catch (BinaryFormatException e) {
            // a refusal names what was being read and what was wrong with it
            assertThat(e.structure()).isNotBlank();
            assertThat(e.detail()).isNotBlank();
        }
        try {
            FatMachOFile fat = FatMachOFile.read(ByteSource.of(data));
            for (FatMachOFile.Slice s : fat.slices()) {
                assertThat(s.file().isPresent() || s.problem().isPresent() || s.archive().isPresent()).isTrue();
                s.file().ifPresent(m -> touch(m, data.length));
                // an archive slice: its members read with the object readers, as inspect shows them
                s.archive().ifPresent(a -> dev.execray.report.ArchiveReport.json("fuzz",
                        new dev.execray.binary.BinaryFile.Fat(fat).archiveSlice(a)));
            }
        } catch (BinaryFormatException e) {
            // a refusal names what was being read and what was wrong with it
            assertThat(e.structure()).isNotBlank();
            assertThat(e.detail()).isNotBlank();
        }
    }

    private static void touch(MachOFile m, int size) {
        assertThat(m.loadCommands().size()).isLessThanOrEqualTo((int) Math.min(m.header().ncmds(), Integer.MAX_VALUE));
        for (ImageSection s : m.sections()) {
            m.fileOffsetOf(s.address()).ifPresent(o -> assertThat(o).isBetween(0L, (long) size));
        }
        // every entry comes from the file's bytes: a 32-bit nlist is 12 bytes, a load command at least 8
        assertThat(m.symbols().entries().size()).isLessThanOrEqualTo(size / 12);
        assertThat(m.loadCommands().size()).isLessThanOrEqualTo(size / 8);
        m.dylibs();
        m.installName();
        m.rpaths();
        m.uuid();
        m.minimumOs();
        m.codeSignature();
        m.isEncrypted();
        m.loadSegments();
        m.interpreter();
        m.neededLibraries();
        m.machine();
        m.symbolAddress("_main");
        m.symbols().entries().forEach(s -> assertThat(s.typeName()).isNotBlank());
    }
}

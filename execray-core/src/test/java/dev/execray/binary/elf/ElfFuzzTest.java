package dev.execray.binary.elf;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.execray.binary.BinaryFile;
import dev.execray.binary.BinaryFormatException;
import dev.execray.binary.ByteSource;
import dev.execray.binary.ImageSection;
import dev.execray.report.InspectDetail;
import dev.execray.report.ElfJson;
import dev.execray.report.ReadelfText;
import dev.execray.testing.ElfBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.EnumSet;

/**
 * Any bytes, read through every view of the ELF model and rendered as text and JSON: the only
 * exception allowed out is {@link BinaryFormatException} (from the ELF header and from asking for a
 * section's contents); no other exception, no hang, no OutOfMemoryError. In a plain build this runs
 * the seeds next to it (small files written by {@link ElfBuilder}, valid and broken); the fuzz
 * profile runs it for real.
 */
class ElfFuzzTest {
    @FuzzTest(maxDuration = "60s")
    void everyViewOfAnyBytesIsReadOrRefusedWithAFormatError(byte[] bytes) {
        BinaryFile file;
        try {
            file = BinaryFile.read(ByteSource.of(bytes));
        } catch (BinaryFormatException e) {
            // a refusal names what was being read
            assertThat(e.structure()).isNotBlank();
            assertThat(e.detail()).isNotBlank();
            return;
        }
        if (!(file instanceof BinaryFile.Elf e)) {
            return;
        }
        ElfFile elf = e.elf();
        elf.header().machine().name();
        elf.programHeaders().forEach(ph -> ph.type().name());
        elf.interpreter();
        for (ImageSection s : elf.sections()) {
            elf.fileOffsetOf(s.address());
        }
        for (SectionHeader sh : elf.sectionHeaders()) {
            if (sh.isCompressed() || sh.size() < 4096) {
                try {
                    elf.sectionData(sh, 1 << 20);
                } catch (BinaryFormatException ignored) {
                    // refusing a section is allowed; crashing is not
                }
            }
        }
        elf.dynamic().needed();
        elf.dynamic().soname();
        elf.dynamic().rpath();
        elf.dynamic().runpath();
        elf.dynamic().flags1Names();
        elf.symbols();
        elf.dynamicSymbols().forEach(s -> s.version());
        elf.versionNeeds();
        elf.versionDefinitions();
        elf.symbolInfo().entries().forEach(SymbolInfo::flagList);
        elf.notes();
        elf.buildId();
        elf.linking();
        // nothing is allocated by a count the file cannot hold: every table entry comes from its bytes
        // (Elf32_Phdr is 32 bytes, Elf32_Shdr 40, Elf32_Sym 16: the smallest of each)
        assertThat(elf.programHeaders().size()).isLessThanOrEqualTo(bytes.length / 32);
        assertThat(elf.sectionHeaders().size()).isLessThanOrEqualTo(bytes.length / 40);
        assertThat(elf.symbols().size()).isLessThanOrEqualTo(bytes.length / 16);
        assertThat(elf.dynamicSymbols().size()).isLessThanOrEqualTo(bytes.length / 16);
        for (String needed : elf.dynamic().needed()) {
            assertThat(needed.length()).isLessThan(bytes.length);
        }
        elf.problems().forEach(p -> assertThat(p.structure()).isNotBlank());

        StringBuilder text = new StringBuilder();
        ReadelfText.fileHeader(elf, text);
        ReadelfText.sectionHeaders(elf, true, text);
        ReadelfText.programHeaders(elf, true, text);
        ReadelfText.dynamic(elf, text);
        ReadelfText.symbols(elf, false, text);
        ReadelfText.symbolInfo(elf, text);
        ReadelfText.versions(elf, text);
        ReadelfText.notes(elf, text);
        ReadelfText.compressedSections(elf, text);
        try (JsonGenerator g = new JsonFactory().createGenerator(Writer.nullWriter())) {
            ElfJson.write(g, "fuzz", elf, EnumSet.allOf(InspectDetail.class));
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}

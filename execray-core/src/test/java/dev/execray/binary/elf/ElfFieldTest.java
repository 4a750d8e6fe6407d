package dev.execray.binary.elf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.execray.binary.ByteSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layouts other stages read through {@link ElfField} agree with what the ELF reader decodes, field by
 * field, on the fixtures of every class and byte order (x86-64, i386, aarch64, 32-bit big-endian PowerPC).
 */
class ElfFieldTest {
    private static List<Path> fixtures() throws Exception {
        try (Stream<Path> s = Files.list(Path.of("fixtures/out/c"))) {
            return s.filter(p -> p.getFileName().toString().startsWith("hello-")).sorted().toList();
        }
    }

    @Test
    void fieldsLieInsideTheirStructAndDoNotOverlap() {
        for (boolean is64 : new boolean[] {false, true}) {
            for (ElfField.Struct st : ElfField.Struct.values()) {
                boolean[] used = new boolean[st.size(is64)];
                for (ElfField f : ElfField.values()) {
                    if (f.struct() != st) {
                        continue;
                    }
                    assertThat(f.offset(is64) + f.width(is64)).as(f + (is64 ? " (64)" : " (32)"))
                            .isLessThanOrEqualTo(st.size(is64));
                    for (int i = f.offset(is64); i < f.offset(is64) + f.width(is64); i++) {
                        assertThat(used[i]).as(f + " overlaps at byte " + i).isFalse();
                        used[i] = true;
                    }
                }
            }
        }
    }

    @Test
    void headerProgramHeadersAndSymbolsReadAsTheReaderDecodesThem() throws Exception {
        int files = 0;
        int symbols = 0;
        boolean saw32 = false;
        boolean sawBigEndian = false;
        for (Path p : fixtures()) {
            ElfFile elf = ElfFile.read(ByteSource.of(Files.readAllBytes(p)));
            ElfHeader h = elf.header();
            boolean is64 = h.is64();
            ByteSource src = elf.source().withOrder(elf.byteOrder());
            saw32 |= !is64;
            sawBigEndian |= elf.byteOrder() == java.nio.ByteOrder.BIG_ENDIAN;
            assertThat(ElfField.hasMagic(h.ident())).isTrue();
            assertThat(h.ident()[ElfField.EI_CLASS]).isEqualTo((byte) h.elfClass().value());
            assertThat(h.ident()[ElfField.EI_DATA]).isEqualTo((byte) h.data().value());
            assertThat(ElfField.E_TYPE.read(src, 0, is64, "e")).isEqualTo(h.type().value());
            assertThat(ElfField.E_MACHINE.read(src, 0, is64, "e")).isEqualTo(h.machine().value());
            assertThat(ElfField.E_VERSION.read(src, 0, is64, "e")).isEqualTo(h.version());
            assertThat(ElfField.E_ENTRY.read(src, 0, is64, "e")).isEqualTo(h.entry());
            assertThat(ElfField.E_PHOFF.read(src, 0, is64, "e")).isEqualTo(h.phoff());
            assertThat(ElfField.E_SHOFF.read(src, 0, is64, "e")).isEqualTo(h.shoff());
            assertThat(ElfField.E_FLAGS.read(src, 0, is64, "e")).isEqualTo(h.flags());
            assertThat(ElfField.E_EHSIZE.read(src, 0, is64, "e")).isEqualTo(h.ehsize());
            assertThat(ElfField.E_PHENTSIZE.read(src, 0, is64, "e")).isEqualTo(h.phentsize())
                    .isEqualTo(ElfField.Struct.PHDR.size(is64));
            assertThat(ElfField.E_PHNUM.read(src, 0, is64, "e")).isEqualTo(h.phnum());
            assertThat(ElfField.E_SHNUM.read(src, 0, is64, "e")).isEqualTo(h.shnum());
            assertThat(ElfField.E_SHSTRNDX.read(src, 0, is64, "e")).isEqualTo(h.shstrndx());
            assertThat(h.ehsize()).isEqualTo(ElfField.Struct.EHDR.size(is64));
            for (ProgramHeader ph : elf.programHeaders()) {
                long at = h.phoff() + (long) ph.index() * h.phentsize();
                assertThat(ElfField.P_TYPE.read(src, at, is64, "p")).isEqualTo(ph.type().value());
                assertThat(ElfField.P_FLAGS.read(src, at, is64, "p")).isEqualTo(ph.flags());
                assertThat(ElfField.P_OFFSET.read(src, at, is64, "p")).isEqualTo(ph.offset());
                assertThat(ElfField.P_VADDR.read(src, at, is64, "p")).isEqualTo(ph.vaddr());
                assertThat(ElfField.P_PADDR.read(src, at, is64, "p")).isEqualTo(ph.paddr());
                assertThat(ElfField.P_FILESZ.read(src, at, is64, "p")).isEqualTo(ph.filesz());
                assertThat(ElfField.P_MEMSZ.read(src, at, is64, "p")).isEqualTo(ph.memsz());
                assertThat(ElfField.P_ALIGN.read(src, at, is64, "p")).isEqualTo(ph.align());
            }
            SymbolTable dyn = elf.dynamicSymbolTable();
            if (dyn.section().isPresent()) {
                long base = dyn.section().get().offset();
                for (Symbol s : dyn.symbols()) {
                    long at = base + (long) s.index() * ElfField.Struct.SYM.size(is64);
                    assertThat(ElfField.ST_NAME.read(src, at, is64, "s")).isEqualTo(s.nameOffset());
                    assertThat(ElfField.ST_VALUE.read(src, at, is64, "s")).isEqualTo(s.value());
                    assertThat(ElfField.ST_SIZE.read(src, at, is64, "s")).isEqualTo(s.size());
                    long info = ElfField.ST_INFO.read(src, at, is64, "s");
                    assertThat(info & 0xf).isEqualTo(s.type().value());
                    assertThat(info >> 4).isEqualTo(s.binding().value());
                    assertThat(ElfField.ST_OTHER.read(src, at, is64, "s")).isEqualTo(s.other());
                    assertThat(ElfField.ST_SHNDX.read(src, at, is64, "s")).isEqualTo(s.shndx());
                    symbols++;
                }
            }
            files++;
        }
        assertThat(files).isGreaterThanOrEqualTo(10);
        assertThat(symbols).isGreaterThan(20);
        assertThat(saw32).isTrue();
        assertThat(sawBigEndian).isTrue();
    }
}

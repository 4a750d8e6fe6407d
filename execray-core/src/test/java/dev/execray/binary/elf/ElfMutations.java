package dev.execray.binary.elf;

import dev.execray.binary.ByteSource;
import dev.execray.testing.ElfBuilder;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The malformed-file corpus for the ELF structural rules: one mutation of the {@link ElfFileTest#dynamicFile}
 * fixture (64-bit, little-endian) per rule, each naming the field, the value written and the problem
 * expected. {@link ElfMutationsTest} checks every one; {@link ElfFuzzSeeds} writes each as a seed of
 * {@link ElfFuzzTest}.
 */
final class ElfMutations {
    /** One rule's mutation: {@code expected} is a fragment of the problem's text. */
    record Mutation(String name, String field, String value, String expected, UnaryOperator<byte[]> apply) {
    }

    // Elf64_Shdr and Elf64_Phdr field offsets
    private static final int SH_NAME = 0;
    private static final int SH_TYPE = 4;
    private static final int SH_SIZE = 32;
    private static final int SH_LINK = 40;
    private static final int SH_ENTSIZE = 56;
    private static final int P_OFFSET = 8;
    private static final int P_FILESZ = 32;

    private ElfMutations() {
    }

    static byte[] base() {
        return ElfFileTest.dynamicFile(ElfBuilder.elf64());
    }

    static List<Mutation> all() {
        ElfBuilder b = ElfBuilder.elf64();
        byte[] f = ElfFileTest.dynamicFile(b);
        ElfFile e = ElfFile.read(ByteSource.of(f));
        int shstrtab = e.sectionNameTableIndex();
        int dynsym = index(e, ".dynsym");
        int versym = index(e, ".gnu.version");
        int verneed = index(e, ".gnu.version_r");
        int note = index(e, ".note.test");
        int ptNote = segment(e, SegmentType.NOTE);
        int ptDynamic = segment(e, SegmentType.DYNAMIC);
        long size = f.length;
        long shstrEnd = e.sectionHeader(shstrtab).orElseThrow().offset()
                + e.sectionHeader(shstrtab).orElseThrow().size() - 1;
        return List.of(
                new Mutation("phentsize-larger", "e_phentsize", "57", "e_phentsize 57 is not the size of a program header",
                        m -> put16(m, 54, 57)),
                new Mutation("phentsize-smaller", "e_phentsize", "40", "e_phentsize 40 is smaller than a program header",
                        m -> put16(m, 54, 40)),
                new Mutation("shentsize-larger", "e_shentsize", "65", "e_shentsize 65 is not the size of a section header",
                        m -> put16(m, 58, 65)),
                new Mutation("phdr-table-past-eof", "e_phoff", "file size - 8", "program header table",
                        m -> put64(m, 32, size - 8)),
                new Mutation("shdr-table-past-eof", "e_shoff", "file size - 8", "section header table",
                        m -> put64(m, 40, size - 8)),
                new Mutation("shstrndx-out-of-range", "e_shstrndx", "200", "e_shstrndx 200 is not below the section count",
                        m -> put16(m, 62, 200)),
                new Mutation("shstrtab-not-strtab", "sh_type of .shstrtab", "1 (PROGBITS)", "not SHT_STRTAB",
                        m -> put32(m, sh(b, m, shstrtab) + SH_TYPE, 1)),
                new Mutation("shstrtab-unterminated", "last byte of .shstrtab", "'x'", "does not end in a NUL byte",
                        m -> { m[(int) shstrEnd] = 'x'; return m; }),
                new Mutation("sh-name-past-shstrtab", "sh_name of section 1", "0x7fff",
                        "is beyond the section-name string table", m -> put32(m, sh(b, m, 1) + SH_NAME, 0x7fff)),
                new Mutation("section-past-eof", "sh_size of .note.test", "0x100000", "is past the end of the file",
                        m -> put64(m, sh(b, m, note) + SH_SIZE, 0x100000)),
                new Mutation("sh-link-out-of-range", "sh_link of .gnu.version_r", "99",
                        "sh_link 99 is not below the section count", m -> put32(m, sh(b, m, verneed) + SH_LINK, 99)),
                new Mutation("sh-link-not-strtab", "sh_link of .dynsym", "index of .gnu.version", "not a string table",
                        m -> put32(m, sh(b, m, dynsym) + SH_LINK, versym)),
                new Mutation("symtab-link-out-of-range", "sh_link of .dynsym", "99", "sh_link 99 names no string table",
                        m -> put32(m, sh(b, m, dynsym) + SH_LINK, 99)),
                new Mutation("symtab-entsize", "sh_entsize of .dynsym", "32", "sh_entsize 32 is not the size of a symbol",
                        m -> put64(m, sh(b, m, dynsym) + SH_ENTSIZE, 32)),
                new Mutation("symtab-size-not-multiple", "sh_size of .dynsym", "size + 1",
                        "is not a multiple of sh_entsize 24", m -> put64(m, sh(b, m, dynsym) + SH_SIZE,
                                e.sectionHeader(dynsym).orElseThrow().size() + 1)),
                new Mutation("pt-note-past-eof", "p_filesz of PT_NOTE", "0x100000", "NOTE segment at offset",
                        m -> put64(m, ph(m, ptNote) + P_FILESZ, 0x100000)),
                new Mutation("pt-dynamic-past-eof", "p_offset of PT_DYNAMIC", "file size - 8", "DYNAMIC segment at offset",
                        m -> put64(m, ph(m, ptDynamic) + P_OFFSET, size - 8)));
    }

    static byte[] mutated(Mutation m) {
        byte[] f = base();
        return m.apply().apply(Arrays.copyOf(f, f.length));
    }

    private static int index(ElfFile e, String name) {
        return e.sectionHeader(name).orElseThrow().index();
    }

    private static int segment(ElfFile e, SegmentType type) {
        for (ProgramHeader ph : e.programHeaders()) {
            if (ph.type().is(type)) {
                return ph.index();
            }
        }
        throw new IllegalStateException("fixture has no " + type);
    }

    private static int sh(ElfBuilder b, byte[] f, int i) {
        return b.shdrOffset(f, i);
    }

    private static int ph(byte[] f, int i) {
        return (int) java.nio.ByteBuffer.wrap(f).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong(32) + i * 56;
    }

    private static byte[] put16(byte[] f, int off, int v) {
        ElfBuilder.put16(f, off, v, java.nio.ByteOrder.LITTLE_ENDIAN);
        return f;
    }

    private static byte[] put32(byte[] f, int off, long v) {
        ElfBuilder.put32(f, off, v, java.nio.ByteOrder.LITTLE_ENDIAN);
        return f;
    }

    private static byte[] put64(byte[] f, int off, long v) {
        ElfBuilder.put64(f, off, v, java.nio.ByteOrder.LITTLE_ENDIAN);
        return f;
    }
}

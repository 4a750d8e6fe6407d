package dev.execray.binary.macho;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The malformed-file corpus for the Mach-O structural rules: one mutation of a small valid x86_64
 * executable (or of a universal file around it) per rule, naming the field, the value written and the
 * problem expected. {@link MachOMutationsTest} checks each; {@link #main} writes each as a seed of
 * {@link MachOFileFuzzTest} (run by hand after changing this: java -cp target/test-classes:target/classes:...
 * dev.execray.binary.macho.MachOMutations src/test/resources/dev/execray/binary/macho/MachOFileFuzzTestInputs/anyBytesGiveAViewOrAFormatError).
 */
final class MachOMutations {
    record Mutation(String name, String field, String value, String expected, UnaryOperator<byte[]> apply) {
    }

    static final int LC_SYMTAB = 0x2;
    static final int LC_DYSYMTAB = 0xb;
    static final int LC_SOURCE_VERSION = 0x2a;

    private MachOMutations() {
    }

    /** __TEXT with one section, libSystem, LC_MAIN, LC_UUID, LC_DYSYMTAB, LC_CODE_SIGNATURE, LC_DYLD_INFO_ONLY, LC_SYMTAB. */
    static byte[] base() {
        return MachOBuilder.x86_64()
                .segment("__TEXT", 0x100000000L, 0x1000, 0, 0x1000, 5, 5,
                        new MachOBuilder.Sect("__text", "__TEXT", 0x100000800L, 0x10, 0x800, 0x80000400L))
                .dylib(MachOBuilder.LC_LOAD_DYLIB, "/usr/lib/libSystem.B.dylib", 0x10000, 0x10000)
                .main(0x800, 0)
                .uuid(new byte[16])
                .rawCommand(LC_DYSYMTAB, 80, 80)
                .linkedit(MachOBuilder.LC_CODE_SIGNATURE, 0xf00, 0x100)
                .dyldInfoOnly()
                .symbols(new MachOBuilder.Sym("_main", 0x0f, 1, 0, 0x100000800L),
                        new MachOBuilder.Sym("_puts", 0x01, 0, 0x100, 0))
                .fileSize(0x1000)
                .build();
    }

    static byte[] fat(byte[] slice) {
        return MachOBuilder.fat(false, slice);
    }

    static List<Mutation> all() {
        return List.of(
                new Mutation("dysymtab-iundefsym", "iundefsym, nundefsym of LC_DYSYMTAB", "1, 5",
                        "iundefsym 1 plus nundefsym 5 is past the end of the symbol table",
                        f -> put32(put32(f, cmd(f, LC_DYSYMTAB) + 24, 1), cmd(f, LC_DYSYMTAB) + 28, 5)),
                new Mutation("dysymtab-without-symtab", "cmd of LC_SYMTAB", "0x7f (unknown)", "without an LC_SYMTAB",
                        f -> put32(f, cmd(f, LC_SYMTAB), 0x7f)),
                new Mutation("dylib-name-in-fixed-part", "name.offset of LC_LOAD_DYLIB", "12",
                        "name.offset 12 is inside the fixed part", f -> put32(f, cmd(f, MachOBuilder.LC_LOAD_DYLIB) + 8, 12)),
                new Mutation("fixed-cmdsize", "cmd of LC_UUID (cmdsize 24)", "LC_SOURCE_VERSION", "cmdsize 24 is not 16",
                        f -> put32(f, cmd(f, MachOBuilder.LC_UUID), LC_SOURCE_VERSION)),
                new Mutation("duplicate-main", "cmd of LC_UUID", "LC_MAIN", "more than one LC_MAIN command",
                        f -> put32(f, cmd(f, MachOBuilder.LC_UUID), MachOBuilder.LC_MAIN)),
                new Mutation("duplicate-symtab", "cmd of LC_MAIN", "LC_SYMTAB", "more than one LC_SYMTAB command",
                        f -> put32(f, cmd(f, MachOBuilder.LC_MAIN), LC_SYMTAB)),
                new Mutation("symbols-past-eof", "nsyms of LC_SYMTAB", "0x100000", "symoff plus nsyms",
                        f -> put32(f, cmd(f, LC_SYMTAB) + 12, 0x100000)),
                new Mutation("strings-past-eof", "strsize of LC_SYMTAB", "0x100000", "stroff plus strsize",
                        f -> put32(f, cmd(f, LC_SYMTAB) + 20, 0x100000)),
                new Mutation("segment-past-eof", "filesize of __TEXT", "0x100000", "fileoff plus filesize of segment __TEXT",
                        f -> put64(f, cmd(f, MachOBuilder.LC_SEGMENT_64) + 48, 0x100000)),
                new Mutation("section-past-eof", "offset of __text", "0xfff8", "offset plus size",
                        f -> put32(f, cmd(f, MachOBuilder.LC_SEGMENT_64) + 72 + 48, 0xfff8)),
                new Mutation("segment-cmdsize-nsects", "nsects of __TEXT", "2", "sections (nsects 2)",
                        f -> put32(f, cmd(f, MachOBuilder.LC_SEGMENT_64) + 64, 2)),
                new Mutation("linkedit-past-eof", "datasize of LC_CODE_SIGNATURE", "0x100000", "dataoff plus datasize",
                        f -> put32(f, cmd(f, MachOBuilder.LC_CODE_SIGNATURE) + 12, 0x100000)),
                new Mutation("dyld-info-past-eof", "rebase_size of LC_DYLD_INFO_ONLY", "0x100000",
                        "rebase_off plus rebase_size", f -> put32(f, cmd(f, MachOBuilder.LC_DYLD_INFO_ONLY) + 12, 0x100000)),
                new Mutation("fat-zero-archs", "nfat_arch", "0", "nfat_arch is 0",
                        f -> putBe32(fat(f), 4, 0)),
                new Mutation("fat-align", "align of fat_arch 0", "20", "align 2^20 is above the maximum 2^15",
                        f -> putBe32(fat(f), 8 + 16, 20)),
                new Mutation("fat-slice-unaligned", "offset of fat_arch 0", "0x1001", "is not aligned to 2^12",
                        f -> putBe32(fat(f), 8 + 8, 0x1001)),
                new Mutation("fat-slice-past-eof", "size of fat_arch 0", "0x100000", "extends past the end of the file",
                        f -> putBe32(fat(f), 8 + 12, 0x100000)));
    }

    static byte[] mutated(Mutation m) {
        return m.apply().apply(base());
    }

    /** The offset of the first load command {@code cmd} in a thin little-endian 64-bit file. */
    static int cmd(byte[] f, long cmd) {
        ByteBuffer b = ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN);
        int at = 32;
        for (int i = 0; i < b.getInt(16); i++) {
            if (b.getInt(at) == (int) cmd) {
                return at;
            }
            at += b.getInt(at + 4);
        }
        throw new IllegalArgumentException("no command 0x" + Long.toHexString(cmd));
    }

    private static byte[] put32(byte[] f, int off, long v) {
        ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN).putInt(off, (int) v);
        return f;
    }

    private static byte[] put64(byte[] f, int off, long v) {
        ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN).putLong(off, v);
        return f;
    }

    private static byte[] putBe32(byte[] f, int off, long v) {
        ByteBuffer.wrap(f).order(ByteOrder.BIG_ENDIAN).putInt(off, (int) v);
        return f;
    }

    public static void main(String[] a) throws Exception {
        Path dir = Path.of(a[0]);
        Files.createDirectories(dir);
        for (Mutation m : all()) {
            Files.write(dir.resolve("macho-rule-" + m.name()), mutated(m));
        }
    }
}

package dev.execray.binary.archive;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Writes small archives for tests, member by member, as GNU ar and BSD ar lay them out. */
final class ArchiveBytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    ArchiveBytes(String magic) {
        raw(magic.getBytes(StandardCharsets.US_ASCII));
    }

    /** A member: a 60-byte header with {@code name} and the size of {@code data}, the data and the even padding. */
    ArchiveBytes member(String name, byte[] data) {
        return member(name, data.length, data);
    }

    /** A member whose header claims {@code size} while {@code data} is written (for thin and hostile archives). */
    ArchiveBytes member(String name, long size, byte[] data) {
        String h = pad(name, 16) + pad("0", 12) + pad("0", 6) + pad("0", 6) + pad("644", 8) + pad(Long.toString(size), 10)
                + "`\n";
        raw(h.getBytes(StandardCharsets.US_ASCII));
        raw(data);
        if (out.size() % 2 == 1) {
            out.write('\n');
        }
        return this;
    }

    ArchiveBytes raw(byte[] b) {
        out.write(b, 0, b.length);
        return this;
    }

    int size() {
        return out.size();
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    static String pad(String s, int n) {
        return (s + " ".repeat(n)).substring(0, n);
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] be32(long... v) {
        byte[] b = new byte[4 * v.length];
        for (int i = 0; i < v.length; i++) {
            b[4 * i] = (byte) (v[i] >> 24);
            b[4 * i + 1] = (byte) (v[i] >> 16);
            b[4 * i + 2] = (byte) (v[i] >> 8);
            b[4 * i + 3] = (byte) v[i];
        }
        return b;
    }

    static byte[] le32(long... v) {
        byte[] b = new byte[4 * v.length];
        for (int i = 0; i < v.length; i++) {
            b[4 * i] = (byte) v[i];
            b[4 * i + 1] = (byte) (v[i] >> 8);
            b[4 * i + 2] = (byte) (v[i] >> 16);
            b[4 * i + 3] = (byte) (v[i] >> 24);
        }
        return b;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            o.write(p, 0, p.length);
        }
        return o.toByteArray();
    }

    /** GNU: index (2 symbols in the first member), "//" with one long name, a long-named and a short-named member. */
    static byte[] gnu() {
        byte[] names = ascii("a-rather-long-member-name.o/\n");
        // the index member is 60 + 4 + 8 + 10 = 82 bytes; "//" follows at 8 + 82 = 90
        byte[] index = concat(be32(2), be32(0, 0), ascii("foo\0bar\0"));
        int first = 8 + 60 + index.length + 60 + names.length + (names.length % 2);
        index = concat(be32(2), be32(first, first), ascii("foo\0bar\0"));
        return new ArchiveBytes(ArchiveFile.MAGIC).member("/", index).member("//", names)
                .member("/0", ascii("ELF?")).member("short.o/", ascii("xyz")).bytes();
    }

    /** BSD: __.SYMDEF with one symbol, #1/ names (the name counted in the member's size). */
    static byte[] bsd() {
        byte[] strings = ascii("_main\0\0\0");
        byte[] symdefName = ascii("__.SYMDEF\0\0\0");
        int symdefSize = symdefName.length + 4 + 8 + 4 + strings.length;
        int member = 8 + 60 + symdefSize;
        byte[] symdef = concat(symdefName, le32(8), le32(0, member), le32(strings.length), strings);
        byte[] memberName = ascii("long-bsd-member-name.o\0\0");
        return new ArchiveBytes(ArchiveFile.MAGIC).member("#1/" + symdefName.length, symdef)
                .member("#1/" + memberName.length, concat(memberName, ascii("body"))).bytes();
    }

    /** Thin: the members' bytes are in their own files; only headers (and the tables) are stored. */
    static byte[] thin() {
        byte[] names = ascii("dir/a-long-external-object.o/\n");
        return new ArchiveBytes(ArchiveFile.THIN_MAGIC).member("//", names).member("/0", 123456, new byte[0])
                .member("b.o/", 99, new byte[0]).bytes();
    }

    /** Writes the fuzz seeds of {@link ArchiveFileFuzzTest} into the directory {@code a[0]}. */
    public static void main(String[] a) throws java.io.IOException {
        java.nio.file.Path dir = java.nio.file.Path.of(a[0]);
        java.nio.file.Files.createDirectories(dir);
        java.nio.file.Files.write(dir.resolve("gnu"), gnu());
        java.nio.file.Files.write(dir.resolve("bsd"), bsd());
        java.nio.file.Files.write(dir.resolve("thin"), thin());
    }
}

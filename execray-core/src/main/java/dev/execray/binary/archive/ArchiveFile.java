package dev.execray.binary.archive;

import dev.execray.binary.BinaryFormatException;
import dev.execray.binary.ByteSource;
import dev.execray.binary.FormatProblem;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A static archive ({@code !<arch>}, or a GNU thin archive {@code !<thin>} whose members live in
 * their own files), read as ar(1) and nm(1) read it: the member headers, the GNU ({@code //}) and BSD
 * ({@code #1/N}) long names, and the symbol index (GNU {@code /} and {@code /SYM64/}, BSD
 * {@code __.SYMDEF}). Members end at the first malformed header, which is recorded as a problem; the
 * members before it stay listed. Nothing is allocated by a count from the file before the bytes it
 * counts are known to be there.
 */
public final class ArchiveFile {
    static final String MAGIC = "!<arch>\n";
    static final String THIN_MAGIC = "!<thin>\n";
    static final int HEADER_SIZE = 60;

    /** One member: its name as ar t prints it, its header's offset, and where its bytes are (empty when thin). */
    public record Member(String name, long headerOffset, long dataOffset, long size, boolean external) {
    }

    /** One symbol-index entry: the symbol and the offset of the header of the member defining it. */
    public record IndexEntry(String symbol, long memberOffset) {
    }

    private final boolean thin;
    private final List<Member> members;
    private final List<IndexEntry> index;
    private final List<FormatProblem> problems;

    private ArchiveFile(boolean thin, List<Member> members, List<IndexEntry> index, List<FormatProblem> problems) {
        this.thin = thin;
        this.members = List.copyOf(members);
        this.index = List.copyOf(index);
        this.problems = List.copyOf(problems);
    }

    public static boolean isArchive(byte[] head) {
        return head.length >= 8 && (startsWith(head, MAGIC) || startsWith(head, THIN_MAGIC));
    }

    private static boolean startsWith(byte[] head, String magic) {
        for (int i = 0; i < magic.length(); i++) {
            if (head[i] != magic.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    public static ArchiveFile read(ByteSource src) {
        byte[] head = src.bytes(0, 8, "archive magic");
        if (!isArchive(head)) {
            throw new BinaryFormatException("archive magic", 0, "neither !<arch> nor !<thin>");
        }
        boolean thin = startsWith(head, THIN_MAGIC);
        List<Member> members = new ArrayList<>();
        List<IndexEntry> index = new ArrayList<>();
        List<FormatProblem> problems = new ArrayList<>();
        Optional<ByteSource> longNames = Optional.empty();
        long at = 8;
        while (at < src.size()) {
            try {
                if (at + HEADER_SIZE > src.size()) {
                    throw new BinaryFormatException("archive member header", at, "truncated: " + (src.size() - at)
                            + " bytes left of a 60-byte header");
                }
                byte[] h = src.bytes(at, HEADER_SIZE, "archive member header");
                if (h[58] != '`' || h[59] != '\n') {
                    throw new BinaryFormatException("archive member header", at + 58, "no `\\n terminator (ar_fmag)");
                }
                String rawName = ascii(h, 0, 16);
                long size = decimal(h, 48, 10, at);
                long data = at + HEADER_SIZE;
                String trimmed = rawName.stripTrailing();
                boolean special = trimmed.equals("/") || trimmed.equals("//") || trimmed.equals("/SYM64/")
                        || trimmed.startsWith("__.SYMDEF") || trimmed.startsWith("#1/__.SYMDEF");
                // a thin archive stores the bytes of its index and name table only
                boolean external = thin && !special;
                long stored = external ? 0 : size;
                if (!external && (Long.compareUnsigned(data + size, src.size()) > 0)) {
                    throw new BinaryFormatException("archive member " + trimmed, at, "member of " + size
                            + " bytes runs past the end of the archive (" + src.size() + " bytes)");
                }
                String name;
                long nameInData = 0;
                if (trimmed.equals("/") || trimmed.equals("/SYM64/")) {
                    gnuIndex(src.slice(data, size, "archive symbol index"), trimmed.equals("/SYM64/"), index, data);
                    at = next(data, stored);
                    continue;
                } else if (trimmed.equals("//")) {
                    longNames = Optional.of(src.slice(data, size, "archive long-name table"));
                    at = next(data, stored);
                    continue;
                } else if (trimmed.startsWith("#1/")) {
                    // BSD: the name is the first N bytes of the member's data, counted in its size
                    nameInData = decimal(h, 3, 13, at);
                    if (nameInData > size) {
                        throw new BinaryFormatException("archive member header", at, "BSD name of " + nameInData
                                + " bytes is longer than the member (" + size + " bytes)");
                    }
                    name = cString(src.bytes(data, (int) nameInData, "archive member name"));
                    if (name.startsWith("__.SYMDEF")) {
                        bsdIndex(src.slice(data + nameInData, size - nameInData, "archive symbol index"), index,
                                data + nameInData);
                        at = next(data, stored);
                        continue;
                    }
                } else if (trimmed.startsWith("/") && trimmed.length() > 1) {
                    // "/N": GNU ar leaves a '/' after the digits in some thin archives ("/336           /")
                    int digits = 1;
                    while (digits < 16 && h[digits] >= '0' && h[digits] <= '9') {
                        digits++;
                    }
                    long off = decimal(h, 1, digits - 1, at);
                    name = gnuLongName(longNames, off, at);
                } else if (trimmed.startsWith("__.SYMDEF")) {
                    bsdIndex(src.slice(data, size, "archive symbol index"), index, data);
                    at = next(data, stored);
                    continue;
                } else {
                    // GNU ends short names with '/'; BSD pads with spaces
                    name = trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
                }
                members.add(new Member(name, at, data + nameInData, size - nameInData, external));
                at = next(data, stored);
            } catch (BinaryFormatException e) {
                problems.add(FormatProblem.of(e));
                break;
            }
        }
        return new ArchiveFile(thin, members, index, problems);
    }

    /** Members start on even offsets: an odd-sized member is followed by one padding byte. */
    private static long next(long data, long stored) {
        long end = data + stored;
        return end + (end & 1);
    }

    /** GNU "/": a big-endian count, that many big-endian member offsets, then the NUL-terminated names. */
    private static void gnuIndex(ByteSource s, boolean wide, List<IndexEntry> out, long base) {
        ByteSource b = s.withOrder(ByteOrder.BIG_ENDIAN);
        int w = wide ? 8 : 4;
        long count = wide ? b.u64(0, "archive symbol index") : b.u32(0, "archive symbol index");
        int n = b.checkTable(w, count, w, "archive symbol index (" + count + " entries)");
        long strings = w + (long) n * w;
        long p = strings;
        for (int i = 0; i < n; i++) {
            long off = wide ? b.u64(w + (long) i * w, "archive symbol index")
                    : b.u32(w + (long) i * w, "archive symbol index");
            if (p >= b.size()) {
                throw new BinaryFormatException("archive symbol index", base + p, "names end after " + i + " of "
                        + n + " symbols");
            }
            String name = b.cString(p, b.size(), "archive symbol name");
            p += dev.execray.binary.RawText.byteLength(name) + 1;
            out.add(new IndexEntry(name, off));
        }
    }

    /** BSD __.SYMDEF: ranlib array size in bytes, ranlib {strx, offset} pairs, string table size, strings (little-endian here). */
    private static void bsdIndex(ByteSource s, List<IndexEntry> out, long base) {
        ByteSource b = s.withOrder(ByteOrder.LITTLE_ENDIAN);
        long bytes = b.u32(0, "archive symbol index");
        int n = b.checkTable(4, bytes / 8, 8, "archive symbol index (" + bytes + " bytes of ranlib)");
        long strAt = 4 + bytes + 4;
        long strSize = b.u32(4 + bytes, "archive symbol index string size");
        b.check(strAt, strSize, "archive symbol index strings");
        for (int i = 0; i < n; i++) {
            long strx = b.u32(4 + 8L * i, "ranlib");
            long off = b.u32(8 + 8L * i, "ranlib");
            if (strx >= strSize) {
                throw new BinaryFormatException("archive symbol index", base + 4 + 8L * i, "ran_strx " + strx
                        + " is beyond the string table (" + strSize + " bytes)");
            }
            out.add(new IndexEntry(b.cString(strAt + strx, strAt + strSize, "archive symbol name"), off));
        }
    }

    /** GNU "/N": the name at offset N of the "//" table, ended by "/\n" (or "\n" in some writers). */
    private static String gnuLongName(Optional<ByteSource> table, long off, long at) {
        if (table.isEmpty()) {
            throw new BinaryFormatException("archive member header", at, "long name /" + off
                    + " without a // name table before it");
        }
        ByteSource t = table.get();
        if (off >= t.size()) {
            throw new BinaryFormatException("archive member header", at, "long name offset " + off
                    + " is beyond the name table (" + t.size() + " bytes)");
        }
        long end = off;
        while (end < t.size()) {
            int c = t.u8(end, "archive long-name table");
            if (c == '\n' || c == 0) {
                break;
            }
            end++;
        }
        // names are bytes: kept as they are (binary.RawText), not read as Latin-1
        String name = dev.execray.binary.RawText.decode(t.bytes(off, (int) (end - off), "archive long-name table"));
        return name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
    }

    private static long decimal(byte[] h, int from, int len, long at) {
        String text = ascii(h, from, len).trim();
        if (text.isEmpty() || text.length() > 15 || !text.chars().allMatch(Character::isDigit)) {
            throw new BinaryFormatException("archive member header", at + from, "not a decimal number: \""
                    + text + "\"");
        }
        return Long.parseLong(text);
    }

    private static String ascii(byte[] b, int from, int len) {
        return new String(b, from, len, StandardCharsets.ISO_8859_1);
    }

    private static String cString(byte[] b) {
        int n = 0;
        while (n < b.length && b[n] != 0) {
            n++;
        }
        return dev.execray.binary.RawText.decode(b, 0, n);
    }

    public boolean thin() {
        return thin;
    }

    /** The members in archive order, as ar t lists them (index and name tables excluded). */
    public List<Member> members() {
        return members;
    }

    /** The symbol index in stored order, as nm --print-armap prints it. */
    public List<IndexEntry> index() {
        return index;
    }

    public List<FormatProblem> problems() {
        return problems;
    }

    /**
     * The same archive with every offset (member headers and data, index entries, problems) moved by {@code base}:
     * an archive read from a slice of a larger file (a universal binary's slice) reports file offsets.
     */
    public ArchiveFile relocated(long base) {
        return new ArchiveFile(thin,
                members.stream().map(m -> new Member(m.name(), m.headerOffset() + base, m.dataOffset() + base, m.size(),
                        m.external())).toList(),
                index.stream().map(e -> new IndexEntry(e.symbol(), e.memberOffset() + base)).toList(),
                problems.stream().map(p -> new FormatProblem(p.structure(), p.offset() + base, p.detail())).toList());
    }

    /** The member whose header is at {@code offset}: what an index entry points at. */
    public Optional<Member> memberAt(long offset) {
        return members.stream().filter(m -> m.headerOffset() == offset).findFirst();
    }
}

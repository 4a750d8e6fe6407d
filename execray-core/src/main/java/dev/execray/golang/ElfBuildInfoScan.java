package dev.execray.golang;

import dev.execray.golang.BuildInfoException.Kind;
import dev.execray.golang.BuildInfoReader.Dialect;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link BuildInfoReader} for one ELF file, reading only the bytes it needs (the ELF header, the program and
 * section headers, the section-name table and the build-info window) with a few reads, instead of opening
 * the file as an {@link dev.execray.binary.elf.ElfFile}. Why a second reader: {@code go --modinfo DIR} over
 * hundreds of files is paid mostly in a cold JVM, where every generic layer (mapped buffers and their cleaners,
 * the general ELF model, bounds-checked accessors with labels) runs interpreted; this class is a few tight loops
 * over small arrays, and measured it takes a run over 540 files from ~450 ms to well under half of that (docs/perf.md).
 *
 * <p>Same answers, by construction: the section list, the PT_LOAD list, {@code DataStart}, {@code ReadData},
 * the aligned magic search, the inline strings and the framing rules are those of ElfFile, SectionReader and
 * BuildInfoReader, step for step. Wherever the general reader would take a path this one does not model
 * (extended numbering, odd header entry sizes, pre-1.18 pointer blobs, a file changing under us), the answer
 * is {@link Unsure}, and the caller asks the general reader.
 */
public final class ElfBuildInfoScan {
    private static final int ALIGN = 16;
    private static final int HEADER = 32;
    private static final int CHUNK = 1 << 20;
    private static final int WINDOW = 64 * 1024;
    private static final int HEAD = 4096;
    /** A section-name table up to this size is read whole; a larger one name by name. */
    private static final int NAMES = 64 * 1024;
    private static final byte[] BUILDINFO = ".go.buildinfo".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /** What this reader could decide. */
    public sealed interface Outcome permits Found, Failed, Unsure {
    }

    /** The build info, as the general reader would have returned it. */
    public record Found(GoBuildInfo info) implements Outcome {
    }

    /** The general reader fails too; the exception's kind is the one it would have, its detail may be shorter. */
    public record Failed(BuildInfoException why) implements Outcome {
    }

    /** Not decided here (something this reader does not model): ask the general reader. */
    public record Unsure(String why) implements Outcome {
    }

    /** One PT_LOAD: what ReadData and DataStart look at. */
    private record Load(long vaddr, long memsz, long offset, long filesz, long flags) {
        boolean containsFileBackedAddress(long addr) {
            return Long.compareUnsigned(addr, vaddr) >= 0 && Long.compareUnsigned(addr - vaddr, filesz) < 0;
        }
    }

    private final RandomAccessFile ch;
    private final long size;
    private final boolean little;
    private final List<Load> loads = new ArrayList<>();
    /** The bytes read last (the head of the file, then the build-info window), served again without a read. */
    private byte[] cached;
    private long cachedAt;

    private ElfBuildInfoScan(RandomAccessFile ch, long size, boolean little, byte[] head) {
        this.ch = ch;
        this.size = size;
        this.little = little;
        this.cached = head;
        this.cachedAt = 0;
    }

    /**
     * Reads the build info of the ELF file open on {@code ch} (of {@code size} bytes) as
     * {@link BuildInfoReader#read(dev.execray.binary.ExecutableImage, Dialect)} would after GoImages.open.
     */
    public static Outcome read(RandomAccessFile ch, long size, Dialect dialect) {
        try {
            if (size < 64) {
                return new Unsure("shorter than an ELF header");
            }
            // one read for the ELF header and, in every linker's layout, the program headers right after it
            byte[] id = pread(ch, size, 0, HEAD);
            if (id.length < 64 || id[0] != 0x7f || id[1] != 'E' || id[2] != 'L' || id[3] != 'F') {
                return new Unsure("not ELF");
            }
            int cls = id[4];
            int data = id[5];
            if ((cls != 1 && cls != 2) || (data != 1 && data != 2)) {
                return new Unsure("EI_CLASS or EI_DATA the general reader refuses");
            }
            return new ElfBuildInfoScan(ch, size, data == 1, id).scan(id, cls == 2, dialect);
        } catch (IOException | IndexOutOfBoundsException e) {
            // a read error, a file that changed under us, or offsets pointing outside the bytes this fast path read:
            // the general reader, which checks every bound, says what Go would say
            return new Unsure(e.toString());
        }
    }

    private Outcome scan(byte[] eh, boolean is64, Dialect dialect) throws IOException {
        int w = is64 ? 8 : 4;
        long phoff = word(eh, 24 + w, w);
        long shoff = word(eh, 24 + 2 * w, w);
        int p = 24 + 3 * w;
        int phentsize = u16(eh, p + 6);
        int phnum = u16(eh, p + 8);
        int shentsize = u16(eh, p + 10);
        int shnum = u16(eh, p + 12);
        int shstrndx = u16(eh, p + 14);
        if (phnum == 0xffff || shstrndx == 0xffff || (shnum == 0 && shoff != 0)) {
            return new Unsure("extended section or segment numbering");
        }
        if (shoff == 0) {
            shnum = 0;
        }
        int phNeed = is64 ? 56 : 32;
        if (phnum > 0) {
            if (phentsize != phNeed || !contains(phoff, (long) phnum * phNeed)) {
                return new Unsure("program header table the general reader reads its own way");
            }
            byte[] ph = at(phoff, phnum * phNeed);
            if (ph.length != phnum * phNeed) {
                return new Unsure("short read");
            }
            for (int i = 0; i < phnum; i++) {
                int b = i * phNeed;
                if (u32(ph, b) != 1) {
                    continue; // PT_LOAD only
                }
                loads.add(is64
                        ? new Load(word(ph, b + 16, 8), word(ph, b + 40, 8), word(ph, b + 8, 8), word(ph, b + 32, 8),
                                u32(ph, b + 4))
                        : new Load(u32(ph, b + 8), u32(ph, b + 20), u32(ph, b + 4), u32(ph, b + 16), u32(ph, b + 24)));
            }
        }
        long[] region = dataStart(findBuildInfoSection(is64, shoff, shnum, shentsize, shstrndx));
        long blob;
        if (dialect == Dialect.GO_1_19) {
            long[] window = readData(region[0], WINDOW);
            if (window == null) {
                return new Failed(new BuildInfoException(Kind.UNRECOGNIZED, "the data start 0x"
                        + Long.toHexString(region[0]) + " is not in any segment"));
            }
            blob = findAligned(window[0], window[1]);
        } else {
            if (region[1] == 0) {
                return new Failed(new BuildInfoException(Kind.NOT_GO, "no data region to search"));
            }
            long start = region[0];
            long end = start + region[1];
            if (Long.compareUnsigned(end, start) < 0) {
                return new Failed(new BuildInfoException(Kind.UNRECOGNIZED, "data region wraps around"));
            }
            start = (start + ALIGN - 1) & ~(long) (ALIGN - 1);
            blob = -1;
            while (blob < 0 && Long.compareUnsigned(start, end) < 0) {
                long chunk = Math.min(CHUNK, end - start);
                long[] d = readData(start, chunk);
                if (d == null) {
                    return new Failed(new BuildInfoException(Kind.UNMAPPED, "address 0x" + Long.toHexString(start)
                            + " of the data region is not in the file"));
                }
                blob = findAligned(d[0], d[1]);
                start += chunk;
            }
        }
        if (blob < 0) {
            return new Failed(new BuildInfoException(Kind.NOT_GO, "no build-info magic in the data region"));
        }
        byte[] head = at(blob, HEADER);
        if ((head[15] & 2) == 0) {
            return new Unsure("a pre-1.18 build-info blob (pointers)");
        }
        long blobAddr = addressOf(blob);
        long[] next = new long[1];
        String vers = decodeString(blobAddr + HEADER, next);
        String mod = vers == null ? null : decodeString(next[0], next);
        if (vers == null || mod == null) {
            return new Failed(new BuildInfoException(Kind.NOT_GO, "inline strings run past their segment"));
        }
        if (vers.isEmpty()) {
            return new Failed(new BuildInfoException(Kind.NOT_GO, "empty Go version"));
        }
        List<String> notes = new ArrayList<>();
        String framed = BuildInfoReader.stripFraming(mod, notes);
        try {
            return new Found(new GoBuildInfo(vers, ModinfoParser.parse(framed), GoBuildInfo.Provenance.BLOB_INLINE,
                    Optional.of(blob), List.copyOf(notes)));
        } catch (ModinfoParser.ModinfoException e) {
            return new Failed(new BuildInfoException(Kind.PARSE, e.getMessage()));
        }
    }

    /**
     * {address, size} of the first section named .go.buildinfo as ElfFile.sections() lists them, or null. The
     * section table and name table are taken exactly as SectionReader takes them: a table too short or outside
     * the file means no sections, a name table outside the file (or NOBITS) means no names.
     */
    private long[] findBuildInfoSection(boolean is64, long shoff, int shnum, int shentsize, int shstrndx)
            throws IOException {
        int need = is64 ? 64 : 40;
        if (shnum == 0 || shentsize < need || !contains(shoff, (long) shnum * need)) {
            return null;
        }
        byte[] sh = pread(ch, size, shoff, shnum * need);
        if (sh.length != shnum * need) {
            return null;
        }
        int strIndex = shstrndx < shnum ? shstrndx : 0;
        if (strIndex == 0) {
            return null; // no names: nothing is called .go.buildinfo
        }
        int sb = strIndex * need;
        long strType = u32(sh, sb + 4);
        long strOff = is64 ? word(sh, sb + 24, 8) : u32(sh, sb + 16);
        long strSize = is64 ? word(sh, sb + 32, 8) : u32(sh, sb + 20);
        if (!contains(strOff, strSize) || strType == 8 || strSize == 0) {
            return null;
        }
        byte[] names = strSize <= NAMES ? pread(ch, size, strOff, (int) strSize) : null;
        if (names != null && names.length != strSize) {
            return null; // the file shrank: the general reader decides
        }
        for (int i = 0; i < shnum; i++) {
            int b = i * need;
            long type = u32(sh, b + 4);
            if (i == 0 && type == 0) {
                continue; // ElfFile.sections() leaves out the null section
            }
            long nameOff = u32(sh, b);
            // cString up to the table's end: the name is ".go.buildinfo" exactly when these 14 bytes are there
            if (nameOff < strSize && strSize - nameOff >= BUILDINFO.length + 1) {
                byte[] n = names != null
                        ? java.util.Arrays.copyOfRange(names, (int) nameOff, (int) nameOff + BUILDINFO.length + 1)
                        : pread(ch, size, strOff + nameOff, BUILDINFO.length + 1);
                if (n.length == BUILDINFO.length + 1 && n[BUILDINFO.length] == 0
                        && java.util.Arrays.equals(n, 0, BUILDINFO.length, BUILDINFO, 0, BUILDINFO.length)) {
                    return is64 ? new long[] {word(sh, b + 16, 8), word(sh, b + 32, 8)}
                            : new long[] {u32(sh, b + 12), u32(sh, b + 20)};
                }
            }
        }
        return null;
    }

    /** BuildInfoReader.dataStart for ELF. */
    private long[] dataStart(long[] section) {
        if (section != null) {
            return section;
        }
        for (Load l : loads) {
            if ((l.flags() & 2) != 0 && (l.flags() & 1) == 0) {
                return new long[] {l.vaddr(), l.memsz()};
            }
        }
        return new long[] {0, 0};
    }

    /** BuildInfoReader.readData: {fileOffset, length} within one segment, or null. */
    private long[] readData(long addr, long want) {
        for (Load seg : loads) {
            if (seg.containsFileBackedAddress(addr)) {
                long n = Math.min(seg.filesz() - (addr - seg.vaddr()), want);
                long off = seg.offset() + (addr - seg.vaddr());
                if (!contains(off, n)) {
                    n = Math.max(0, Math.min(n, size - off));
                    if (n == 0) {
                        return null;
                    }
                }
                return new long[] {off, n};
            }
        }
        return null;
    }

    private long addressOf(long fileOffset) {
        for (Load seg : loads) {
            if (fileOffset >= seg.offset() && fileOffset - seg.offset() < seg.filesz()) {
                return seg.vaddr() + (fileOffset - seg.offset());
            }
        }
        return -1;
    }

    /** The first magic at a multiple of 16 from {@code off} with a whole header left in [off, off+len), or -1. */
    private long findAligned(long off, long len) throws IOException {
        long end = off + len;
        long pos = off;
        // a first small read: in a Go binary the magic opens .go.buildinfo; only a miss reads the rest
        int step = 4096;
        while (pos + HEADER <= end) {
            int n = (int) Math.min(end - pos, step);
            step = WINDOW;
            byte[] buf = pread(ch, size, pos, n);
            cached = buf;
            cachedAt = pos;
            int last = buf.length - HEADER;
            for (int i = 0; i <= last; i += ALIGN) {
                if (buf[i] == (byte) 0xff && java.util.Arrays.equals(buf, i, i + BuildInfoReader.MAGIC.length,
                        BuildInfoReader.MAGIC, 0, BuildInfoReader.MAGIC.length)) {
                    return pos + i;
                }
            }
            if (buf.length < n) {
                return -1;
            }
            // the next buffer starts at the next aligned position not yet tried
            pos += ((long) Math.max(0, last) / ALIGN + 1) * ALIGN;
        }
        return -1;
    }

    /** BuildInfoReader.decodeString: a uvarint length and that many bytes at {@code addr}, within one segment. */
    private String decodeString(long addr, long[] next) throws IOException {
        long[] d = readData(addr, 10);
        if (d == null) {
            return null;
        }
        byte[] v = at(d[0], (int) Math.min(10, d[1]));
        long len = 0;
        int shift = 0;
        int n = 0;
        while (true) {
            if (n >= v.length || n >= 10) {
                return null;
            }
            int b = v[n] & 0xff;
            n++;
            if (n == 10 && b > 1) {
                return null;
            }
            len |= (long) (b & 0x7f) << shift;
            if (b < 0x80) {
                break;
            }
            shift += 7;
        }
        if (len < 0 || len > Integer.MAX_VALUE) {
            return null;
        }
        if (len == 0) {
            next[0] = addr + n;
            return "";
        }
        long[] body = readData(addr + n, len);
        if (body == null || body[1] < len) {
            return null;
        }
        byte[] s = at(body[0], (int) len);
        if (s.length < len) {
            return null;
        }
        next[0] = addr + n + len;
        return GoStrconv.bytes(s);
    }

    private boolean contains(long offset, long length) {
        return offset >= 0 && length >= 0 && offset <= size && length <= size - offset;
    }

    /** Up to {@code len} bytes at {@code off}, from the bytes read last when they hold them. */
    private byte[] at(long off, int len) throws IOException {
        if (off >= cachedAt && off - cachedAt <= cached.length && len <= cached.length - (off - cachedAt)) {
            int from = (int) (off - cachedAt);
            return java.util.Arrays.copyOfRange(cached, from, from + len);
        }
        return pread(ch, size, off, len);
    }

    /**
     * Up to {@code len} bytes at {@code off}; fewer at the end of the file. RandomAccessFile rather than a
     * FileChannel: two native calls, where a channel read runs its interruptible-I/O and temporary direct
     * buffer bookkeeping in Java, which a cold JVM interprets for every read.
     */
    private static byte[] pread(RandomAccessFile ch, long size, long off, int len) throws IOException {
        int n = (int) Math.max(0, Math.min(len, size - off));
        byte[] b = new byte[n];
        ch.seek(off);
        int got = 0;
        while (got < n) {
            int r = ch.read(b, got, n - got);
            if (r < 0) {
                break;
            }
            got += r;
        }
        return got == n ? b : java.util.Arrays.copyOf(b, got);
    }

    private int u16(byte[] b, int o) {
        return little ? (b[o] & 0xff) | (b[o + 1] & 0xff) << 8 : (b[o] & 0xff) << 8 | (b[o + 1] & 0xff);
    }

    private long u32(byte[] b, int o) {
        long lo = u16(b, little ? o : o + 2);
        long hi = u16(b, little ? o + 2 : o);
        return hi << 16 | lo;
    }

    private long word(byte[] b, int o, int w) {
        if (w == 4) {
            return u32(b, o);
        }
        long lo = u32(b, little ? o : o + 4);
        long hi = u32(b, little ? o + 4 : o);
        return hi << 32 | lo;
    }
}

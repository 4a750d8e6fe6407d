package dev.execray.golang;

import dev.execray.binary.BinaryFormatException;
import dev.execray.binary.ByteSource;
import dev.execray.binary.ExecutableImage;
import dev.execray.binary.FileFormat;
import dev.execray.binary.ImageSection;
import dev.execray.binary.ImageSegment;
import dev.execray.binary.xcoff.XcoffFile;
import dev.execray.golang.BuildInfoException.Kind;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the build-info blob the way debug/buildinfo does (src/debug/buildinfo/buildinfo.go), per format:
 * <ul>
 * <li>where to search ({@code DataStart}): ELF section .go.buildinfo, else the first PT_LOAD that is writable
 *     and not executable; Mach-O section __go_buildinfo, else the first segment with initprot = maxprot = rw,
 *     a non-zero address and file size; PE the first section whose Characteristics, ignoring the alignment
 *     bits 0x600000, are exactly INITIALIZED_DATA|MEM_READ|MEM_WRITE;</li>
 * <li>how far: Go 1.18–1.22 read 64 KiB from there ({@link Dialect#GO_1_19}); newer readers scan the whole
 *     region in 1 MiB chunks ({@link Dialect#CURRENT});</li>
 * <li>the 14-byte magic counts only at a multiple of 16 from the (aligned) start, with 32 bytes left;</li>
 * <li>the blob: flags bit 1 = inline uvarint-prefixed strings (1.18+), else two pointers to Go string headers;
 *     an empty version means "not a Go executable"; modinfo keeps its 16-byte sentinels only when it is at
 *     least 33 bytes long and byte len-17 is '\n', else it is treated as absent.</li>
 * </ul>
 * Reads go only through the image's segments, like Go's ReadData: an address counts when a segment maps it
 * from the file, and a read stops at that segment's end.
 *
 * <p>Known, deliberate difference: Go 1.18–1.22 skip a misaligned magic with {@code (i+15)&^16}, which loops
 * forever when the misaligned hit is 1–16 bytes past a 32-byte boundary; execray never loops and skips to
 * the next multiple of 16 as newer Go does.
 */
public final class BuildInfoReader {
    static final byte[] MAGIC = {(byte) 0xff, ' ', 'G', 'o', ' ', 'b', 'u', 'i', 'l', 'd', 'i', 'n', 'f', ':'};
    private static final int ALIGN = 16;
    private static final int HEADER = 32;
    private static final int CHUNK = 1 << 20;

    /** Which generation of debug/buildinfo to imitate in how far it searches. */
    public enum Dialect {
        /** Go 1.18–1.22 (this machine's go1.19): the first 64 KiB of the region. */
        GO_1_19,
        /** Go 1.23 and later: the whole region. */
        CURRENT
    }

    private BuildInfoReader() {
    }

    public static GoBuildInfo read(ExecutableImage image) throws BuildInfoException {
        return read(image, Dialect.CURRENT);
    }

    /** Reads the blob exactly as debug/buildinfo would; throws with Go's error kind when Go would fail. */
    public static GoBuildInfo read(ExecutableImage image, Dialect dialect) throws BuildInfoException {
        try {
            return readBlob(image, dialect);
        } catch (BinaryFormatException e) {
            throw new BuildInfoException(Kind.UNMAPPED, e.getMessage());
        }
    }

    /**
     * Reads the blob when there is one; otherwise recovers what it can (see {@link BuildInfoRecovery}) and
     * says so in {@link GoBuildInfo#provenance()}. Throws only when neither finds anything.
     */
    public static GoBuildInfo readOrRecover(ExecutableImage image) throws BuildInfoException {
        BuildInfoException first;
        try {
            return read(image, Dialect.CURRENT);
        } catch (BuildInfoException e) {
            first = e;
        }
        Optional<GoBuildInfo> rec = BuildInfoRecovery.recover(image, first);
        if (rec.isPresent()) {
            return rec.get();
        }
        throw first;
    }

    /** The region debug/buildinfo searches: {address, size}; size 0 when there is none. */
    static long[] dataStart(ExecutableImage image) {
        FileFormat f = image.format();
        if (f == FileFormat.ELF) {
            Optional<ImageSection> s = image.section(".go.buildinfo");
            if (s.isPresent()) {
                return new long[] {s.get().address(), s.get().size()};
            }
            for (ImageSegment seg : image.loadSegments()) {
                if (seg.writable() && !seg.executable()) {
                    return new long[] {seg.address(), seg.memorySize()};
                }
            }
        } else if (f == FileFormat.MACHO) {
            Optional<ImageSection> s = image.section("__go_buildinfo");
            if (s.isPresent()) {
                return new long[] {s.get().address(), s.get().size()};
            }
            for (ImageSegment seg : image.loadSegments()) {
                if (seg.address() != 0 && seg.fileSize() != 0 && seg.formatFlags() == 0x303) {
                    return new long[] {seg.address(), seg.memorySize()};
                }
            }
        } else if (f == FileFormat.XCOFF) {
            // newer debug/buildinfo (xcoffExe.DataStart): the first STYP_DATA section
            for (ImageSegment seg : image.loadSegments()) {
                if ((seg.formatFlags() & 0xffff) == 0x40) {
                    return new long[] {seg.address(), seg.memorySize()};
                }
            }
        } else if (f == FileFormat.PE) {
            for (ImageSegment seg : image.loadSegments()) {
                if (seg.fileSize() != 0 && (seg.formatFlags() & ~0x600000L) == 0xC0000040L) {
                    return new long[] {seg.address(), seg.memorySize()};
                }
            }
        }
        return new long[] {0, 0};
    }

    /**
     * Go's internal/xcoff NewFile reads the string table behind the symbol table before anything else: its
     * 4-byte length at f_symptr + 18 * f_nsyms, then that many bytes. A file linked with -s has neither, so Go
     * reads the length from offset 0 — the magic, 0x01f7.... — and fails: go version -m says "unrecognized
     * file format" for every stripped XCOFF binary smaller than ~33 MB. Imitated exactly.
     */
    private static void xcoffOpens(XcoffFile x) throws BuildInfoException {
        ByteSource s = x.source();
        long off = x.header().symptr() + 18L * x.header().nsyms();
        if (!s.contains(off, 4)) {
            throw new BuildInfoException(Kind.UNRECOGNIZED, "XCOFF string table length beyond the file");
        }
        long len = s.withOrder(ByteOrder.BIG_ENDIAN).u32(off, "XCOFF string table length");
        if (len > 4 && !s.contains(off, len)) {
            throw new BuildInfoException(Kind.UNRECOGNIZED, "XCOFF string table of " + len + " bytes at 0x"
                    + Long.toHexString(off) + " runs past the end of the file");
        }
    }

    /** Go's ReadData: {fileOffset, length} of up to {@code size} bytes at {@code addr}, within one segment. */
    static Optional<long[]> readData(ExecutableImage image, long addr, long size) {
        for (ImageSegment seg : image.loadSegments()) {
            if (image.format() == FileFormat.MACHO && seg.name().equals("__PAGEZERO")) {
                continue;
            }
            if (seg.containsFileBackedAddress(addr)) {
                long n = Math.min(seg.fileSize() - (addr - seg.address()), size);
                long off = seg.fileOffset() + (addr - seg.address());
                ByteSource src = image.source();
                if (!src.contains(off, n)) {
                    n = Math.max(0, Math.min(n, src.size() - off)); // a short read: Go sees io.ErrUnexpectedEOF
                    if (n == 0) {
                        return Optional.empty();
                    }
                }
                return Optional.of(new long[] {off, n});
            }
        }
        return Optional.empty();
    }

    private static GoBuildInfo readBlob(ExecutableImage image, Dialect dialect) throws BuildInfoException {
        if (image instanceof XcoffFile x) {
            xcoffOpens(x);
        }
        if (image.format() == FileFormat.WASM) {
            // debug/buildinfo has no WebAssembly reader, and Go's wasm linker writes no build-info section:
            // go version says "unrecognized file format"; readOrRecover finds the runtime's copies instead
            throw new BuildInfoException(Kind.UNRECOGNIZED, "debug/buildinfo does not read WebAssembly");
        }
        long[] region = dataStart(image);
        ByteSource src = image.source();
        long blob;
        if (dialect == Dialect.GO_1_19) {
            Optional<long[]> window = readData(image, region[0], 64 * 1024);
            if (window.isEmpty()) {
                throw new BuildInfoException(Kind.UNRECOGNIZED, "the data start 0x" + Long.toHexString(region[0])
                        + " is not in any segment");
            }
            blob = findAligned(src, window.get()[0], window.get()[1]);
        } else {
            if (region[1] == 0) {
                throw new BuildInfoException(Kind.NOT_GO, "no data region to search");
            }
            blob = searchChunks(image, region[0], region[1]);
        }
        if (blob < 0) {
            throw new BuildInfoException(Kind.NOT_GO, "no build-info magic in the data region at 0x"
                    + Long.toHexString(region[0]));
        }
        int ptrSize = src.u8(blob + 14, "build-info pointer size");
        int flags = src.u8(blob + 15, "build-info flags");
        String vers;
        String mod;
        GoBuildInfo.Provenance prov;
        if ((flags & 2) != 0) {
            prov = GoBuildInfo.Provenance.BLOB_INLINE;
            long blobAddr = addressOf(image, blob);
            long[] next = new long[1];
            vers = decodeString(image, blobAddr + HEADER, next);
            mod = vers == null ? null : decodeString(image, next[0], next);
            if (vers == null || mod == null) {
                throw new BuildInfoException(Kind.NOT_GO, "inline strings run past the end of their segment");
            }
        } else {
            prov = GoBuildInfo.Provenance.BLOB_POINTERS;
            if (dialect == Dialect.CURRENT && ptrSize != 4 && ptrSize != 8) {
                throw new BuildInfoException(Kind.NOT_GO, "pointer size " + ptrSize + " in the build-info header");
            }
            int w = ptrSize == 4 ? 4 : 8; // Go 1.19 reads 8-byte pointers for any size but 4
            ByteSource o = src.withOrder((flags & 1) != 0 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
            vers = readGoString(image, o, w, o.word(blob + 16, w, "runtime.buildVersion pointer"));
            mod = readGoString(image, o, w, o.word(blob + 16 + w, w, "runtime.modinfo pointer"));
        }
        if (vers.isEmpty()) {
            throw new BuildInfoException(Kind.NOT_GO, "the build-info blob holds an empty Go version");
        }
        List<String> notes = new ArrayList<>();
        String framed = stripFraming(mod, notes);
        ModuleInfo info;
        try {
            info = ModinfoParser.parse(framed);
        } catch (ModinfoParser.ModinfoException e) {
            throw new BuildInfoException(Kind.PARSE, e.getMessage());
        }
        return new GoBuildInfo(vers, info, prov, Optional.of(blob), List.copyOf(notes));
    }

    static String stripFraming(String mod, List<String> notes) {
        if (mod.length() >= 33 && mod.charAt(mod.length() - 17) == '\n') {
            return mod.substring(16, mod.length() - 16);
        }
        if (!mod.isEmpty()) {
            notes.add("module information of " + mod.length() + " bytes lacks its sentinels; treated as absent, as Go does");
        }
        return "";
    }

    private static long addressOf(ExecutableImage image, long fileOffset) {
        for (ImageSegment seg : image.loadSegments()) {
            if (fileOffset >= seg.fileOffset() && fileOffset - seg.fileOffset() < seg.fileSize()) {
                return seg.address() + (fileOffset - seg.fileOffset());
            }
        }
        return -1;
    }

    /**
     * The first magic at a multiple of 16 from {@code off} with a whole header after it in [off, off+len), or
     * -1. Only aligned positions can match, so only those are compared: a sixteenth of the bytes.
     */
    private static long findAligned(ByteSource src, long off, long len) {
        long end = off + len;
        for (long p = off; p + HEADER <= end; p += ALIGN) {
            if (src.u8(p, "build-info search") == 0xff && matches(src, p)) {
                return p;
            }
        }
        return -1;
    }

    private static boolean matches(ByteSource src, long p) {
        for (int k = 1; k < MAGIC.length; k++) {
            if (src.u8(p + k, "build-info magic") != (MAGIC[k] & 0xff)) {
                return false;
            }
        }
        return true;
    }

    private static long searchChunks(ExecutableImage image, long start, long size) throws BuildInfoException {
        long end = start + size;
        if (Long.compareUnsigned(end, start) < 0) {
            throw new BuildInfoException(Kind.UNRECOGNIZED, "data region wraps around the address space");
        }
        start = (start + ALIGN - 1) & ~(long) (ALIGN - 1);
        while (Long.compareUnsigned(start, end) < 0) {
            long chunk = Math.min(CHUNK, end - start);
            Optional<long[]> d = readData(image, start, chunk);
            if (d.isEmpty()) {
                throw new BuildInfoException(Kind.UNMAPPED, "address 0x" + Long.toHexString(start)
                        + " of the data region is not in the file");
            }
            long hit = findAligned(image.source(), d.get()[0], d.get()[1]);
            if (hit >= 0) {
                return hit;
            }
            start += chunk;
        }
        return -1;
    }

    /** A uvarint length and that many bytes at {@code addr}, within one segment; null when it does not fit. */
    private static String decodeString(ExecutableImage image, long addr, long[] next) {
        Optional<long[]> d = readData(image, addr, 10);
        if (d.isEmpty()) {
            return null;
        }
        ByteSource src = image.source();
        long off = d.get()[0];
        long avail = d.get()[1];
        long len = 0;
        int shift = 0;
        int n = 0;
        while (true) {
            if (n >= avail || n >= 10) {
                return null;
            }
            int b = src.u8(off + n, "uvarint");
            n++;
            if (n == 10 && b > 1) {
                return null; // overflow, as binary.Uvarint reports
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
        Optional<long[]> body = readData(image, addr + n, len);
        if (len == 0) {
            next[0] = addr + n;
            return "";
        }
        if (body.isEmpty() || body.get()[1] < len) {
            return null;
        }
        next[0] = addr + n + len;
        return GoStrconv.bytes(src.bytes(body.get()[0], (int) len, "build-info string"));
    }

    /** Go's readString: a {data, len} header at {@code addr}, then the bytes; "" whenever anything is off. */
    private static String readGoString(ExecutableImage image, ByteSource o, int w, long addr) {
        Optional<long[]> hdr = readData(image, addr, 2L * w);
        if (hdr.isEmpty() || hdr.get()[1] < 2L * w) {
            return "";
        }
        long dataAddr = o.word(hdr.get()[0], w, "string header");
        long len = o.word(hdr.get()[0] + w, w, "string header");
        if (len < 0 || len > Integer.MAX_VALUE) {
            return "";
        }
        if (len == 0) {
            return "";
        }
        Optional<long[]> data = readData(image, dataAddr, len);
        if (data.isEmpty() || data.get()[1] < len) {
            return "";
        }
        return GoStrconv.bytes(o.bytes(data.get()[0], (int) len, "string data"));
    }
}

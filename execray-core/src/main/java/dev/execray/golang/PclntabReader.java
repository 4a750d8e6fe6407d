package dev.execray.golang;

import dev.execray.binary.BinaryFormatException;
import dev.execray.binary.ByteSource;
import dev.execray.binary.ExecutableImage;
import dev.execray.binary.ImageSection;
import dev.execray.binary.ImageSegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds and reads Go's function table (runtime pcHeader + functab + _func records; src/runtime/symtab.go,
 * src/debug/gosym/pclntab.go) in every layout: 1.2 (magic 0xfffffffb), 1.16 (0xfffffffa), 1.18 (0xfffffff0)
 * and 1.20+ (0xfffffff1).
 *
 * <p>Finding it: the section .gopclntab (ELF; .data.rel.ro.gopclntab when the linker used relro) or
 * __gopclntab (Mach-O); otherwise, as in stripped binaries without section headers and in PE files, a search
 * for the magic at 4-byte alignment whose header, function table and first function names all check out,
 * and which is confirmed, where possible, by runtime.firstmoduledata pointing at it (its first word is the
 * pcHeader address since 1.16, its pclntable slice since 1.2).
 *
 * <p>Every offset read from the table is checked against the table's bytes before use.
 */
public final class PclntabReader {
    private static final int MAX_FUNCS = 4_000_000;

    private PclntabReader() {
    }

    /** The table, or a BinaryFormatException naming what was wrong with the best candidate. */
    public static FunctionTable read(ExecutableImage image) {
        if (image instanceof GoWasmImage w) {
            // the table lives in the data segments, whole only in the rebuilt linear memory; PCs are virtual
            // (Go's wasm: (0x1000 + function index among the defined ones) << 16 | block)
            FunctionTable t = read(w.memory());
            long fileOffset = w.fileOffsetOf(t.address()).orElse(-1L);
            return new FunctionTable(t.version(), fileOffset, t.address(), t.pointerSize(), t.pcQuantum(), t.textStart(),
                    "magic search in linear memory (the data segments) at address 0x" + Long.toHexString(t.address()),
                    t.functions(), t.notes());
        }
        ByteSource src = image.source().withOrder(image.byteOrder());
        for (String name : List.of(".gopclntab", ".data.rel.ro.gopclntab", "__gopclntab")) {
            Optional<ImageSection> s = image.section(name);
            if (s.isPresent() && s.get().fileSize() > 16) {
                return parse(image, src, s.get().fileOffset(), s.get().fileSize(), s.get().address(), "section " + name);
            }
        }
        BinaryFormatException last = null;
        long from = 0;
        int candidates = 0;
        // bounded by the file: every pass moves past the previous hit
        while (candidates < 10_000) {
            long hit = nextMagic(src, from);
            if (hit < 0) {
                break;
            }
            from = hit + 4;
            candidates++;
            if (!plausibleHeader(src, hit, image.pointerSize())) {
                continue;
            }
            try {
                long addr = addressOf(image, hit).orElse(0L);
                FunctionTable t = parse(image, src, hit, src.size() - hit, addr, "magic search at file offset 0x"
                        + Long.toHexString(hit));
                if (t.functions().isEmpty() || !namesLookLikeGo(t.functions())) {
                    continue;
                }
                return t;
            } catch (BinaryFormatException e) {
                last = e;
            }
        }
        if (last != null) {
            throw last;
        }
        throw new BinaryFormatException("pclntab", 0, "no Go function table: no .gopclntab section and no valid"
                + " pcHeader magic in the file");
    }

    private static long nextMagic(ByteSource src, long from) {
        long best = -1;
        for (PclntabVersion v : PclntabVersion.values()) {
            byte[] m = magicBytes(v.magic(), src.order());
            long i = from;
            while (true) {
                i = src.indexOf(m, i);
                if (i < 0 || (best >= 0 && i >= best)) {
                    break;
                }
                if (i % 4 == 0) {
                    best = i;
                    break;
                }
                i++;
            }
        }
        return best;
    }

    private static byte[] magicBytes(long magic, java.nio.ByteOrder order) {
        byte[] b = new byte[4];
        for (int k = 0; k < 4; k++) {
            int shift = order == java.nio.ByteOrder.LITTLE_ENDIAN ? 8 * k : 8 * (3 - k);
            b[k] = (byte) (magic >>> shift);
        }
        return b;
    }

    private static boolean plausibleHeader(ByteSource src, long off, int ptrSize) {
        if (!src.contains(off, 8)) {
            return false;
        }
        int pad1 = src.u8(off + 4, "pcHeader");
        int pad2 = src.u8(off + 5, "pcHeader");
        int quantum = src.u8(off + 6, "pcHeader");
        int ps = src.u8(off + 7, "pcHeader");
        return pad1 == 0 && pad2 == 0 && (quantum == 1 || quantum == 2 || quantum == 4) && ps == ptrSize;
    }

    private static boolean namesLookLikeGo(List<GoFunction> fs) {
        int good = 0;
        int n = Math.min(fs.size(), 20);
        for (int i = 0; i < n; i++) {
            String name = fs.get(i).name();
            if (!name.isEmpty() && name.chars().allMatch(c -> c > 0x20 && c < 0x7f) && name.indexOf('.') > 0) {
                good++;
            }
        }
        return good * 2 > n;
    }

    private static Optional<Long> addressOf(ExecutableImage image, long fileOffset) {
        for (ImageSegment seg : image.loadSegments()) {
            if (fileOffset >= seg.fileOffset() && fileOffset - seg.fileOffset() < seg.fileSize()) {
                return Optional.of(seg.address() + (fileOffset - seg.fileOffset()));
            }
        }
        return Optional.empty();
    }

    static FunctionTable parse(ExecutableImage image, ByteSource file, long off, long size, long addr, String location) {
        ByteSource t = file.slice(off, size, "pclntab");
        long magic = t.u32(0, "pcHeader magic");
        PclntabVersion ver = PclntabVersion.ofMagic(magic).orElseThrow(() -> new BinaryFormatException("pcHeader",
                off, String.format("magic 0x%08x is not a Go pclntab magic", magic)));
        if (t.u8(4, "pcHeader") != 0 || t.u8(5, "pcHeader") != 0) {
            throw new BinaryFormatException("pcHeader", off + 4, "padding bytes are not zero");
        }
        int quantum = t.u8(6, "pcHeader minLC");
        int ps = t.u8(7, "pcHeader ptrSize");
        if (ps != 4 && ps != 8) {
            throw new BinaryFormatException("pcHeader", off + 7, "pointer size " + ps);
        }
        if (quantum != 1 && quantum != 2 && quantum != 4) {
            throw new BinaryFormatException("pcHeader", off + 6, "PC quantum " + quantum);
        }
        List<String> notes = new ArrayList<>();
        return switch (ver) {
            case GO12 -> parse12(image, t, off, addr, ps, quantum, location, notes);
            default -> parse116plus(image, t, off, addr, ver, ps, quantum, location, notes);
        };
    }

    private static long word(ByteSource t, long o, int ps, String what) {
        return t.word(o, ps, what);
    }

    /** Go 1.2–1.15: functab of (pc, funcoff) word pairs right after the header; offsets from the table start. */
    private static FunctionTable parse12(ExecutableImage image, ByteSource t, long off, long addr, int ps, int quantum,
            String location, List<String> notes) {
        long nfunc = word(t, 8, ps, "nfunctab");
        long ftab = 8 + ps;
        int n = checkCount(t, ftab, nfunc, 2L * ps, "functab");
        long fileTabOff = t.u32(ftab + (long) n * 2 * ps + ps, "filetab offset");
        long nfiles = t.u32(fileTabOff, "nfiletab");
        int nf = t.checkTable(fileTabOff, nfiles, 4, "filetab");
        List<GoFunction> out = new ArrayList<>(n);
        long end = word(t, ftab + (long) n * 2 * ps, ps, "functab end PC");
        for (int i = 0; i < n; i++) {
            long pc = word(t, ftab + (long) i * 2 * ps, ps, "functab pc");
            long funcoff = word(t, ftab + (long) i * 2 * ps + ps, ps, "functab funcoff");
            long next = i + 1 < n ? word(t, ftab + (long) (i + 1) * 2 * ps, ps, "functab pc") : end;
            long fd = funcoff;
            t.check(fd, ps + 4L * 6, "_func");
            long nameOff = t.u32(fd + ps, "_func nameoff");
            String name = t.cString(nameOff, t.size(), "function name");
            long pcfile = t.u32(fd + ps + 4L * 4, "_func pcfile");
            long pcln = t.u32(fd + ps + 4L * 5, "_func pcln");
            int line = firstValue(t, pcln);
            int fileNo = firstValue(t, pcfile);
            String file = "";
            if (fileNo > 0 && fileNo < nf) {
                long fo = t.u32(fileTabOff + 4L * fileNo, "filetab entry");
                file = t.cString(fo, t.size(), "file name");
            }
            out.add(new GoFunction(name, pc, Optional.of(next - pc), file, line));
        }
        return new FunctionTable(PclntabVersion.GO12, off, addr, ps, quantum, out.isEmpty() ? 0 : out.get(0).entry(),
                location, List.copyOf(out), List.copyOf(notes));
    }

    /** Go 1.16+: header words locate funcname, cu, file, pc and function tables, all relative to the header. */
    private static FunctionTable parse116plus(ExecutableImage image, ByteSource t, long off, long addr,
            PclntabVersion ver, int ps, int quantum, String location, List<String> notes) {
        boolean v118 = ver != PclntabVersion.GO116;
        int k = 8;
        long nfunc = word(t, k, ps, "nfunc");
        long nfiles = word(t, k + ps, ps, "nfiles");
        long headerText = v118 ? word(t, k + 2L * ps, ps, "textStart") : 0;
        int b = v118 ? 3 : 2;
        long funcnameOff = word(t, k + (long) b * ps, ps, "funcnameOffset");
        long cuOff = word(t, k + (long) (b + 1) * ps, ps, "cuOffset");
        long filetabOff = word(t, k + (long) (b + 2) * ps, ps, "filetabOffset");
        long pctabOff = word(t, k + (long) (b + 3) * ps, ps, "pctabOffset");
        long pclnOff = word(t, k + (long) (b + 4) * ps, ps, "pclnOffset");
        for (long o : new long[] {funcnameOff, cuOff, filetabOff, pctabOff, pclnOff}) {
            if (o < 0 || o >= t.size()) {
                throw new BinaryFormatException("pcHeader", 0, "table offset 0x" + Long.toHexString(o)
                        + " points outside the function table (size 0x" + Long.toHexString(t.size()) + ")");
            }
        }
        long entrySize = v118 ? 8 : 2L * ps;
        int n = checkCount(t, pclnOff, nfunc, entrySize, "functab");
        long textStart = 0;
        if (v118) {
            textStart = textStart(image, addr, funcnameOff, headerText, notes);
        }
        List<GoFunction> out = new ArrayList<>(n);
        long endEntry = v118 ? textStart + t.u32(pclnOff + (long) n * 8, "functab end")
                : word(t, pclnOff + (long) n * 2 * ps, ps, "functab end");
        long funcBase = pclnOff;
        int fieldBase = v118 ? 4 : ps;
        for (int i = 0; i < n; i++) {
            long e;
            long funcoff;
            long next;
            if (v118) {
                e = textStart + t.u32(pclnOff + (long) i * 8, "functab entryoff");
                funcoff = t.u32(pclnOff + (long) i * 8 + 4, "functab funcoff");
                next = i + 1 < n ? textStart + t.u32(pclnOff + (long) (i + 1) * 8, "functab entryoff") : endEntry;
            } else {
                e = word(t, pclnOff + (long) i * 2 * ps, ps, "functab pc");
                funcoff = word(t, pclnOff + (long) i * 2 * ps + ps, ps, "functab funcoff");
                next = i + 1 < n ? word(t, pclnOff + (long) (i + 1) * 2 * ps, ps, "functab pc") : endEntry;
            }
            long fd = funcBase + funcoff;
            t.check(fd, fieldBase + 4L * 8, "_func");
            long nameOff = t.u32(fd + fieldBase, "_func nameOff");
            String name = t.cString(funcnameOff + nameOff, t.size(), "function name");
            long pcfile = t.u32(fd + fieldBase + 4L * 4, "_func pcfile");
            long pcln = t.u32(fd + fieldBase + 4L * 5, "_func pcln");
            long cu = t.u32(fd + fieldBase + 4L * 7, "_func cuOffset");
            int line = pcln == 0 ? 0 : firstValue(t, pctabOff + pcln);
            String file = "";
            if (pcfile != 0) {
                int fileNo = firstValue(t, pctabOff + pcfile);
                if (fileNo >= 0 && cu != 0xffffffffL) {
                    long cuEntry = cuOff + 4 * (cu + fileNo);
                    if (t.contains(cuEntry, 4)) {
                        long fo = t.u32(cuEntry, "cutab entry");
                        if (fo != 0xffffffffL && filetabOff + fo < t.size()) {
                            file = t.cString(filetabOff + fo, t.size(), "file name");
                        }
                    }
                }
            }
            out.add(new GoFunction(name, e, Optional.of(next - e), file, line));
        }
        if (nfiles < 0) {
            notes.add("negative file count in the header");
        }
        return new FunctionTable(ver, t == null ? off : off, addr, ps, quantum, textStart, location, List.copyOf(out),
                List.copyOf(notes));
    }

    private static int checkCount(ByteSource t, long at, long count, long entrySize, String what) {
        if (count < 0 || count > MAX_FUNCS) {
            throw new BinaryFormatException(what, at, "function count " + count + " is not plausible");
        }
        // n entries plus the closing end entry
        return t.checkTable(at, count + 1, entrySize, what) - 1;
    }

    /**
     * Where function entry offsets count from (1.18+): runtime.text. The header's textStart is it, except in
     * PIE files (unrelocated) and Go 1.26+ (0); then runtime.firstmoduledata.text, found as the moduledata
     * whose first word is the table's address and whose funcnametab points just after it; the start of the
     * text section is the last resort, right only for internally linked files (a system linker puts C start-up
     * code before runtime.text).
     */
    private static long textStart(ExecutableImage image, long tableAddr, long funcnameOff, long headerText,
            List<String> notes) {
        if (headerText != 0 && inExecutableSegment(image, headerText)) {
            return headerText;
        }

        Optional<Long> md = moduledataText(image, tableAddr, funcnameOff);
        if (md.isPresent()) {
            notes.add("text start taken from runtime.firstmoduledata");
            return md.get();
        }
        for (String n : List.of(".text", "__text")) {
            Optional<ImageSection> s = image.section(n);
            if (s.isPresent()) {
                notes.add("text start taken from the " + n + " section");
                return s.get().address();
            }
        }
        for (ImageSegment seg : image.loadSegments()) {
            if (seg.executable()) {
                notes.add("text start taken from the first executable segment: addresses may be off");
                return seg.address();
            }
        }
        return 0;
    }

    private static boolean inExecutableSegment(ExecutableImage image, long addr) {
        for (ImageSegment seg : image.loadSegments()) {
            if (seg.executable() && Long.compareUnsigned(addr - seg.address(), seg.memorySize()) < 0
                    && Long.compareUnsigned(addr, seg.address()) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** moduledata.text: word 22 (pcHeader, six slices, findfunctab, minpc, maxpc, then text) since Go 1.16. */
    private static Optional<Long> moduledataText(ExecutableImage image, long tableAddr, long funcnameOff) {
        if (tableAddr == 0) {
            return Optional.empty();
        }
        int ps = image.pointerSize();
        ByteSource o = image.source().withOrder(image.byteOrder());
        byte[] needle = new byte[ps];
        for (int k = 0; k < ps; k++) {
            int shift = o.order() == java.nio.ByteOrder.LITTLE_ENDIAN ? 8 * k : 8 * (ps - 1 - k);
            needle[k] = (byte) (tableAddr >>> shift);
        }
        for (ImageSegment seg : image.loadSegments()) {
            if (!seg.writable() || seg.fileSize() == 0) {
                continue;
            }
            long end = seg.fileOffset() + seg.fileSize();
            long from = seg.fileOffset();
            // bounded: each pass moves past the previous hit
            while (from < end) {
                long i = o.indexOf(needle, from);
                if (i < 0 || i + 23L * ps > end) {
                    break;
                }
                from = i + 1;
                if ((i - seg.fileOffset()) % ps != 0) {
                    continue;
                }
                if (o.word(i + ps, ps, "moduledata.funcnametab") == tableAddr + funcnameOff) {
                    long text = o.word(i + 22L * ps, ps, "moduledata.text");
                    if (inExecutableSegment(image, text)) {
                        return Optional.of(text);
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** The value of a pc-value table at the function's entry: the first delta applied to -1. */
    static int firstValue(ByteSource t, long off) {
        if (off <= 0 || off >= t.size()) {
            return -1;
        }
        long uv = 0;
        int shift = 0;
        for (int i = 0; i < 5; i++) {
            int b = t.u8(off + i, "pc-value table");
            uv |= (long) (b & 0x7f) << shift;
            if (b < 0x80) {
                long delta = (uv & 1) != 0 ? ~(uv >>> 1) : (uv >>> 1);
                return (int) (-1 + delta);
            }
            shift += 7;
        }
        return -1;
    }
}

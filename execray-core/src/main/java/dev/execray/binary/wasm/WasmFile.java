package dev.execray.binary.wasm;

import dev.execray.binary.BinaryFormatException;
import dev.execray.binary.ByteSource;
import dev.execray.binary.ExecutableImage;
import dev.execray.binary.FileFormat;
import dev.execray.binary.FormatProblem;
import dev.execray.binary.ImageSection;
import dev.execray.binary.ImageSegment;
import dev.execray.binary.Lazy;
import dev.execray.binary.PartialList;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A WebAssembly binary (core spec chapter 5): the preamble and the section list are read eagerly; imports,
 * exports and data segments on first use, each as far as it is sound. Every length is checked against its
 * section before anything is allocated; LEB128 numbers are read with the spec's byte limits.
 *
 * <p>As an {@link ExecutableImage}, addresses are linear-memory offsets and the "segments" are the active data
 * segments with constant offsets: that is what a program's pointers point into. The pointer size is 4 (wasm32);
 * a reader that knows better (Go's wasm uses 8-byte pointers in memory) says so itself.
 */
public final class WasmFile implements ExecutableImage {
    public static final int MAX_SECTIONS = 100_000;
    public static final int MAX_ENTRIES = 1_000_000;
    /** Version word of a core module, and of a component (version 0x0d, layer 1). */
    public static final long VERSION_MODULE = 1;
    public static final long VERSION_COMPONENT = 0x0001000dL;

    private final ByteSource src;
    private final long version;
    private final List<WasmSection> sections;
    private final Optional<FormatProblem> sectionProblem;
    private final Lazy<PartialList<WasmImport>> imports = new Lazy<>();
    private final Lazy<PartialList<WasmExport>> exports = new Lazy<>();
    private final Lazy<PartialList<WasmDataSegment>> data = new Lazy<>();
    private final Lazy<List<ImageSegment>> segments = new Lazy<>();
    private final Lazy<java.util.TreeMap<Long, ImageSegment>> byAddress = new Lazy<>();

    private WasmFile(ByteSource src, long version, List<WasmSection> sections, Optional<FormatProblem> problem) {
        this.src = src;
        this.version = version;
        this.sections = sections;
        this.sectionProblem = problem;
    }

    public static WasmFile read(ByteSource raw) {
        ByteSource s = raw.withOrder(ByteOrder.LITTLE_ENDIAN);
        s.check(0, 8, "wasm preamble");
        if (s.u32(0, "wasm magic") != 0x6d736100L) {
            throw new BinaryFormatException("wasm preamble", 0, "magic is not 00 61 73 6d");
        }
        long version = s.u32(4, "wasm version");
        if (version != VERSION_MODULE && version != VERSION_COMPONENT) {
            throw new BinaryFormatException("wasm preamble", 4, "version " + version + " is neither 1 (module) nor"
                    + " 0x0d/layer 1 (component)");
        }
        List<WasmSection> secs = new ArrayList<>();
        Optional<FormatProblem> problem = Optional.empty();
        long p = 8;
        try {
            while (p < s.size()) {
                if (secs.size() >= MAX_SECTIONS) {
                    throw new BinaryFormatException("section header", p, "more than " + MAX_SECTIONS + " sections");
                }
                long head = p;
                int id = s.u8(p, "section id");
                long[] size = uleb(s, p + 1, 5, "section size");
                long content = p + 1 + size[1];
                s.check(content, size[0], "section " + WasmSectionId.nameOf(id));
                String name = "";
                long cOff = content;
                long cSize = size[0];
                if (id == 0 && version == VERSION_MODULE) {
                    long[] n = uleb(s, content, 5, "custom section name length");
                    long nameStart = content + n[1];
                    if (n[0] > content + size[0] - nameStart) {
                        throw new BinaryFormatException("custom section name", nameStart, "name of " + n[0]
                                + " bytes runs past the section end");
                    }
                    name = dev.execray.binary.RawText.decode(s.bytes(nameStart, (int) n[0], "custom section name"));
                    cOff = nameStart + n[0];
                    cSize = content + size[0] - cOff;
                }
                secs.add(new WasmSection(id, name, head, content, size[0], cOff, cSize));
                p = content + size[0];
            }
        } catch (BinaryFormatException e) {
            problem = Optional.of(FormatProblem.of(e));
        }
        return new WasmFile(s, version, List.copyOf(secs), problem);
    }

    /** Unsigned LEB128 of at most {@code maxBytes} bytes: {value, bytes read}. */
    static long[] uleb(ByteSource s, long at, int maxBytes, String what) {
        long v = 0;
        for (int i = 0; i < maxBytes; i++) {
            int b = s.u8(at + i, what);
            v |= (long) (b & 0x7f) << (7 * i);
            if ((b & 0x80) == 0) {
                return new long[] {v, i + 1};
            }
        }
        throw new BinaryFormatException(what, at, "LEB128 longer than " + maxBytes + " bytes");
    }

    /** Signed LEB128 of at most {@code maxBytes} bytes: {value, bytes read}. */
    static long[] sleb(ByteSource s, long at, int maxBytes, String what) {
        long v = 0;
        int shift = 0;
        for (int i = 0; i < maxBytes; i++) {
            int b = s.u8(at + i, what);
            v |= (long) (b & 0x7f) << shift;
            shift += 7;
            if ((b & 0x80) == 0) {
                if (shift < 64 && (b & 0x40) != 0) {
                    v |= -1L << shift;
                }
                return new long[] {v, i + 1};
            }
        }
        throw new BinaryFormatException(what, at, "LEB128 longer than " + maxBytes + " bytes");
    }

    public long version() {
        return version;
    }

    public boolean isComponent() {
        return version == VERSION_COMPONENT;
    }

    public List<WasmSection> wasmSections() {
        return sections;
    }

    /** The malformation that ended the section list early, if any. */
    public Optional<FormatProblem> sectionProblem() {
        return sectionProblem;
    }

    public List<WasmSection> customSections() {
        return sections.stream().filter(s -> s.id() == 0).toList();
    }

    /** Every problem: the section list's, then those of the imports, the exports and the data segments (this reads them). */
    public List<FormatProblem> problems() {
        List<FormatProblem> all = new ArrayList<>();
        sectionProblem.ifPresent(all::add);
        all.addAll(imports().problems());
        all.addAll(exports().problems());
        all.addAll(dataSegments().problems());
        return all;
    }

    private Optional<WasmSection> first(WasmSectionId id) {
        if (isComponent()) {
            return Optional.empty(); // component sections use other ids; only the preamble is read
        }
        return sections.stream().filter(s -> s.id() == id.id()).findFirst();
    }

    /** A cursor over one section's contents; every read is bounded by the section end. */
    private final class Cursor {
        private long p;
        private final long end;

        Cursor(WasmSection s) {
            p = s.contentOffset();
            end = s.contentOffset() + s.contentSize();
        }

        long u32(String what) {
            long[] r = uleb(src, p, 5, what);
            p += r[1];
            if (p > end) {
                throw new BinaryFormatException(what, p, "runs past the section end");
            }
            return r[0];
        }

        int u8(String what) {
            if (p >= end) {
                throw new BinaryFormatException(what, p, "runs past the section end");
            }
            return src.u8(p++, what);
        }

        int count(String what, long minEntrySize) {
            long n = u32(what);
            if (n > MAX_ENTRIES || n * minEntrySize > end - p) {
                throw new BinaryFormatException(what, p, n + " entries cannot fit in the " + (end - p)
                        + " bytes left of the section");
            }
            return (int) n;
        }

        String name(String what) {
            long n = u32(what + " length");
            if (n > end - p) {
                throw new BinaryFormatException(what, p, "name of " + n + " bytes runs past the section end");
            }
            String s = dev.execray.binary.RawText.decode(src.bytes(p, (int) n, what));
            p += n;
            return s;
        }

        String limits(String what) {
            int flags = u8(what + " flags");
            long[] min0 = uleb(src, p, 10, what);
            long min = min0[0];
            p += min0[1];
            String s = "min " + min;
            if ((flags & 1) != 0) {
                long[] max = uleb(src, p, 10, what);
                p += max[1];
                s += " max " + max[0];
            }
            if (p > end) {
                throw new BinaryFormatException(what, p, "runs past the section end");
            }
            return s + ((flags & 2) != 0 ? " shared" : "") + ((flags & 4) != 0 ? " 64-bit" : "");
        }

        /** A constant expression: its value for i32.const/i64.const, empty for anything else; skipped to 0x0b. */
        Optional<Long> constExpr(String what) {
            int op = u8(what);
            Optional<Long> v = Optional.empty();
            if (op == 0x41 || op == 0x42) {
                long[] r = sleb(src, p, op == 0x41 ? 5 : 10, what);
                p += r[1];
                v = Optional.of(op == 0x41 ? r[0] & 0xffffffffL : r[0]);
            } else if (op == 0x23) {
                u32(what);
            } else {
                throw new BinaryFormatException(what, p - 1, String.format("unsupported opcode 0x%02x in a constant"
                        + " expression", op));
            }
            if (u8(what + " end") != 0x0b) {
                throw new BinaryFormatException(what, p - 1, "constant expression does not end with 0x0b");
            }
            return v;
        }
    }

    public PartialList<WasmImport> imports() {
        return imports.get(this, WasmFile::readImports);
    }

    private PartialList<WasmImport> readImports() {
        List<WasmImport> out = new ArrayList<>();
        Optional<WasmSection> sec = first(WasmSectionId.IMPORT);
        try {
            if (sec.isPresent()) {
                Cursor c = new Cursor(sec.get());
                int n = c.count("import count", 4);
                for (int i = 0; i < n; i++) {
                    String module = c.name("import module");
                    String name = c.name("import name");
                    long at = c.p;
                    WasmImport.Kind k = WasmImport.Kind.of(c.u8("import kind"), at);
                    String d = switch (k) {
                        case FUNC -> "type " + c.u32("type index");
                        case TABLE -> "reftype 0x" + Integer.toHexString(c.u8("reftype")) + " " + c.limits("table limits");
                        case MEMORY -> "memory " + c.limits("memory limits") + " pages";
                        case GLOBAL -> "valtype 0x" + Integer.toHexString(c.u8("valtype"))
                                + (c.u8("mutability") == 1 ? " mutable" : "");
                        case TAG -> "attribute " + c.u8("tag attribute") + " type " + c.u32("tag type");
                    };
                    out.add(new WasmImport(module, name, k, d));
                }
            }
            return PartialList.complete(out);
        } catch (BinaryFormatException e) {
            return PartialList.broken(out, FormatProblem.of(e));
        }
    }

    public PartialList<WasmExport> exports() {
        return exports.get(this, WasmFile::readExports);
    }

    private PartialList<WasmExport> readExports() {
        List<WasmExport> out = new ArrayList<>();
        Optional<WasmSection> sec = first(WasmSectionId.EXPORT);
        try {
            if (sec.isPresent()) {
                Cursor c = new Cursor(sec.get());
                int n = c.count("export count", 3);
                for (int i = 0; i < n; i++) {
                    String name = c.name("export name");
                    long at = c.p;
                    WasmImport.Kind k = WasmImport.Kind.of(c.u8("export kind"), at);
                    out.add(new WasmExport(name, k, c.u32("export index")));
                }
            }
            return PartialList.complete(out);
        } catch (BinaryFormatException e) {
            return PartialList.broken(out, FormatProblem.of(e));
        }
    }

    public PartialList<WasmDataSegment> dataSegments() {
        return data.get(this, WasmFile::readDataSegments);
    }

    private PartialList<WasmDataSegment> readDataSegments() {
        List<WasmDataSegment> out = new ArrayList<>();
        Optional<WasmSection> sec = first(WasmSectionId.DATA);
        try {
            if (sec.isPresent()) {
                Cursor c = new Cursor(sec.get());
                int n = c.count("data segment count", 2);
                for (int i = 0; i < n; i++) {
                    long flags = c.u32("data segment flags");
                    boolean active = flags != 1;
                    long mem = flags == 2 ? c.u32("data segment memory") : 0;
                    if (flags > 2) {
                        throw new BinaryFormatException("data segment", c.p, "flags " + flags + " (0, 1 or 2)");
                    }
                    Optional<Long> off = active ? c.constExpr("data segment offset") : Optional.empty();
                    long len = c.u32("data segment size");
                    if (len > c.end - c.p) {
                        throw new BinaryFormatException("data segment", c.p, len + " bytes run past the section end");
                    }
                    out.add(new WasmDataSegment(i, active, mem, off, c.p, len));
                    c.p += len;
                }
            }
            return PartialList.complete(out);
        } catch (BinaryFormatException e) {
            return PartialList.broken(out, FormatProblem.of(e));
        }
    }

    /** What must host the module, from its imports. */
    public WasmHost host() {
        if (isComponent()) {
            return WasmHost.WASI_COMPONENT;
        }
        List<WasmImport> im = imports().entries();
        if (im.isEmpty()) {
            return WasmHost.NONE;
        }
        if (im.stream().anyMatch(i -> i.module().equals("gojs"))) {
            return WasmHost.GO_JS;
        }
        if (im.stream().anyMatch(i -> i.module().equals("go"))) {
            return WasmHost.GO_JS_LEGACY;
        }
        if (im.stream().anyMatch(i -> i.module().equals("wasi_snapshot_preview1"))) {
            return WasmHost.WASI_PREVIEW1;
        }
        if (im.stream().anyMatch(i -> i.module().equals("wasi_unstable"))) {
            return WasmHost.WASI_PREVIEW0;
        }
        return WasmHost.EMBEDDER;
    }

    @Override
    public ByteSource source() {
        return src;
    }

    @Override
    public ByteOrder byteOrder() {
        return ByteOrder.LITTLE_ENDIAN;
    }

    @Override
    public int pointerSize() {
        return 4;
    }

    @Override
    public List<ImageSection> sections() {
        List<ImageSection> out = new ArrayList<>();
        for (WasmSection s : sections) {
            String n = s.id() == 0 ? s.name() : s.idName();
            out.add(new ImageSection(n, 0, s.contentSize(), s.contentOffset(), s.contentSize()));
        }
        return out;
    }

    @Override
    public FileFormat format() {
        return FileFormat.WASM;
    }

    /** Active data segments with constant offsets, as writable memory at those offsets. */
    @Override
    public List<ImageSegment> loadSegments() {
        return segments.get(this, WasmFile::readLoadSegments);
    }

    private List<ImageSegment> readLoadSegments() {
        List<ImageSegment> out = new ArrayList<>();
        for (WasmDataSegment d : dataSegments().entries()) {
            if (d.active() && d.memory() == 0 && d.memoryOffset().isPresent()) {
                out.add(new ImageSegment("data[" + d.index() + "]", d.memoryOffset().get(), d.size(), d.fileOffset(),
                        d.size(), true, true, false, 0));
            }
        }
        return List.copyOf(out);
    }

    /** Built once and then only read. */
    private java.util.TreeMap<Long, ImageSegment> segmentsByAddress() {
        java.util.TreeMap<Long, ImageSegment> map = new java.util.TreeMap<>();
        for (ImageSegment s : loadSegments()) {
            // segments are copied in order at instantiation: a later one at the same address is what memory holds
            map.put(s.address(), s);
        }
        return map;
    }

    @Override
    public String machine() {
        return isComponent() ? "WebAssembly component" : "WebAssembly";
    }

    @Override
    public List<String> neededLibraries() {
        return imports().entries().stream().map(WasmImport::module).distinct().toList();
    }

    /** Binary search over the segments by address: Go modules have tens of thousands of them. */
    @Override
    public Optional<Long> fileOffsetOf(long address) {
        var e = byAddress.get(this, WasmFile::segmentsByAddress).floorEntry(address);
        if (e != null && e.getValue().containsFileBackedAddress(address)) {
            return Optional.of(e.getValue().fileOffset() + (address - e.getValue().address()));
        }
        return Optional.empty();
    }
}

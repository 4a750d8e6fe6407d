package dev.execray.binary.pe;

import dev.execray.binary.BinaryFormatException;
import dev.execray.binary.ByteSource;
import dev.execray.binary.ExecutableImage;
import dev.execray.binary.FileFormat;
import dev.execray.binary.FormatProblem;
import dev.execray.binary.Lazy;
import dev.execray.binary.ImageSection;
import dev.execray.binary.ImageSegment;
import dev.execray.binary.PartialList;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A PE image (PE32 or PE32+): the DOS stub's pointer, the COFF header, the optional header and the
 * section table are read at once; import, delay-import, export and debug tables on first use, each
 * on its own so that one malformed table leaves the others readable.
 *
 * <p>All addresses inside the tables are RVAs and go through {@link #offsetOfRva}. Every loop over
 * a table is bounded twice: by the bytes of the section holding it and by a fixed maximum, so
 * that a hostile file can make neither a hang nor a huge allocation.
 */
public final class PeFile implements ExecutableImage {
    /** More DLLs than any real image imports; a table claiming more is hostile. */
    static final int MAX_DLLS = 16_384;
    /** Functions taken from one DLL (ordinals are 16-bit; names are not, but no real table is larger). */
    static final int MAX_FUNCTIONS_PER_DLL = 65_536;
    /** Exports of one image; the largest real DLLs export a few hundred thousand. */
    static final int MAX_EXPORTS = 1 << 20;
    static final int MAX_DEBUG_ENTRIES = 4096;

    private final ByteSource source;
    private final long peHeaderOffset;
    private final CoffHeader coff;
    private final OptionalHeader optional;
    private final List<PeSection> sections;
    private final List<FormatProblem> problems;

    private final Lazy<PartialList<ImportedDll>> imports = new Lazy<>();
    private final Lazy<PartialList<DelayImportedDll>> delayImports = new Lazy<>();
    private final Lazy<ExportTable> exports = new Lazy<>();
    private final Lazy<PartialList<DebugEntry>> debugEntries = new Lazy<>();
    private final Lazy<PartialList<CoffSymbol>> coffSymbols = new Lazy<>();

    private PeFile(ByteSource source, long peHeaderOffset, CoffHeader coff, OptionalHeader optional,
            List<PeSection> sections, List<FormatProblem> problems) {
        this.source = source;
        this.peHeaderOffset = peHeaderOffset;
        this.coff = coff;
        this.optional = optional;
        this.sections = List.copyOf(sections);
        this.problems = List.copyOf(problems);
    }

    /**
     * Reads the headers and section table. Throws {@link BinaryFormatException} when they are not
     * there: without them nothing else of the file can be located.
     */
    public static PeFile read(ByteSource src) {
        ByteSource s = src.withOrder(ByteOrder.LITTLE_ENDIAN);
        if (s.u16(0, "DOS header") != 0x5a4d) {
            throw new BinaryFormatException("DOS header", 0, "no MZ signature");
        }
        long lfanew = s.u32(0x3c, "DOS header e_lfanew");
        s.check(lfanew, 4 + CoffHeader.SIZE, "PE signature and COFF header (e_lfanew 0x" + Long.toHexString(lfanew) + ")");
        if (s.u32(lfanew, "PE signature") != 0x00004550L) {
            throw new BinaryFormatException("PE signature", lfanew, String.format(
                    "expected PE\\0\\0, found %08x", Integer.reverseBytes((int) s.u32(lfanew, "PE signature"))));
        }
        long c = lfanew + 4;
        CoffHeader coff = new CoffHeader(s.u16(c, "COFF header"), s.u16(c + 2, "COFF header"),
                s.u32(c + 4, "COFF header"), s.u32(c + 8, "COFF header"), s.u32(c + 12, "COFF header"),
                s.u16(c + 16, "COFF header"), s.u16(c + 18, "COFF header"));
        long opt = c + CoffHeader.SIZE;
        OptionalHeader optional = readOptionalHeader(s, opt, coff.sizeOfOptionalHeader());
        List<FormatProblem> problems = new ArrayList<>();
        long table = opt + coff.sizeOfOptionalHeader();
        int n = s.checkTable(table, coff.numberOfSections(), PeSection.SIZE, "section table");
        List<PeSection> sections = new ArrayList<>(n);
        StringTable strings = new StringTable(s, coff);
        for (int i = 0; i < n; i++) {
            sections.add(readSection(s, table + (long) i * PeSection.SIZE, strings, problems));
        }
        return new PeFile(s, lfanew, coff, optional, sections, problems);
    }

    private static OptionalHeader readOptionalHeader(ByteSource s, long o, int size) {
        String what = "optional header";
        if (size < 2) {
            throw new BinaryFormatException(what, o, "SizeOfOptionalHeader is " + size + ": not an image");
        }
        s.check(o, size, what);
        int magic = s.u16(o, what);
        boolean plus;
        if (magic == OptionalHeader.PE32_MAGIC) {
            plus = false;
        } else if (magic == OptionalHeader.PE32_PLUS_MAGIC) {
            plus = true;
        } else {
            throw new BinaryFormatException(what, o, String.format("unknown magic 0x%x (PE32 is 0x10b, PE32+ 0x20b)", magic));
        }
        int fixed = plus ? 112 : 96;
        if (size < fixed) {
            throw new BinaryFormatException(what, o, "SizeOfOptionalHeader " + size + " is smaller than the "
                    + fixed + " bytes of a " + (plus ? "PE32+" : "PE32") + " header");
        }
        int w = plus ? 8 : 4;
        OptionalLong baseOfData = plus ? OptionalLong.empty() : OptionalLong.of(s.u32(o + 24, what));
        long imageBase = plus ? s.u64(o + 24, what) : s.u32(o + 28, what);
        long stack = o + 72;
        long loaderFlags = s.u32(stack + 4L * w, what);
        long rvaCount = s.u32(stack + 4L * w + 4, what);
        long dirs = stack + 4L * w + 8;
        // The loader reads at most 16 slots, and never past the header the file says it has.
        long fit = (o + size - dirs) / 8;
        int count = (int) Math.min(Math.min(rvaCount, DataDirectoryKind.values().length), fit);
        List<DataDirectory> directories = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            directories.add(new DataDirectory(i, s.u32(dirs + 8L * i, what), s.u32(dirs + 8L * i + 4, what)));
        }
        return new OptionalHeader(magic, s.u8(o + 2, what), s.u8(o + 3, what), s.u32(o + 4, what),
                s.u32(o + 8, what), s.u32(o + 12, what), s.u32(o + 16, what), s.u32(o + 20, what), baseOfData,
                imageBase, s.u32(o + 32, what), s.u32(o + 36, what), s.u16(o + 40, what), s.u16(o + 42, what),
                s.u16(o + 44, what), s.u16(o + 46, what), s.u16(o + 48, what), s.u16(o + 50, what),
                s.u32(o + 52, what), s.u32(o + 56, what), s.u32(o + 60, what), s.u32(o + 64, what),
                s.u16(o + 68, what), s.u16(o + 70, what), s.word(stack, w, what), s.word(stack + w, w, what),
                s.word(stack + 2L * w, w, what), s.word(stack + 3L * w, w, what), loaderFlags, rvaCount,
                directories);
    }

    static PeSection readSection(ByteSource s, long h, StringTable strings, List<FormatProblem> problems) {
        String what = "section header";
        String headerName = s.fixedString(h, 8, what);
        String name = headerName;
        if (headerName.startsWith("/")) {
            try {
                name = strings.longName(headerName, h);
            } catch (BinaryFormatException e) {
                problems.add(FormatProblem.of(e));
            }
        }
        return new PeSection(name, headerName, s.u32(h + 8, what), s.u32(h + 12, what), s.u32(h + 16, what),
                s.u32(h + 20, what), s.u32(h + 24, what), s.u32(h + 28, what), s.u16(h + 32, what),
                s.u16(h + 34, what), s.u32(h + 36, what));
    }

    // ---- headers -------------------------------------------------------------------------------

    /** File offset of the {@code PE\0\0} signature (the DOS header's e_lfanew). */
    public long peHeaderOffset() {
        return peHeaderOffset;
    }

    public CoffHeader coffHeader() {
        return coff;
    }

    public OptionalHeader optionalHeader() {
        return optional;
    }

    public List<PeSection> peSections() {
        return sections;
    }

    /** Malformations met while reading the headers that did not stop the reading (a bad long section name). */
    public List<FormatProblem> problems() {
        return problems;
    }

    public boolean isDll() {
        return coff.has(CoffCharacteristic.DLL);
    }

    /** The certificate table's size when it is present: Authenticode signature data, not verified here. */
    public Optional<DataDirectory> certificateTable() {
        return optional.presentDirectory(DataDirectoryKind.SECURITY).filter(d -> d.size() > 0);
    }

    // ---- ExecutableImage -----------------------------------------------------------------------

    @Override
    public ByteSource source() {
        return source;
    }

    @Override
    public ByteOrder byteOrder() {
        return ByteOrder.LITTLE_ENDIAN;
    }

    @Override
    public int pointerSize() {
        return optional.isPe32Plus() ? 8 : 4;
    }

    /** Sections at their virtual addresses (ImageBase + RVA), as pointers inside the image see them. */
    @Override
    public List<ImageSection> sections() {
        List<ImageSection> out = new ArrayList<>(sections.size());
        for (PeSection sec : sections) {
            out.add(new ImageSection(sec.name(), optional.imageBase() + sec.virtualAddress(), sec.span(),
                    sec.pointerToRawData(), sec.fileBackedSize()));
        }
        return out;
    }

    @Override
    public FileFormat format() {
        return FileFormat.PE;
    }

    /** PE sections are mapped as they are: each is a segment (unmapped ones, like .debug_*, included). */
    @Override
    public List<ImageSegment> loadSegments() {
        List<ImageSegment> out = new ArrayList<>(sections.size());
        for (PeSection sec : sections) {
            out.add(new ImageSegment(sec.name(), optional.imageBase() + sec.virtualAddress(), sec.span(),
                    sec.pointerToRawData(), sec.fileBackedSize(), sec.has(SectionCharacteristic.MEM_READ),
                    sec.has(SectionCharacteristic.MEM_WRITE), sec.has(SectionCharacteristic.MEM_EXECUTE),
                    sec.characteristics()));
        }
        return out;
    }

    /** In the words the other formats use (x86-64, i386, AArch64, ARM), else the PE machine name. */
    @Override
    public String machine() {
        return switch (coff.machine()) {
            case 0x14c -> "i386";
            case 0x8664 -> "x86-64";
            case 0x1c0, 0x1c2, 0x1c4 -> "ARM";
            case 0xaa64 -> "AArch64";
            case 0x5064 -> "RISC-V";
            case 0x6264 -> "LoongArch";
            default -> PeMachine.describe(coff.machine());
        };
    }

    @Override
    public boolean positionIndependent() {
        return optional.has(DllCharacteristic.DYNAMIC_BASE);
    }

    /** The DLLs loaded at start (delay-loaded ones are not needed to start). */
    @Override
    public List<String> neededLibraries() {
        return imports().entries().stream().map(ImportedDll::name).toList();
    }

    @Override
    public boolean hasSymbolTable() {
        return coff.pointerToSymbolTable() != 0 && coff.numberOfSymbols() > 0;
    }

    /** The virtual address of a section-relative COFF symbol (Go's runtime.pclntab, for instance). */
    @Override
    public Optional<Long> symbolAddress(String name) {
        for (CoffSymbol sym : coffSymbols().entries()) {
            if (sym.name().equals(name) && sym.sectionNumber() > 0 && sym.sectionNumber() <= sections.size()) {
                return Optional.of(optional.imageBase() + sections.get(sym.sectionNumber() - 1).virtualAddress()
                        + sym.value());
            }
        }
        return Optional.empty();
    }

    @Override
    public Optional<Long> fileOffsetOf(long address) {
        long rva = address - optional.imageBase();
        if (Long.compareUnsigned(address, optional.imageBase()) < 0 || rva > 0xffffffffL) {
            return Optional.empty();
        }
        return offsetOfRva(rva);
    }

    // ---- COFF symbols -------------------------------------------------------------------------

    /** The COFF symbol table (auxiliary records skipped); empty when the image has none. */
    public PartialList<CoffSymbol> coffSymbols() {
        return coffSymbols.get(this, PeFile::readCoffSymbols);
    }

    private PartialList<CoffSymbol> readCoffSymbols() {
        if (!hasSymbolTable()) {
            return PartialList.complete(new ArrayList<>());
        }
        return readCoffSymbols(source, coff);
    }

    /** The COFF symbol table {@code coff} points at (images and bare objects alike), up to its first malformation. */
    static PartialList<CoffSymbol> readCoffSymbols(ByteSource source, CoffHeader coff) {
        return readCoffSymbols(source, coff, CoffObjectLayout.CLASSIC);
    }

    /**
     * The symbol table in {@code layout}: 18-byte records with a 16-bit section number, or /bigobj's 20-byte
     * records whose section number is 32-bit (Type, StorageClass and NumberOfAuxSymbols move up by two bytes).
     */
    static PartialList<CoffSymbol> readCoffSymbols(ByteSource source, CoffHeader coff, CoffObjectLayout layout) {
        List<CoffSymbol> out = new ArrayList<>();
        long table = coff.pointerToSymbolTable();
        int size = layout.symbolSize();
        boolean big = layout == CoffObjectLayout.BIG_OBJ;
        try {
            int n = source.checkTable(table, coff.numberOfSymbols(), size, "COFF symbol table");
            long strings = table + (long) n * size;
            long stringsEnd = source.contains(strings, 4) ? strings + source.u32(strings, "COFF string table") : strings;
            for (int i = 0; i < n; i++) {
                long e = table + (long) i * size;
                String what = "COFF symbol " + i;
                String name;
                if (source.u32(e, what) == 0) {
                    long offset = source.u32(e + 4, what);
                    name = source.cString(strings + offset, stringsEnd, what + " name");
                } else {
                    name = source.fixedString(e, 8, what);
                }
                int section = big ? source.s32(e + 12, what) : (short) source.u16(e + 12, what);
                int rest = big ? 16 : 14;
                int aux = source.u8(e + rest + 3, what);
                out.add(new CoffSymbol(name, source.u32(e + 8, what), section, source.u16(e + rest, what),
                        source.u8(e + rest + 2, what), aux));
                i += aux;
            }
        } catch (BinaryFormatException e) {
            return PartialList.broken(out, FormatProblem.of(e));
        }
        return PartialList.complete(out);
    }

    // ---- RVAs ----------------------------------------------------------------------------------

    /** The file offset of the byte at {@code rva}, when the file holds it (not zero-fill, not past EOF). */
    public Optional<Long> offsetOfRva(long rva) {
        Optional<Region> r = region(rva);
        return r.map(Region::offset);
    }

    /** The file bytes an RVA lies in: its offset, and where the bytes it may run into end. */
    private record Region(long offset, long end) {
    }

    private Optional<Region> region(long rva) {
        if (rva < 0) {
            return Optional.empty();
        }
        for (PeSection sec : sections) {
            if (sec.containsRva(rva) && sec.pointerToRawData() != 0) {
                long delta = rva - sec.virtualAddress();
                if (delta >= sec.sizeOfRawData()) {
                    return Optional.empty(); // zero-fill beyond the raw data
                }
                long end = Math.min(sec.pointerToRawData() + Math.min(sec.sizeOfRawData(), sec.span()), source.size());
                long off = sec.pointerToRawData() + delta;
                return off < end ? Optional.of(new Region(off, end)) : Optional.empty();
            }
        }
        // RVAs below the first section address the headers, which are mapped as they are in the file.
        if (rva < optional.sizeOfHeaders() && rva < source.size()) {
            return Optional.of(new Region(rva, Math.min(optional.sizeOfHeaders(), source.size())));
        }
        return Optional.empty();
    }

    private Region mapped(long rva, String structure) {
        return region(rva).orElseThrow(() -> new BinaryFormatException(structure, rva,
                "RVA 0x" + Long.toHexString(rva) + " is in no section the file holds"));
    }

    /** Offset of {@code length} bytes at {@code rva}, all within one section's file bytes. */
    private long offsetOf(long rva, long length, String structure) {
        Region r = mapped(rva, structure);
        if (length > r.end() - r.offset()) {
            throw new BinaryFormatException(structure, r.offset(), length + " bytes at RVA 0x"
                    + Long.toHexString(rva) + " run past the end of the section's data");
        }
        return r.offset();
    }

    private String stringAt(long rva, String structure) {
        Region r = mapped(rva, structure);
        return source.cString(r.offset(), r.end(), structure);
    }

    // ---- imports -------------------------------------------------------------------------------

    /** The import directory: the DLLs loaded at start and the functions taken from each. */
    public PartialList<ImportedDll> imports() {
        return imports.get(this, PeFile::readImports);
    }

    private PartialList<ImportedDll> readImports() {
        List<ImportedDll> dlls = new ArrayList<>();
        Optional<DataDirectory> dir = optional.presentDirectory(DataDirectoryKind.IMPORT);
        if (dir.isEmpty()) {
            return PartialList.complete(dlls);
        }
        try {
            Region table = mapped(dir.get().virtualAddress(), "import directory");
            for (int i = 0; ; i++) {
                long d = table.offset() + 20L * i;
                if (i >= MAX_DLLS) {
                    throw new BinaryFormatException("import directory", d, "more than " + MAX_DLLS + " descriptors");
                }
                if (d + 20 > table.end()) {
                    throw new BinaryFormatException("import directory", d,
                            "descriptors run past the end of their section without a null terminator");
                }
                String what = "import descriptor";
                long ilt = source.u32(d, what);
                long stamp = source.u32(d + 4, what);
                long chain = source.u32(d + 8, what);
                long nameRva = source.u32(d + 12, what);
                long iat = source.u32(d + 16, what);
                if (nameRva == 0 && iat == 0) {
                    break; // the terminator (all zero in well-formed files; the loader checks these two)
                }
                String name = stringAt(nameRva, "import DLL name");
                List<ImportedFunction> functions = new ArrayList<>();
                Optional<FormatProblem> bad = readThunks(ilt != 0 ? ilt : iat, functions, "import lookup table of " + name);
                dlls.add(new ImportedDll(name, ilt, stamp, chain, iat, functions));
                if (bad.isPresent()) {
                    return PartialList.broken(dlls, bad.get());
                }
            }
        } catch (BinaryFormatException e) {
            return PartialList.broken(dlls, FormatProblem.of(e));
        }
        return PartialList.complete(dlls);
    }

    /** Reads a null-terminated thunk array into {@code out}; a malformation ends it and is returned. */
    private Optional<FormatProblem> readThunks(long rva, List<ImportedFunction> out, String structure) {
        try {
            Region r = mapped(rva, structure);
            int w = pointerSize();
            long ordinalFlag = w == 8 ? Long.MIN_VALUE : 0x80000000L;
            for (int i = 0; ; i++) {
                long t = r.offset() + (long) w * i;
                if (i >= MAX_FUNCTIONS_PER_DLL) {
                    throw new BinaryFormatException(structure, t, "more than " + MAX_FUNCTIONS_PER_DLL + " entries");
                }
                if (t + w > r.end()) {
                    throw new BinaryFormatException(structure, t,
                            "entries run past the end of their section without a null terminator");
                }
                long v = source.word(t, w, structure);
                if (v == 0) {
                    return Optional.empty();
                }
                if ((v & ordinalFlag) != 0) {
                    out.add(new ImportedFunction.ByOrdinal((int) (v & 0xffff)));
                } else {
                    long hintName = v & 0x7fffffffL;
                    long h = offsetOf(hintName, 2, "import hint/name entry");
                    int hint = source.u16(h, "import hint/name entry");
                    out.add(new ImportedFunction.ByName(hint, stringAt(hintName + 2, "import name")));
                }
            }
        } catch (BinaryFormatException e) {
            return Optional.of(FormatProblem.of(e));
        }
    }

    // ---- delay imports -------------------------------------------------------------------------

    /** The delay-load import descriptors: DLLs loaded on the first call into them. */
    public PartialList<DelayImportedDll> delayImports() {
        return delayImports.get(this, PeFile::readDelayImports);
    }

    private PartialList<DelayImportedDll> readDelayImports() {
        List<DelayImportedDll> dlls = new ArrayList<>();
        Optional<DataDirectory> dir = optional.presentDirectory(DataDirectoryKind.DELAY_IMPORT);
        if (dir.isEmpty()) {
            return PartialList.complete(dlls);
        }
        try {
            Region table = mapped(dir.get().virtualAddress(), "delay import directory");
            for (int i = 0; ; i++) {
                long d = table.offset() + 32L * i;
                if (i >= MAX_DLLS) {
                    throw new BinaryFormatException("delay import directory", d, "more than " + MAX_DLLS + " descriptors");
                }
                if (d + 32 > table.end()) {
                    throw new BinaryFormatException("delay import directory", d,
                            "descriptors run past the end of their section without a null terminator");
                }
                String what = "delay import descriptor";
                long attributes = source.u32(d, what);
                long[] f = new long[7];
                for (int k = 0; k < 7; k++) {
                    f[k] = source.u32(d + 4 + 4L * k, what);
                }
                if (f[0] == 0) {
                    break; // DllNameRVA 0 ends the table
                }
                // Descriptors of old linkers (attributes bit 0 clear) hold VAs; every field but the time stamp.
                if ((attributes & 1) == 0) {
                    for (int k = 0; k < 6; k++) {
                        if (f[k] != 0) {
                            f[k] = (f[k] - optional.imageBase()) & 0xffffffffL;
                        }
                    }
                }
                String name = stringAt(f[0], "delay import DLL name");
                List<ImportedFunction> functions = new ArrayList<>();
                Optional<FormatProblem> bad = readThunks(f[3], functions, "delay import name table of " + name);
                dlls.add(new DelayImportedDll(name, attributes, f[1], f[2], f[3], f[4], f[5], f[6], functions));
                if (bad.isPresent()) {
                    return PartialList.broken(dlls, bad.get());
                }
            }
        } catch (BinaryFormatException e) {
            return PartialList.broken(dlls, FormatProblem.of(e));
        }
        return PartialList.complete(dlls);
    }

    // ---- exports -------------------------------------------------------------------------------

    /** The export directory: what this image offers to others, by ordinal and name. */
    public ExportTable exports() {
        return exports.get(this, PeFile::readExports);
    }

    private ExportTable readExports() {
        Optional<DataDirectory> dir = optional.presentDirectory(DataDirectoryKind.EXPORT);
        if (dir.isEmpty()) {
            return ExportTable.NONE;
        }
        DataDirectory ed = dir.get();
        String what = "export directory";
        long o;
        long nameRva;
        long base;
        long nFunctions;
        long nNames;
        long functionsRva;
        long namesRva;
        long ordinalsRva;
        String dllName;
        long characteristics;
        long stamp;
        int major;
        int minor;
        try {
            o = offsetOf(ed.virtualAddress(), ExportDirectory.SIZE, what);
            characteristics = source.u32(o, what);
            stamp = source.u32(o + 4, what);
            major = source.u16(o + 8, what);
            minor = source.u16(o + 10, what);
            nameRva = source.u32(o + 12, what);
            base = source.u32(o + 16, what);
            nFunctions = source.u32(o + 20, what);
            nNames = source.u32(o + 24, what);
            functionsRva = source.u32(o + 28, what);
            namesRva = source.u32(o + 32, what);
            ordinalsRva = source.u32(o + 36, what);
        } catch (BinaryFormatException e) {
            return new ExportTable(Optional.empty(), List.of(FormatProblem.of(e)));
        }
        List<Export> exports = new ArrayList<>();
        Optional<FormatProblem> problem = Optional.empty();
        dllName = "";
        try {
            dllName = nameRva == 0 ? "" : stringAt(nameRva, "export DLL name");
            if (nFunctions > MAX_EXPORTS) {
                throw new BinaryFormatException("export address table", o + 20, "NumberOfFunctions " + nFunctions
                        + " is more than " + MAX_EXPORTS);
            }
            if (nNames > nFunctions && nNames > MAX_EXPORTS) {
                throw new BinaryFormatException("export name pointer table", o + 24, "NumberOfNames " + nNames
                        + " is more than " + MAX_EXPORTS);
            }
            int nf = (int) nFunctions;
            int nn = (int) nNames;
            long fo = nf == 0 ? 0 : offsetOf(functionsRva, 4L * nf, "export address table");
            long no = nn == 0 ? 0 : offsetOf(namesRva, 4L * nn, "export name pointer table");
            long oo = nn == 0 ? 0 : offsetOf(ordinalsRva, 2L * nn, "export ordinal table");
            List<List<String>> names = new ArrayList<>(nf);
            for (int i = 0; i < nf; i++) {
                names.add(null);
            }
            // Names first: a bad name entry leaves the ordinal-only view of the table intact.
            try {
                for (int j = 0; j < nn; j++) {
                    int index = source.u16(oo + 2L * j, "export ordinal table");
                    String name = stringAt(source.u32(no + 4L * j, "export name pointer table"), "export name");
                    if (index >= nf) {
                        throw new BinaryFormatException("export ordinal table", oo + 2L * j, "name " + name
                                + " refers to export " + index + " of " + nf);
                    }
                    if (names.get(index) == null) {
                        names.set(index, new ArrayList<>(1));
                    }
                    names.get(index).add(name);
                }
            } catch (BinaryFormatException e) {
                problem = Optional.of(FormatProblem.of(e));
            }
            for (int i = 0; i < nf; i++) {
                long rva = source.u32(fo + 4L * i, "export address table");
                List<String> n = names.get(i) == null ? List.of() : names.get(i);
                if (rva == 0 && n.isEmpty()) {
                    continue; // an unused ordinal
                }
                Optional<String> forwarder = Optional.empty();
                if (ed.contains(rva)) {
                    try {
                        forwarder = Optional.of(stringAt(rva, "export forwarder"));
                    } catch (BinaryFormatException e) {
                        problem = problem.or(() -> Optional.of(FormatProblem.of(e)));
                    }
                }
                exports.add(new Export(base + i, rva, n, forwarder));
            }
        } catch (BinaryFormatException e) {
            problem = Optional.of(FormatProblem.of(e));
        }
        return new ExportTable(Optional.of(new ExportDirectory(dllName, characteristics, stamp, major, minor, base,
                nFunctions, nNames, exports)), problem.stream().toList());
    }

    // ---- debug directory -----------------------------------------------------------------------

    /** The debug directory's entries, with the CodeView (PDB) record decoded. */
    public PartialList<DebugEntry> debugEntries() {
        return debugEntries.get(this, PeFile::readDebug);
    }

    /** The first CodeView record: which PDB (path, GUID, age) matches this image. */
    public Optional<CodeViewInfo> codeView() {
        return debugEntries().entries().stream().flatMap(e -> e.codeView().stream()).findFirst();
    }

    private PartialList<DebugEntry> readDebug() {
        List<DebugEntry> entries = new ArrayList<>();
        Optional<DataDirectory> dir = optional.presentDirectory(DataDirectoryKind.DEBUG);
        if (dir.isEmpty()) {
            return PartialList.complete(entries);
        }
        try {
            long count = dir.get().size() / DebugEntry.SIZE;
            if (count > MAX_DEBUG_ENTRIES) {
                throw new BinaryFormatException("debug directory", dir.get().virtualAddress(),
                        "size " + dir.get().size() + " claims more than " + MAX_DEBUG_ENTRIES + " entries");
            }
            long o = offsetOf(dir.get().virtualAddress(), count * DebugEntry.SIZE, "debug directory");
            for (int i = 0; i < count; i++) {
                long e = o + (long) DebugEntry.SIZE * i;
                String what = "debug directory entry";
                long type = source.u32(e + 12, what);
                long size = source.u32(e + 16, what);
                long address = source.u32(e + 20, what);
                long pointer = source.u32(e + 24, what);
                Optional<CodeViewInfo> cv = Optional.empty();
                if (type == DebugType.CODEVIEW.value()) {
                    cv = Optional.of(readCodeView(address, pointer, size));
                }
                entries.add(new DebugEntry(source.u32(e, what), source.u32(e + 4, what), source.u16(e + 8, what),
                        source.u16(e + 10, what), type, size, address, pointer, cv));
            }
        } catch (BinaryFormatException e) {
            return PartialList.broken(entries, FormatProblem.of(e));
        }
        return PartialList.complete(entries);
    }

    private CodeViewInfo readCodeView(long address, long pointer, long size) {
        String what = "CodeView record";
        // The loader-visible copy (by RVA) is what tools read; stripped-section files only keep the file pointer.
        long o = address != 0 && region(address).isPresent() ? offsetOf(address, size, what) : pointer;
        source.check(o, size, what);
        long end = o + size;
        if (size < 4) {
            throw new BinaryFormatException(what, o, "record of " + size + " bytes has no signature");
        }
        String sig = source.fixedString(o, 4, what);
        if (sig.equals("RSDS")) {
            if (size < 24) {
                throw new BinaryFormatException(what, o, "RSDS record of " + size + " bytes is shorter than 24");
            }
            String guid = String.format("%08X-%04X-%04X-%02X%02X-%02X%02X%02X%02X%02X%02X", source.u32(o + 4, what),
                    source.u16(o + 8, what), source.u16(o + 10, what), source.u8(o + 12, what), source.u8(o + 13, what),
                    source.u8(o + 14, what), source.u8(o + 15, what), source.u8(o + 16, what), source.u8(o + 17, what),
                    source.u8(o + 18, what), source.u8(o + 19, what));
            long age = source.u32(o + 20, what);
            return new CodeViewInfo(sig, guid, age, size > 24 ? pdbPath(o + 24, end) : "");
        }
        if (sig.equals("NB10")) {
            if (size < 16) {
                throw new BinaryFormatException(what, o, "NB10 record of " + size + " bytes is shorter than 16");
            }
            return new CodeViewInfo(sig, String.format("%08X", source.u32(o + 8, what)), source.u32(o + 12, what),
                    size > 16 ? pdbPath(o + 16, end) : "");
        }
        return new CodeViewInfo(sig, "", 0, "");
    }

    /** The PDB path: NUL-terminated within the record, or running to its end when a linker left no NUL. */
    private String pdbPath(long from, long end) {
        for (long i = from; i < end; i++) {
            if (source.u8(i, "CodeView PDB path") == 0) {
                return source.cString(from, end, "CodeView PDB path");
            }
        }
        return dev.execray.binary.RawText.decode(source.bytes(from, (int) (end - from), "CodeView PDB path"));
    }
}

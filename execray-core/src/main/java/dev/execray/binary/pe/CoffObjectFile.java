package dev.execray.binary.pe;

import dev.execray.binary.BinaryFormatException;
import dev.execray.binary.ByteSource;
import dev.execray.binary.FormatProblem;
import dev.execray.binary.Lazy;
import dev.execray.binary.PartialList;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * A bare COFF object file ({@code .obj}, what cl.exe and {@code clang --target=*-windows-msvc -c} write, and the
 * members of a Windows {@code .lib}): the COFF file header at offset 0 (no MZ stub, no PE signature), the section
 * table, the symbol table and its string table, as LLVM's COFFObjectFile reads them; in the classic layout or
 * the /bigobj one ({@link CoffObjectLayout}). A bigobj's header is presented as the classic header it extends: no
 * optional header, no characteristics, a 32-bit section count.
 */
public final class CoffObjectFile {
    /**
     * IMAGE_SCN_LNK_NRELOC_OVFL: the section has more than 65,535 relocations; the 16-bit count says 0xffff and
     * the first relocation's VirtualAddress holds the real count (PE/COFF specification, "Section Flags").
     */
    static final long LNK_NRELOC_OVFL = 0x01000000L;

    /** Machines LLVM's identify_magic takes a bare COFF object for (the first two bytes of the file). */
    private static final int[] OBJECT_MACHINES = {0x014c, 0x8664, 0xaa64, 0xa641, 0x01c4, 0x01c0, 0x0200};

    private final ByteSource source;
    private final CoffObjectLayout layout;
    private final CoffHeader coff;
    private final List<PeSection> sections;
    private final List<FormatProblem> problems;
    private final Lazy<PartialList<CoffSymbol>> symbols = new Lazy<>();

    private CoffObjectFile(ByteSource source, CoffObjectLayout layout, CoffHeader coff, List<PeSection> sections,
            List<FormatProblem> problems) {
        this.source = source;
        this.layout = layout;
        this.coff = coff;
        this.sections = List.copyOf(sections);
        this.problems = List.copyOf(problems);
    }

    /**
     * Whether {@code head} looks like a bare COFF object: a machine LLVM knows in the first two bytes, no optional
     * header (objects have none) and no IMAGE_FILE_EXECUTABLE_IMAGE. Two bytes alone would take many files for
     * COFF; the two header fields narrow it to what compilers write.
     */
    public static boolean looksLike(byte[] head) {
        if (CoffObjectLayout.startsBigObj(head)) {
            return true;
        }
        if (head.length < CoffHeader.SIZE) {
            return false;
        }
        int machine = (head[0] & 0xff) | (head[1] & 0xff) << 8;
        int optional = (head[16] & 0xff) | (head[17] & 0xff) << 8;
        int characteristics = (head[18] & 0xff) | (head[19] & 0xff) << 8;
        boolean known = false;
        for (int m : OBJECT_MACHINES) {
            known |= m == machine;
        }
        return known && optional == 0 && (characteristics & 0x0002) == 0;
    }

    public static CoffObjectFile read(ByteSource src) {
        ByteSource s = src.withOrder(ByteOrder.LITTLE_ENDIAN);
        byte[] head = s.bytes(0, (int) Math.min(s.size(), CoffObjectLayout.BIG_OBJ.headerSize()), "COFF file header");
        CoffObjectLayout layout = CoffObjectLayout.startsBigObj(head) ? CoffObjectLayout.BIG_OBJ
                : CoffObjectLayout.CLASSIC;
        CoffHeader coff = layout == CoffObjectLayout.BIG_OBJ ? bigObjHeader(s) : classicHeader(s);
        List<FormatProblem> problems = new ArrayList<>();
        long table = layout.headerSize() + (long) coff.sizeOfOptionalHeader();
        int n = s.checkTable(table, coff.numberOfSections(), PeSection.SIZE, "section table");
        StringTable strings = new StringTable(s, coff, layout.symbolSize());
        List<PeSection> sections = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            PeSection sec = PeFile.readSection(s, table + (long) i * PeSection.SIZE, strings, problems);
            sections.add(sec);
            // LLVM COFFObjectFile::getSectionContents / relocations: both must lie inside the file
            if (sec.pointerToRawData() != 0 && !s.contains(sec.pointerToRawData(), sec.sizeOfRawData())) {
                problems.add(new FormatProblem("section " + sec.name(), table + (long) i * PeSection.SIZE + 16,
                        "raw data (" + sec.sizeOfRawData() + " bytes at 0x" + Long.toHexString(sec.pointerToRawData())
                                + ") runs past the end of the file"));
            }
            if (sec.numberOfRelocations() != 0
                    && !s.contains(sec.pointerToRelocations(), (long) sec.numberOfRelocations() * 10)) {
                problems.add(new FormatProblem("section " + sec.name(), table + (long) i * PeSection.SIZE + 24,
                        sec.numberOfRelocations() + " relocations at 0x" + Long.toHexString(sec.pointerToRelocations())
                                + " run past the end of the file"));
            }
        }
        if (coff.pointerToSymbolTable() != 0 && !s.contains(coff.pointerToSymbolTable(),
                coff.numberOfSymbols() * layout.symbolSize())) {
            long field = layout == CoffObjectLayout.BIG_OBJ ? 48 : 8; // PointerToSymbolTable
            problems.add(new FormatProblem("COFF file header", field, "symbol table (" + coff.numberOfSymbols()
                    + " symbols at 0x" + Long.toHexString(coff.pointerToSymbolTable())
                    + ") runs past the end of the file"));
        }
        return new CoffObjectFile(s, layout, coff, sections, problems);
    }

    private static CoffHeader classicHeader(ByteSource s) {
        String what = "COFF file header";
        return new CoffHeader(s.u16(0, what), s.u16(2, what), s.u32(4, what), s.u32(8, what), s.u32(12, what),
                s.u16(16, what), s.u16(18, what));
    }

    /**
     * ANON_OBJECT_HEADER_BIGOBJ: Sig1, Sig2, Version, Machine, TimeDateStamp, ClassID[16], SizeOfData, Flags,
     * MetaDataSize, MetaDataOffset, NumberOfSections (32-bit), PointerToSymbolTable, NumberOfSymbols.
     */
    private static CoffHeader bigObjHeader(ByteSource s) {
        String what = "COFF bigobj header";
        int version = s.u16(4, what);
        if (version < CoffObjectLayout.MIN_BIG_OBJ_VERSION) {
            // LLVM COFFObjectFile::initialize: "It's not a bigobj" (and then not a COFF object it reads)
            throw new BinaryFormatException(what, 4, "version " + version + " is below "
                    + CoffObjectLayout.MIN_BIG_OBJ_VERSION + ": not a bigobj object");
        }
        long sections = s.u32(44, what);
        if (sections > Integer.MAX_VALUE) {
            throw new BinaryFormatException(what, 44, "NumberOfSections " + sections + " cannot be a section count");
        }
        return new CoffHeader(s.u16(6, what), (int) sections, s.u32(8, what), s.u32(48, what), s.u32(52, what), 0, 0);
    }

    public CoffHeader header() {
        return coff;
    }

    public List<PeSection> sections() {
        return sections;
    }

    /** Malformations met while reading the headers that did not stop the reading. */
    public List<FormatProblem> problems() {
        return problems;
    }

    /** The symbol table (auxiliary records skipped), up to its first malformation. */
    public PartialList<CoffSymbol> symbols() {
        return symbols.get(this, CoffObjectFile::readSymbols);
    }

    private PartialList<CoffSymbol> readSymbols() {
        return coff.pointerToSymbolTable() == 0 ? PartialList.complete(List.of())
                : PeFile.readCoffSymbols(source, coff, layout);
    }

    /**
     * How many relocations {@code section} has: its 16-bit count, or with IMAGE_SCN_LNK_NRELOC_OVFL the count in
     * the first relocation's VirtualAddress, less that first entry, which only holds the count (LLVM
     * COFFObjectFile's getNumberOfRelocations: "-1 to exclude this first relocation entry").
     */
    public long relocationCount(PeSection section) {
        if ((section.characteristics() & LNK_NRELOC_OVFL) != 0 && section.numberOfRelocations() == 0xffff) {
            try {
                return Math.max(0, source.u32(section.pointerToRelocations(), "extended relocation count") - 1);
            } catch (BinaryFormatException e) {
                return section.numberOfRelocations();
            }
        }
        return section.numberOfRelocations();
    }

    /** Classic or /bigobj. */
    public CoffObjectLayout layout() {
        return layout;
    }

    public String machineName() {
        return coff.machineName();
    }

    public ByteSource source() {
        return source;
    }
}

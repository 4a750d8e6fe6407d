package dev.execray.binary.elf;

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
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * An ELF file, read the way the kernel and readelf read it: the file header and the program headers
 * at once (they are what exec needs), everything else on first use and then remembered.
 *
 * <p>Every view is partial rather than all-or-nothing: a section table that points past the end of
 * the file leaves the program headers, the interpreter and the dynamic section (found through
 * PT_DYNAMIC) readable, and each problem met on the way is kept as a {@link FormatProblem} beside the
 * view it belongs to, all of them in {@link #problems()}. Only a file whose ELF header itself cannot be
 * read makes {@link #read} throw. Views are read on first use through {@link Lazy}: computed once,
 * published whole.
 */
public final class ElfFile implements ExecutableImage {
    private final ByteSource src;
    private final ElfHeader header;
    private final int wordSize;
    private final int programHeaderCount;
    private final int sectionCount;
    private final int sectionNameTableIndex;
    private final List<ProgramHeader> programHeaders;
    private final Optional<String> interpreter;
    private final List<FormatProblem> headerProblems;

    // views read on first use
    private final Lazy<PartialList<SectionHeader>> sectionHeaders = new Lazy<>();
    private final Lazy<List<ImageSection>> imageSections = new Lazy<>();
    private final Lazy<SymbolKinds> symbolKinds = new Lazy<>();
    private final Lazy<DynamicSection> dynamic = new Lazy<>();
    private final Lazy<SymbolVersions> versions = new Lazy<>();
    private final Lazy<SymbolTable> symbolTable = new Lazy<>();
    private final Lazy<SymbolTable> dynamicSymbolTable = new Lazy<>();
    private final Lazy<SymbolInfoTable> symbolInfo = new Lazy<>();
    private final Lazy<PartialList<NoteGroup>> noteGroups = new Lazy<>();

    private ElfFile(ByteSource src, ElfHeader header, int programHeaderCount, int sectionCount,
            int sectionNameTableIndex, List<FormatProblem> problems) {
        this.src = src;
        this.header = header;
        this.wordSize = header.elfClass().wordSize();
        this.programHeaderCount = programHeaderCount;
        this.sectionCount = sectionCount;
        this.sectionNameTableIndex = sectionNameTableIndex;
        this.programHeaders = readProgramHeaders(problems);
        this.interpreter = readInterpreter(problems);
        this.headerProblems = List.copyOf(problems);
    }

    /**
     * Reads the ELF header and program headers of {@code source}.
     *
     * @throws BinaryFormatException when there is no readable ELF header
     */
    public static ElfFile read(ByteSource source) {
        if (!source.contains(0, ElfField.EI_NIDENT)) {
            throw new BinaryFormatException("ELF header", 0,
                    "file of " + source.size() + " bytes is shorter than e_ident (16 bytes)");
        }
        if (source.u8(0, "e_ident") != 0x7f || source.u8(1, "e_ident") != 'E' || source.u8(2, "e_ident") != 'L'
                || source.u8(3, "e_ident") != 'F') {
            throw new BinaryFormatException("ELF header", 0, "no ELF magic (7f 45 4c 46)");
        }
        int cls = source.u8(4, "e_ident[EI_CLASS]");
        ElfClass elfClass = switch (cls) {
            case 1 -> ElfClass.ELF32;
            case 2 -> ElfClass.ELF64;
            default -> throw new BinaryFormatException("ELF header", 4, "invalid EI_CLASS " + cls);
        };
        int dat = source.u8(5, "e_ident[EI_DATA]");
        ElfData data = switch (dat) {
            case 1 -> ElfData.LSB;
            case 2 -> ElfData.MSB;
            default -> throw new BinaryFormatException("ELF header", 5, "invalid EI_DATA " + dat);
        };
        ByteSource s = source.withOrder(data.order());
        boolean is64 = elfClass == ElfClass.ELF64;
        int ehSize = is64 ? 64 : 52;
        if (!s.contains(0, ehSize)) {
            throw new BinaryFormatException("ELF header", 0, "file of " + s.size() + " bytes is shorter than the "
                    + elfClass.bits() + "-bit ELF header (" + ehSize + " bytes)");
        }
        int w = elfClass.wordSize();
        int machineValue = s.u16(18, "e_machine");
        int osAbiValue = s.u8(7, "e_ident[EI_OSABI]");
        int o = 24;
        long entry = s.word(o, w, "e_entry");
        long phoff = s.word(o + w, w, "e_phoff");
        long shoff = s.word(o + 2L * w, w, "e_shoff");
        int p = o + 3 * w;
        ElfHeader header = new ElfHeader(elfClass, data, s.u8(6, "e_ident[EI_VERSION]"),
                OsAbi.of(osAbiValue, machineValue), s.u8(8, "e_ident[EI_ABIVERSION]"),
                ElfType.of(s.u16(16, "e_type")), ElfMachine.of(machineValue), s.u32(20, "e_version"),
                entry, phoff, shoff, s.u32(p, "e_flags"), s.u16(p + 4, "e_ehsize"), s.u16(p + 6, "e_phentsize"),
                s.u16(p + 8, "e_phnum"), s.u16(p + 10, "e_shentsize"), s.u16(p + 12, "e_shnum"),
                s.u16(p + 14, "e_shstrndx"), s.bytes(0, ElfField.EI_NIDENT, "e_ident"));

        List<FormatProblem> problems = new ArrayList<>();
        int phnum = header.phnum();
        long shnum = header.shnum();
        long shstrndx = header.shstrndx();
        boolean extended = header.phnum() == ElfHeader.PN_XNUM || header.shnum() == 0
                || header.shstrndx() == ElfHeader.SHN_XINDEX;
        if (extended && shoff != 0) {
            // extended numbering: the real counts live in section header 0
            try {
                checkSectionEntrySize(header);
                long sh0 = shoff;
                long sh0Size = s.word(sh0 + (is64 ? 32 : 20), w, "section header 0");
                long sh0Link = s.u32(sh0 + (is64 ? 40 : 24), "section header 0");
                long sh0Info = s.u32(sh0 + (is64 ? 44 : 28), "section header 0");
                if (header.phnum() == ElfHeader.PN_XNUM && sh0Info != 0) {
                    phnum = (int) Math.min(sh0Info, Integer.MAX_VALUE);
                }
                if (header.shnum() == 0) {
                    shnum = sh0Size;
                }
                if (header.shstrndx() == ElfHeader.SHN_XINDEX) {
                    shstrndx = sh0Link;
                }
            } catch (BinaryFormatException e) {
                problems.add(FormatProblem.of(e));
                if (header.shnum() == 0) {
                    shnum = 0;
                }
            }
        }
        if (shnum > Integer.MAX_VALUE) {
            problems.add(new FormatProblem("section header table", shoff,
                    "section count " + Long.toUnsignedString(shnum) + " from section 0 is impossible"));
            shnum = 0;
        }
        if (shoff == 0) {
            shnum = 0;
        }
        int shstr = shstrndx < shnum ? (int) shstrndx : 0;
        if (shstrndx != 0 && shstrndx >= shnum && shnum > 0) {
            problems.add(new FormatProblem("ELF header", is64 ? 62 : 50,
                    "e_shstrndx " + shstrndx + " is not below the section count " + shnum));
        }
        return new ElfFile(s, header, phnum, (int) shnum, shstr, problems);
    }

    private static void checkSectionEntrySize(ElfHeader header) {
        int need = header.is64() ? 64 : 40;
        if (header.shentsize() < need) {
            throw new BinaryFormatException("ELF header", header.is64() ? 58 : 46,
                    "e_shentsize " + header.shentsize() + " is smaller than a section header (" + need + " bytes)");
        }
    }

    private List<ProgramHeader> readProgramHeaders(List<FormatProblem> problems) {
        int count = programHeaderCount;
        if (count == 0) {
            return List.of();
        }
        boolean is64 = header.is64();
        int need = is64 ? 56 : 32;
        if (header.phentsize() < need) {
            problems.add(new FormatProblem("ELF header", is64 ? 54 : 42,
                    "e_phentsize " + header.phentsize() + " is smaller than a program header (" + need + " bytes)"));
            return List.of();
        }
        if (header.phentsize() != need) {
            // LLVM ELFFile::program_headers: "invalid e_phentsize" (an error there); readelf warns that it is
            // larger than a program header and walks the table with the standard size, which is what is done
            // here: a stride of 57 would read every header after the first from the wrong bytes
            problems.add(new FormatProblem("ELF header", is64 ? 54 : 42,
                    "e_phentsize " + header.phentsize() + " is not the size of a program header (" + need
                            + " bytes); read with " + need + " as readelf does"));
        }
        long off = header.phoff();
        try {
            // LLVM ELFFile::program_headers: "program headers are longer than binary of size ..."
            src.checkTable(off, count, need, "program header table");
        } catch (BinaryFormatException e) {
            problems.add(FormatProblem.of(e));
            return List.of();
        }
        int machine = (int) header.machine().value();
        int osAbi = (int) header.osAbi().value();
        List<ProgramHeader> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long b = off + (long) i * need;
            String what = "program header " + i;
            long type = src.u32(b, what);
            ProgramHeader ph;
            if (is64) {
                ph = new ProgramHeader(i, SegmentType.of(type, machine, osAbi), src.u32(b + 4, what),
                        src.u64(b + 8, what), src.u64(b + 16, what), src.u64(b + 24, what), src.u64(b + 32, what),
                        src.u64(b + 40, what), src.u64(b + 48, what));
            } else {
                ph = new ProgramHeader(i, SegmentType.of(type, machine, osAbi), src.u32(b + 24, what),
                        src.u32(b + 4, what), src.u32(b + 8, what), src.u32(b + 12, what), src.u32(b + 16, what),
                        src.u32(b + 20, what), src.u32(b + 28, what));
            }
            out.add(ph);
            checkSegmentInFile(ph, b, problems);
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * LLVM ELFFile::notes: "PT_NOTE header with offset 0x.. and size 0x.. goes past the end of the file"
     * (an error); readelf: "the dynamic segment offset + size exceeds the size of the file" (a warning).
     * Only the segments whose bytes are read as tables are checked: a PT_LOAD's bytes past the end are the
     * kernel's business (it maps them and faults on access), and separate debug files keep p_filesz 0.
     */
    private void checkSegmentInFile(ProgramHeader ph, long headerOffset, List<FormatProblem> problems) {
        if (!ph.type().is(SegmentType.NOTE) && !ph.type().is(SegmentType.DYNAMIC) || ph.filesz() == 0) {
            return;
        }
        long end = ph.offset() + ph.filesz();
        if (Long.compareUnsigned(end, ph.offset()) < 0 || Long.compareUnsigned(end, src.size()) > 0) {
            problems.add(new FormatProblem("program header " + ph.index(), headerOffset,
                    ph.type().name() + " segment at offset 0x" + Long.toHexString(ph.offset()) + " of 0x"
                            + Long.toHexString(ph.filesz()) + " bytes goes past the end of the file (size 0x"
                            + Long.toHexString(src.size()) + ")"));
        }
    }

    private Optional<String> readInterpreter(List<FormatProblem> problems) {
        for (ProgramHeader ph : programHeaders) {
            if (!ph.type().is(SegmentType.INTERP)) {
                continue;
            }
            // the kernel uses the first PT_INTERP only
            if (ph.filesz() == 0) {
                // separate debug files keep the program headers but none of the segments' bytes
                return Optional.empty();
            }
            try {
                if (ph.filesz() < 0 || ph.filesz() > 65536) {
                    throw new BinaryFormatException("PT_INTERP", ph.offset(),
                            "interpreter path of " + Long.toUnsignedString(ph.filesz()) + " bytes");
                }
                src.check(ph.offset(), ph.filesz(), "PT_INTERP");
                long end = ph.offset() + ph.filesz();
                for (long i = ph.offset(); i < end; i++) {
                    if (src.u8(i, "PT_INTERP") == 0) {
                        return Optional.of(src.cString(ph.offset(), end, "PT_INTERP"));
                    }
                }
                problems.add(new FormatProblem("PT_INTERP", ph.offset(),
                        "interpreter path is not NUL-terminated within its " + ph.filesz() + " bytes"));
                return Optional.of(dev.execray.binary.RawText.decode(src.bytes(ph.offset(), (int) ph.filesz(),
                        "PT_INTERP")));
            } catch (BinaryFormatException e) {
                problems.add(FormatProblem.of(e));
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    public ElfHeader header() {
        return header;
    }

    public ElfClass elfClass() {
        return header.elfClass();
    }

    /** The number of program headers, taken from section 0 when e_phnum is PN_XNUM. */
    public int programHeaderCount() {
        return programHeaderCount;
    }

    /** The number of section headers, taken from section 0 when e_shnum is 0. */
    public int sectionCount() {
        return sectionCount;
    }

    /** Index of the section-name string table, taken from section 0 when e_shstrndx is SHN_XINDEX. */
    public int sectionNameTableIndex() {
        return sectionNameTableIndex;
    }

    public List<ProgramHeader> programHeaders() {
        return programHeaders;
    }

    /** The path in the first PT_INTERP segment: the program interpreter the kernel loads. */
    public Optional<String> interpreter() {
        return interpreter;
    }

    /** Problems met reading the file header, program headers and PT_INTERP. */
    public List<FormatProblem> headerProblems() {
        return headerProblems;
    }

    // ---- sections

    /** All section headers with their names; empty when the file has none or the table is unreadable. */
    public List<SectionHeader> sectionHeaders() {
        return sectionHeaders.get(this, ElfFile::readSectionHeaders).entries();
    }

    /** Problems met reading the section headers and their names. */
    public List<FormatProblem> sectionProblems() {
        return sectionHeaders.get(this, ElfFile::readSectionHeaders).problems();
    }

    private PartialList<SectionHeader> readSectionHeaders() {
        List<FormatProblem> problems = new ArrayList<>();
        List<SectionHeader> headers = SectionReader.read(this, problems);
        return new PartialList<>(headers, problems);
    }

    public Optional<SectionHeader> sectionHeader(String name) {
        for (SectionHeader sh : sectionHeaders()) {
            if (sh.name().equals(name)) {
                return Optional.of(sh);
            }
        }
        return Optional.empty();
    }

    public Optional<SectionHeader> sectionHeader(int index) {
        List<SectionHeader> all = sectionHeaders();
        return index >= 0 && index < all.size() ? Optional.of(all.get(index)) : Optional.empty();
    }

    /** True when the file has no .symtab: its local symbols have been removed. */
    public boolean isStripped() {
        for (SectionHeader sh : sectionHeaders()) {
            if (sh.type().is(SectionType.SYMTAB)) {
                return false;
            }
        }
        return true;
    }

    /** The contents of a section, inflated when it is SHF_COMPRESSED with zlib. */
    public byte[] sectionData(SectionHeader section, long limit) {
        return SectionData.read(this, section, limit);
    }

    /** The compression header of an SHF_COMPRESSED section. */
    public Optional<CompressionHeader> compressionHeader(SectionHeader section) {
        return SectionData.compressionHeader(this, section);
    }

    // ---- dynamic section, symbols, versions

    /** The dynamic section, found through PT_DYNAMIC; {@link DynamicSection#present()} is false in static files. */
    public DynamicSection dynamic() {
        return dynamic.get(this, DynamicSection::read);
    }

    /** True for a position-independent executable: ET_DYN with DF_1_PIE, which is how readelf tells it. */
    public boolean isPie() {
        return header.type().is(ElfType.DYN) && (dynamic().flags1() & DynamicFlags.DF_1_PIE) != 0;
    }

    /** How the file is linked: static, static-pie, dynamic (through PT_INTERP or as a shared object), or not at all. */
    public Linking linking() {
        if (!header.type().is(ElfType.EXEC) && !header.type().is(ElfType.DYN)) {
            return Linking.NONE;
        }
        if (interpreter.isPresent()) {
            return Linking.DYNAMIC;
        }
        if (dynamic().present()) {
            return isPie() ? Linking.STATIC_PIE : Linking.DYNAMIC;
        }
        return Linking.STATIC;
    }

    /** readelf's name for the file type, telling PIEs from shared objects. */
    public String typeName() {
        return isPie() ? ElfType.PIE_NAME : header.type().name();
    }

    /** Symbol versioning: needs, definitions and the versym table. */
    public SymbolVersions versions() {
        return versions.get(this, ElfFile::readVersions);
    }

    private SymbolVersions readVersions() {
        return SymbolVersions.read(this, dynamic());
    }

    public List<VersionNeed> versionNeeds() {
        return versions().needs();
    }

    public List<VersionDefinition> versionDefinitions() {
        return versions().definitions();
    }

    /** The .symtab symbol table; empty in stripped files. */
    public SymbolTable symbolTable() {
        return symbolTable.get(this, ElfFile::readSymbolTable);
    }

    private SymbolTable readSymbolTable() {
        for (SectionHeader sh : sectionHeaders()) {
            if (sh.type().is(SectionType.SYMTAB)) {
                return SymbolReader.fromSection(this, sh, Optional.empty());
            }
        }
        return SymbolTable.EMPTY;
    }

    public List<Symbol> symbols() {
        return symbolTable().symbols();
    }

    /**
     * The dynamic symbols with their versions: from .dynsym, or when the section headers do not name
     * one, from DT_SYMTAB with the count taken from DT_HASH or DT_GNU_HASH.
     */
    public SymbolTable dynamicSymbolTable() {
        return dynamicSymbolTable.get(this, ElfFile::readDynamicSymbolTable);
    }

    private SymbolTable readDynamicSymbolTable() {
        Optional<SymbolVersions> v = Optional.of(versions());
        for (SectionHeader sh : sectionHeaders()) {
            if (sh.type().is(SectionType.DYNSYM)) {
                return SymbolReader.fromSection(this, sh, v);
            }
        }
        return SymbolReader.fromDynamic(this, dynamic(), v);
    }

    /** The DT_SYMINFO table (Solaris direct-binding information per dynamic symbol), when the file has one. */
    public SymbolInfoTable symbolInfo() {
        return symbolInfo.get(this, ElfFile::readSymbolInfo);
    }

    private SymbolInfoTable readSymbolInfo() {
        return SymbolInfoTable.read(this, dynamic());
    }

    public List<Symbol> dynamicSymbols() {
        return dynamicSymbolTable().symbols();
    }

    SymbolKinds symbolKinds() {
        return symbolKinds.get(this, ElfFile::newSymbolKinds);
    }

    private SymbolKinds newSymbolKinds() {
        return new SymbolKinds(machineValue(), osAbiValue());
    }

    // ---- notes

    /** Notes grouped by the section (or, without note sections, the segment) holding them. */
    public List<NoteGroup> noteGroups() {
        return noteGroups.get(this, ElfFile::readNoteGroups).entries();
    }

    private PartialList<NoteGroup> readNoteGroups() {
        List<FormatProblem> problems = new ArrayList<>();
        List<NoteGroup> groups = NoteReader.read(this, problems);
        return new PartialList<>(groups, problems);
    }

    public List<Note> notes() {
        List<Note> out = new ArrayList<>();
        for (NoteGroup g : noteGroups()) {
            out.addAll(g.notes());
        }
        return out;
    }

    public List<FormatProblem> noteProblems() {
        return noteGroups.get(this, ElfFile::readNoteGroups).problems();
    }

    /** The GNU build ID, as lower-case hex. */
    public Optional<String> buildId() {
        for (Note n : notes()) {
            if (n.content() instanceof NoteContent.BuildId b) {
                return Optional.of(b.hex());
            }
        }
        return Optional.empty();
    }

    /** The Go toolchain's build ID, when the file is a Go binary that kept its note. */
    public Optional<String> goBuildId() {
        for (Note n : notes()) {
            if (n.content() instanceof NoteContent.GoBuildId b) {
                return Optional.of(b.id());
            }
        }
        return Optional.empty();
    }

    /** The .note.ABI-tag: the OS and minimum kernel version. */
    public Optional<NoteContent.AbiTag> abiTag() {
        for (Note n : notes()) {
            if (n.content() instanceof NoteContent.AbiTag t) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** The properties of the NT_GNU_PROPERTY_TYPE_0 note(s). */
    public List<GnuProperty> gnuProperties() {
        List<GnuProperty> out = new ArrayList<>();
        for (Note n : notes()) {
            if (n.content() instanceof NoteContent.GnuProperties p) {
                out.addAll(p.properties());
            }
        }
        return out;
    }

    /** The PT_GNU_STACK segment, whose PF_X flag asks for an executable stack. */
    public Optional<ProgramHeader> gnuStack() {
        for (ProgramHeader ph : programHeaders) {
            if (ph.type().is(SegmentType.GNU_STACK)) {
                return Optional.of(ph);
            }
        }
        return Optional.empty();
    }

    /** Every problem met so far and in reading each view (this reads all views). */
    public List<FormatProblem> problems() {
        List<FormatProblem> out = new ArrayList<>(headerProblems);
        out.addAll(sectionProblems());
        out.addAll(dynamic().problems());
        out.addAll(versions().problems());
        out.addAll(symbolTable().problems());
        out.addAll(dynamicSymbolTable().problems());
        out.addAll(symbolInfo().problems());
        out.addAll(noteProblems());
        return out;
    }

    // ---- ExecutableImage

    @Override
    public ByteSource source() {
        return src;
    }

    @Override
    public ByteOrder byteOrder() {
        return header.data().order();
    }

    @Override
    public int pointerSize() {
        return wordSize;
    }

    @Override
    public List<ImageSection> sections() {
        return imageSections.get(this, ElfFile::readImageSections);
    }

    private List<ImageSection> readImageSections() {
        List<ImageSection> out = new ArrayList<>();
        for (SectionHeader sh : sectionHeaders()) {
            if (sh.index() == 0 && sh.type().is(SectionType.NULL)) {
                continue;
            }
            out.add(new ImageSection(sh.name(), sh.addr(), sh.size(), sh.offset(),
                    sh.hasFileBytes() ? sh.size() : 0));
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * Maps a virtual address to its file offset through the PT_LOAD segments, as the kernel maps
     * them; a file without program headers (a relocatable object) is mapped through its allocated
     * sections instead.
     */
    @Override
    public Optional<Long> fileOffsetOf(long address) {
        boolean anyLoad = false;
        for (ProgramHeader ph : programHeaders) {
            if (ph.isLoad()) {
                anyLoad = true;
                if (ph.holdsInFile(address)) {
                    return Optional.of(ph.offset() + (address - ph.vaddr()));
                }
            }
        }
        if (!anyLoad) {
            for (SectionHeader sh : sectionHeaders()) {
                if (sh.isAlloc() && sh.hasFileBytes() && Long.compareUnsigned(address, sh.addr()) >= 0
                        && Long.compareUnsigned(address - sh.addr(), sh.size()) < 0) {
                    return Optional.of(sh.offset() + (address - sh.addr()));
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public FileFormat format() {
        return FileFormat.ELF;
    }

    /** The PT_LOAD segments, in program-header order. */
    @Override
    public List<ImageSegment> loadSegments() {
        List<ImageSegment> out = new ArrayList<>();
        for (ProgramHeader ph : programHeaders) {
            if (ph.isLoad()) {
                out.add(new ImageSegment("LOAD", ph.vaddr(), ph.memsz(), ph.offset(), ph.filesz(), ph.readable(),
                        ph.writable(), ph.executable(), ph.flags()));
            }
        }
        return out;
    }

    /** The machine in short words ("x86-64", "AArch64", "i386"); readelf's name for the others. */
    @Override
    public String machine() {
        return header.machine().known().map(m -> switch (m) {
            case EM_386 -> "i386";
            case MIPS -> "MIPS";
            case PPC -> "PowerPC";
            case PPC64 -> "PowerPC64";
            case S390 -> "S/390";
            case ARM -> "ARM";
            case X86_64 -> "x86-64";
            case AARCH64 -> "AArch64";
            case RISCV -> "RISC-V";
            case LOONGARCH -> "LoongArch";
            default -> header.machine().name();
        }).orElse(header.machine().name());
    }

    /** ET_DYN: loaded at an address of the kernel's choosing (PIEs, shared objects, static-pie). */
    @Override
    public boolean positionIndependent() {
        return header.type().is(ElfType.DYN);
    }

    @Override
    public List<String> neededLibraries() {
        return dynamic().needed();
    }

    /** The value of the first defined symbol named {@code name}, from .symtab, else .dynsym. */
    @Override
    public Optional<Long> symbolAddress(String name) {
        for (List<Symbol> table : List.of(symbols(), dynamicSymbols())) {
            for (Symbol sym : table) {
                if (sym.isDefined() && sym.name().equals(name)) {
                    return Optional.of(sym.value());
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public boolean hasSymbolTable() {
        return !isStripped();
    }

    /** The file offset of {@code length} bytes at {@code address}, when one PT_LOAD holds them all in the file. */
    Optional<Long> fileOffsetOf(long address, long length) {
        for (ProgramHeader ph : programHeaders) {
            if (ph.isLoad() && ph.holdsInFile(address)
                    && Long.compareUnsigned(length, ph.filesz() - (address - ph.vaddr())) <= 0) {
                return Optional.of(ph.offset() + (address - ph.vaddr()));
            }
        }
        return Optional.empty();
    }

    int wordSize() {
        return wordSize;
    }

    int machineValue() {
        return (int) header.machine().value();
    }

    int osAbiValue() {
        return (int) header.osAbi().value();
    }

    @Override
    public String toString() {
        return header.toString();
    }
}

package dev.execray.binary.xcoff;

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
import java.util.List;
import java.util.Optional;

/**
 * An XCOFF file (AIX): XCOFF32 (magic 0x01DF) or XCOFF64 (0x01F7), always big-endian. The file header,
 * auxiliary header and section headers are read eagerly; the symbol table and the loader section on first
 * use, each as far as it is sound (a broken table is recorded as a {@link FormatProblem}, the rest still
 * answers). Layouts follow AIX's &lt;xcoff.h&gt; and Go's internal/xcoff, which reads the same files.
 */
public final class XcoffFile implements ExecutableImage {
    /** More sections than any linker writes; f_nscns is 16 bits anyway. */
    public static final int MAX_SECTIONS = 4096;
    /** Symbol and loader-symbol counts are checked against the bytes too; this bounds the objects made. */
    public static final int MAX_SYMBOLS = 2_000_000;
    public static final int MAX_IMPORT_FILES = 65_536;
    private static final int SYMESZ = 18;

    private final ByteSource src;
    private final XcoffHeader header;
    private final Optional<XcoffAuxHeader> aux;
    private final List<XcoffSection> xsections;
    private final Lazy<PartialList<XcoffSymbol>> symbols = new Lazy<>();
    private final Lazy<LoaderRead> loader = new Lazy<>();

    /** The loader section as read: absent, whole, partial (its symbols' problem), or unreadable (its problem). */
    private record LoaderRead(Optional<LoaderSection> section, List<FormatProblem> problems) {
    }

    private XcoffFile(ByteSource src, XcoffHeader header, Optional<XcoffAuxHeader> aux, List<XcoffSection> sections) {
        this.src = src;
        this.header = header;
        this.aux = aux;
        this.xsections = sections;
    }

    public static XcoffFile read(ByteSource raw) {
        ByteSource s = raw.withOrder(ByteOrder.BIG_ENDIAN);
        int magic = s.u16(0, "XCOFF file header");
        XcoffHeader h;
        if (magic == XcoffHeader.MAGIC_64) {
            s.check(0, 24, "XCOFF64 file header");
            h = new XcoffHeader(magic, s.u16(2, "f_nscns"), s.u32(4, "f_timdat"), s.u64(8, "f_symptr"),
                    s.u16(16, "f_opthdr"), s.u16(18, "f_flags"), s.u32(20, "f_nsyms"));
        } else if (magic == XcoffHeader.MAGIC_32) {
            s.check(0, 20, "XCOFF32 file header");
            h = new XcoffHeader(magic, s.u16(2, "f_nscns"), s.u32(4, "f_timdat"), s.u32(8, "f_symptr"),
                    s.u16(16, "f_opthdr"), s.u16(18, "f_flags"), s.u32(12, "f_nsyms"));
        } else {
            throw new BinaryFormatException("XCOFF file header", 0, String.format("magic 0x%04x is neither 0x01df"
                    + " (XCOFF32) nor 0x01f7 (XCOFF64)", magic));
        }
        long auxOff = h.size();
        s.check(auxOff, h.opthdr(), "auxiliary header");
        Optional<XcoffAuxHeader> aux = Optional.empty();
        int need = h.is64() ? XcoffAuxHeader.SIZE_64 : XcoffAuxHeader.SIZE_32;
        // object files carry no (or a short) auxiliary header: only a full one is read
        if (h.opthdr() >= need) {
            aux = Optional.of(h.is64() ? aux64(s, auxOff) : aux32(s, auxOff));
        }
        long secOff = auxOff + h.opthdr();
        int entry = h.is64() ? 72 : 40;
        if (h.nscns() > MAX_SECTIONS) {
            throw new BinaryFormatException("section headers", secOff, h.nscns() + " sections is more than "
                    + MAX_SECTIONS);
        }
        int n = s.checkTable(secOff, h.nscns(), entry, "section headers");
        List<XcoffSection> secs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long o = secOff + (long) entry * i;
            String name = s.fixedString(o, 8, "s_name");
            if (h.is64()) {
                secs.add(new XcoffSection(name, s.u64(o + 8, "s_paddr"), s.u64(o + 16, "s_vaddr"),
                        s.u64(o + 24, "s_size"), s.u64(o + 32, "s_scnptr"), s.u64(o + 40, "s_relptr"),
                        s.u64(o + 48, "s_lnnoptr"), s.u32(o + 56, "s_nreloc"), s.u32(o + 60, "s_nlnno"),
                        s.u32(o + 64, "s_flags")));
            } else {
                secs.add(new XcoffSection(name, s.u32(o + 8, "s_paddr"), s.u32(o + 12, "s_vaddr"),
                        s.u32(o + 16, "s_size"), s.u32(o + 20, "s_scnptr"), s.u32(o + 24, "s_relptr"),
                        s.u32(o + 28, "s_lnnoptr"), s.u16(o + 32, "s_nreloc"), s.u16(o + 34, "s_nlnno"),
                        s.u32(o + 36, "s_flags")));
            }
        }
        return new XcoffFile(s, h, aux, List.copyOf(secs));
    }

    private static XcoffAuxHeader aux64(ByteSource s, long o) {
        return new XcoffAuxHeader(s.u16(o, "o_mflag"), s.u16(o + 2, "o_vstamp"), s.u64(o + 8, "o_text_start"),
                s.u64(o + 16, "o_data_start"), s.u64(o + 24, "o_toc"), s.u16(o + 32, "o_snentry"),
                s.u16(o + 34, "o_sntext"), s.u16(o + 36, "o_sndata"), s.u16(o + 38, "o_sntoc"),
                s.u16(o + 40, "o_snloader"), s.u16(o + 42, "o_snbss"), s.u16(o + 44, "o_algntext"),
                s.u16(o + 46, "o_algndata"), s.fixedString(o + 48, 2, "o_modtype"), s.u8(o + 50, "o_cpuflag"),
                s.u8(o + 51, "o_cputype"), s.u64(o + 56, "o_tsize"), s.u64(o + 64, "o_dsize"),
                s.u64(o + 72, "o_bsize"), s.u64(o + 80, "o_entry"), s.u64(o + 88, "o_maxstack"),
                s.u64(o + 96, "o_maxdata"));
    }

    private static XcoffAuxHeader aux32(ByteSource s, long o) {
        return new XcoffAuxHeader(s.u16(o, "o_mflag"), s.u16(o + 2, "o_vstamp"), s.u32(o + 20, "o_text_start"),
                s.u32(o + 24, "o_data_start"), s.u32(o + 28, "o_toc"), s.u16(o + 32, "o_snentry"),
                s.u16(o + 34, "o_sntext"), s.u16(o + 36, "o_sndata"), s.u16(o + 38, "o_sntoc"),
                s.u16(o + 40, "o_snloader"), s.u16(o + 42, "o_snbss"), s.u16(o + 44, "o_algntext"),
                s.u16(o + 46, "o_algndata"), s.fixedString(o + 48, 2, "o_modtype"), s.u8(o + 50, "o_cpuflag"),
                s.u8(o + 51, "o_cputype"), s.u32(o + 4, "o_tsize"), s.u32(o + 8, "o_dsize"),
                s.u32(o + 12, "o_bsize"), s.u32(o + 16, "o_entry"), s.u32(o + 52, "o_maxstack"),
                s.u32(o + 56, "o_maxdata"));
    }

    public XcoffHeader header() {
        return header;
    }

    public Optional<XcoffAuxHeader> auxHeader() {
        return aux;
    }

    public List<XcoffSection> xcoffSections() {
        return xsections;
    }

    /** Problems met reading the lazily read tables (this reads them): the loader section's, then the symbol table's. */
    public List<FormatProblem> problems() {
        List<FormatProblem> out = new ArrayList<>(loader.get(this, XcoffFile::readLoaderRead).problems());
        out.addAll(symbols().problems());
        return List.copyOf(out);
    }

    /** The first section of a type (STYP_TEXT, STYP_DATA, STYP_LOADER ...), as Go's SectionByType. */
    public Optional<XcoffSection> sectionByType(XcoffSectionType t) {
        return xsections.stream().filter(s -> s.type() == t.value()).findFirst();
    }

    /** The symbol table with auxiliary entries skipped; names of XCOFF64 and long XCOFF32 names from the string table. */
    public PartialList<XcoffSymbol> symbols() {
        return symbols.get(this, XcoffFile::readSymbols);
    }

    private PartialList<XcoffSymbol> readSymbols() {
        List<XcoffSymbol> out = new ArrayList<>();
        try {
            if (header.symptr() == 0 || header.nsyms() == 0) {
                return PartialList.complete(out);
            }
            if (header.nsyms() > MAX_SYMBOLS) {
                throw new BinaryFormatException("symbol table", header.symptr(), header.nsyms() + " symbols is more"
                        + " than " + MAX_SYMBOLS);
            }
            int n = src.checkTable(header.symptr(), header.nsyms(), SYMESZ, "symbol table");
            long strtab = header.symptr() + (long) SYMESZ * n;
            long strsize = src.contains(strtab, 4) ? src.u32(strtab, "string table size") : 0;
            if (strsize < 4 || !src.contains(strtab, strsize)) {
                strsize = 0;
            }
            for (int i = 0; i < n; i++) {
                long o = header.symptr() + (long) SYMESZ * i;
                String name;
                long value;
                if (header.is64()) {
                    value = src.u64(o, "n_value");
                    name = stringAt(strtab, strsize, src.u32(o + 8, "n_offset"));
                } else {
                    value = src.u32(o + 8, "n_value");
                    name = src.u32(o, "n_zeroes") == 0 ? stringAt(strtab, strsize, src.u32(o + 4, "n_offset"))
                            : src.fixedString(o, 8, "n_name");
                }
                int numaux = src.u8(o + 17, "n_numaux");
                out.add(new XcoffSymbol(name, value, (short) src.u16(o + 12, "n_scnum"), src.u16(o + 14, "n_type"),
                        src.u8(o + 16, "n_sclass"), numaux));
                i += numaux;
            }
            return PartialList.complete(out);
        } catch (BinaryFormatException e) {
            return PartialList.broken(out, FormatProblem.of(e));
        }
    }

    private String stringAt(long table, long size, long off) {
        if (size == 0 || off < 4 || off >= size) {
            return "";
        }
        return src.cString(table + off, table + size, "string table");
    }

    /** The loader section, when the file has one (executables and shared objects do). */
    public Optional<LoaderSection> loader() {
        return loader.get(this, XcoffFile::readLoaderRead).section();
    }

    private LoaderRead readLoaderRead() {
        Optional<XcoffSection> ls = sectionByType(XcoffSectionType.LOADER);
        if (ls.isEmpty() || ls.get().scnptr() == 0) {
            return new LoaderRead(Optional.empty(), List.of());
        }
        try {
            LoaderSection section = readLoader(ls.get());
            return new LoaderRead(Optional.of(section), section.symbols().problems());
        } catch (BinaryFormatException e) {
            return new LoaderRead(Optional.empty(), List.of(FormatProblem.of(e)));
        }
    }

    private LoaderSection readLoader(XcoffSection sec) {
        long base = sec.scnptr();
        src.check(base, sec.size(), "loader section");
        ByteSource l = src.slice(base, sec.size(), "loader section");
        boolean w = header.is64();
        int version = l.s32(0, "l_version");
        long nsyms = l.u32(4, "l_nsyms");
        long nreloc = l.u32(8, "l_nreloc");
        long istlen = l.u32(12, "l_istlen");
        long nimpid = l.u32(16, "l_nimpid");
        long impoff = w ? l.u64(24, "l_impoff") : l.u32(20, "l_impoff");
        long stlen = w ? l.u32(20, "l_stlen") : l.u32(24, "l_stlen");
        long stoff = w ? l.u64(32, "l_stoff") : l.u32(28, "l_stoff");
        long symoff = w ? l.u64(40, "l_symoff") : 32;
        // import file IDs: "path\0base\0member\0" each; the first is the default library path
        if (nimpid > MAX_IMPORT_FILES) {
            throw new BinaryFormatException("loader import file IDs", base + impoff, nimpid + " import files");
        }
        l.check(impoff, istlen, "loader import file IDs");
        long end = impoff + istlen;
        List<String> fields = new ArrayList<>();
        long p = impoff;
        while (fields.size() < 3 * nimpid && p < end) {
            String f = l.cString(p, end, "import file ID");
            fields.add(f);
            p += dev.execray.binary.RawText.byteLength(f) + 1L;
        }
        String libPath = fields.isEmpty() ? "" : fields.get(0);
        List<LoaderSection.ImportFile> imports = new ArrayList<>();
        for (int i = 1; i < nimpid && 3 * i + 2 < fields.size(); i++) {
            imports.add(new LoaderSection.ImportFile(fields.get(3 * i), fields.get(3 * i + 1), fields.get(3 * i + 2)));
        }
        List<LoaderSection.LoaderSymbol> syms = new ArrayList<>();
        PartialList<LoaderSection.LoaderSymbol> partial;
        try {
            if (nsyms > MAX_SYMBOLS) {
                throw new BinaryFormatException("loader symbols", base + symoff, nsyms + " symbols");
            }
            int n = l.checkTable(symoff, nsyms, 24, "loader symbols");
            boolean stOk = stlen > 0 && l.contains(stoff, stlen);
            for (int i = 0; i < n; i++) {
                long o = symoff + 24L * i;
                String name;
                long value;
                if (w) {
                    value = l.u64(o, "l_value");
                    long off = l.u32(o + 8, "l_offset");
                    name = stOk && off >= 2 && off < stlen ? l.cString(stoff + off, stoff + stlen, "loader string") : "";
                } else {
                    value = l.u32(o + 8, "l_value");
                    if (l.u32(o, "l_zeroes") != 0) {
                        name = l.fixedString(o, 8, "l_name");
                    } else {
                        long off = l.u32(o + 4, "l_offset");
                        name = stOk && off >= 2 && off < stlen ? l.cString(stoff + off, stoff + stlen, "loader string")
                                : "";
                    }
                }
                // the two layouts differ only in the first 12 bytes (name/value order and widths)
                syms.add(new LoaderSection.LoaderSymbol(name, value, (short) l.u16(o + 12, "l_scnum"),
                        l.u8(o + 14, "l_smtype"), l.u8(o + 15, "l_smclas"), l.u32(o + 16, "l_ifile"),
                        l.u32(o + 20, "l_parm")));
            }
            partial = PartialList.complete(syms);
        } catch (BinaryFormatException e) {
            partial = PartialList.broken(syms, new FormatProblem(e.structure(), base + e.offset(), e.detail()));
        }
        return new LoaderSection(version, nsyms, nreloc, libPath, List.copyOf(imports), partial);
    }

    @Override
    public ByteSource source() {
        return src;
    }

    @Override
    public ByteOrder byteOrder() {
        return ByteOrder.BIG_ENDIAN;
    }

    @Override
    public int pointerSize() {
        return header.is64() ? 8 : 4;
    }

    @Override
    public List<ImageSection> sections() {
        List<ImageSection> out = new ArrayList<>();
        for (XcoffSection s : xsections) {
            out.add(new ImageSection(s.name(), s.vaddr(), s.size(), s.scnptr(), s.hasFileBytes() ? s.size() : 0));
        }
        return out;
    }

    @Override
    public FileFormat format() {
        return FileFormat.XCOFF;
    }

    /** The AIX loader maps text, data and bss; they are the segments (text r-x, data and bss rw-). */
    @Override
    public List<ImageSegment> loadSegments() {
        List<ImageSegment> out = new ArrayList<>();
        for (XcoffSection s : xsections) {
            int t = s.type();
            if (t == XcoffSectionType.TEXT.value()) {
                out.add(new ImageSegment(s.name(), s.vaddr(), s.size(), s.scnptr(), s.size(), true, false, true,
                        s.flags()));
            } else if (t == XcoffSectionType.DATA.value() || t == XcoffSectionType.BSS.value()
                    || t == XcoffSectionType.TDATA.value() || t == XcoffSectionType.TBSS.value()) {
                long fs = s.hasFileBytes() ? s.size() : 0;
                out.add(new ImageSegment(s.name(), s.vaddr(), s.size(), s.scnptr(), fs, true, true, false,
                        s.flags()));
            }
        }
        return out;
    }

    @Override
    public String machine() {
        return header.is64() ? "PowerPC64 (XCOFF64)" : "PowerPC (XCOFF32)";
    }

    @Override
    public List<String> neededLibraries() {
        return loader().map(l -> l.imports().stream().map(LoaderSection.ImportFile::display).toList())
                .orElse(List.of());
    }

    @Override
    public boolean hasSymbolTable() {
        return header.nsyms() > 0 && header.symptr() != 0;
    }

    @Override
    public Optional<Long> symbolAddress(String name) {
        for (XcoffSymbol s : symbols().entries()) {
            if (s.name().equals(name) && s.scnum() > 0) {
                return Optional.of(s.value());
            }
        }
        return Optional.empty();
    }

    @Override
    public Optional<Long> fileOffsetOf(long address) {
        for (XcoffSection s : xsections) {
            if (s.hasFileBytes() && Long.compareUnsigned(address, s.vaddr()) >= 0
                    && Long.compareUnsigned(address - s.vaddr(), s.size()) < 0) {
                long off = s.scnptr() + (address - s.vaddr());
                return src.contains(off, 1) ? Optional.of(off) : Optional.empty();
            }
        }
        return Optional.empty();
    }
}

package dev.execray.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.execray.binary.BinaryFormatException;
import dev.execray.binary.FormatProblem;
import dev.execray.binary.elf.Coded;
import dev.execray.binary.elf.DynamicEntry;
import dev.execray.binary.elf.DynamicSection;
import dev.execray.binary.elf.ElfFile;
import dev.execray.binary.elf.ElfHeader;
import dev.execray.binary.elf.ElfMachine;
import dev.execray.binary.elf.GnuProperty;
import dev.execray.binary.elf.Note;
import dev.execray.binary.elf.NoteContent;
import dev.execray.binary.elf.NoteGroup;
import dev.execray.binary.elf.ProgramHeader;
import dev.execray.binary.elf.SectionHeader;
import dev.execray.binary.elf.Symbol;
import dev.execray.binary.elf.SymbolInfo;
import dev.execray.binary.elf.SymbolInfoTable;
import dev.execray.binary.elf.SymbolTable;
import dev.execray.binary.elf.SymbolVersion;
import dev.execray.binary.elf.SymbolVersions;
import dev.execray.binary.elf.VersionDefinition;
import dev.execray.binary.elf.VersionDefinitionAux;
import dev.execray.binary.elf.VersionNeed;
import dev.execray.binary.elf.VersionNeedAux;
import java.io.IOException;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The ELF object of {@code execray inspect --json} (docs/json-schema.md, section "ELF"), written
 * with Jackson's streaming generator: a file's tables go straight to the output without a tree in
 * between, which keeps thousands of files with large symbol tables fast and small.
 */
public final class ElfJson {

    private ElfJson() {
    }

    /** Writes one file's object: the summary always, the tables the details ask for. */
    public static void write(JsonGenerator g, String path, ElfFile elf, Set<InspectDetail> details) throws IOException {
        ElfHeader h = elf.header();
        g.writeStartObject();
        g.writeStringField("path", path);
        g.writeStringField("format", "elf");
        g.writeNumberField("class", h.elfClass().bits());
        g.writeStringField("data", h.data().jsonName());
        g.writeStringField("osabi", h.osAbi().name());
        g.writeStringField("type", shortName(h.type()));
        g.writeStringField("typeName", elf.typeName());
        g.writeBooleanField("pie", elf.isPie());
        g.writeStringField("machine", h.machine().name());
        g.writeNumberField("machineValue", h.machine().value());
        g.writeFieldName("entry");
        unsigned(g, h.entry());
        g.writeStringField("linking", elf.linking().jsonName());
        optionalString(g, "interpreter", elf.interpreter());
        DynamicSection dyn = elf.dynamic();
        stringArray(g, "needed", dyn.needed());
        optionalString(g, "soname", dyn.soname());
        stringArray(g, "rpath", dyn.rpath());
        stringArray(g, "runpath", dyn.runpath());
        stringArray(g, "dynamicFlags", dyn.flagNames());
        stringArray(g, "dynamicFlags1", dyn.flags1Names());
        g.writeBooleanField("stripped", elf.isStripped());
        optionalString(g, "buildId", elf.buildId());
        optionalString(g, "goBuildId", elf.goBuildId());
        g.writeFieldName("abiTag");
        Optional<NoteContent.AbiTag> abi = elf.abiTag();
        if (abi.isPresent()) {
            g.writeStartObject();
            g.writeStringField("os", abi.get().osName());
            g.writeStringField("version", abi.get().version());
            g.writeEndObject();
        } else {
            g.writeNull();
        }
        g.writeFieldName("stack");
        Optional<ProgramHeader> stack = elf.gnuStack();
        if (stack.isPresent()) {
            g.writeStartObject();
            g.writeBooleanField("executable", stack.get().executable());
            g.writeStringField("flags", stack.get().flagString().trim());
            g.writeEndObject();
        } else {
            g.writeNull();
        }
        properties(g, elf);

        if (details.contains(InspectDetail.FILE_HEADER)) {
            fileHeader(g, elf);
        }
        if (details.contains(InspectDetail.PROGRAM_HEADERS)) {
            programHeaders(g, elf);
        }
        if (details.contains(InspectDetail.SECTION_HEADERS)) {
            sectionHeaders(g, elf);
        }
        if (details.contains(InspectDetail.DYNAMIC)) {
            dynamic(g, elf);
            symbolInfo(g, elf);
        }
        if (details.contains(InspectDetail.SYMBOLS)) {
            symbols(g, "symbols", elf, elf.symbolTable());
        }
        if (details.contains(InspectDetail.SYMBOLS) || details.contains(InspectDetail.DYN_SYMS)) {
            symbols(g, "dynamicSymbols", elf, elf.dynamicSymbolTable());
        }
        if (details.contains(InspectDetail.VERSION_INFO)) {
            versions(g, elf);
        }
        if (details.contains(InspectDetail.NOTES)) {
            notes(g, elf);
        }
        g.writeArrayFieldStart("problems");
        for (FormatProblem e : elf.problems()) {
            problem(g, e);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    static void problem(JsonGenerator g, FormatProblem e) throws IOException {
        g.writeStartObject();
        g.writeStringField("structure", e.structure());
        g.writeNumberField("offset", e.offset());
        g.writeStringField("detail", e.detail());
        g.writeEndObject();
    }

    private static void properties(JsonGenerator g, ElfFile elf) throws IOException {
        boolean x86 = elf.header().machine().is(ElfMachine.X86_64) || elf.header().machine().is(ElfMachine.EM_386)
                || elf.header().machine().is(ElfMachine.IAMCU);
        g.writeArrayFieldStart("gnuProperties");
        for (GnuProperty p : elf.gnuProperties()) {
            g.writeStartObject();
            g.writeNumberField("type", p.type());
            long v = p.u32();
            if (x86 && (p.type() == GnuProperty.X86_ISA_1_NEEDED || p.type() == GnuProperty.X86_ISA_1_USED)) {
                g.writeStringField("name", p.type() == GnuProperty.X86_ISA_1_NEEDED ? "x86 ISA needed" : "x86 ISA used");
                stringArray(g, "values", v < 0 ? List.of() : GnuProperty.x86IsaLevels(v));
            } else if (x86 && p.type() == GnuProperty.X86_FEATURE_1_AND) {
                g.writeStringField("name", "x86 feature");
                stringArray(g, "values", bits(v, "IBT", "SHSTK", "LAM_U48", "LAM_U57"));
            } else if (p.type() == GnuProperty.AARCH64_FEATURE_1_AND && elf.header().machine().is(ElfMachine.AARCH64)) {
                g.writeStringField("name", "AArch64 feature");
                stringArray(g, "values", bits(v, "BTI", "PAC"));
            }
            if (v >= 0) {
                g.writeNumberField("value", v);
            }
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static List<String> bits(long v, String... names) {
        List<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            if (v >= 0 && (v & (1L << i)) != 0) {
                out.add(names[i]);
            }
        }
        return out;
    }

    private static void fileHeader(JsonGenerator g, ElfFile elf) throws IOException {
        ElfHeader h = elf.header();
        g.writeObjectFieldStart("fileHeader");
        g.writeStringField("ident", hex(h.ident()));
        g.writeNumberField("identVersion", h.identVersion());
        g.writeNumberField("osabiValue", h.osAbi().value());
        g.writeNumberField("abiVersion", h.abiVersion());
        g.writeNumberField("typeValue", h.type().value());
        g.writeNumberField("version", h.version());
        g.writeFieldName("entry");
        unsigned(g, h.entry());
        g.writeFieldName("phoff");
        unsigned(g, h.phoff());
        g.writeFieldName("shoff");
        unsigned(g, h.shoff());
        g.writeNumberField("flags", h.flags());
        g.writeStringField("flagsText", ReadelfText.machineFlags(h).replaceFirst("^, ", ""));
        g.writeNumberField("ehsize", h.ehsize());
        g.writeNumberField("phentsize", h.phentsize());
        g.writeNumberField("phnum", h.phnum());
        g.writeNumberField("shentsize", h.shentsize());
        g.writeNumberField("shnum", h.shnum());
        g.writeNumberField("shstrndx", h.shstrndx());
        g.writeNumberField("programHeaderCount", elf.programHeaderCount());
        g.writeNumberField("sectionCount", elf.sectionCount());
        g.writeNumberField("sectionNameTableIndex", elf.sectionNameTableIndex());
        g.writeEndObject();
    }

    private static void programHeaders(JsonGenerator g, ElfFile elf) throws IOException {
        g.writeArrayFieldStart("programHeaders");
        for (ProgramHeader p : elf.programHeaders()) {
            g.writeStartObject();
            coded(g, "type", p.type());
            g.writeStringField("flags", p.flagString().replace(" ", ""));
            g.writeNumberField("flagsValue", p.flags());
            number(g, "offset", p.offset());
            number(g, "vaddr", p.vaddr());
            number(g, "paddr", p.paddr());
            number(g, "filesz", p.filesz());
            number(g, "memsz", p.memsz());
            number(g, "align", p.align());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void sectionHeaders(JsonGenerator g, ElfFile elf) throws IOException {
        g.writeArrayFieldStart("sectionHeaders");
        for (SectionHeader s : elf.sectionHeaders()) {
            g.writeStartObject();
            g.writeNumberField("index", s.index());
            g.writeStringField("name", s.name());
            coded(g, "type", s.type());
            g.writeStringField("flags", ReadelfText.sectionFlags(elf, s.flags()));
            number(g, "flagsValue", s.flags());
            number(g, "addr", s.addr());
            number(g, "offset", s.offset());
            number(g, "size", s.size());
            g.writeNumberField("link", s.link());
            g.writeNumberField("info", s.info());
            number(g, "addralign", s.addralign());
            number(g, "entsize", s.entsize());
            if (s.isCompressed()) {
                g.writeFieldName("compression");
                try {
                    var ch = elf.compressionHeader(s);
                    if (ch.isPresent()) {
                        g.writeStartObject();
                        g.writeStringField("type", ch.get().typeName());
                        number(g, "size", ch.get().size());
                        number(g, "addralign", ch.get().addralign());
                        g.writeEndObject();
                    } else {
                        g.writeNull();
                    }
                } catch (BinaryFormatException e) {
                    g.writeNull();
                }
            }
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void dynamic(JsonGenerator g, ElfFile elf) throws IOException {
        g.writeArrayFieldStart("dynamic");
        for (DynamicEntry e : elf.dynamic().entries()) {
            g.writeStartObject();
            coded(g, "tag", e.tag());
            number(g, "value", e.value());
            if (e.string().isPresent()) {
                g.writeStringField("string", e.string().get());
            }
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void symbolInfo(JsonGenerator g, ElfFile elf) throws IOException {
        SymbolInfoTable t = elf.symbolInfo();
        if (!t.present()) {
            return;
        }
        g.writeArrayFieldStart("symbolInfo");
        for (SymbolInfo si : t.entries()) {
            g.writeStartObject();
            g.writeNumberField("index", si.index());
            g.writeNumberField("boundTo", si.boundTo());
            g.writeNumberField("flags", si.flags());
            stringArray(g, "flagNames", si.flagList().stream().map(Enum::name).toList());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    // symbol tables are most of the output: their field names are encoded once
    private static final SerializedString F_INDEX = new SerializedString("index");
    private static final SerializedString F_NAME = new SerializedString("name");
    private static final SerializedString F_VALUE = new SerializedString("value");
    private static final SerializedString F_SIZE = new SerializedString("size");

    /**
     * The parts of a symbol's JSON that repeat from symbol to symbol (type, binding, visibility and
     * section; the version), encoded once per table and written raw: symbol tables are most of the
     * output, and encoding these per symbol was most of its cost. The chunks start with the comma
     * that separates them from the fields before, which the generator has always written by then.
     */
    private static final class SymbolChunks {
        private final ElfFile elf;
        private final Map<Long, SerializedString> kinds = new HashMap<>();
        private final Map<SymbolVersion, SerializedString> versions = new IdentityHashMap<>();

        SymbolChunks(ElfFile elf) {
            this.elf = elf;
        }

        SerializedString kinds(Symbol s) {
            long key = s.type().value() | s.binding().value() << 4 | s.visibility().value() << 8
                    | s.sectionIndex() << 12;
            SerializedString chunk = kinds.get(key);
            if (chunk == null) {
                chunk = new SerializedString(",\"type\":" + quote(s.type().name()) + ",\"binding\":"
                        + quote(s.binding().name()) + ",\"visibility\":" + quote(s.visibility().name())
                        + ",\"section\":" + quote(ReadelfText.symbolSectionIndex(elf, s)));
                if (kinds.size() < 65536) {
                    kinds.put(key, chunk);
                }
            }
            return chunk;
        }

        SerializedString version(SymbolVersion v) {
            SerializedString chunk = versions.get(v);
            if (chunk == null) {
                StringBuilder b = new StringBuilder(",\"version\":{\"kind\":")
                        .append(quote(v.kind().name().toLowerCase(java.util.Locale.ROOT)));
                if (v.kind() != SymbolVersion.Kind.LOCAL && v.kind() != SymbolVersion.Kind.GLOBAL) {
                    b.append(",\"index\":").append(v.index()).append(",\"name\":").append(quote(v.name()));
                }
                if (v.hidden()) {
                    b.append(",\"hidden\":true");
                }
                if (v.file().isPresent()) {
                    b.append(",\"file\":").append(quote(v.file().get()));
                }
                chunk = new SerializedString(b.append('}').toString());
                versions.put(v, chunk);
            }
            return chunk;
        }

        private static String quote(String s) {
            return '"' + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + '"';
        }
    }

    private static void symbols(JsonGenerator g, String field, ElfFile elf, SymbolTable t) throws IOException {
        SymbolChunks chunks = new SymbolChunks(elf);
        g.writeArrayFieldStart(field);
        for (Symbol s : t.symbols()) {
            g.writeStartObject();
            g.writeFieldName(F_INDEX);
            g.writeNumber(s.index());
            g.writeFieldName(F_NAME);
            g.writeString(s.name());
            g.writeFieldName(F_VALUE);
            unsigned(g, s.value());
            g.writeFieldName(F_SIZE);
            unsigned(g, s.size());
            g.writeRaw(chunks.kinds(s));
            if (s.version().isPresent()) {
                g.writeRaw(chunks.version(s.version().get()));
            }
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void versions(JsonGenerator g, ElfFile elf) throws IOException {
        SymbolVersions vs = elf.versions();
        g.writeArrayFieldStart("versionNeeds");
        for (VersionNeed n : vs.needs()) {
            g.writeStartObject();
            g.writeStringField("file", n.file());
            g.writeNumberField("version", n.version());
            g.writeArrayFieldStart("versions");
            for (VersionNeedAux a : n.versions()) {
                g.writeStartObject();
                g.writeStringField("name", a.name());
                g.writeNumberField("hash", a.hash());
                g.writeNumberField("flags", a.flags());
                g.writeBooleanField("weak", a.weak());
                g.writeNumberField("other", a.other());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("versionDefinitions");
        for (VersionDefinition d : vs.definitions()) {
            g.writeStartObject();
            g.writeStringField("name", d.name());
            g.writeNumberField("index", d.ndx());
            g.writeNumberField("flags", d.flags());
            g.writeBooleanField("base", d.isBase());
            g.writeNumberField("hash", d.hash());
            g.writeArrayFieldStart("parents");
            List<VersionDefinitionAux> aux = d.aux();
            for (int i = 1; i < aux.size(); i++) {
                g.writeString(aux.get(i).name());
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void notes(JsonGenerator g, ElfFile elf) throws IOException {
        g.writeArrayFieldStart("notes");
        for (NoteGroup grp : elf.noteGroups()) {
            for (Note n : grp.notes()) {
                g.writeStartObject();
                if (grp.section().isPresent()) {
                    g.writeStringField("section", grp.section().get().name());
                } else {
                    g.writeNullField("section");
                }
                g.writeStringField("owner", n.name());
                g.writeNumberField("type", n.type());
                g.writeStringField("typeName", n.typeName());
                g.writeNumberField("descSize", n.descSize());
                noteContent(g, n.content());
                g.writeEndObject();
            }
        }
        g.writeEndArray();
    }

    private static void noteContent(JsonGenerator g, NoteContent c) throws IOException {
        if (c instanceof NoteContent.BuildId b) {
            g.writeStringField("buildId", b.hex());
        } else if (c instanceof NoteContent.AbiTag a) {
            g.writeObjectFieldStart("abiTag");
            g.writeStringField("os", a.osName());
            g.writeStringField("version", a.version());
            g.writeEndObject();
        } else if (c instanceof NoteContent.GoBuildId b) {
            g.writeStringField("goBuildId", b.id());
        } else if (c instanceof NoteContent.MappedFiles m) {
            g.writeObjectFieldStart("mappedFiles");
            g.writeNumberField("pageSize", m.pageSize());
            g.writeBooleanField("corrupt", m.corrupt());
            g.writeArrayFieldStart("files");
            for (NoteContent.MappedFile f : m.files()) {
                g.writeStartObject();
                g.writeFieldName("start");
                g.writeNumber(Long.toUnsignedString(f.start()));
                g.writeFieldName("end");
                g.writeNumber(Long.toUnsignedString(f.end()));
                g.writeFieldName("pageOffset");
                g.writeNumber(Long.toUnsignedString(f.pageOffset()));
                g.writeStringField("path", f.path());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } else if (c instanceof NoteContent.GoldVersion v) {
            g.writeStringField("goldVersion", v.version());
        } else if (c instanceof NoteContent.FreeBsdAbiTag f) {
            g.writeNumberField("freebsdVersion", f.osreldate());
        } else if (c instanceof NoteContent.NetBsdIdent n) {
            g.writeNumberField("netbsdVersion", n.version());
        } else if (c instanceof NoteContent.OpenBsdIdent o) {
            g.writeNumberField("openbsdIdent", o.value());
        } else if (c instanceof NoteContent.GnuProperties p) {
            g.writeArrayFieldStart("properties");
            for (GnuProperty prop : p.properties()) {
                g.writeStartObject();
                g.writeNumberField("type", prop.type());
                g.writeStringField("data", hex(prop.data()));
                g.writeEndObject();
            }
            g.writeEndArray();
        }
    }

    private static String shortName(Coded<?> c) {
        return c.known().map(Enum::name).orElse("0x" + Long.toHexString(c.value()));
    }

    private static void coded(JsonGenerator g, String field, Coded<?> c) throws IOException {
        g.writeStringField(field, c.name());
        g.writeNumberField(field + "Value", c.value());
    }

    private static void number(JsonGenerator g, String field, long v) throws IOException {
        g.writeFieldName(field);
        unsigned(g, v);
    }

    /** 64-bit fields are unsigned: values above 2^63 are written exactly, not negative. */
    static void unsigned(JsonGenerator g, long v) throws IOException {
        if (v >= 0) {
            g.writeNumber(v);
        } else {
            g.writeNumber(new BigInteger(Long.toUnsignedString(v)));
        }
    }

    private static void optionalString(JsonGenerator g, String field, Optional<String> v) throws IOException {
        if (v.isPresent()) {
            g.writeStringField(field, v.get());
        } else {
            g.writeNullField(field);
        }
    }

    private static void stringArray(JsonGenerator g, String field, List<String> values) throws IOException {
        g.writeArrayFieldStart(field);
        for (String s : values) {
            g.writeString(s);
        }
        g.writeEndArray();
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private static String hex(byte[] d) {
        char[] c = new char[d.length * 2];
        for (int i = 0; i < d.length; i++) {
            c[2 * i] = HEX[(d[i] >> 4) & 0xf];
            c[2 * i + 1] = HEX[d[i] & 0xf];
        }
        return new String(c);
    }
}

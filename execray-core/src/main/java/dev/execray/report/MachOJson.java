package dev.execray.report;

import static dev.execray.report.JsonValues.NODES;
import static dev.execray.report.JsonValues.unsigned;

import dev.execray.binary.BinaryFile;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.execray.binary.FormatProblem;
import dev.execray.binary.PartialList;
import dev.execray.binary.SpecFlag;
import dev.execray.binary.macho.FatArch;
import dev.execray.binary.macho.FatMachOFile;
import dev.execray.binary.macho.LoadCommand;
import dev.execray.binary.macho.MachArch;
import dev.execray.binary.macho.MachFlag;
import dev.execray.binary.macho.MachHeader;
import dev.execray.binary.macho.MachOFile;
import dev.execray.binary.macho.MachSection;
import dev.execray.binary.macho.MachSymbol;
import dev.execray.binary.macho.MachVersion;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code "macho"} and {@code "fat"} objects of {@code execray inspect --json}
 * (docs/json-schema.md). Load commands are written with loader.h's field names; the symbol table,
 * which can hold tens of thousands of entries, only when asked for.
 */
public final class MachOJson {
    private MachOJson() {
    }

    public static ObjectNode document(String path, MachOFile m, boolean withSymbols) {
        ObjectNode o = NODES.objectNode();
        o.put("path", path);
        o.put("format", "macho");
        o.set("macho", macho(m, withSymbols));
        return o;
    }

    public static ObjectNode fatDocument(String path, FatMachOFile fat, boolean withSymbols) {
        ObjectNode o = NODES.objectNode();
        o.put("path", path);
        o.put("format", "fat");
        o.set("fat", fat(fat, withSymbols));
        return o;
    }

    public static ObjectNode fat(FatMachOFile fat, boolean withSymbols) {
        ObjectNode o = NODES.objectNode();
        o.put("magic", fat.is64BitHeader() ? "FAT_MAGIC_64" : "FAT_MAGIC");
        ArrayNode slices = NODES.arrayNode();
        for (FatMachOFile.Slice s : fat.slices()) {
            FatArch a = s.arch();
            ObjectNode e = NODES.objectNode();
            e.put("arch", a.arch());
            e.put("cputype", a.cputype());
            e.put("cpusubtype", Integer.toUnsignedLong(a.cpusubtype()));
            e.set("offset", unsigned(a.offset()));
            e.set("size", unsigned(a.size()));
            e.put("align", a.align());
            e.set("macho", s.file().map(f -> (JsonNode) macho(f, withSymbols)).orElse(NODES.nullNode()));
            e.set("problem", s.problem().map(p -> (JsonNode) JsonValues.problem(p)).orElse(NODES.nullNode()));
            // a universal archive's slice (lipo of .a files): the archive and its members, offsets in the file
            e.set("archive", s.archive().map(ar -> {
                ObjectNode n = ArchiveReport.json("", new BinaryFile.Fat(fat).archiveSlice(ar));
                n.remove("path");
                return (JsonNode) n;
            }).orElse(NODES.nullNode()));
            slices.add(e);
        }
        o.set("slices", slices);
        o.set("problems", JsonValues.problems(fat.problems()));
        return o;
    }

    public static ObjectNode macho(MachOFile m, boolean withSymbols) {
        MachHeader h = m.header();
        List<FormatProblem> problems = new ArrayList<>(m.problems());
        ObjectNode o = NODES.objectNode();
        o.put("bits", h.is64() ? 64 : 32);
        o.put("byteOrder", m.byteOrder() == java.nio.ByteOrder.BIG_ENDIAN ? "big" : "little");
        o.put("arch", h.arch());
        o.put("cputype", h.cputype());
        o.put("cpusubtype", Integer.toUnsignedLong(h.cpusubtype()));
        o.put("capabilities", MachArch.capabilities(h.cputype(), h.cpusubtype()));
        ObjectNode ft = NODES.objectNode();
        ft.put("value", h.filetype());
        ft.put("name", h.fileTypeName());
        o.set("filetype", ft);
        o.set("flags", JsonValues.flags(h.flags(), SpecFlag.names(MachFlag.values(), h.flags())));
        o.put("ncmds", h.ncmds());
        o.put("sizeofcmds", h.sizeofcmds());
        o.set("minimumOs", m.minimumOs().map(os -> {
            ObjectNode n = NODES.objectNode();
            n.put("platform", os.platform());
            n.put("version", os.versionText());
            n.put("sdk", os.sdkText());
            n.put("from", os.from().specName());
            return (JsonNode) n;
        }).orElse(NODES.nullNode()));
        o.set("entry", m.command(LoadCommand.EntryPoint.class).map(e -> {
            ObjectNode n = NODES.objectNode();
            n.set("entryoff", unsigned(e.entryoff()));
            n.set("stacksize", unsigned(e.stacksize()));
            return (JsonNode) n;
        }).orElse(NODES.nullNode()));
        o.set("dylinker", m.command(LoadCommand.Dylinker.class).map(d -> (JsonNode) NODES.textNode(d.name()))
                .orElse(NODES.nullNode()));
        o.set("installName", m.installName().map(d -> (JsonNode) dylib(d)).orElse(NODES.nullNode()));
        ArrayNode dylibs = NODES.arrayNode();
        m.dylibs().forEach(d -> dylibs.add(dylib(d)));
        o.set("dylibs", dylibs);
        o.set("rpaths", JsonValues.strings(m.rpaths()));
        o.set("uuid", m.uuid().map(u -> (JsonNode) NODES.textNode(u)).orElse(NODES.nullNode()));
        o.set("codeSignature", m.codeSignature().map(c -> {
            ObjectNode n = NODES.objectNode();
            n.put("dataoff", c.dataoff());
            n.put("datasize", c.datasize());
            return (JsonNode) n;
        }).orElse(NODES.nullNode()));
        o.put("encrypted", m.isEncrypted());
        ArrayNode segments = NODES.arrayNode();
        m.segments().forEach(s -> segments.add(segment(s)));
        o.set("segments", segments);
        ArrayNode commands = NODES.arrayNode();
        m.loadCommands().forEach(c -> commands.add(loadCommand(c)));
        o.set("loadCommands", commands);
        PartialList<MachSymbol> symbols = m.symbols();
        problems.addAll(symbols.problems());
        Optional<LoadCommand.Symtab> symtab = m.command(LoadCommand.Symtab.class);
        if (symtab.isPresent()) {
            ObjectNode st = NODES.objectNode();
            st.put("nsyms", symtab.get().nsyms());
            st.put("undefined", symbols.entries().stream().filter(MachSymbol::isUndefined).count());
            st.put("stabs", symbols.entries().stream().filter(MachSymbol::isStab).count());
            o.set("symtab", st);
        } else {
            o.set("symtab", NODES.nullNode());
        }
        if (withSymbols) {
            ArrayNode syms = NODES.arrayNode();
            symbols.entries().forEach(s -> syms.add(symbol(s)));
            o.set("symbols", syms);
        }
        o.set("problems", JsonValues.problems(problems));
        return o;
    }

    private static ObjectNode dylib(LoadCommand.Dylib d) {
        ObjectNode n = NODES.objectNode();
        n.put("name", d.name());
        n.put("command", d.commandName());
        n.put("kind", d.kind());
        n.put("currentVersion", MachVersion.dylib(d.currentVersion()));
        n.put("compatibilityVersion", MachVersion.dylib(d.compatibilityVersion()));
        n.put("timestamp", d.timestamp());
        return n;
    }

    private static ObjectNode segment(LoadCommand.Segment s) {
        ObjectNode n = NODES.objectNode();
        n.put("name", s.segname());
        n.set("vmaddr", unsigned(s.vmaddr()));
        n.set("vmsize", unsigned(s.vmsize()));
        n.set("fileoff", unsigned(s.fileoff()));
        n.set("filesize", unsigned(s.filesize()));
        n.put("maxprot", LoadCommand.Segment.protection(s.maxprot()));
        n.put("initprot", LoadCommand.Segment.protection(s.initprot()));
        n.put("flags", s.flags());
        ArrayNode sections = NODES.arrayNode();
        for (MachSection sec : s.sections()) {
            ObjectNode e = NODES.objectNode();
            e.put("name", sec.sectname());
            e.put("segment", sec.segname());
            e.set("addr", unsigned(sec.addr()));
            e.set("size", unsigned(sec.size()));
            e.put("offset", sec.offset());
            e.put("align", sec.align());
            e.put("type", sec.typeName());
            e.set("attributes", JsonValues.strings(sec.attributeNames()));
            sections.add(e);
        }
        n.set("sections", sections);
        return n;
    }

    private static ObjectNode symbol(MachSymbol s) {
        ObjectNode n = NODES.objectNode();
        n.put("name", s.name());
        n.put("type", s.typeName());
        n.put("ntype", s.type());
        n.put("external", s.isExternal());
        n.put("privateExternal", s.isPrivateExternal());
        n.put("sect", s.sect());
        n.put("desc", s.desc());
        n.set("value", unsigned(s.value()));
        return n;
    }

    /**
     * A load command as {@code {"cmd", "name", "cmdsize", ...fields}}, the fields being the record's
     * components (loader.h's names in Java case); nested sections and tools become objects.
     */
    static ObjectNode loadCommand(LoadCommand c) {
        ObjectNode n = NODES.objectNode();
        n.put("cmd", c.cmd());
        n.put("command", c.commandName());
        n.put("cmdsize", c.cmdsize());
        if (c instanceof LoadCommand.Segment s) {
            n.put("segname", s.segname());
            return n;
        }
        components((Record) c, n);
        return n;
    }

    private static void components(Record r, ObjectNode into) {
        for (RecordComponent rc : r.getClass().getRecordComponents()) {
            String name = rc.getName();
            if (name.equals("cmd") || name.equals("cmdsize")) {
                continue;
            }
            Object v;
            try {
                v = rc.getAccessor().invoke(r);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("record accessor " + name, e);
            }
            into.set(name, value(v));
        }
    }

    private static JsonNode value(Object v) {
        if (v instanceof Long l) {
            return unsigned(l);
        }
        if (v instanceof Integer i) {
            return NODES.numberNode(i);
        }
        if (v instanceof String s) {
            return NODES.textNode(s);
        }
        if (v instanceof java.util.OptionalLong ol) {
            return ol.isPresent() ? unsigned(ol.getAsLong()) : NODES.nullNode();
        }
        if (v instanceof List<?> list) {
            ArrayNode a = NODES.arrayNode();
            list.forEach(x -> a.add(value(x)));
            return a;
        }
        if (v instanceof Record r) {
            ObjectNode o = NODES.objectNode();
            components(r, o);
            return o;
        }
        return NODES.textNode(String.valueOf(v));
    }
}

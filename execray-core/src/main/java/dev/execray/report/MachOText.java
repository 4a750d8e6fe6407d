package dev.execray.report;

import dev.execray.binary.BinaryFile;
import dev.execray.binary.FormatProblem;
import dev.execray.binary.PartialList;
import dev.execray.binary.SpecFlag;
import dev.execray.binary.macho.FatArch;
import dev.execray.binary.macho.FatMachOFile;
import dev.execray.binary.macho.LoadCommand;
import dev.execray.binary.macho.LoadCommandType;
import dev.execray.binary.macho.MachArch;
import dev.execray.binary.macho.MachFileType;
import dev.execray.binary.macho.MachFlag;
import dev.execray.binary.macho.MachHeader;
import dev.execray.binary.macho.MachOFile;
import dev.execray.binary.macho.MachSection;
import dev.execray.binary.macho.MachSymbol;
import dev.execray.binary.macho.MachVersion;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code execray inspect} for Mach-O files, in the spirit of {@code otool -hl}: a summary first (kind,
 * architecture, minimum OS, what it links, UUID, signature), then segments, dylibs and undefined
 * symbols by dylib, the symbol table, or every load command, as asked. A universal file prints its
 * table, then each slice indented.
 */
public final class MachOText {
    private MachOText() {
    }

    public static void renderFat(String path, FatMachOFile fat, Set<InspectDetail> details, PrintWriter out) {
        List<FormatProblem> problems = new ArrayList<>(fat.problems());
        out.println(Escape.line(path + ": Mach-O universal binary, " + fat.arches().size() + " slice"
                + (fat.arches().size() == 1 ? "" : "s") + " (" + (fat.is64BitHeader() ? "FAT_MAGIC_64" : "FAT_MAGIC") + ")"));
        TextTable t = new TextTable("  ");
        int i = 0;
        for (FatArch a : fat.arches()) {
            // fat_arch_64 sizes are unsigned 64-bit: a crafted one must not print as a negative number
            t.row("slice " + i++, a.arch(), "offset " + hex(a.offset()), "size " + Long.toUnsignedString(a.size()),
                    "align 2^" + a.align());
        }
        t.print(out);
        List<FatMachOFile.Slice> slices = fat.slices();
        for (int k = 0; k < slices.size(); k++) {
            FatMachOFile.Slice s = slices.get(k);
            out.println();
            String label = path + " (slice " + k + ", " + s.arch().arch() + ")";
            if (s.file().isPresent()) {
                render(label, s.file().get(), details, out);
                if (s.archMismatch()) {
                    problems.add(new FormatProblem("fat_arch " + k, 0, "the fat table says " + s.arch().arch()
                            + " but the slice's header says " + s.file().get().header().arch()));
                }
            } else if (s.archive().isPresent()) {
                ArchiveReport.text(label, new BinaryFile.Fat(fat).archiveSlice(s.archive().get()), details, out);
            } else {
                out.println(Escape.line(label + ": unreadable"));
                s.problem().ifPresent(problems::add);
            }
        }
        TextProblems.print(problems, out);
    }

    public static void render(String path, MachOFile m, Set<InspectDetail> details, PrintWriter out) {
        MachHeader h = m.header();
        List<FormatProblem> problems = new ArrayList<>(m.problems());
        out.println(Escape.line(path + ": Mach-O " + (h.is64() ? "64-bit " : "32-bit ")
                + MachFileType.of(h.filetype()).map(MachFileType::title).orElse("file of type " + h.filetype()) + ", "
                + h.arch() + (m.byteOrder() == java.nio.ByteOrder.BIG_ENDIAN ? " (big-endian)" : "")));
        TextTable t = new TextTable("  ");
        String caps = MachArch.capabilities(h.cputype(), h.cpusubtype());
        t.row("cpu", String.format("cputype 0x%x subtype %d", h.cputype(), MachArch.maskedSubtype(h.cpusubtype()))
                + (caps.isEmpty() ? "" : " (" + caps + ")"));
        t.row("filetype", h.fileTypeName());
        List<String> flags = PeText.strip(SpecFlag.names(MachFlag.values(), h.flags()), "MH_");
        t.row("flags", flags.isEmpty() ? "none" : String.join(" ", flags));
        m.minimumOs().ifPresent(os -> t.row("min os", os.platform() + " " + os.versionText() + "   sdk "
                + os.sdkText() + "   (" + os.from().specName() + ")"));
        m.command(LoadCommand.EntryPoint.class).ifPresent(e -> t.row("entry", "LC_MAIN entryoff " + hex(e.entryoff())
                + "   stack " + (e.stacksize() == 0 ? "default" : Long.toString(e.stacksize()))));
        m.command(LoadCommand.Thread.class).filter(th -> th.cmd() == LoadCommandType.UNIXTHREAD.value())
                .ifPresent(th -> t.row("entry", "LC_UNIXTHREAD" + (th.pc().isPresent() ? " pc " + hex(th.pc().getAsLong())
                        : " flavor " + th.flavor())));
        m.command(LoadCommand.Dylinker.class).filter(d -> d.cmd() == LoadCommandType.LOAD_DYLINKER.value())
                .ifPresent(d -> t.row("dylinker", d.name()));
        m.installName().ifPresent(d -> t.row("install name", d.name() + "   " + versions(d)));
        List<LoadCommand.Dylib> dylibs = m.dylibs();
        if (dylibs.isEmpty()) {
            t.row("dylibs", "none");
        }
        for (int i = 0; i < dylibs.size(); i++) {
            LoadCommand.Dylib d = dylibs.get(i);
            t.row(i == 0 ? "dylibs" : "", d.name() + "   " + versions(d) + (d.kind().equals("load") ? "" : "   " + d.kind()));
        }
        List<String> rpaths = m.rpaths();
        for (int i = 0; i < rpaths.size(); i++) {
            t.row(i == 0 ? "rpaths" : "", rpaths.get(i));
        }
        t.row("uuid", m.uuid().orElse("none"));
        t.row("signed", m.codeSignature().map(c -> "LC_CODE_SIGNATURE, " + c.datasize() + " bytes at "
                + hex(c.dataoff()) + " (not verified)").orElse("no"));
        m.commands(LoadCommand.EncryptionInfo.class).forEach(e -> t.row("encrypted", e.cryptid() == 0
                ? "no (LC_ENCRYPTION_INFO present, cryptid 0)"
                : "yes, cryptid " + e.cryptid() + ", " + e.cryptsize() + " bytes at " + hex(e.cryptoff())));
        List<String> dyld = new ArrayList<>();
        for (LoadCommand c : m.loadCommands()) {
            if (c instanceof LoadCommand.DyldInfo || c.cmd() == LoadCommandType.DYLD_CHAINED_FIXUPS.value()
                    || c.cmd() == LoadCommandType.DYLD_EXPORTS_TRIE.value()) {
                dyld.add(c.commandName());
            }
        }
        if (!dyld.isEmpty()) {
            t.row("dyld info", String.join(" ", dyld));
        }
        PartialList<MachSymbol> symbols = m.symbols();
        problems.addAll(symbols.problems());
        if (m.command(LoadCommand.Symtab.class).isPresent()) {
            long undefined = symbols.entries().stream().filter(MachSymbol::isUndefined).count();
            long stabs = symbols.entries().stream().filter(MachSymbol::isStab).count();
            String dys = m.command(LoadCommand.Dysymtab.class).map(d -> "   dysymtab: " + d.nlocalsym() + " local, "
                    + d.nextdefsym() + " defined external, " + d.nundefsym() + " undefined").orElse("");
            t.row("symbols", symbols.entries().size() + " (" + undefined + " undefined, " + stabs + " debug)" + dys);
        } else {
            t.row("symbols", "none (no LC_SYMTAB)");
        }
        t.print(out);
        if (details.contains(InspectDetail.SECTION_HEADERS)) {
            segments(m, out);
        }
        if (details.contains(InspectDetail.IMPORTS)) {
            imports(m, symbols.entries(), out);
        }
        if (details.contains(InspectDetail.SYMBOLS)) {
            symbols(m, symbols.entries(), out);
        }
        if (details.contains(InspectDetail.FILE_HEADER)) {
            loadCommands(m, out);
        }
        TextProblems.print(problems, out);
    }

    private static String versions(LoadCommand.Dylib d) {
        return "(current " + MachVersion.dylib(d.currentVersion()) + ", compatibility "
                + MachVersion.dylib(d.compatibilityVersion()) + ")";
    }

    private static void segments(MachOFile m, PrintWriter out) {
        out.println();
        out.println(Escape.line("Segments and sections:"));
        TextTable t = new TextTable("  ");
        t.row("segment/section", "address", "size", "offset", "filesize/type", "prot");
        for (LoadCommand.Segment s : m.segments()) {
            t.row(s.segname(), hex(s.vmaddr()), hex(s.vmsize()), hex(s.fileoff()), hex(s.filesize()),
                    LoadCommand.Segment.protection(s.initprot()) + "/" + LoadCommand.Segment.protection(s.maxprot()));
            for (MachSection sec : s.sections()) {
                List<String> attrs = PeText.strip(sec.attributeNames(), "S_ATTR_");
                t.row("  " + sec.sectname(), hex(sec.addr()), hex(sec.size()), hex(sec.offset()),
                        sec.typeName().substring(2).toLowerCase(java.util.Locale.ROOT),
                        (sec.segname().equals(s.segname()) ? "" : "(in " + sec.segname() + ") ") + String.join(" ", attrs));
            }
        }
        t.print(out);
    }

    private static void imports(MachOFile m, List<MachSymbol> symbols, PrintWriter out) {
        List<LoadCommand.Dylib> dylibs = m.dylibs();
        out.println();
        out.println(Escape.line("Dylibs:" + (dylibs.isEmpty() ? " none" : "")));
        TextTable t = new TextTable("  ");
        for (int i = 0; i < dylibs.size(); i++) {
            LoadCommand.Dylib d = dylibs.get(i);
            t.row(Integer.toString(i + 1), d.name(), d.commandName(),
                    versions(d));
        }
        t.print(out);
        for (String r : m.rpaths()) {
            out.println(Escape.line("  LC_RPATH " + r));
        }
        // Undefined externals name their dylib by ordinal in a two-level namespace: that is the import list.
        List<MachSymbol> undefined = symbols.stream().filter(MachSymbol::isUndefined).toList();
        if (undefined.isEmpty()) {
            return;
        }
        boolean twoLevel = m.header().has(MachFlag.TWOLEVEL);
        out.println();
        out.println(Escape.line("Undefined symbols" + (twoLevel ? " by dylib:" : " (flat namespace):")));
        TextTable u = new TextTable("  ");
        for (MachSymbol s : undefined) {
            u.row(twoLevel ? library(s.libraryOrdinal(), dylibs) : "", s.name());
        }
        u.print(out);
    }

    private static String library(int ordinal, List<LoadCommand.Dylib> dylibs) {
        return switch (ordinal) {
            case 0 -> "(this image)";
            case 0xfe -> "(main executable)";
            case 0xff -> "(flat lookup)";
            default -> ordinal <= dylibs.size() ? shortName(dylibs.get(ordinal - 1).name()) : "(ordinal " + ordinal + ")";
        };
    }

    private static String shortName(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }

    private static void symbols(MachOFile m, List<MachSymbol> symbols, PrintWriter out) {
        out.println();
        out.println(Escape.line("Symbols: " + symbols.size()));
        TextTable t = new TextTable("  ");
        t.row("value", "type", "sect", "desc", "name");
        int w = m.pointerSize() * 2;
        for (MachSymbol s : symbols) {
            StringBuilder type = new StringBuilder(s.typeName());
            if (s.isPrivateExternal()) {
                type.append("|N_PEXT");
            }
            if (s.isExternal()) {
                type.append("|N_EXT");
            }
            t.row(String.format("%0" + w + "x", s.value()), type.toString(), Integer.toString(s.sect()),
                    String.format("0x%04x", s.desc()), s.name());
        }
        t.print(out);
    }

    private static void loadCommands(MachOFile m, PrintWriter out) {
        MachHeader h = m.header();
        out.println();
        out.println(Escape.line(String.format("Mach header: magic 0x%08x cputype 0x%x cpusubtype 0x%x filetype %d ncmds %d"
                + " sizeofcmds %d flags 0x%x", h.magic(), h.cputype(), h.cpusubtype(), h.filetype(), h.ncmds(),
                h.sizeofcmds(), h.flags())));
        int i = 0;
        for (LoadCommand c : m.loadCommands()) {
            out.println(Escape.line("Load command " + i++ + ": " + c.commandName() + " (cmdsize " + c.cmdsize() + ")"));
            for (String line : describe(c)) {
                out.println(Escape.line("    " + line));
            }
        }
    }

    /** The fields of one load command, one per line, in loader.h order. */
    static List<String> describe(LoadCommand c) {
        List<String> l = new ArrayList<>();
        if (c instanceof LoadCommand.Segment s) {
            l.add("segname " + s.segname() + "   vmaddr " + hex(s.vmaddr()) + "   vmsize " + hex(s.vmsize()));
            l.add("fileoff " + s.fileoff() + "   filesize " + s.filesize() + "   maxprot "
                    + LoadCommand.Segment.protection(s.maxprot()) + "   initprot "
                    + LoadCommand.Segment.protection(s.initprot()) + "   nsects " + s.nsects() + "   flags " + hex(s.flags()));
            for (MachSection sec : s.sections()) {
                l.add("section " + sec.sectname() + " (" + sec.segname() + ")   addr " + hex(sec.addr()) + "   size "
                        + hex(sec.size()) + "   offset " + sec.offset() + "   align 2^" + sec.align() + "   reloff "
                        + sec.reloff() + "   nreloc " + sec.nreloc() + "   " + sec.typeName()
                        + (sec.attributeNames().isEmpty() ? "" : " " + String.join("|", sec.attributeNames())));
            }
        } else if (c instanceof LoadCommand.Dylib d) {
            l.add("name " + d.name() + "   timestamp " + d.timestamp() + "   current version "
                    + MachVersion.dylib(d.currentVersion()) + "   compatibility version "
                    + MachVersion.dylib(d.compatibilityVersion()));
        } else if (c instanceof LoadCommand.Dylinker d) {
            l.add("name " + d.name());
        } else if (c instanceof LoadCommand.Rpath r) {
            l.add("path " + r.path());
        } else if (c instanceof LoadCommand.BuildVersion b) {
            l.add("platform " + b.platformName() + "   minos " + MachVersion.os(b.minos()) + "   sdk "
                    + MachVersion.os(b.sdk()) + "   ntools " + b.tools().size());
            for (LoadCommand.BuildToolVersion tv : b.tools()) {
                l.add("tool " + tv.toolName() + " " + MachVersion.dylib(tv.version()));
            }
        } else if (c instanceof LoadCommand.VersionMin v) {
            l.add("version " + MachVersion.os(v.version()) + "   sdk " + MachVersion.os(v.sdk()));
        } else if (c instanceof LoadCommand.EntryPoint e) {
            l.add("entryoff " + e.entryoff() + "   stacksize " + e.stacksize());
        } else if (c instanceof LoadCommand.Uuid u) {
            l.add("uuid " + u.uuid());
        } else if (c instanceof LoadCommand.LinkeditData d) {
            l.add("dataoff " + d.dataoff() + "   datasize " + d.datasize());
        } else if (c instanceof LoadCommand.Symtab s) {
            l.add("symoff " + s.symoff() + "   nsyms " + s.nsyms() + "   stroff " + s.stroff() + "   strsize " + s.strsize());
        } else if (c instanceof LoadCommand.Dysymtab d) {
            l.add("ilocalsym " + d.ilocalsym() + "   nlocalsym " + d.nlocalsym() + "   iextdefsym " + d.iextdefsym()
                    + "   nextdefsym " + d.nextdefsym() + "   iundefsym " + d.iundefsym() + "   nundefsym " + d.nundefsym());
            l.add("tocoff " + d.tocoff() + "   ntoc " + d.ntoc() + "   modtaboff " + d.modtaboff() + "   nmodtab "
                    + d.nmodtab() + "   extrefsymoff " + d.extrefsymoff() + "   nextrefsyms " + d.nextrefsyms());
            l.add("indirectsymoff " + d.indirectsymoff() + "   nindirectsyms " + d.nindirectsyms() + "   extreloff "
                    + d.extreloff() + "   nextrel " + d.nextrel() + "   locreloff " + d.locreloff() + "   nlocrel " + d.nlocrel());
        } else if (c instanceof LoadCommand.DyldInfo d) {
            l.add("rebase " + d.rebaseOff() + "+" + d.rebaseSize() + "   bind " + d.bindOff() + "+" + d.bindSize()
                    + "   weak_bind " + d.weakBindOff() + "+" + d.weakBindSize() + "   lazy_bind " + d.lazyBindOff() + "+"
                    + d.lazyBindSize() + "   export " + d.exportOff() + "+" + d.exportSize());
        } else if (c instanceof LoadCommand.EncryptionInfo e) {
            l.add("cryptoff " + e.cryptoff() + "   cryptsize " + e.cryptsize() + "   cryptid " + e.cryptid());
        } else if (c instanceof LoadCommand.SourceVersion s) {
            l.add("version " + MachVersion.source(s.version()));
        } else if (c instanceof LoadCommand.Thread th) {
            l.add("flavor " + th.flavor() + "   count " + th.count()
                    + (th.pc().isPresent() ? "   pc " + hex(th.pc().getAsLong()) : ""));
        } else if (c instanceof LoadCommand.Other o) {
            l.add("(not decoded" + (o.requiredByDyld() ? "; LC_REQ_DYLD set: dyld refuses a command it does not know"
                    : "") + ")");
        }
        return l;
    }

    static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }
}

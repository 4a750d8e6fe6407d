package dev.execray.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.execray.binary.ArchiveMember;
import dev.execray.binary.BinaryFile;
import dev.execray.binary.FormatProblem;
import dev.execray.binary.archive.ArchiveFile;
import dev.execray.binary.elf.ElfFile;
import dev.execray.binary.elf.Symbol;
import dev.execray.binary.elf.SymbolType;
import dev.execray.binary.macho.MachOFile;
import dev.execray.binary.macho.MachSymbol;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A static archive in {@code inspect}: its kind, its members as {@code ar tv} lists them (name, size,
 * file offset of the header) each with what the object readers made of it (format, machine, symbols as
 * {@code nm -A} lists them) and the size of its symbol index; JSON adds each index entry with the
 * member defining it, as {@code nm --print-armap} prints them.
 */
public final class ArchiveReport {
    private ArchiveReport() {
    }

    /** A symbol of a member as nm lists it: its name and whether it is undefined (nm's {@code U}). */
    public record MemberSymbol(String name, boolean undefined) {
    }

    public static void text(String path, BinaryFile.Archive file, Set<InspectDetail> details, PrintWriter out) {
        ArchiveFile a = file.archive();
        out.println(Escape.text(path + ": " + (a.thin() ? "thin static archive" : "static archive") + ", "
                + a.members().size() + " member" + (a.members().size() == 1 ? "" : "s") + ", "
                + a.index().size() + " symbol" + (a.index().size() == 1 ? "" : "s") + " in the index"));
        for (ArchiveMember c : file.contents()) {
            ArchiveFile.Member m = c.member();
            out.println(Escape.text(String.format("  member  %-32s %10d bytes%s at 0x%x: %s", m.name(), m.size(),
                    m.external() ? " (external)" : "", m.headerOffset(), describe(c))));
            if (details.contains(InspectDetail.SYMBOLS) && c instanceof ArchiveMember.Read r) {
                for (MemberSymbol s : symbols(r.file())) {
                    out.println(Escape.text("    " + (s.undefined() ? "U " : "  ") + s.name()));
                }
            }
        }
        for (FormatProblem p : a.problems()) {
            out.println(Escape.text("  problem: " + p.message()));
        }
    }

    /** One member in a few words: its format and machine, or why it was not read. */
    static String describe(ArchiveMember c) {
        if (c instanceof ArchiveMember.Read r) {
            List<MemberSymbol> syms = symbols(r.file());
            long undefined = syms.stream().filter(MemberSymbol::undefined).count();
            return headline(r.file()) + ", " + syms.size() + " symbol" + (syms.size() == 1 ? "" : "s")
                    + (undefined > 0 ? " (" + undefined + " undefined)" : "");
        } else if (c instanceof ArchiveMember.Malformed m) {
            return "malformed: " + m.problem().message();
        } else if (c instanceof ArchiveMember.Other o) {
            return "not an object (" + o.what() + ")";
        } else if (c instanceof ArchiveMember.Unreadable u) {
            return "unreadable: " + u.problem().detail();
        }
        return "in its own file (thin archive), not read";
    }

    private static String headline(BinaryFile f) {
        if (f instanceof BinaryFile.Elf e) {
            return ElfText.headline(e.elf());
        } else if (f instanceof BinaryFile.MachO m) {
            return "Mach-O " + m.macho().header().fileTypeName() + ", " + m.macho().machine();
        } else if (f instanceof BinaryFile.Coff c) {
            return CoffReport.headline(c.coff());
        }
        return f.format().jsonName();
    }

    /**
     * The symbols nm lists for a member, in table order: for ELF every symbol table entry with a name except
     * section and file symbols (nm shows those only with -a); for Mach-O every entry that is not a debugger stab.
     */
    public static List<MemberSymbol> symbols(BinaryFile f) {
        List<MemberSymbol> out = new ArrayList<>();
        if (f instanceof BinaryFile.Elf e) {
            ElfFile elf = e.elf();
            for (Symbol s : elf.symbols()) {
                if (s.name().isEmpty() || s.type().is(SymbolType.SECTION) || s.type().is(SymbolType.FILE)) {
                    continue;
                }
                out.add(new MemberSymbol(s.name(), s.shndx() == Symbol.SHN_UNDEF));
            }
        } else if (f instanceof BinaryFile.MachO m) {
            MachOFile macho = m.macho();
            for (MachSymbol s : macho.symbols().entries()) {
                if (!s.isStab()) {
                    out.add(new MemberSymbol(s.name(), s.isUndefined()));
                }
            }
        } else if (f instanceof BinaryFile.Coff c) {
            // nm skips LLVM's "format-specific" records: file records and section definitions (a static, or an
            // absolute external of C++/CLI, followed by an aux record: COFFSymbolRef::isSectionDefinition)
            for (dev.execray.binary.pe.CoffSymbol s : c.coff().symbols().entries()) {
                boolean sectionDefinition = s.numberOfAuxSymbols() > 0
                        && (s.storageClass() == 3 || s.storageClass() == 2 && s.sectionNumber() == -1);
                if (s.storageClass() == 103 || sectionDefinition) {
                    continue;
                }
                // a weak external (class 105) always names a default in its aux record: llvm-nm shows it 'W',
                // defined; a section-0 symbol with a value is common ('C'), also not undefined
                out.add(new MemberSymbol(s.name(), s.sectionNumber() == 0 && s.value() == 0 && s.storageClass() != 105));
            }
        }
        return out;
    }

    /** Problems of the members, at archive offsets: malformed members and what their readers recorded. */
    public static ObjectNode json(String path, BinaryFile.Archive file) {
        ArchiveFile a = file.archive();
        ObjectNode o = Json.object();
        o.put("path", path);
        o.put("format", "archive");
        o.put("thin", a.thin());
        ArrayNode members = o.putArray("members");
        for (ArchiveMember c : file.contents()) {
            ArchiveFile.Member m = c.member();
            ObjectNode n = members.addObject();
            n.put("name", m.name());
            n.put("offset", m.headerOffset());
            n.put("size", m.size());
            n.put("external", m.external());
            if (m.external() && !(c instanceof ArchiveMember.External)) {
                thinMemberFile(path, m).ifPresent(f -> n.put("file", f));
            }
            if (c instanceof ArchiveMember.Read r) {
                n.put("content", "object");
                n.put("format", r.file().format().jsonName());
                n.put("description", headline(r.file()));
                ArrayNode syms = n.putArray("symbols");
                for (MemberSymbol s : symbols(r.file())) {
                    syms.addObject().put("name", s.name()).put("undefined", s.undefined());
                }
            } else if (c instanceof ArchiveMember.Malformed bad) {
                n.put("content", "malformed");
                problem(n.putObject("problem"), bad.problem());
            } else if (c instanceof ArchiveMember.Other other) {
                n.put("content", "other");
                n.put("description", other.what());
            } else if (c instanceof ArchiveMember.Unreadable u) {
                n.put("content", "unreadable");
                problem(n.putObject("problem"), u.problem());
            } else {
                n.put("content", "external");
            }
        }
        ArrayNode index = o.putArray("index");
        for (ArchiveFile.IndexEntry e : a.index()) {
            ObjectNode n = index.addObject();
            n.put("symbol", e.symbol());
            n.put("memberOffset", e.memberOffset());
            a.memberAt(e.memberOffset()).ifPresent(m -> n.put("member", m.name()));
        }
        ArrayNode problems = o.putArray("problems");
        for (FormatProblem p : a.problems()) {
            problem(problems.addObject(), p);
        }
        for (FormatProblem p : file.memberProblems()) {
            problem(problems.addObject(), p);
        }
        return o;
    }

    /** The file a thin archive at {@code archivePath} keeps {@code m} in, as ArchiveMember looked for it. */
    private static java.util.Optional<String> thinMemberFile(String archivePath, ArchiveFile.Member m) {
        try {
            java.nio.file.Path dir = java.nio.file.Path.of(archivePath).toAbsolutePath().getParent();
            return dir == null ? java.util.Optional.empty()
                    : ArchiveMember.memberPath(dir, m).map(java.nio.file.Path::toString);
        } catch (java.nio.file.InvalidPathException e) {
            return java.util.Optional.empty();
        }
    }

    private static void problem(ObjectNode n, FormatProblem p) {
        n.put("structure", p.structure());
        n.put("offset", p.offset());
        n.put("detail", p.detail());
    }
}

package dev.execray.report;

import dev.execray.binary.FormatProblem;
import dev.execray.binary.elf.ElfFile;
import dev.execray.binary.elf.ElfHeader;
import dev.execray.binary.elf.ElfMachine;
import dev.execray.binary.elf.ElfType;
import dev.execray.binary.elf.GnuProperty;
import dev.execray.binary.elf.Linking;
import dev.execray.binary.elf.ProgramHeader;
import dev.execray.binary.elf.SectionHeader;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code execray inspect} for an ELF file: a summary a person reads at a glance (what it is, what it
 * needs to start, how it was built), then the readelf-style tables the flags asked for, then any
 * problems met on the way.
 */
public final class ElfText {
    private ElfText() {
    }

    public static void render(String path, ElfFile elf, Set<InspectDetail> details, PrintWriter out) {
        out.println(Escape.text(path + ": " + headline(elf)));
        TextTable t = new TextTable("  ");
        ElfHeader h = elf.header();
        t.row("format", h.elfClass().readelfName() + " " + h.data().name() + ", OS/ABI " + h.osAbi().name()
                + ", ABI version " + h.abiVersion());
        t.row("machine", h.machine().name() + " (" + h.machine().value() + ")");
        t.row("type", elf.typeName());
        t.row("entry", "0x" + Long.toHexString(h.entry()));
        t.row("interpreter", elf.interpreter().orElse("none"));
        var dyn = elf.dynamic();
        if (dyn.present()) {
            t.row("needed", dyn.needed().isEmpty() ? "none" : String.join(" ", dyn.needed()));
            t.row("soname", dyn.soname().orElse("none"));
            if (!dyn.rpath().isEmpty()) {
                t.row("rpath", String.join(":", dyn.rpath()));
            }
            if (!dyn.runpath().isEmpty()) {
                t.row("runpath", String.join(":", dyn.runpath()));
            }
            List<String> flags = new ArrayList<>(dyn.flagNames());
            flags.addAll(dyn.flags1Names());
            if (!flags.isEmpty()) {
                t.row("dynamic flags", String.join(" ", flags));
            }
        }
        t.row("symbols", symbolsSummary(elf));
        elf.buildId().ifPresent(id -> t.row("build id", id));
        elf.goBuildId().ifPresent(id -> t.row("go build id", id));
        elf.abiTag().ifPresent(a -> t.row("ABI tag", a.osName() + " " + a.version()
                + (a.os() == 0 ? " (oldest kernel the C library supports)" : "")));
        t.row("stack", stack(elf));
        String props = properties(elf);
        if (!props.isEmpty()) {
            t.row("properties", props);
        }
        for (dev.execray.binary.elf.Note n : elf.notes()) {
            if (n.content() instanceof dev.execray.binary.elf.NoteContent.MappedFiles m) {
                long paths = m.files().stream().map(dev.execray.binary.elf.NoteContent.MappedFile::path).distinct().count();
                t.row("mapped files", m.files().size() + " mapping" + (m.files().size() == 1 ? "" : "s") + " of " + paths
                        + " file" + (paths == 1 ? "" : "s") + " (NT_FILE, page size " + m.pageSize() + ")"
                        + (m.corrupt() ? ", note truncated" : ""));
            }
        }
        long compressed = elf.sectionHeaders().stream().filter(SectionHeader::isCompressed).count();
        if (compressed > 0) {
            t.row("compressed", compressed + " section" + (compressed == 1 ? "" : "s") + " (SHF_COMPRESSED)");
        }
        t.print(out);
        if (compressed > 0) {
            // each compressed section's header (readelf shows it only with -t); kept out of -S, which is readelf's
            StringBuilder c = new StringBuilder();
            ReadelfText.compressedSections(elf, c);
            flush(c, out);
        }
        details(elf, details, out);
        TextProblems.print(problems(elf), out);
    }

    /** "ELF64 LSB PIE executable, Advanced Micro Devices X86-64, dynamically linked". */
    static String headline(ElfFile elf) {
        ElfHeader h = elf.header();
        String kind;
        if (h.type().is(ElfType.EXEC)) {
            kind = "executable";
        } else if (h.type().is(ElfType.DYN)) {
            kind = elf.isPie() ? "PIE executable" : "shared object";
        } else if (h.type().is(ElfType.REL)) {
            kind = "relocatable object";
        } else if (h.type().is(ElfType.CORE)) {
            kind = "core dump";
        } else {
            kind = "file of type " + h.type().name();
        }
        String linking = switch (elf.linking()) {
            case STATIC -> ", statically linked";
            case STATIC_PIE -> ", static-pie linked";
            case DYNAMIC -> ", dynamically linked";
            case NONE -> "";
        };
        return h.elfClass().readelfName() + " " + h.data().name() + " " + kind + ", " + h.machine().name() + linking;
    }

    private static String symbolsSummary(ElfFile elf) {
        int dyn = elf.dynamicSymbols().size();
        String dynPart = dyn + " dynamic symbol" + (dyn == 1 ? "" : "s");
        if (elf.isStripped()) {
            return "stripped (no .symtab), " + dynPart;
        }
        int n = elf.symbols().size();
        return "not stripped (.symtab with " + n + " symbol" + (n == 1 ? "" : "s") + "), " + dynPart;
    }

    private static String stack(ElfFile elf) {
        Optional<ProgramHeader> s = elf.gnuStack();
        if (s.isEmpty()) {
            return elf.linking() == Linking.NONE ? "n/a" : "no PT_GNU_STACK (the kernel's default for this machine)";
        }
        return (s.get().executable() ? "EXECUTABLE" : "not executable") + " (PT_GNU_STACK "
                + s.get().flagString().trim() + ")";
    }

    /** The GNU properties a reader cares about: x86 ISA level, IBT/SHSTK, AArch64 BTI/PAC. */
    static String properties(ElfFile elf) {
        List<String> out = new ArrayList<>();
        boolean x86 = elf.header().machine().is(ElfMachine.X86_64) || elf.header().machine().is(ElfMachine.EM_386);
        boolean arm64 = elf.header().machine().is(ElfMachine.AARCH64);
        for (GnuProperty p : elf.gnuProperties()) {
            long v = p.u32();
            if (v < 0) {
                continue;
            }
            if (x86 && p.type() == GnuProperty.X86_ISA_1_NEEDED) {
                out.add("x86 ISA needed " + String.join(",", GnuProperty.x86IsaLevels(v)));
            } else if (x86 && p.type() == GnuProperty.X86_FEATURE_1_AND) {
                List<String> f = new ArrayList<>();
                if ((v & GnuProperty.X86_FEATURE_1_IBT) != 0) {
                    f.add("IBT");
                }
                if ((v & GnuProperty.X86_FEATURE_1_SHSTK) != 0) {
                    f.add("SHSTK");
                }
                out.add("x86 feature " + (f.isEmpty() ? "none" : String.join(",", f)));
            } else if (arm64 && p.type() == GnuProperty.AARCH64_FEATURE_1_AND) {
                List<String> f = new ArrayList<>();
                if ((v & GnuProperty.AARCH64_FEATURE_1_BTI) != 0) {
                    f.add("BTI");
                }
                if ((v & GnuProperty.AARCH64_FEATURE_1_PAC) != 0) {
                    f.add("PAC");
                }
                out.add("AArch64 feature " + (f.isEmpty() ? "none" : String.join(",", f)));
            }
        }
        return String.join("; ", out);
    }

    private static void details(ElfFile elf, Set<InspectDetail> details, PrintWriter out) {
        StringBuilder b = new StringBuilder();
        boolean header = details.contains(InspectDetail.FILE_HEADER);
        if (header) {
            b.append('\n');
            ReadelfText.fileHeader(elf, b);
        }
        if (details.contains(InspectDetail.SECTION_HEADERS)) {
            if (!header) {
                b.append('\n');
            }
            // exactly readelf -S --wide: the compression headers are in the summary, not here
            ReadelfText.sectionHeaders(elf, !header, b);
        }
        flush(b, out);
        if (details.contains(InspectDetail.PROGRAM_HEADERS)) {
            ReadelfText.programHeaders(elf, !header, b);
        }
        if (details.contains(InspectDetail.DYNAMIC)) {
            ReadelfText.dynamic(elf, b);
        }
        flush(b, out);
        if (details.contains(InspectDetail.SYMBOLS)) {
            ReadelfText.symbols(elf, false, b);
        } else if (details.contains(InspectDetail.DYN_SYMS)) {
            ReadelfText.symbols(elf, true, b);
        }
        if (details.contains(InspectDetail.DYNAMIC)) {
            // readelf prints the DT_SYMINFO table after the symbol tables (process_syminfo)
            ReadelfText.symbolInfo(elf, b);
        }
        flush(b, out);
        if (details.contains(InspectDetail.VERSION_INFO)) {
            ReadelfText.versions(elf, b);
        }
        if (details.contains(InspectDetail.NOTES)) {
            ReadelfText.notes(elf, b);
        }
        flush(b, out);
    }

    private static void flush(StringBuilder b, PrintWriter out) {
        if (b.length() > 0) {
            out.print(b);
            b.setLength(0);
        }
    }

    /** Every problem met reading any view of the file. */
    public static List<FormatProblem> problems(ElfFile elf) {
        return elf.problems();
    }
}

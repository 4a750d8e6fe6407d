package dev.execray.binary.macho;

import dev.execray.binary.ByteSource;
import dev.execray.binary.FormatProblem;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The structural rules LLVM's MachOObjectFile (lib/Object/MachOObjectFile.cpp) checks when it opens a
 * file, recorded as problems at the offending command's offset instead of refusing the file: the load
 * commands stay readable. Each rule cites the LLVM check it follows; LLVM treats all of them as errors.
 */
final class MachOChecks {
    private MachOChecks() {
    }

    /** Checks the decoded {@code commands}, each at the offset in {@code offsets} (same order). */
    static void check(ByteSource s, MachHeader h, List<LoadCommand> commands, List<Long> offsets,
            List<FormatProblem> problems) {
        Map<String, Integer> seen = new HashMap<>();
        Optional<LoadCommand.Symtab> symtab = Optional.empty();
        LoadCommand.Dysymtab dysymtab = null;
        long dysymtabAt = 0;
        for (int i = 0; i < commands.size(); i++) {
            LoadCommand c = commands.get(i);
            long at = offsets.get(i);
            String what = "load command " + i;
            Optional<LoadCommandType> type = LoadCommandType.of(c.cmd());
            if (type.isEmpty()) {
                continue;
            }
            LoadCommandType t = type.get();
            String name = t.specName();
            // LLVM: "LC_xxx command N has incorrect cmdsize" for the commands of fixed size
            long fixed = fixedSize(t);
            if (fixed != 0 && c.cmdsize() != fixed && !(c instanceof LoadCommand.Other)) {
                problems.add(new FormatProblem(what, at, name + " cmdsize " + c.cmdsize() + " is not " + fixed));
            }
            // LLVM: "more than one LC_xxx command" for the commands a file may hold once
            Optional<String> unique = uniqueGroup(t);
            if (unique.isPresent() && seen.merge(unique.get(), 1, Integer::sum) == 2) {
                problems.add(new FormatProblem(what, at, "more than one " + unique.get() + " command"));
            }
            if (c instanceof LoadCommand.Symtab st) {
                    if (symtab.isEmpty()) {
                        symtab = Optional.of(st);
                    }
                    // LLVM checkSymtabCommand: the symbols and strings lie inside the file
                    long nlist = h.is64() ? 16 : 12;
                    within(s, st.symoff(), st.nsyms() * nlist, what, at, "symoff plus nsyms times sizeof(nlist) of "
                            + name, problems);
                    within(s, st.stroff(), st.strsize(), what, at, "stroff plus strsize of " + name, problems);
            } else if (c instanceof LoadCommand.Dysymtab d) {
                    if (dysymtab == null) {
                        dysymtab = d;
                        dysymtabAt = at;
                    }
                    // LLVM checkDysymtabCommand: each table it names lies inside the file
                    within(s, d.tocoff(), d.ntoc() * 8, what, at, "tocoff plus ntoc of " + name, problems);
                    within(s, d.modtaboff(), d.nmodtab() * (h.is64() ? 56 : 52), what, at,
                            "modtaboff plus nmodtab of " + name, problems);
                    within(s, d.extrefsymoff(), d.nextrefsyms() * 4, what, at, "extrefsymoff plus nextrefsyms of "
                            + name, problems);
                    within(s, d.indirectsymoff(), d.nindirectsyms() * 4, what, at,
                            "indirectsymoff plus nindirectsyms of " + name, problems);
                    within(s, d.extreloff(), d.nextrel() * 8, what, at, "extreloff plus nextrel of " + name, problems);
                    within(s, d.locreloff(), d.nlocrel() * 8, what, at, "locreloff plus nlocrel of " + name, problems);
            } else if (c instanceof LoadCommand.Dylib d) {
                    // LLVM checkDylibCommand: "name.offset field too small, not past the end of the dylib_command
                    // struct" (the name would be read from the timestamp and versions)
                    long nameOffset = s.u32(at + 8, what);
                    if (nameOffset < 24) {
                        problems.add(new FormatProblem(what, at + 8, name + " name.offset " + nameOffset
                                + " is inside the fixed part of the command (24 bytes)"));
                    }
            } else if (c instanceof LoadCommand.LinkeditData l) {
                // LLVM checkLinkeditDataCommand
                within(s, l.dataoff(), l.datasize(), what, at, "dataoff plus datasize of " + name, problems);
            } else if (c instanceof LoadCommand.DyldInfo d) {
                    // LLVM checkDyldInfoCommand: each opcode stream lies inside the file
                    within(s, d.rebaseOff(), d.rebaseSize(), what, at, "rebase_off plus rebase_size", problems);
                    within(s, d.bindOff(), d.bindSize(), what, at, "bind_off plus bind_size", problems);
                    within(s, d.weakBindOff(), d.weakBindSize(), what, at, "weak_bind_off plus weak_bind_size", problems);
                    within(s, d.lazyBindOff(), d.lazyBindSize(), what, at, "lazy_bind_off plus lazy_bind_size", problems);
                    within(s, d.exportOff(), d.exportSize(), what, at, "export_off plus export_size", problems);
            } else if (c instanceof LoadCommand.Segment seg) {
                segment(s, h, seg, what, at, name, problems);
            }
        }
        if (dysymtab != null) {
            dysymtabIndexes(symtab, dysymtab, dysymtabAt, problems);
        }
    }

    /**
     * LLVM MachOObjectFile constructor: "LC_DYSYMTAB load command without a LC_SYMTAB load command", and
     * "ilocalsym / iextdefsym / iundefsym (plus its count) in LC_DYSYMTAB load command extends past the end
     * of the symbol table".
     */
    private static void dysymtabIndexes(Optional<LoadCommand.Symtab> symtab, LoadCommand.Dysymtab d, long at,
            List<FormatProblem> problems) {
        if (symtab.isEmpty()) {
            problems.add(new FormatProblem("LC_DYSYMTAB", at, "LC_DYSYMTAB without an LC_SYMTAB"));
            return;
        }
        long nsyms = symtab.get().nsyms();
        long[][] groups = {{d.ilocalsym(), d.nlocalsym()}, {d.iextdefsym(), d.nextdefsym()},
            {d.iundefsym(), d.nundefsym()}};
        String[] names = {"ilocalsym", "iextdefsym", "iundefsym"};
        String[] counts = {"nlocalsym", "nextdefsym", "nundefsym"};
        for (int g = 0; g < 3; g++) {
            long first = groups[g][0];
            long n = groups[g][1];
            if (first > nsyms && n != 0 || first + n > nsyms) {
                problems.add(new FormatProblem("LC_DYSYMTAB", at + 8 + 8L * g, names[g] + " " + first + " plus "
                        + counts[g] + " " + n + " is past the end of the symbol table (nsyms " + nsyms + ")"));
            }
        }
    }

    private static void segment(ByteSource s, MachHeader h, LoadCommand.Segment seg, String what, long at,
            String name, List<FormatProblem> problems) {
        int head = h.is64() ? 72 : 56;
        int entry = h.is64() ? 80 : 68;
        // LLVM parseSegmentLoadCommand: "inconsistent cmdsize in LC_SEGMENT for the number of sections" is a
        // cmdsize too small for nsects, which LoadCommandReader reports (a larger cmdsize is allowed)
        // LLVM parseSegmentLoadCommand: "fileoff field plus filesize field in LC_SEGMENT extends past the end of
        // the file". (filesize above vmsize is not a problem: Go's __DWARF segment has vmsize 0 and runs.)
        within(s, seg.fileoff(), seg.filesize(), what, at, "fileoff plus filesize of segment " + seg.segname(),
                problems);
        List<MachSection> sections = seg.sections();
        for (int k = 0; k < sections.size(); k++) {
            MachSection sec = sections.get(k);
            long sectAt = at + head + (long) k * entry;
            String sw = "section " + k + " (" + sec.segname() + "," + sec.sectname() + ") of " + what;
            // LLVM parseSegmentLoadCommand: "offset field plus size field of section N in LC_SEGMENT command M
            // extends past the end of the file" (zero-fill sections have no file bytes)
            if (!sec.isZeroFill() && sec.size() != 0) {
                within(s, sec.offset(), sec.size(), sw, sectAt, "offset plus size", problems);
            }
            // "reloff field plus nreloc field times sizeof(struct relocation_info) ... extends past the end of the file"
            if (sec.nreloc() != 0) {
                within(s, sec.reloff(), sec.nreloc() * 8, sw, sectAt, "reloff plus nreloc", problems);
            }
        }
    }

    /** A range named by a command must lie inside the file; an empty range is allowed anywhere. */
    private static void within(ByteSource s, long off, long len, String structure, long at, String fields,
            List<FormatProblem> problems) {
        if (len == 0) {
            return;
        }
        long end = off + len;
        if (len < 0 || off < 0 || end < off || end > s.size()) {
            problems.add(new FormatProblem(structure, at, fields + " (0x" + Long.toHexString(off) + " + 0x"
                    + Long.toHexString(len) + ") extends past the end of the file (0x" + Long.toHexString(s.size())
                    + " bytes)"));
        }
    }

    /** The cmdsize LLVM requires of the commands with no variable part; 0 for the others. */
    private static long fixedSize(LoadCommandType t) {
        return switch (t) {
            case SYMTAB, MAIN, UUID -> 24;
            case DYSYMTAB -> 80;
            case DYLD_INFO, DYLD_INFO_ONLY -> 48;
            case CODE_SIGNATURE, SEGMENT_SPLIT_INFO, FUNCTION_STARTS, DATA_IN_CODE, DYLIB_CODE_SIGN_DRS,
                    LINKER_OPTIMIZATION_HINT, DYLD_EXPORTS_TRIE, DYLD_CHAINED_FIXUPS -> 16;
            case VERSION_MIN_MACOSX, VERSION_MIN_IPHONEOS, VERSION_MIN_TVOS, VERSION_MIN_WATCHOS, SOURCE_VERSION -> 16;
            case ENCRYPTION_INFO -> 20;
            case ENCRYPTION_INFO_64 -> 24;
            default -> 0;
        };
    }

    /** The group of commands LLVM allows once per file (DYLD_INFO and DYLD_INFO_ONLY share one). */
    private static Optional<String> uniqueGroup(LoadCommandType t) {
        return Optional.ofNullable(switch (t) {
            case SYMTAB -> "LC_SYMTAB";
            case DYSYMTAB -> "LC_DYSYMTAB";
            case MAIN -> "LC_MAIN";
            case UUID -> "LC_UUID";
            case ID_DYLIB -> "LC_ID_DYLIB";
            case UNIXTHREAD -> "LC_UNIXTHREAD";
            case SOURCE_VERSION -> "LC_SOURCE_VERSION";
            case DYLD_INFO, DYLD_INFO_ONLY -> "LC_DYLD_INFO or LC_DYLD_INFO_ONLY";
            case VERSION_MIN_MACOSX, VERSION_MIN_IPHONEOS, VERSION_MIN_TVOS, VERSION_MIN_WATCHOS -> "LC_VERSION_MIN_*";
            case CODE_SIGNATURE, SEGMENT_SPLIT_INFO, FUNCTION_STARTS, DATA_IN_CODE, DYLIB_CODE_SIGN_DRS,
                    LINKER_OPTIMIZATION_HINT, DYLD_EXPORTS_TRIE, DYLD_CHAINED_FIXUPS, ENCRYPTION_INFO,
                    ENCRYPTION_INFO_64 -> t.specName();
            default -> null;
        });
    }
}

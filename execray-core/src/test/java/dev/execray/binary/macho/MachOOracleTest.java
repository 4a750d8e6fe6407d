package dev.execray.binary.macho;

import static org.assertj.core.api.Assertions.assertThat;

import dev.execray.binary.ByteSource;
import dev.execray.binary.FileFormat;
import dev.execray.binary.ForeignExecutables;
import dev.execray.truth.Oracle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compares {@link MachOFile} and {@link FatMachOFile} with LLVM (package {@code llvm}): the header
 * with {@code llvm-readobj --file-headers}, every load command's fields with
 * {@code llvm-objdump --macho --private-headers} (the otool -l view), dylibs with
 * {@code --needed-libs}, the symbol table with {@code --symbols}, and fat headers with
 * {@code --universal-headers}, each slice then compared as a thin file.
 */
@Tag("oracle")
class MachOOracleTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path scratch;

    @Test
    void agreesWithLlvmReadobjAndObjdump() throws IOException {
        Oracle.require(ForeignExecutables.available("llvm-readobj"), "llvm-readobj (apt-get install llvm)");
        List<Path> thin = ForeignExecutables.find(FileFormat.MACHO, scratch);
        List<Path> fat = ForeignExecutables.find(FileFormat.FAT, scratch);
        MachOOracleCorpus.build(scratch, thin, fat);
        int agree = 0;
        int compared = 0;
        List<String> disagreements = new ArrayList<>();
        for (Path f : thin) {
            String d = compareThin(f);
            if (d == null) {
                continue;
            }
            compared++;
            if (d.isEmpty()) {
                agree++;
            } else {
                disagreements.add(f + ": " + d);
            }
        }
        System.out.println("oracle macho: " + agree + "/" + compared + " agree");
        int fatAgree = 0;
        int fatCompared = 0;
        for (Path f : fat) {
            String d = compareFat(f);
            if (d == null) {
                continue;
            }
            fatCompared++;
            if (d.isEmpty()) {
                fatAgree++;
            } else {
                disagreements.add(f + ": " + d);
            }
        }
        System.out.println("oracle macho fat: " + fatAgree + "/" + fatCompared + " agree");
        disagreements.stream().limit(20).forEach(d -> System.out.println("  " + d));
        assertThat(compared).as("Mach-O files compared").isGreaterThan(0);
        assertThat(disagreements).isEmpty();
    }

    /** null when LLVM cannot read the file, "" when all agrees, else the first difference. */
    private String compareThin(Path f) {
        String headers = ForeignExecutables.run(List.of("llvm-readobj", "--file-headers", "--needed-libs", "--symbols",
                f.toString()), TIMEOUT);
        String commands = ForeignExecutables.run(List.of("llvm-objdump", "--macho", "--private-headers",
                f.toString()), TIMEOUT);
        if (headers.isEmpty() || commands.isEmpty()) {
            return null;
        }
        MachOFile m;
        try {
            m = MachOFile.read(ByteSource.open(f));
        } catch (Exception e) {
            return "execray: " + e;
        }
        List<String> ours = new ArrayList<>(headerFacts(m));
        List<String> theirs = new ArrayList<>(llvmHeaderFacts(headers));
        ours.addAll(commandFacts(m));
        theirs.addAll(objdumpCommandFacts(commands));
        ours.addAll(symbolFacts(m));
        theirs.addAll(llvmSymbolFacts(headers));
        return ours.equals(theirs) ? "" : firstDifference(ours, theirs);
    }

    private String compareFat(Path f) throws IOException {
        String universal = ForeignExecutables.run(List.of("llvm-objdump", "--macho", "--universal-headers",
                f.toString()), TIMEOUT);
        if (universal.isEmpty()) {
            return null;
        }
        FatMachOFile fat;
        try {
            fat = FatMachOFile.read(ByteSource.open(f));
        } catch (Exception e) {
            return "execray: " + e;
        }
        List<String> ours = new ArrayList<>();
        ours.add("nfat_arch " + fat.arches().size());
        for (FatArch a : fat.arches()) {
            ours.add("offset " + a.offset() + " size " + a.size() + " align 2^" + a.align());
        }
        List<String> theirs = new ArrayList<>();
        Matcher n = Pattern.compile("nfat_arch (\\d+)").matcher(universal);
        if (n.find()) {
            theirs.add("nfat_arch " + n.group(1));
        }
        Matcher a = Pattern.compile("offset (\\d+)\\s+size (\\d+)\\s+align (2\\^\\d+)").matcher(universal);
        while (a.find()) {
            theirs.add("offset " + a.group(1) + " size " + a.group(2) + " align " + a.group(3));
        }
        if (!ours.equals(theirs)) {
            return firstDifference(ours, theirs);
        }
        byte[] bytes = Files.readAllBytes(f);
        for (int i = 0; i < fat.arches().size(); i++) {
            FatArch arch = fat.arches().get(i);
            Path slice = scratch.resolve(f.getFileName() + ".slice" + i);
            Files.write(slice, java.util.Arrays.copyOfRange(bytes, (int) arch.offset(), (int) (arch.offset() + arch.size())));
            String d = compareThin(slice);
            if (d != null && !d.isEmpty()) {
                return "slice " + i + ": " + d;
            }
        }
        return "";
    }

    static String firstDifference(List<String> ours, List<String> theirs) {
        for (int i = 0; i < Math.max(ours.size(), theirs.size()); i++) {
            String a = i < ours.size() ? ours.get(i) : "(nothing)";
            String b = i < theirs.size() ? theirs.get(i) : "(nothing)";
            if (!a.equals(b)) {
                return "line " + i + ": execray [" + a + "] llvm [" + b + "]";
            }
        }
        return "same";
    }

    // ---- header and dylibs ---------------------------------------------------------------------

    private static List<String> headerFacts(MachOFile m) {
        MachHeader h = m.header();
        List<String> f = new ArrayList<>();
        f.add("magic " + h.magic());
        f.add("cputype " + h.cputype() + " subtype " + MachArch.maskedSubtype(h.cpusubtype()));
        f.add("filetype " + h.filetype());
        f.add("ncmds " + h.ncmds() + " sizeofcmds " + h.sizeofcmds());
        f.add("flags " + h.flags());
        // llvm-readobj counts a dylib's own LC_ID_DYLIB among its needed libraries
        m.commands(LoadCommand.Dylib.class).stream().map(LoadCommand.Dylib::name).sorted()
                .forEach(n -> f.add("needed " + n));
        return f;
    }

    private static final Pattern PAREN_HEX = Pattern.compile("\\((0x[0-9A-Fa-f]+)\\)");

    /** The "(0x...)" after a key, or the bare hex value llvm-readobj prints for CPU types it cannot name. */
    private static long parenHex(String text, String key) {
        Matcher m = Pattern.compile("(?mi)^\\s*" + key + ":(.*)$").matcher(text);
        if (!m.find()) {
            return -1;
        }
        Matcher h = PAREN_HEX.matcher(m.group(1));
        if (h.find()) {
            return Long.parseUnsignedLong(h.group(1).substring(2), 16);
        }
        String v = m.group(1).trim();
        return v.startsWith("0x") ? Long.parseUnsignedLong(v.substring(2), 16) : -1;
    }

    private static String field(String text, String key) {
        Matcher m = Pattern.compile("(?m)^\\s*" + key + ": (.*)$").matcher(text);
        return m.find() ? m.group(1).trim() : "";
    }

    private static List<String> llvmHeaderFacts(String out) {
        List<String> f = new ArrayList<>();
        String header = out.substring(out.indexOf("MachHeader {"));
        f.add("magic " + parenHex(header, "Magic"));
        // llvm-readobj prints the subtype with the capability bits masked off, as execray names it
        f.add("cputype " + (int) parenHex(header, "CpuType") + " subtype "
                + MachArch.maskedSubtype((int) parenHex(header, "CpuSubType")));
        f.add("filetype " + parenHex(header, "FileType"));
        f.add("ncmds " + field(header, "NumOfLoadCommands") + " sizeofcmds " + field(header, "SizeOfLoadCommands"));
        Matcher flags = Pattern.compile("Flags \\[ \\((0x[0-9A-Fa-f]+)\\)").matcher(header);
        f.add("flags " + (flags.find() ? Long.parseLong(flags.group(1).substring(2), 16) : -1));
        int needed = out.indexOf("NeededLibraries [");
        if (needed >= 0) {
            String block = out.substring(needed, out.indexOf("]", needed));
            block.lines().skip(1).map(String::trim).filter(l -> !l.isEmpty()).sorted()
                    .forEach(n -> f.add("needed " + n));
        }
        return f;
    }

    // ---- load commands -------------------------------------------------------------------------

    private static final Set<String> KEYS = Set.of("cmd", "cmdsize", "segname", "vmaddr", "vmsize", "fileoff",
            "filesize", "maxprot", "initprot", "nsects", "sectname", "addr", "size", "offset", "align", "reloff",
            "nreloc", "type", "name", "time stamp", "current version", "compatibility version", "path", "platform",
            "sdk", "minos", "ntools", "tool", "version", "entryoff", "stacksize", "uuid", "dataoff", "datasize",
            "symoff", "nsyms", "stroff", "strsize", "ilocalsym", "nlocalsym", "iextdefsym", "nextdefsym", "iundefsym",
            "nundefsym", "tocoff", "ntoc", "modtaboff", "nmodtab", "extrefsymoff", "nextrefsyms", "indirectsymoff",
            "nindirectsyms", "extreloff", "nextrel", "locreloff", "nlocrel", "rebase_off", "rebase_size", "bind_off",
            "bind_size", "weak_bind_off", "weak_bind_size", "lazy_bind_off", "lazy_bind_size", "export_off",
            "export_size", "cryptoff", "cryptsize", "cryptid", "pc");
    private static final List<String> MULTI_WORD = List.of("time stamp", "current version", "compatibility version");
    private static final Pattern PC = Pattern.compile("\\b(?:rip|pc)\\s+(0x[0-9a-fA-F]+)");

    /** Numbers to decimal, versions without trailing ".0", paths without objdump's "(offset n)". */
    static String normalize(String key, String value) {
        String v = value.trim();
        if (key.equals("name") || key.equals("path")) {
            return v.replaceAll(" \\(offset \\d+\\)$", "");
        }
        v = v.split("\\s+")[0];
        if (v.matches("0x[0-9a-fA-F]+")) {
            return Long.toUnsignedString(Long.parseUnsignedLong(v.substring(2), 16));
        }
        if (v.matches("\\d+(\\.\\d+)+")) {
            while (v.endsWith(".0") && v.indexOf('.') != v.lastIndexOf('.')) {
                v = v.substring(0, v.length() - 2);
            }
            if (v.endsWith(".0")) {
                v = v.substring(0, v.length() - 2);
            }
        }
        return v;
    }

    private static List<String> objdumpCommandFacts(String out) {
        List<String> f = new ArrayList<>();
        String[] parts = out.split("(?m)^Load command \\d+\\s*$");
        for (int i = 1; i < parts.length; i++) {
            f.add("command " + (i - 1));
            for (String line : parts[i].split("\n")) {
                String t = line.trim();
                if (t.isEmpty() || t.equals("Section")) {
                    continue;
                }
                String key = null;
                String value = "";
                for (String mw : MULTI_WORD) {
                    if (t.startsWith(mw + " ")) {
                        key = mw;
                        value = t.substring(mw.length());
                    }
                }
                if (key == null) {
                    int sp = t.indexOf(' ');
                    key = sp < 0 ? t : t.substring(0, sp);
                    value = sp < 0 ? "" : t.substring(sp + 1);
                }
                if (KEYS.contains(key) && !key.equals("pc")) {
                    f.add(key + " " + normalize(key, value));
                }
            }
            Matcher pc = PC.matcher(parts[i]);
            if (pc.find()) {
                f.add("pc " + normalize("pc", pc.group(1)));
            }
        }
        return f;
    }

    private static String platform(long p) {
        return switch ((int) p) {
            case 6 -> "macCatalyst";
            default -> Platform.describe(p);
        };
    }

    private static void kv(List<String> f, String key, Object value) {
        f.add(key + " " + normalize(key, String.valueOf(value)));
    }

    private static List<String> commandFacts(MachOFile m) {
        List<String> f = new ArrayList<>();
        int i = 0;
        for (LoadCommand c : m.loadCommands()) {
            f.add("command " + i++);
            kv(f, "cmd", c.commandName());
            kv(f, "cmdsize", c.cmdsize());
            if (c instanceof LoadCommand.Segment s) {
                kv(f, "segname", s.segname());
                kv(f, "vmaddr", Long.toUnsignedString(s.vmaddr()));
                kv(f, "vmsize", Long.toUnsignedString(s.vmsize()));
                kv(f, "fileoff", s.fileoff());
                kv(f, "filesize", s.filesize());
                kv(f, "maxprot", LoadCommand.Segment.protection(s.maxprot()));
                kv(f, "initprot", LoadCommand.Segment.protection(s.initprot()));
                kv(f, "nsects", s.nsects());
                for (MachSection sec : s.sections()) {
                    kv(f, "sectname", sec.sectname());
                    kv(f, "segname", sec.segname());
                    kv(f, "addr", Long.toUnsignedString(sec.addr()));
                    kv(f, "size", Long.toUnsignedString(sec.size()));
                    kv(f, "offset", sec.offset());
                    kv(f, "align", "2^" + sec.align());
                    kv(f, "reloff", sec.reloff());
                    kv(f, "nreloc", sec.nreloc());
                    kv(f, "type", sec.typeName());
                }
            } else if (c instanceof LoadCommand.Dylib d) {
                f.add("name " + d.name());
                kv(f, "time stamp", d.timestamp());
                kv(f, "current version", MachVersion.dylib(d.currentVersion()));
                kv(f, "compatibility version", MachVersion.dylib(d.compatibilityVersion()));
            } else if (c instanceof LoadCommand.Dylinker d) {
                f.add("name " + d.name());
            } else if (c instanceof LoadCommand.Rpath r) {
                f.add("path " + r.path());
            } else if (c instanceof LoadCommand.BuildVersion b) {
                kv(f, "platform", platform(b.platform()));
                kv(f, "sdk", b.sdk() == 0 ? "n/a" : MachVersion.os(b.sdk()));
                kv(f, "minos", MachVersion.os(b.minos()));
                kv(f, "ntools", b.tools().size());
                for (LoadCommand.BuildToolVersion t : b.tools()) {
                    kv(f, "tool", t.toolName());
                    kv(f, "version", MachVersion.dylib(t.version()));
                }
            } else if (c instanceof LoadCommand.VersionMin v) {
                kv(f, "version", MachVersion.os(v.version()));
                kv(f, "sdk", v.sdk() == 0 ? "n/a" : MachVersion.os(v.sdk()));
            } else if (c instanceof LoadCommand.EntryPoint e) {
                kv(f, "entryoff", e.entryoff());
                kv(f, "stacksize", e.stacksize());
            } else if (c instanceof LoadCommand.Uuid u) {
                kv(f, "uuid", u.uuid());
            } else if (c instanceof LoadCommand.LinkeditData d) {
                kv(f, "dataoff", d.dataoff());
                kv(f, "datasize", d.datasize());
            } else if (c instanceof LoadCommand.Symtab s) {
                kv(f, "symoff", s.symoff());
                kv(f, "nsyms", s.nsyms());
                kv(f, "stroff", s.stroff());
                kv(f, "strsize", s.strsize());
            } else if (c instanceof LoadCommand.Dysymtab d) {
                long[] v = {d.ilocalsym(), d.nlocalsym(), d.iextdefsym(), d.nextdefsym(), d.iundefsym(), d.nundefsym(),
                    d.tocoff(), d.ntoc(), d.modtaboff(), d.nmodtab(), d.extrefsymoff(), d.nextrefsyms(),
                    d.indirectsymoff(), d.nindirectsyms(), d.extreloff(), d.nextrel(), d.locreloff(), d.nlocrel()};
                String[] k = {"ilocalsym", "nlocalsym", "iextdefsym", "nextdefsym", "iundefsym", "nundefsym", "tocoff",
                    "ntoc", "modtaboff", "nmodtab", "extrefsymoff", "nextrefsyms", "indirectsymoff", "nindirectsyms",
                    "extreloff", "nextrel", "locreloff", "nlocrel"};
                for (int j = 0; j < k.length; j++) {
                    kv(f, k[j], v[j]);
                }
            } else if (c instanceof LoadCommand.DyldInfo d) {
                long[] v = {d.rebaseOff(), d.rebaseSize(), d.bindOff(), d.bindSize(), d.weakBindOff(), d.weakBindSize(),
                    d.lazyBindOff(), d.lazyBindSize(), d.exportOff(), d.exportSize()};
                String[] k = {"rebase_off", "rebase_size", "bind_off", "bind_size", "weak_bind_off", "weak_bind_size",
                    "lazy_bind_off", "lazy_bind_size", "export_off", "export_size"};
                for (int j = 0; j < k.length; j++) {
                    kv(f, k[j], v[j]);
                }
            } else if (c instanceof LoadCommand.EncryptionInfo e) {
                kv(f, "cryptoff", e.cryptoff());
                kv(f, "cryptsize", e.cryptsize());
                kv(f, "cryptid", e.cryptid());
            } else if (c instanceof LoadCommand.SourceVersion s) {
                kv(f, "version", MachVersion.source(s.version()));
            } else if (c instanceof LoadCommand.Thread t && t.pc().isPresent()) {
                kv(f, "pc", Long.toUnsignedString(t.pc().getAsLong()));
            }
        }
        return f;
    }

    // ---- symbols -------------------------------------------------------------------------------

    private static List<String> symbolFacts(MachOFile m) {
        List<String> f = new ArrayList<>();
        for (MachSymbol s : m.symbols().entries()) {
            int type = s.isStab() ? s.type() : s.type() & MachSymbol.N_TYPE;
            f.add("symbol " + s.name() + (s.isExternal() ? " extern" : "") + (s.isPrivateExternal() ? " pext" : "")
                    + " type " + type + " sect " + s.sect() + " value " + Long.toUnsignedString(s.value()));
        }
        if (!m.symbols().isComplete()) {
            f.add("symbols incomplete");
        }
        return f;
    }

    private static List<String> llvmSymbolFacts(String out) {
        List<String> f = new ArrayList<>();
        int start = out.indexOf("Symbols [");
        if (start < 0) {
            return f;
        }
        for (String block : out.substring(start).split("Symbol \\{")) {
            if (!block.contains("Name:")) {
                continue;
            }
            String name = field(block, "Name").replaceAll("\\s*\\(\\d+\\)$", "");
            boolean ext = block.lines().anyMatch(l -> l.trim().equals("Extern"));
            boolean pext = block.lines().anyMatch(l -> l.trim().equals("PrivateExtern"));
            f.add("symbol " + name + (ext ? " extern" : "") + (pext ? " pext" : "") + " type "
                    + parenHex(block, "Type") + " sect " + parenHex(block, "Section") + " value "
                    + Long.toUnsignedString(Long.parseUnsignedLong(field(block, "Value").substring(2), 16)));
        }
        return f;
    }
}

package dev.execray.binary.pe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.execray.binary.ByteSource;
import dev.execray.binary.FileFormat;
import dev.execray.binary.ForeignExecutables;
import dev.execray.truth.Oracle;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compares {@link PeFile} with llvm-readobj (package {@code llvm}) over every PE file found: COFF and
 * optional header fields, data directories, sections, imports, delay imports, exports and the
 * debug directory with its CodeView record. Forwarder strings, which llvm-readobj 14 does not print,
 * are compared with binutils' {@code objdump -p} where it knows the machine (pei-i386, pei-x86-64).
 */
@Tag("oracle")
class PeOracleTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path scratch;

    @Test
    void agreesWithLlvmReadobj() {
        Oracle.require(ForeignExecutables.available("llvm-readobj"), "llvm-readobj (apt-get install llvm)");
        List<Path> files = ForeignExecutables.find(FileFormat.PE, scratch);
        files.addAll(PeOracleCorpus.build(scratch));
        int agree = 0;
        int compared = 0;
        List<String> disagreements = new ArrayList<>();
        for (Path f : files) {
            String llvm = ForeignExecutables.run(List.of("llvm-readobj", "--file-headers", "--sections",
                    "--coff-imports", "--coff-exports", "--coff-debug-directory", f.toString()), TIMEOUT);
            if (llvm.isEmpty()) {
                continue; // llvm-readobj rejects it: nothing to compare with
            }
            compared++;
            List<String> theirs = llvmFacts(llvm);
            List<String> ours;
            try {
                ours = ourFacts(PeFile.read(ByteSource.open(f)));
            } catch (Exception e) {
                ours = List.of("error " + e);
            }
            String objdumpDiff = forwardersDiffer(f);
            if (ours.equals(theirs) && objdumpDiff.isEmpty()) {
                agree++;
            } else {
                disagreements.add(f + ": " + (ours.equals(theirs) ? objdumpDiff : firstDifference(ours, theirs)));
            }
        }
        System.out.println("oracle pe: " + agree + "/" + compared + " agree");
        disagreements.stream().limit(20).forEach(d -> System.out.println("  " + d));
        assertThat(compared).as("PE files compared").isGreaterThan(0);
        assertThat(disagreements).isEmpty();
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

    // ---- our side ------------------------------------------------------------------------------

    static List<String> ourFacts(PeFile pe) {
        List<String> f = new ArrayList<>();
        CoffHeader c = pe.coffHeader();
        OptionalHeader h = pe.optionalHeader();
        f.add("machine " + c.machine());
        f.add("sections " + c.numberOfSections());
        f.add("timestamp " + c.timeDateStamp());
        // llvm-readobj reports no symbols when there is no symbol table pointer, whatever the count field says
        f.add("symtab " + c.pointerToSymbolTable() + " " + (c.pointerToSymbolTable() == 0 ? 0 : c.numberOfSymbols()));
        f.add("optsize " + c.sizeOfOptionalHeader());
        f.add("characteristics " + c.characteristics());
        f.add("magic " + h.magic());
        f.add("linker " + h.majorLinkerVersion() + "." + h.minorLinkerVersion());
        f.add("code " + h.sizeOfCode() + " " + h.sizeOfInitializedData() + " " + h.sizeOfUninitializedData());
        f.add("entry " + h.addressOfEntryPoint() + " base " + h.baseOfCode());
        h.baseOfData().ifPresent(b -> f.add("baseofdata " + b));
        f.add("imagebase " + Long.toUnsignedString(h.imageBase()));
        f.add("alignment " + h.sectionAlignment() + " " + h.fileAlignment());
        f.add("os " + h.operatingSystemVersion() + " image " + h.imageVersion() + " subsystem " + h.subsystemVersion());
        f.add("sizeofimage " + h.sizeOfImage() + " headers " + h.sizeOfHeaders());
        f.add("subsystem " + h.subsystem());
        f.add("dllcharacteristics " + h.dllCharacteristics());
        f.add("stack " + Long.toUnsignedString(h.sizeOfStackReserve()) + " " + Long.toUnsignedString(h.sizeOfStackCommit()));
        f.add("heap " + Long.toUnsignedString(h.sizeOfHeapReserve()) + " " + Long.toUnsignedString(h.sizeOfHeapCommit()));
        f.add("rvas " + h.numberOfRvaAndSizes());
        for (DataDirectory d : h.dataDirectories()) {
            f.add("dir " + d.index() + " " + d.virtualAddress() + " " + d.size());
        }
        for (PeSection s : pe.peSections()) {
            f.add("section " + s.name() + " " + s.virtualSize() + " " + s.virtualAddress() + " " + s.sizeOfRawData()
                    + " " + s.pointerToRawData() + " " + s.characteristics());
        }
        for (ImportedDll d : pe.imports().entries()) {
            f.add("import " + d.name() + " " + d.importLookupTableRva() + " " + d.importAddressTableRva());
            d.functions().forEach(fn -> f.add("  " + function(fn)));
        }
        if (!pe.imports().isComplete()) {
            f.add("import problem");
        }
        for (DelayImportedDll d : pe.delayImports().entries()) {
            f.add("delay " + d.name());
            d.functions().forEach(fn -> f.add("  " + function(fn)));
        }
        pe.exports().directory().ifPresent(d -> {
            for (Export e : d.exports()) {
                f.add("export " + e.ordinal() + " " + e.name().orElse("") + " " + e.rva());
            }
        });
        for (DebugEntry e : pe.debugEntries().entries()) {
            f.add("debug " + e.type() + " " + e.sizeOfData() + " " + e.addressOfRawData() + " " + e.pointerToRawData());
            e.codeView().filter(cv -> cv.signature().equals("RSDS"))
                    .ifPresent(cv -> f.add("  pdb " + guidBytes(cv.guid()) + " " + cv.age() + " " + cv.pdbPath()));
        }
        return f;
    }

    private static String function(ImportedFunction fn) {
        if (fn instanceof ImportedFunction.ByName n) {
            return n.name() + " (" + n.hint() + ")";
        }
        return " (" + ((ImportedFunction.ByOrdinal) fn).ordinal() + ")";
    }

    /** Our GUID text back to the byte order of the file, which llvm-readobj prints. */
    static String guidBytes(String guid) {
        String h = guid.replace("-", "");
        String d1 = h.substring(6, 8) + h.substring(4, 6) + h.substring(2, 4) + h.substring(0, 2);
        String d2 = h.substring(10, 12) + h.substring(8, 10);
        String d3 = h.substring(14, 16) + h.substring(12, 14);
        return (d1 + d2 + d3 + h.substring(16)).toUpperCase(Locale.ROOT);
    }

    // ---- llvm-readobj's side -------------------------------------------------------------------

    private static final Pattern KEY_VALUE = Pattern.compile("^\\s*([A-Za-z0-9]+): ?(.*)$");
    private static final Pattern PAREN_HEX = Pattern.compile("\\((0x[0-9A-Fa-f]+)\\)\\s*$");
    private static final String[] DIRECTORY_KEYS = {"ExportTable", "ImportTable", "ResourceTable", "ExceptionTable",
        "CertificateTable", "BaseRelocationTable", "Debug", "Architecture", "GlobalPtr", "TLSTable", "LoadConfigTable",
        "BoundImport", "IAT", "DelayImportDescriptor", "CLRRuntimeHeader", "Reserved"};

    static long num(String v) {
        String s = v.trim();
        Matcher m = PAREN_HEX.matcher(s);
        if (m.find()) {
            s = m.group(1);
        }
        if (s.startsWith("0x") || s.startsWith("0X")) {
            return Long.parseUnsignedLong(s.substring(2), 16);
        }
        return Long.parseLong(s.split(" ")[0]);
    }

    static List<String> llvmFacts(String out) {
        List<String> f = new ArrayList<>();
        String[] lines = out.split("\n");
        java.util.Map<String, String> kv = new java.util.HashMap<>();
        String block = "";
        long[] dirs = new long[32];
        int maxDir = -1;
        List<String> sections = new ArrayList<>();
        List<String> imports = new ArrayList<>();
        List<String> delays = new ArrayList<>();
        List<String> exports = new ArrayList<>();
        List<String> debug = new ArrayList<>();
        java.util.Map<String, String> cur = new java.util.HashMap<>();
        for (String raw : lines) {
            String line = raw.stripTrailing();
            String t = line.trim();
            if (t.equals("ImageFileHeader {") || t.equals("ImageOptionalHeader {") || t.equals("DOSHeader {")) {
                block = t;
                continue;
            }
            if (t.equals("Section {") || t.equals("Export {") || t.equals("DebugEntry {")) {
                block = t;
                cur = new java.util.HashMap<>();
                continue;
            }
            if (t.equals("Import {") && !block.startsWith("DelayImport")) {
                block = t;
                continue;
            }
            if (t.equals("DelayImport {")) {
                block = t;
                continue;
            }
            if (t.startsWith("Characteristics [")) {
                Matcher m = Pattern.compile("\\((0x[0-9A-Fa-f]+)\\)").matcher(t);
                if (m.find()) {
                    String key = block.equals("ImageOptionalHeader {") ? "DllCharacteristics" : "Characteristics";
                    if (block.equals("Section {")) {
                        String name = cur.get("Name");
                        int paren = name.lastIndexOf(" (");
                        sections.add("section " + (paren >= 0 ? name.substring(0, paren) : name) + " "
                                + num(cur.get("VirtualSize")) + " " + num(cur.get("VirtualAddress")) + " "
                                + num(cur.get("RawDataSize")) + " " + num(cur.get("PointerToRawData")) + " "
                                + num(m.group(1)));
                    } else {
                        kv.put(key, m.group(1));
                    }
                }
                continue;
            }
            Matcher m = KEY_VALUE.matcher(line);
            if (!m.matches()) {
                continue;
            }
            String key = m.group(1);
            String value = m.group(2);
            switch (block) {
                case "ImageFileHeader {", "ImageOptionalHeader {" -> {
                    boolean dir = false;
                    for (int i = 0; i < DIRECTORY_KEYS.length; i++) {
                        if (key.equals(DIRECTORY_KEYS[i] + "RVA")) {
                            dirs[2 * i] = num(value);
                            maxDir = Math.max(maxDir, i);
                            dir = true;
                        } else if (key.equals(DIRECTORY_KEYS[i] + "Size")) {
                            dirs[2 * i + 1] = num(value);
                            dir = true;
                        }
                    }
                    if (!dir) {
                        kv.put(key, value);
                    }
                }
                case "Section {" -> cur.put(key, value);
                case "Import {" -> {
                    if (key.equals("Name")) {
                        cur = new java.util.HashMap<>();
                        cur.put("Name", value);
                    } else if (key.equals("ImportLookupTableRVA")) {
                        cur.put(key, value);
                    } else if (key.equals("ImportAddressTableRVA")) {
                        imports.add("import " + cur.get("Name") + " " + num(cur.get("ImportLookupTableRVA")) + " "
                                + num(value));
                    } else if (key.equals("Symbol")) {
                        imports.add("  " + value);
                    }
                }
                case "DelayImport {" -> {
                    if (key.equals("Name")) {
                        delays.add("delay " + value);
                    } else if (key.equals("Symbol")) {
                        delays.add("  " + value);
                    }
                }
                case "Export {" -> {
                    cur.put(key, value);
                    // llvm-readobj lists unused ordinals (RVA 0, no name) too; execray leaves them out
                    if (key.equals("RVA") && !(num(value) == 0 && cur.getOrDefault("Name", "").isEmpty())) {
                        exports.add("export " + cur.get("Ordinal") + " " + cur.getOrDefault("Name", "") + " " + num(value));
                    }
                }
                case "DebugEntry {" -> {
                    cur.put(key, value);
                    if (key.equals("PointerToRawData")) {
                        debug.add("debug " + num(cur.get("Type")) + " " + num(cur.get("SizeOfData")) + " "
                                + num(cur.get("AddressOfRawData")) + " " + num(value));
                    } else if (key.equals("PDBFileName")) {
                        String g = cur.get("PDBGUID").replaceAll("[() ]", "");
                        debug.add("  pdb " + g.toUpperCase(Locale.ROOT) + " " + cur.get("PDBAge") + " " + value);
                    }
                }
                default -> {
                }
            }
        }
        f.add("machine " + num(kv.get("Machine")));
        f.add("sections " + kv.get("SectionCount"));
        f.add("timestamp " + num(kv.get("TimeDateStamp")));
        f.add("symtab " + num(kv.get("PointerToSymbolTable")) + " " + kv.get("SymbolCount"));
        f.add("optsize " + kv.get("OptionalHeaderSize"));
        f.add("characteristics " + num(kv.get("Characteristics")));
        f.add("magic " + num(kv.get("Magic")));
        f.add("linker " + kv.get("MajorLinkerVersion") + "." + kv.get("MinorLinkerVersion"));
        f.add("code " + kv.get("SizeOfCode") + " " + kv.get("SizeOfInitializedData") + " "
                + kv.get("SizeOfUninitializedData"));
        f.add("entry " + num(kv.get("AddressOfEntryPoint")) + " base " + num(kv.get("BaseOfCode")));
        if (kv.containsKey("BaseOfData")) {
            f.add("baseofdata " + num(kv.get("BaseOfData")));
        }
        f.add("imagebase " + Long.toUnsignedString(num(kv.get("ImageBase"))));
        f.add("alignment " + kv.get("SectionAlignment") + " " + kv.get("FileAlignment"));
        f.add("os " + kv.get("MajorOperatingSystemVersion") + "." + kv.get("MinorOperatingSystemVersion") + " image "
                + kv.get("MajorImageVersion") + "." + kv.get("MinorImageVersion") + " subsystem "
                + kv.get("MajorSubsystemVersion") + "." + kv.get("MinorSubsystemVersion"));
        f.add("sizeofimage " + kv.get("SizeOfImage") + " headers " + kv.get("SizeOfHeaders"));
        f.add("subsystem " + num(kv.get("Subsystem")));
        f.add("dllcharacteristics " + num(kv.getOrDefault("DllCharacteristics", "0")));
        f.add("stack " + Long.toUnsignedString(num(kv.get("SizeOfStackReserve"))) + " "
                + Long.toUnsignedString(num(kv.get("SizeOfStackCommit"))));
        f.add("heap " + Long.toUnsignedString(num(kv.get("SizeOfHeapReserve"))) + " "
                + Long.toUnsignedString(num(kv.get("SizeOfHeapCommit"))));
        f.add("rvas " + kv.get("NumberOfRvaAndSize"));
        for (int i = 0; i <= maxDir; i++) {
            f.add("dir " + i + " " + dirs[2 * i] + " " + dirs[2 * i + 1]);
        }
        f.addAll(sections);
        f.addAll(imports);
        f.addAll(delays);
        f.addAll(exports);
        f.addAll(debug);
        return f;
    }

    // ---- forwarders, from objdump -p -----------------------------------------------------------

    private static final Pattern FORWARDER = Pattern.compile("\\+base\\[\\s*(\\d+)\\]\\s+\\S+\\s+Forwarder RVA -- (.*)$");

    /** "" when objdump cannot read the file or lists the same forwarders as we do; else the difference. */
    private static String forwardersDiffer(Path f) {
        String out = ForeignExecutables.run(List.of("objdump", "-p", f.toString()), TIMEOUT);
        if (out.isEmpty()) {
            return "";
        }
        List<String> theirs = new ArrayList<>();
        for (String line : out.split("\n")) {
            Matcher m = FORWARDER.matcher(line);
            if (m.find()) {
                theirs.add(m.group(1) + " " + m.group(2).trim());
            }
        }
        List<String> ours = new ArrayList<>();
        try {
            PeFile.read(ByteSource.open(f)).exports().directory().ifPresent(d -> d.exports().forEach(
                    e -> e.forwarder().ifPresent(fw -> ours.add(e.ordinal() + " " + fw))));
        } catch (Exception e) {
            return "forwarders: " + e;
        }
        return ours.equals(theirs) ? "" : "forwarders: " + firstDifference(ours, theirs);
    }
}

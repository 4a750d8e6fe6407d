package dev.execray.binary.pe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.execray.binary.ArchiveMember;
import dev.execray.binary.BinaryFile;
import dev.execray.binary.ForeignExecutables;
import dev.execray.report.ArchiveReport;
import dev.execray.report.CoffReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bare COFF objects built here with clang-14 for five Windows targets, three option sets and four C sources
 * (long names, weak and common symbols, big data, thread-locals, dllexport), read by CoffObjectFile and compared with {@code llvm-readobj-14 --file-headers --sections --symbols}:
 * machine, section and symbol counts, each section's name, raw size and offset, relocation count and
 * characteristics, each symbol's name, value, section number, storage class and aux count. Then the objects of one
 * target joined into a .lib with llvm-ar and compared member by member with {@code llvm-nm -A -p}.
 */
@Tag("oracle")
class CoffObjectOracleTest {
    private static final List<String> TARGETS = List.of("x86_64-pc-windows-msvc", "i686-pc-windows-msvc",
            "aarch64-pc-windows-msvc", "thumbv7-pc-windows-msvc", "x86_64-w64-windows-gnu");
    private static final List<List<String>> OPTIONS = List.of(List.of("-O0"), List.of("-O2", "-ffunction-sections",
            "-fdata-sections"), List.of("-O1", "-g"));
    private static final Pattern FIELD = Pattern.compile("^\\s*(\\w+): (.*)$");
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    @Test
    void objectsAgreeWithLlvmReadobj(@TempDir Path dir) throws Exception {
        for (String tool : List.of("clang-14", "llvm-readobj-14", "llvm-ar-14", "llvm-nm-14")) {
            assertThat(ForeignExecutables.available(tool)).as(tool + " is not installed: apt-get install clang-14 llvm-14")
                    .isTrue();
        }
        List<Path> sources = new ArrayList<>();
        Path extra = dir.resolve("extra.c");
        Files.writeString(extra, "int foo(void) { return 42; }\nint data = 7;\nextern int ext(void);\n"
                + "int callext(void) { return ext() + data; }\nstatic int loc(void) { return 1; }\n"
                + "int (*p)(void) = loc;\nint common_var;\nstatic const char msg[] = \"hello\";\n"
                + "const char *get(void) { return msg; }\n");
        sources.add(extra);
        // no #include: the Windows targets have no C library headers here
        Path many = dir.resolve("a_source_file_with_a_long_name.c");
        StringBuilder gen = new StringBuilder("static int counter;\n__attribute__((weak)) int weak_hook(int x) { return x; }\n");
        for (int i = 0; i < 40; i++) {
            gen.append("int function_with_a_long_name_").append(i).append("(int x) { counter += x; return weak_hook(x * ")
                    .append(i).append("); }\n");
            gen.append("const char text_").append(i).append("[] = \"string number ").append(i).append("\";\n");
        }
        sources.add(Files.writeString(many, gen.toString()));
        Path data = dir.resolve("data.c");
        sources.add(Files.writeString(data, "double table[1024] = {1.0, 2.0};\nchar zeros[65536];\n"
                + "extern int imported_value;\nint *pointers[] = {&imported_value, 0, &imported_value};\n"
                + "__declspec(dllexport) int exported(void) { return imported_value; }\n"));
        Path tls = dir.resolve("tls.c");
        sources.add(Files.writeString(tls, "__declspec(thread) int per_thread = 3;\n"
                + "int get(void) { return per_thread; }\nstruct big { char b[300]; };\n"
                + "struct big copy(struct big x) { return x; }\n"));
        int objects = 0;
        long sections = 0;
        long symbols = 0;
        List<String> disagreements = new ArrayList<>();
        List<Path> firstTarget = new ArrayList<>();
        for (String target : TARGETS) {
            for (int o = 0; o < OPTIONS.size(); o++) {
                for (Path src : sources) {
                    Path obj = dir.resolve(target + "-" + o + "-" + src.getFileName().toString().replace(".c", ".obj"));
                    List<String> cmd = new ArrayList<>(List.of("clang-14", "--target=" + target, "-c"));
                    cmd.addAll(OPTIONS.get(o));
                    cmd.addAll(List.of(src.toString(), "-o", obj.toString()));
                    ForeignExecutables.run(cmd, TIMEOUT);
                    if (!Files.exists(obj)) {
                        continue;
                    }
                    List<String> expected = readobj(obj);
                    BinaryFile f = BinaryFile.open(obj);
                    assertThat(f).as(obj.toString()).isInstanceOf(BinaryFile.Coff.class);
                    List<String> actual = ours(((BinaryFile.Coff) f).coff());
                    objects++;
                    if (expected.equals(actual)) {
                        sections += actual.stream().filter(l -> l.startsWith("section ")).count();
                        symbols += actual.stream().filter(l -> l.startsWith("symbol ")).count();
                    } else if (disagreements.size() < 10) {
                        int i = 0;
                        while (i < Math.min(expected.size(), actual.size()) && expected.get(i).equals(actual.get(i))) {
                            i++;
                        }
                        disagreements.add(obj.getFileName() + ": " + (i < expected.size() ? expected.get(i) : "(end)")
                                + " | " + (i < actual.size() ? actual.get(i) : "(end)"));
                    }
                    if (target.equals(TARGETS.get(0))) {
                        firstTarget.add(obj);
                    }
                }
            }
        }
        String report = "oracle llvm-readobj COFF: " + (objects - disagreements.size()) + "/" + objects + " objects agree ("
                + sections + " sections, " + symbols + " symbols)";
        System.out.println(report);
        disagreements.forEach(d -> System.out.println("  disagree: " + d));
        assertThat(disagreements).as(report).isEmpty();
        assertThat(objects).as(report).isGreaterThanOrEqualTo(60);

        // the same objects as the members of a static library
        Path lib = dir.resolve("objs.lib");
        List<String> ar = new ArrayList<>(List.of("llvm-ar-14", "rcs", lib.toString()));
        firstTarget.forEach(p -> ar.add(p.toString()));
        ForeignExecutables.run(ar, TIMEOUT);
        List<String> expected = new ArrayList<>();
        String prefix = lib + ":";
        for (String line : ForeignExecutables.run(List.of("llvm-nm-14", "-A", "-p", lib.toString()), TIMEOUT).lines()
                .toList()) {
            if (line.startsWith(prefix)) {
                String rest = line.substring(prefix.length());
                int colon = rest.indexOf(':');
                Matcher m = Pattern.compile("^ +[0-9a-fA-F]* ?(\\S) (.*)$").matcher(rest.substring(colon + 1));
                if (m.matches()) {
                    boolean undefined = m.group(1).equals("U") || m.group(1).equals("w") || m.group(1).equals("v");
                    expected.add(rest.substring(0, colon) + " " + (undefined ? "U" : "-") + " " + m.group(2));
                }
            }
        }
        BinaryFile.Archive a = (BinaryFile.Archive) BinaryFile.open(lib);
        List<String> actual = new ArrayList<>();
        for (ArchiveMember c : a.contents()) {
            for (ArchiveReport.MemberSymbol s : ArchiveReport.symbols(((ArchiveMember.Read) c).file())) {
                actual.add(c.member().name() + " " + (s.undefined() ? "U" : "-") + " " + s.name());
            }
        }
        System.out.println("oracle llvm-nm -A on a COFF .lib: " + actual.size() + "/" + expected.size() + " symbols in "
                + a.contents().size() + " members");
        assertThat(actual).isEqualTo(expected);
        assertThat(actual).hasSizeGreaterThanOrEqualTo(30);
    }

    /**
     * /bigobj objects, made here two ways: llvm-mc writes one itself when an object has more than 65,279 sections,
     * and GNU objcopy converts classic objects (-O pe-bigobj-x86-64). Assembly written here (long names, weak,
     * common, absolute and section symbols, relocations, a section per function) for two x86-64 targets, plus the
     * committed fixtures; each read by CoffObjectFile as a bigobj and compared with llvm-readobj as above.
     */
    @Test
    void bigObjectsAgreeWithLlvmReadobj(@TempDir Path dir) throws Exception {
        for (String tool : List.of("llvm-mc", "objcopy", "llvm-readobj-14")) {
            assertThat(ForeignExecutables.available(tool))
                    .as(tool + " is not installed: apt-get install llvm-14 binutils")
                    .isTrue();
        }
        List<Path> sources = new ArrayList<>();
        for (int variant = 0; variant < 4; variant++) {
            StringBuilder a = new StringBuilder();
            int functions = new int[] {1, 12, 40, 300}[variant];
            for (int i = 0; i < functions; i++) {
                String name = (i % 3 == 0 ? "f" : "a_function_with_a_long_name_") + i;
                a.append("\t.section .text$").append(name).append(",\"xr\"\n\t.globl ").append(name).append('\n');
                if (i % 5 == 4) {
                    a.append("\t.weak ").append(name).append('\n');
                }
                a.append(name).append(":\n\tcall external_").append(i % 7).append("\n\tret\n");
            }
            a.append("\t.data\n\t.globl table\ntable:\n");
            for (int i = 0; i < functions; i++) {
                a.append("\t.quad ").append((i % 3 == 0 ? "f" : "a_function_with_a_long_name_") + i).append('\n');
            }
            a.append("\t.bss\n\t.comm common_").append(variant).append(", 32, 4\nlocal_bss:\n\t.zero 8\n");
            a.append("\t.set absolute_").append(variant).append(", ").append(variant * 100).append('\n');
            a.append("\t.globl absolute_").append(variant).append('\n');
            sources.add(Files.writeString(dir.resolve("v" + variant + ".s"), a.toString()));
        }
        List<Path> objects = new ArrayList<>();
        for (Path src : sources) {
            for (String triple : List.of("x86_64-pc-windows-msvc", "x86_64-w64-windows-gnu")) {
                String base = src.getFileName().toString().replace(".s", "") + "-" + triple;
                Path obj = dir.resolve(base + ".obj");
                Path big = dir.resolve(base + "-bigobj.obj");
                ForeignExecutables.run(List.of("llvm-mc", "-filetype=obj", "-triple", triple, src.toString(), "-o",
                        obj.toString()), TIMEOUT);
                ForeignExecutables.run(List.of("objcopy", "-I", "pe-x86-64", "-O", "pe-bigobj-x86-64", obj.toString(),
                        big.toString()), TIMEOUT);
                objects.add(big);
            }
        }
        // more sections than a 16-bit count can hold: llvm-mc switches to bigobj on its own
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 65_300; i++) {
            many.append("\t.section .d$").append(i).append(",\"dr\"\n\t.byte ").append(i & 0xff).append('\n');
        }
        many.append("\t.text\n\t.globl last\nlast:\n\tcall elsewhere\n\tret\n");
        Path manySrc = Files.writeString(dir.resolve("many.s"), many.toString());
        Path manyObj = dir.resolve("many-sections.obj");
        ForeignExecutables.run(List.of("llvm-mc", "-filetype=obj", "-triple", "x86_64-pc-windows-msvc",
                manySrc.toString(), "-o", manyObj.toString()), TIMEOUT);
        objects.add(manyObj);
        objects.add(Path.of("fixtures/out/coff/xrobj-bigobj.obj"));
        int agree = 0;
        long sections = 0;
        long symbols = 0;
        List<String> disagreements = new ArrayList<>();
        for (Path obj : objects) {
            BinaryFile f = BinaryFile.open(obj);
            assertThat(f).as(obj.toString()).isInstanceOf(BinaryFile.Coff.class);
            CoffObjectFile c = ((BinaryFile.Coff) f).coff();
            assertThat(c.layout()).as(obj.toString()).isEqualTo(CoffObjectLayout.BIG_OBJ);
            assertThat(new dev.execray.binary.BinaryFile.Coff(c).problems()).as(obj.toString()).isEmpty();
            List<String> expected = readobj(obj);
            List<String> actual = ours(c);
            if (expected.equals(actual)) {
                agree++;
                sections += actual.stream().filter(l -> l.startsWith("section ")).count();
                symbols += actual.stream().filter(l -> l.startsWith("symbol ")).count();
            } else {
                int i = 0;
                while (i < Math.min(expected.size(), actual.size()) && expected.get(i).equals(actual.get(i))) {
                    i++;
                }
                disagreements.add(obj.getFileName() + ": " + (i < expected.size() ? expected.get(i) : "(end)") + " | "
                        + (i < actual.size() ? actual.get(i) : "(end)"));
            }
        }
        String report = "oracle llvm-readobj COFF /bigobj: " + agree + "/" + objects.size() + " objects agree ("
                + sections + " sections, " + symbols + " symbols)";
        System.out.println(report);
        disagreements.forEach(d -> System.out.println("  disagree: " + d));
        assertThat(disagreements).as(report).isEmpty();
        assertThat(sections).as(report).isGreaterThan(65_300);
    }

    /** Our reading in the shape {@link #readobj} gives. */
    private static List<String> ours(CoffObjectFile c) {
        List<String> out = new ArrayList<>();
        out.add("machine " + c.header().machine() + " sections " + c.header().numberOfSections() + " symbols "
                + c.header().numberOfSymbols());
        for (PeSection s : c.sections()) {
            out.add("section " + s.name() + " " + s.sizeOfRawData() + " " + s.pointerToRawData() + " "
                    + c.relocationCount(s) + " " + s.characteristics());
        }
        for (CoffSymbol s : c.symbols().entries()) {
            out.add("symbol " + s.name() + " " + s.value() + " " + s.sectionNumber() + " " + s.storageClass() + " "
                    + s.numberOfAuxSymbols());
        }
        return out;
    }

    /** llvm-readobj's header, sections and symbols, one line each. */
    private static List<String> readobj(Path obj) {
        String text = ForeignExecutables.run(List.of("llvm-readobj-14", "--file-headers", "--sections", "--symbols",
                obj.toString()), TIMEOUT);
        List<String> out = new ArrayList<>();
        String machine = "";
        String sectionCount = "";
        String symbolCount = "";
        String block = "";
        java.util.Map<String, String> f = new java.util.HashMap<>();
        int depth = 0;
        for (String line : text.lines().toList()) {
            String t = line.trim();
            if (t.equals("Section {") || t.equals("Symbol {")) {
                block = t.startsWith("Section") ? "section" : "symbol";
                f.clear();
                depth = 0;
                continue;
            }
            if (!block.isEmpty()) {
                if (t.endsWith("{") || t.endsWith("[") || t.matches(".*\\[ \\(0x[0-9A-Fa-f]+\\)$")) {
                    if (t.startsWith("Characteristics [")) {
                        f.put("Characteristics", t.replaceAll(".*\\(0x([0-9A-Fa-f]+)\\)$", "$1"));
                    }
                    depth++;
                    continue;
                }
                if (t.equals("}") || t.equals("]")) {
                    if (depth == 0) {
                        if (block.equals("section")) {
                            out.add("section " + f.get("Name").replaceAll(" \\([0-9A-F ]+\\)$", "") + " "
                                    + f.get("RawDataSize") + " " + Long.decode(f.get("PointerToRawData")) + " "
                                    + f.get("RelocationCount") + " " + Long.parseLong(f.get("Characteristics"), 16));
                        } else {
                            out.add("symbol " + f.get("Name") + " " + f.get("Value") + " "
                                    + f.get("Section").replaceAll(".*\\((-?\\d+)\\)$", "$1") + " "
                                    + Long.decode(f.get("StorageClass").replaceAll(".*\\((0x[0-9A-Fa-f]+)\\)$", "$1"))
                                    + " " + f.get("AuxSymbolCount"));
                        }
                        block = "";
                    } else {
                        depth--;
                    }
                    continue;
                }
                Matcher m = FIELD.matcher(line);
                if (depth == 0 && m.matches()) {
                    f.put(m.group(1), m.group(2));
                }
                continue;
            }
            Matcher m = FIELD.matcher(line);
            if (m.matches()) {
                switch (m.group(1)) {
                    case "Machine" -> machine = Long.decode(m.group(2).replaceAll(".*\\((0x[0-9A-Fa-f]+)\\)$", "$1"))
                            .toString();
                    case "SectionCount" -> sectionCount = m.group(2);
                    case "SymbolCount" -> symbolCount = m.group(2);
                    default -> {
                    }
                }
            }
        }
        out.add(0, "machine " + machine + " sections " + sectionCount + " symbols " + symbolCount);
        return out;
    }
}

package dev.execray.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InspectCommandTest {
    record Result(int code, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void summarisesAnElfFileInOneGlance() {
        Result r = run("inspect", "fixtures/out/c/hello-x86_64-pie");
        assertThat(r.code()).isZero();
        assertThat(r.lines().get(0)).isEqualTo("fixtures/out/c/hello-x86_64-pie: ELF64 LSB PIE executable, "
                + "Advanced Micro Devices X86-64, dynamically linked");
        assertThat(r.out()).containsPattern("interpreter +/lib64/ld-linux-x86-64.so.2\n")
                .containsPattern("needed +libc.so.6\n").containsPattern("stack +not executable \\(PT_GNU_STACK RW\\)");
        assertThat(r.err()).isEmpty();
    }

    @Test
    @org.junit.jupiter.api.Timeout(30)
    void aFifoOrADeviceIsRefusedBeforeItIsOpenedInsteadOfWaitingForAWriter(@TempDir Path tmp) throws Exception {
        Path fifo = tmp.resolve("pipe");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        for (String[] args : List.of(new String[] {"inspect", fifo.toString()}, new String[] {"go", fifo.toString()},
                new String[] {"binfmt", "match", fifo.toString()}, new String[] {"inspect", "/dev/null"})) {
            Result r = run(args);
            assertThat(r.code()).as(String.join(" ", args)).isEqualTo(ExitCode.BAD_INPUT);
            assertThat(r.err()).as(String.join(" ", args)).isEqualTo("execray: " + args[args.length - 1]
                    + ": not a regular file\n");
        }
    }

    @Test
    void detailFlagsPrintReadelfTables() {
        Result r = run("inspect", "-hlSdsVn", "fixtures/out/c/hello-x86_64-pie");
        assertThat(r.out()).contains("ELF Header:", "Section Headers:", "Program Headers:", "Dynamic section at offset",
                "Symbol table '.dynsym'", "Symbol table '.symtab'", "Version needs section '.gnu.version_r'",
                "Displaying notes found in: .note.gnu.build-id", " (NEEDED)             Shared library: [libc.so.6]");
    }

    @Test
    void jsonlIsOneObjectPerFileAndLine() throws IOException {
        Result r = run("inspect", "--jsonl", "fixtures/out/c/hello-x86_64-pie", "fixtures/out/c/hello-ppc32be",
                "fixtures/out/scripts/sh-simple");
        List<String> lines = r.lines();
        assertThat(lines).hasSize(3);
        ObjectMapper m = new ObjectMapper();
        JsonNode pie = m.readTree(lines.get(0));
        assertThat(pie.get("format").asText()).isEqualTo("elf");
        assertThat(pie.get("class").asInt()).isEqualTo(64);
        assertThat(pie.get("data").asText()).isEqualTo("lsb");
        assertThat(pie.get("type").asText()).isEqualTo("DYN");
        assertThat(pie.get("pie").asBoolean()).isTrue();
        assertThat(pie.get("machine").asText()).isEqualTo("Advanced Micro Devices X86-64");
        assertThat(pie.get("interpreter").asText()).isEqualTo("/lib64/ld-linux-x86-64.so.2");
        assertThat(pie.get("needed")).hasSize(1);
        assertThat(pie.get("soname").isNull()).isTrue();
        JsonNode ppc = m.readTree(lines.get(1));
        assertThat(ppc.get("class").asInt()).isEqualTo(32);
        assertThat(ppc.get("data").asText()).isEqualTo("msb");
        assertThat(m.readTree(lines.get(2)).get("format").asText()).isEqualTo("script");
    }

    @Test
    void jsonDetailFlagsAddTheirTables() throws IOException {
        Result r = run("inspect", "--jsonl", "-a", "fixtures/out/c/libxr.so.1");
        JsonNode o = new ObjectMapper().readTree(r.out());
        assertThat(o.get("dynamicSymbols").findValuesAsText("name")).contains("xr_add", "XR_2.0");
        assertThat(o.get("versionDefinitions")).hasSize(3);
        assertThat(o.get("sectionHeaders").get(0).get("type").asText()).isEqualTo("NULL");
        assertThat(o.get("programHeaders").get(0).has("vaddr")).isTrue();
        assertThat(o.get("fileHeader").get("shnum").asInt()).isPositive();
    }

    @Test
    void aMalformedFileIsOneLineOnStderrAndExitCode3WhileOthersContinue(@TempDir Path tmp) throws IOException {
        byte[] good = Files.readAllBytes(Path.of("fixtures/out/c/hello-x86_64-pie"));
        byte[] bad = good.clone();
        // e_shoff past the end of the file
        java.nio.ByteBuffer.wrap(bad).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(40, bad.length + 100L);
        Path broken = tmp.resolve("broken");
        Files.write(broken, bad);
        Path truncated = tmp.resolve("truncated");
        Files.write(truncated, java.util.Arrays.copyOf(good, 30));
        Result r = run("inspect", broken.toString(), truncated.toString(), "fixtures/out/c/hello-x86_64-pie");
        assertThat(r.code()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(r.err().lines().toList()).containsExactly(
                "execray: " + broken + ": section header table at offset 0x" + Long.toHexString(bad.length + 100L)
                        + ": 1984 bytes needed, file has 0 from there (size " + bad.length + ")",
                "execray: " + truncated + ": ELF header at offset 0x0: file of 30 bytes is shorter than the 64-bit "
                        + "ELF header (64 bytes)");
        // what is still true is printed: the interpreter comes from the program headers
        assertThat(r.out()).contains(broken + ": ELF64 LSB PIE executable")
                .containsPattern("interpreter +/lib64/ld-linux-x86-64.so.2")
                .contains("fixtures/out/c/hello-x86_64-pie: ELF64 LSB PIE executable");
    }

    @Test
    void aMissingFileIsBadInput() {
        Result r = run("inspect", "/nonexistent/file");
        assertThat(r.code()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(r.err()).isEqualTo("execray: /nonexistent/file: no such file or directory\n");
    }

    @Test
    void jsonIsOneDocumentWithTheErrorWhereTheFilesResultWouldBe() throws IOException {
        Result r = run("inspect", "--json", "fixtures/out/c/hello-x86_64-pie", "/nonexistent/file",
                "fixtures/out/scripts/sh-simple");
        assertThat(r.code()).isEqualTo(ExitCode.BAD_INPUT);
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertThat(doc.get("schema").asText()).isEqualTo("execray-inspect/2");
        JsonNode files = doc.get("files");
        assertThat(files).hasSize(3);
        assertThat(files.get(0).get("format").asText()).isEqualTo("elf");
        assertThat(files.get(1).get("path").asText()).isEqualTo("/nonexistent/file");
        assertThat(files.get(1).get("error").get("errno").asText()).isEqualTo("ENOENT");
        assertThat(files.get(1).get("error").get("message").asText()).isEqualTo("no such file or directory");
        assertThat(files.get(2).get("format").asText()).isEqualTo("script");
        // a file per line inside the document, so line tools still see one file at a time
        assertThat(r.out().lines()).hasSize(5).first().isEqualTo("{\"schema\":\"execray-inspect/2\",\"files\":[");
    }

    @Test
    void aFileThatBreaksAStructuralRuleExitsThreeAndStillPrintsWhatIsTrue(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("bad-phentsize");
        // e_phentsize 57 (64-bit LSB): LLVM refuses the file, readelf warns and reads it with 56
        byte[] bytes = Files.readAllBytes(Path.of("fixtures/out/c/hello-x86_64-pie"));
        bytes[54] = 57;
        bytes[55] = 0;
        Files.write(f, bytes);
        Result r = run("inspect", f.toString());
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).contains("e_phentsize 57 is not the size of a program header");
        assertThat(r.out()).containsPattern("interpreter +/lib64/ld-linux-x86-64.so.2\n");
        JsonNode j = new ObjectMapper().readTree(run("inspect", "--jsonl", f.toString()).out());
        assertThat(j.get("problems").toString()).contains("e_phentsize 57");
    }

    @Test
    void aMachOCpuSubtypeWithItsCapabilityBitIsWrittenUnsigned(@TempDir Path dir) throws IOException {
        // CPU_SUBTYPE_LIB64 | CPU_SUBTYPE_X86_64_ALL: 0x80000003, which as a signed int is -2147483645
        Path f = dir.resolve("lib64");
        Files.write(f, dev.execray.binary.macho.MachOBuilder.x86_64().cpu(0x01000007, 0x80000003).build());
        JsonNode j = new ObjectMapper().readTree(run("inspect", "--jsonl", f.toString()).out());
        assertThat(j.toString()).contains("\"cpusubtype\":2147483651").doesNotContain("-2147483645");
    }

    @Test
    void aStaticArchiveListsItsMembersAndIndex(@TempDir Path dir) throws IOException {
        // one member "a.o" of 4 bytes, and a GNU index naming it for the symbol "foo"
        String idx = "/               0           0     0     644     12        `\n";
        String mem = "a.o/            0           0     0     644     4         `\nELF?";
        byte[] index = {0, 0, 0, 1, 0, 0, 0, (byte) (8 + 60 + 12), 'f', 'o', 'o', 0};
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        b.writeBytes("!<arch>\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        b.writeBytes(idx.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        b.writeBytes(index);
        b.writeBytes(mem.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        Path f = dir.resolve("lib.a");
        Files.write(f, b.toByteArray());
        Result r = run("inspect", f.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("static archive, 1 member, 1 symbol in the index").containsPattern("member +a.o +4 bytes");
        JsonNode j = new ObjectMapper().readTree(run("inspect", "--jsonl", f.toString()).out());
        assertThat(j.get("format").asText()).isEqualTo("archive");
        assertThat(j.get("index").get(0).get("member").asText()).isEqualTo("a.o");

        Files.write(f, java.util.Arrays.copyOf(b.toByteArray(), b.size() - 2));
        Result broken = run("inspect", f.toString());
        assertThat(broken.code()).isEqualTo(3);
        assertThat(broken.err()).contains("runs past the end of the archive");
    }

    @Test
    void nameBytesThatAreNotUtf8AreShownAsHexInTextAndKeptInJson(@TempDir Path dir) throws IOException {
        byte[] f = Files.readAllBytes(Path.of("fixtures/out/c/hello-x86_64-pie"));
        byte[] name = "frame_dummy\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        int at = indexOf(f, name);
        assertThat(at).isPositive();
        f[at + 1] = (byte) 0xff;
        f[at + 2] = 0x1b;
        Path file = Files.write(dir.resolve("odd-name"), f);
        Result text = run("inspect", "-s", file.toString());
        // readelf prints the ESC as ^[ (its print_symbol) and the byte raw; execray shows the byte as \xff
        assertThat(text.out()).contains(" f\\xff^[me_dummy\n").doesNotContain("\uFFFD");
        Result json = run("inspect", "--jsonl", "-s", file.toString());
        assertThat(json.out()).contains("\"f\\udcff\\u001Bme_dummy\"").doesNotContain("\uFFFD");
        JsonNode tree = new ObjectMapper().readTree(json.out().lines().findFirst().orElseThrow());
        assertThat(tree.findValues("name")).extracting(JsonNode::asText).contains("f\uDCFF\u001Bme_dummy");
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int k = 0; k < needle.length; k++) {
                if (hay[i + k] != needle[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Test
    void sectionHeadersAreReadelfsAndCompressionHeadersAreInTheSummary() {
        Result sections = run("inspect", "-S", "fixtures/out/c/hello-x86_64-zdebug");
        assertThat(sections.out()).doesNotContain("Compressed sections").contains("Section Headers:");
        Result summary = run("inspect", "fixtures/out/c/hello-x86_64-zdebug");
        assertThat(summary.out()).contains("compressed").containsPattern("\\[ ?\\d+\\] \\.debug_\\w+: ZLIB, \\d+ bytes -> \\d+ bytes");
    }

    @Test
    void aThinArchiveReadsItsMembersFromTheirFilesAndAMissingOneExitsThree() throws IOException {
        Result ok = run("inspect", "-s", "fixtures/out/thin/libxrthin.a");
        assertThat(ok.code()).isZero();
        assertThat(ok.out()).contains("thin static archive, 3 members").containsPattern("member +obj/libxr.o .*ELF64")
                .contains("xr_mul");
        Result missing = run("inspect", "fixtures/out/thin/libxrthin-missing.a");
        assertThat(missing.code()).isEqualTo(3);
        assertThat(missing.out()).contains("unreadable: ").contains("obj/gone.o: no such file");
        Result json = run("inspect", "--jsonl", "fixtures/out/thin/libxrthin-missing.a");
        JsonNode j = new ObjectMapper().readTree(json.out());
        assertThat(j.get("members").get(1).get("content").asText()).isEqualTo("unreadable");
        assertThat(j.get("problems").toString()).contains("thin archive member obj/gone.o");
    }

    @Test
    void aBigObjIsACoffObject() throws IOException {
        Result r = run("inspect", "-s", "fixtures/out/coff/xrobj-bigobj.obj");
        assertThat(r.code()).isZero();
        assertThat(r.lines().get(0)).startsWith("fixtures/out/coff/xrobj-bigobj.obj: COFF bigobj object, ");
        assertThat(r.out()).contains(".rdata$xr_a_section_name_longer_than_eight", "xr_function_with_a_long_name");
        JsonNode j = new ObjectMapper().readTree(run("inspect", "--jsonl", "fixtures/out/coff/xrobj-bigobj.obj").out());
        assertThat(j.get("format").asText()).isEqualTo("coff");
        assertThat(j.get("bigObj").asBoolean()).isTrue();
    }

    @Test
    void aSolarisLibraryShowsItsSyminfoTableWithDynamic() throws IOException {
        Result r = run("inspect", "-d", "fixtures/out/c/libxrsun-solaris.so.1");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("(SUNW_STRPAD)", "Dynamic info segment at offset 0x2000 contains 8 entries:",
                "   1: _ITM_deregisterTMCloneTable SELF        DIRECT");
        JsonNode j = new ObjectMapper().readTree(run("inspect", "--jsonl", "-d", "fixtures/out/c/libxrsun-solaris.so.1")
                .out());
        assertThat(j.get("symbolInfo")).hasSize(8);
        assertThat(j.get("symbolInfo").get(2).get("flagNames").toString()).isEqualTo("[\"LAZYLOAD\"]");
    }
}

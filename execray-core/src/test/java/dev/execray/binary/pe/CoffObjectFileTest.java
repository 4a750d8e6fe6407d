package dev.execray.binary.pe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.execray.binary.BinaryFile;
import dev.execray.binary.ByteSource;
import dev.execray.binary.FileFormat;
import dev.execray.binary.Magic;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Bare COFF objects from coff/build.sh (clang-14, MSVC ABI); the numbers are llvm-readobj's for the same files. */
class CoffObjectFileTest {
    static Path fixture(String name) throws Exception {
        return Path.of(CoffObjectFileTest.class.getResource("coff/" + name).toURI());
    }

    @Test
    void anX8664ObjectReadsAsLlvmReadobjShowsIt() throws Exception {
        BinaryFile f = BinaryFile.open(fixture("obj-x86_64.obj"));
        assertThat(f.format()).isEqualTo(FileFormat.COFF);
        CoffObjectFile c = ((BinaryFile.Coff) f).coff();
        assertThat(c.header().machine()).isEqualTo(0x8664);
        assertThat(c.header().numberOfSymbols()).isEqualTo(21);
        assertThat(c.sections()).extracting(PeSection::name)
                .containsExactly(".text", ".data", ".bss", ".xdata", ".pdata", ".llvm_addrsig");
        assertThat(c.sections()).extracting(c::relocationCount).containsExactly(2L, 1L, 0L, 0L, 3L, 0L);
        assertThat(c.symbols().isComplete()).isTrue();
        assertThat(c.symbols().entries()).extracting(CoffSymbol::name)
                .contains("foo", "callext", "ext", "data", "loc", "p", ".file");
        CoffSymbol ext = c.symbols().entries().stream().filter(s -> s.name().equals("ext")).findFirst().orElseThrow();
        assertThat(ext.sectionNumber()).isZero();
        assertThat(ext.storageClass()).isEqualTo(2);
        assertThat(c.problems()).isEmpty();
    }

    @Test
    void anI386ObjectIsRecognisedByItsMachine() throws Exception {
        CoffObjectFile c = ((BinaryFile.Coff) BinaryFile.open(fixture("obj-i386.obj"))).coff();
        assertThat(c.header().machine()).isEqualTo(0x14c);
        assertThat(c.machineName()).contains("386");
    }

    @Test
    void aTruncatedSymbolTableIsAProblemNotAFailure() throws Exception {
        byte[] b = Files.readAllBytes(fixture("obj-x86_64.obj"));
        byte[] cut = java.util.Arrays.copyOf(b, b.length - 120);
        CoffObjectFile c = CoffObjectFile.read(ByteSource.of(cut));
        assertThat(c.sections()).hasSize(6);
        assertThat(c.problems()).anySatisfy(p -> assertThat(p.detail()).contains("symbol table"));
        assertThat(c.symbols().isComplete()).isFalse();
    }

    @Test
    void onlyObjectLikeHeadersAreTakenForCoff() {
        byte[] head = new byte[64];
        head[0] = 0x64;
        head[1] = (byte) 0x86;
        assertThat(Magic.detect(head).format()).isEqualTo(FileFormat.COFF);
        head[16] = (byte) 0xf0; // an optional header: an image's COFF header, not an object's
        assertThat(Magic.detect(head).format()).isEqualTo(FileFormat.UNKNOWN);
        head[16] = 0;
        head[18] = 0x02; // IMAGE_FILE_EXECUTABLE_IMAGE
        assertThat(Magic.detect(head).format()).isEqualTo(FileFormat.UNKNOWN);
    }

    /** fixtures/build.sh: xrobj.obj (llvm-mc) and the same object converted to /bigobj by GNU objcopy. */
    @Test
    void aBigObjReadsAsTheClassicObjectItWasConvertedFrom() throws Exception {
        Path bigPath = Path.of("fixtures/out/coff/xrobj-bigobj.obj");
        byte[] head = Files.readAllBytes(bigPath);
        assertThat(Magic.detect(head).format()).isEqualTo(FileFormat.COFF);
        assertThat(Magic.detect(head).reason()).isEqualTo("COFF bigobj object, machine 0x8664");
        CoffObjectFile big = ((BinaryFile.Coff) BinaryFile.open(bigPath)).coff();
        CoffObjectFile classic = ((BinaryFile.Coff) BinaryFile.open(Path.of("fixtures/out/coff/xrobj.obj"))).coff();
        assertThat(big.layout()).isEqualTo(CoffObjectLayout.BIG_OBJ);
        assertThat(classic.layout()).isEqualTo(CoffObjectLayout.CLASSIC);
        assertThat(big.header().machine()).isEqualTo(0x8664);
        assertThat(big.sections()).extracting(PeSection::name).containsExactly(".text", ".data", ".bss",
                ".rdata$xr_a_section_name_longer_than_eight");
        assertThat(big.sections()).extracting(big::relocationCount).containsExactly(1L, 2L, 0L, 0L);
        assertThat(big.symbols().isComplete()).isTrue();
        assertThat(big.symbols().entries()).extracting(CoffSymbol::name).contains("xr_function_with_a_long_name",
                "xr_external_function", "xr_common_buffer", "xr_absolute_value");
        CoffSymbol abs = big.symbols().entries().stream().filter(x -> x.name().equals("xr_absolute_value"))
                .findFirst().orElseThrow();
        assertThat(abs.sectionNumber()).isEqualTo(-1); // 0xffffffff as a 32-bit section number
        assertThat(abs.value()).isEqualTo(42);
        assertThat(big.symbols().entries()).extracting(x -> x.name() + " " + x.sectionNumber() + " " + x.storageClass())
                .containsAll(classic.symbols().entries().stream()
                        .filter(x -> !x.name().startsWith(".")) // objcopy rewrites the section symbols' aux records
                        .map(x -> x.name() + " " + x.sectionNumber() + " " + x.storageClass()).toList());
        assertThat(big.problems()).isEmpty();
        assertThat(dev.execray.report.CoffReport.json("x", big).get("bigObj").asBoolean()).isTrue();
        assertThat(dev.execray.report.CoffReport.json("x", classic).get("bigObj").asBoolean()).isFalse();
        java.io.StringWriter text = new java.io.StringWriter();
        dev.execray.report.CoffReport.text("x", big, java.util.Set.of(), new java.io.PrintWriter(text));
        assertThat(text.toString()).startsWith("x: COFF bigobj object, ");
    }

    @Test
    void aBigObjHeaderBelowVersionTwoIsRefusedAndATruncatedBigObjSymbolTableIsAProblem() throws Exception {
        byte[] b = Files.readAllBytes(Path.of("fixtures/out/coff/xrobj-bigobj.obj"));
        byte[] v1 = b.clone();
        v1[4] = 1;
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> CoffObjectFile.read(ByteSource.of(v1))))
                .isInstanceOf(dev.execray.binary.BinaryFormatException.class).hasMessageContaining("version 1");
        long symtab = ByteSource.of(b).withOrder(java.nio.ByteOrder.LITTLE_ENDIAN).u32(48, "test");
        byte[] cut = java.util.Arrays.copyOf(b, (int) symtab + 50);
        CoffObjectFile c = CoffObjectFile.read(ByteSource.of(cut));
        assertThat(c.sections()).hasSize(4);
        assertThat(c.problems()).extracting(p -> p.offset()).contains(48L);
        assertThat(c.symbols().isComplete()).isFalse();
    }
}

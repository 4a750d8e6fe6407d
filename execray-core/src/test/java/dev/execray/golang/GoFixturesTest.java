package dev.execray.golang;

import static org.assertj.core.api.Assertions.assertThat;

import dev.execray.binary.ByteSource;
import dev.execray.binary.ExecutableImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The project's Go fixtures (fixtures/out/go, built by fixtures/build.sh with Debian's Go 1.19). */
class GoFixturesTest {
    private static final Path DIR = Path.of("fixtures/out/go");

    static ExecutableImage image(String name) throws IOException {
        return GoImages.open(ByteSource.open(DIR.resolve(name)));
    }

    static Stream<String> unstripped() throws IOException {
        try (Stream<Path> s = Files.list(DIR)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("hello-"))
                    .filter(n -> !n.endsWith(".stripped")).sorted().toList().stream();
        }
    }

    /** Those with a build-info blob: Go's wasm linker writes none (see wasmFunctionsAreNumberedByWasmFunctionIndex). */
    static Stream<String> withBlob() throws IOException {
        return unstripped().filter(n -> !n.endsWith("-wasm"));
    }

    @Test
    void wasmFunctionsAreNumberedByWasmFunctionIndex() throws Exception {
        // js/wasm: the table is read from the rebuilt linear memory; each function's PC is
        // (0x1000 + its index among the module's defined functions) << 16, one 64 KiB "block space" per function
        FunctionTable t = PclntabReader.read(image("hello-js-wasm"));
        assertThat(t.location()).contains("linear memory");
        assertThat(t.functions()).hasSize(901); // wasm-objdump -h: Code count 901
        for (int i = 0; i < t.functions().size(); i++) {
            assertThat(t.functions().get(i).entry()).isEqualTo((0x1000L + i) << 16);
        }
        assertThat(t.functions()).extracting(GoFunction::name).contains("main.main", "runtime.main");
        GoFunction main = t.functions().stream().filter(f -> f.name().equals("main.main")).findFirst().orElseThrow();
        assertThat(main.file()).endsWith("main.go");
        assertThat(t.fileOffset()).isPositive();
    }

    @ParameterizedTest
    @MethodSource("withBlob")
    void buildInfoNamesTheTargetTheFileWasBuiltFor(String name) throws Exception {
        GoBuildInfo bi = BuildInfoReader.read(image(name));
        assertThat(bi.goVersion()).startsWith("go1.19");
        assertThat(bi.provenance()).isEqualTo(GoBuildInfo.Provenance.BLOB_INLINE);
        String[] parts = name.split("-");
        assertThat(bi.modules().setting("GOOS")).contains(parts[1]);
        assertThat(bi.modules().setting("GOARCH")).contains(parts[2]);
        assertThat(bi.modules().setting("-trimpath")).contains("true");
    }

    @ParameterizedTest
    @MethodSource("unstripped")
    void strippingKeepsTheFunctionTable(String name) throws Exception {
        Path stripped = DIR.resolve(name + ".stripped");
        FunctionTable plain = PclntabReader.read(image(name));
        assertThat(plain.functions()).hasSizeGreaterThan(500);
        assertThat(plain.functions()).extracting(GoFunction::name).contains("main.main", "runtime.main");
        assertThat(plain.initFunctions()).isNotEmpty();
        if (Files.exists(stripped)) {
            FunctionTable s = PclntabReader.read(image(name + ".stripped"));
            assertThat(s.functions()).extracting(GoFunction::name)
                    .isEqualTo(plain.functions().stream().map(GoFunction::name).toList());
        }
    }

    @Test
    void functionsCarryFileAndLineOfTheirEntry() throws Exception {
        FunctionTable t = PclntabReader.read(image("hello-linux-amd64"));
        GoFunction main = t.functions().stream().filter(f -> f.name().equals("main.main")).findFirst().orElseThrow();
        assertThat(main.file()).endsWith(".go");
        assertThat(main.line()).isPositive();
        assertThat(main.size()).hasValueSatisfying(sz -> assertThat(sz).isPositive());
        assertThat(t.packages()).contains("runtime", "main", "internal/cpu");
        assertThat(t.version()).isEqualTo(PclntabVersion.GO118);
    }

    @Test
    void theSummaryTellsCgoPieAndArchLevelApart() throws Exception {
        GoSummary cgo = GoSummary.of(image("hello-linux-amd64-cgo"), BuildInfoReader.read(image("hello-linux-amd64-cgo")));
        assertThat(cgo.cgo()).contains(true);
        assertThat(cgo.dynamicallyLinked()).isTrue();
        assertThat(cgo.interpreter()).hasValueSatisfying(i -> assertThat(i).contains("ld-linux"));
        GoSummary pie = GoSummary.of(image("hello-linux-amd64-pie"), BuildInfoReader.read(image("hello-linux-amd64-pie")));
        assertThat(pie.pie()).isTrue();
        GoSummary v3 = GoSummary.of(image("hello-linux-amd64-v3"), BuildInfoReader.read(image("hello-linux-amd64-v3")));
        assertThat(v3.archLevel()).contains("GOAMD64=v3");
        GoSummary plain = GoSummary.of(image("hello-linux-amd64"), BuildInfoReader.read(image("hello-linux-amd64")));
        assertThat(plain.dynamicallyLinked()).isFalse();
        assertThat(plain.linking()).isEqualTo(GoSummary.Linking.INTERNAL);
        assertThat(plain.goBuildId()).isPresent();
        assertThat(plain.trimpath()).isTrue();
        GoSummary stripped = GoSummary.of(image("hello-linux-amd64.stripped"),
                BuildInfoReader.read(image("hello-linux-amd64.stripped")));
        assertThat(stripped.stripped()).isTrue();
        assertThat(plain.stripped()).isFalse();
    }

    @Test
    void initOrderIsReadFromTheRuntimesTasksAlsoInPie() throws Exception {
        ExecutableImage plain = image("hello-linux-amd64");
        ExecutableImage pie = image("hello-linux-amd64-pie");
        List<String> a = InitOrder.read(plain, PclntabReader.read(plain)).orElseThrow().stream().map(GoFunction::name).toList();
        List<String> b = InitOrder.read(pie, PclntabReader.read(pie)).orElseThrow().stream().map(GoFunction::name).toList();
        // runtime.main runs runtime's task (after its dependency internal/bytealg) before main's
        assertThat(a).startsWith("internal/bytealg.init.0", "runtime.init");
        assertThat(b).isEqualTo(a);
    }

    @Test
    void bigEndianAndThirtyTwoBitTablesRead() throws Exception {
        for (String n : List.of("hello-linux-ppc64", "hello-linux-386", "hello-linux-arm", "hello-windows-386")) {
            FunctionTable t = PclntabReader.read(image(n));
            assertThat(t.functions()).as(n).extracting(GoFunction::name).contains("main.main");
        }
    }
}

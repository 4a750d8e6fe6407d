package dev.execray.exec.ld;

import static org.assertj.core.api.Assertions.assertThat;

import dev.execray.place.ldconfig.CpuModel;
import dev.execray.place.ldconfig.LoaderFs;
import dev.execray.rootfs.RootFs;
import dev.execray.testing.Run;
import dev.execray.truth.Oracle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Oracle (d): generated failure cases against glibc's real loader on this machine. Each program returns
 * the value of {@code val()} from whichever {@code libval.so} the loader picked (each copy returns a
 * different number), so the exit status says which file was loaded; a loader failure gives its own status
 * and message. Our prediction must give the same status and the same lines on stderr.
 */
@Tag("oracle")
class GlibcFailureOracleTest {
    record Case(String name, String program, Map<String, String> env) {
    }

    private final Map<String, Integer> valueOf = new HashMap<>();

    void sh(Path dir, String script) {
        Run.Result r = Run.run(List.of("sh", "-ec", script), Map.of(), dir);
        assertThat(r.exit()).as(script + "\n" + r.err()).isZero();
    }

    /** A libval.so in {@code sub} returning {@code v}; extra flags go to the compiler. */
    void val(Path dir, String sub, int v, String flags) throws IOException {
        Files.createDirectories(dir.resolve(sub));
        Files.writeString(dir.resolve("val" + v + ".c"), "int val(void){return " + v + ";}\n");
        sh(dir, "gcc -shared -fPIC -Wl,-soname,libval.so " + flags + " -o " + sub + "/libval.so val" + v + ".c");
        valueOf.put(dir.resolve(sub).resolve("libval.so").toRealPath().toString(), v);
    }

    List<Case> build(Path dir) throws IOException {
        Files.writeString(dir.resolve("main.c"), "extern int val(void); int main(void){return val();}\n");
        Files.writeString(dir.resolve("mid.c"), "extern int val(void); int mid(void){return val();}\n");
        Files.writeString(dir.resolve("usesmid.c"), "extern int mid(void); int main(void){return mid();}\n");
        val(dir, "r", 11, "");
        val(dir, "e", 22, "");
        val(dir, "u", 33, "");
        val(dir, "o/lib", 44, "");
        val(dir, "good", 55, "");
        List<Case> cases = new ArrayList<>();
        sh(dir, String.join("\n",
                "gcc -o rpath_vs_env main.c -Lr -lval -Wl,--disable-new-dtags,-rpath,$PWD/r",
                "gcc -o runpath_vs_env main.c -Lu -lval -Wl,--enable-new-dtags,-rpath,$PWD/u",
                "mkdir -p o/bin && gcc -o o/bin/app main.c -Lo/lib -lval -Wl,-rpath,'$ORIGIN/../lib'",
                "gcc -o plain main.c -Lgood -lval",
                "gcc -shared -fPIC -o m/libmid.so mid.c -Lgood -lval 2>/dev/null || (mkdir -p m && gcc -shared -fPIC -o m/libmid.so mid.c -Lgood -lval)",
                "gcc -o rpath_inherited usesmid.c -Lm -lmid -Lgood -Wl,-rpath-link,good -Wl,--disable-new-dtags,-rpath,$PWD/m:$PWD/r",
                "gcc -o runpath_not_inherited usesmid.c -Lm -lmid -Lgood -Wl,-rpath-link,good -Wl,--enable-new-dtags,-rpath,$PWD/m:$PWD/u"));
        cases.add(new Case("DT_RPATH beats LD_LIBRARY_PATH", "./rpath_vs_env", Map.of("LD_LIBRARY_PATH", dir + "/e")));
        cases.add(new Case("LD_LIBRARY_PATH beats DT_RUNPATH", "./runpath_vs_env", Map.of("LD_LIBRARY_PATH", dir + "/e")));
        cases.add(new Case("DT_RUNPATH used without LD_LIBRARY_PATH", "./runpath_vs_env", Map.of()));
        cases.add(new Case("$ORIGIN/../lib", "./o/bin/app", Map.of()));
        cases.add(new Case("RPATH of the program serves a dependency", "./rpath_inherited", Map.of()));
        cases.add(new Case("RUNPATH of the program does not serve a dependency", "./runpath_not_inherited", Map.of()));
        cases.add(new Case("missing library", "./plain", Map.of()));
        cases.add(new Case("found through LD_LIBRARY_PATH", "./plain", Map.of("LD_LIBRARY_PATH", dir + "/good")));

        // a wrong-class and a wrong-machine library earlier on the path are skipped
        Files.writeString(dir.resolve("val9.c"), "int val(void){return 9;}\n");
        sh(dir, String.join("\n",
                "mkdir -p w32 warm",
                "gcc -m32 -shared -fPIC -Wl,-soname,libval.so -o w32/libval.so val9.c",
                "aarch64-linux-gnu-gcc -shared -fPIC -Wl,-soname,libval.so -o warm/libval.so val9.c",
                "gcc -o wrongarch main.c -Lgood -lval -Wl,-rpath,$PWD/w32:$PWD/warm:$PWD/good",
                "gcc -o onlyclass main.c -Lgood -lval -Wl,-rpath,$PWD/w32",
                "mkdir -p dir/libval.so && gcc -o isdir main.c -Lgood -lval -Wl,-rpath,$PWD/dir:$PWD/good",
                "mkdir -p short && echo hi > short/libval.so && gcc -o short_first main.c -Lgood -lval -Wl,-rpath,$PWD/short:$PWD/good",
                "mkdir -p dangling && ln -sf /nonexistent/libval.so dangling/libval.so && "
                        + "gcc -o dangling_first main.c -Lgood -lval -Wl,-rpath,$PWD/dangling:$PWD/good",
                "gcc -o slashname main.c good/libval.so"));
        cases.add(new Case("wrong class and wrong machine earlier on the path", "./wrongarch", Map.of()));
        cases.add(new Case("only a wrong-class library", "./onlyclass", Map.of()));
        cases.add(new Case("a directory first on the path", "./isdir", Map.of()));
        cases.add(new Case("a too-short file first on the path", "./short_first", Map.of()));
        cases.add(new Case("a dangling link first on the path", "./dangling_first", Map.of()));
        cases.add(new Case("a DT_NEEDED name with a slash", "./slashname", Map.of()));

        // versions: a program linked against VER_2 of libver, run against a libver that only has VER_1
        Files.writeString(dir.resolve("ver.map1"), "VER_1 { global: val; local: *; };\n");
        Files.writeString(dir.resolve("ver.map2"), "VER_1 { global: val; local: *; };\nVER_2 { global: val2; } VER_1;\n");
        Files.writeString(dir.resolve("ver1.c"), "int val(void){return 66;}\n");
        Files.writeString(dir.resolve("ver2.c"), "int val(void){return 66;} int val2(void){return 67;}\n");
        Files.writeString(dir.resolve("usesver2.c"), "extern int val2(void); int main(void){return val2();}\n");
        sh(dir, String.join("\n",
                "mkdir -p v1 v2 nov",
                "gcc -shared -fPIC -Wl,-soname,libver.so -Wl,--version-script=ver.map1 -o v1/libver.so ver1.c",
                "gcc -shared -fPIC -Wl,-soname,libver.so -Wl,--version-script=ver.map2 -o v2/libver.so ver2.c",
                "gcc -shared -fPIC -Wl,-soname,libver.so -o nov/libver.so ver2.c",
                "gcc -o newver usesver2.c -Lv2 -lver -Wl,-rpath,$PWD/v1",
                "gcc -o noverinfo usesver2.c -Lv2 -lver -Wl,-rpath,$PWD/nov"));
        cases.add(new Case("a version the library does not define", "./newver", Map.of()));
        cases.add(new Case("no version information in the library", "./noverinfo", Map.of()));

        // a GLIBC version newer than this libc: the program's requirement renamed in place
        sh(dir, "gcc -o newglibc main.c -Lgood -lval -Wl,-rpath,$PWD/good");
        Path ng = dir.resolve("newglibc");
        byte[] b = Files.readAllBytes(ng);
        String s = new String(b, StandardCharsets.ISO_8859_1);
        int at = s.indexOf("GLIBC_2.34");
        if (at < 0) {
            at = s.indexOf("GLIBC_2.2.5");
            b[at + 8] = '9';
        } else {
            b[at + 8] = '9';
            b[at + 9] = '9';
        }
        Files.write(ng, b);
        cases.add(new Case("a GLIBC version newer than the root's libc", "./newglibc", Map.of()));

        // undefined symbols: a function called through the PLT (lazy, and bound now), and data
        Files.writeString(dir.resolve("und1.c"), "int gone(void){return 1;} int val(void){return 77;} int datum = 5;\n");
        Files.writeString(dir.resolve("und2.c"), "int val(void){return 77;}\n");
        Files.writeString(dir.resolve("callsgone.c"), "extern int gone(void); extern int val(void);"
                + " int main(void){return val() + gone();}\n");
        Files.writeString(dir.resolve("readsdatum.c"), "extern int datum; extern int val(void);"
                + " int main(void){return val() + datum;}\n");
        sh(dir, String.join("\n",
                "mkdir -p und1 und2",
                "gcc -shared -fPIC -Wl,-soname,libund.so -o und1/libund.so und1.c",
                "gcc -shared -fPIC -Wl,-soname,libund.so -o und2/libund.so und2.c",
                "gcc -o lazy callsgone.c -Lund1 -lund -Wl,-z,lazy -Wl,-rpath,$PWD/und2",
                "gcc -o now callsgone.c -Lund1 -lund -Wl,-z,now -Wl,-rpath,$PWD/und2",
                "gcc -o data readsdatum.c -Lund1 -lund -Wl,-z,lazy -Wl,-rpath,$PWD/und2"));
        cases.add(new Case("undefined function bound lazily", "./lazy", Map.of()));
        cases.add(new Case("undefined function with -z now", "./now", Map.of()));
        cases.add(new Case("undefined data symbol", "./data", Map.of()));
        return cases;
    }

    @Test
    void failureCasesEndAsTheRealLoaderEndsThem(@TempDir Path tmp) throws IOException {
        Oracle.require(Run.available("gcc") && Files.exists(Path.of("/lib64/ld-linux-x86-64.so.2")),
                "oracle glibc failures: gcc and the x86-64 glibc loader (apt-get install gcc libc6-dev)");
        Path dir = tmp.toRealPath();
        List<Case> cases = build(dir);
        int agree = 0;
        Map<String, String> disagreements = new LinkedHashMap<>();
        for (Case c : cases) {
            Run.Result real = Run.run(List.of(c.program()), c.env(), dir);
            LoaderSettings s = new LoaderSettings(Optional.ofNullable(c.env().get("LD_LIBRARY_PATH")), List.of(),
                    false, false, dir.toString(), Optional.of(c.program()), false);
            DynamicLoaderStage stage = new DynamicLoaderStage(new LoaderSession(LoaderFs.of(RootFs.host()),
                    ElfObjects.reader()), CpuModel::host);
            LoadResult r = ((DynamicLoaderStage.Loaded) stage.run(c.program(), s)).result();
            int ourExit;
            List<String> ourLines = new ArrayList<>();
            r.messages().stream().filter(m -> !m.fatal() && m.kind() != LoaderMessage.Kind.UNDEFINED_SYMBOL_AT_CALL)
                    .forEach(m -> ourLines.add(m.line()));
            if (r.outcome() instanceof LoadOutcome.FailsAtStart f) {
                ourExit = f.exitStatus();
                ourLines.addAll(f.lines());
            } else if (r.outcome() instanceof LoadOutcome.FailsAtFirstCall f) {
                ourExit = 127;
                ourLines.add(f.lines().get(0));
            } else {
                ourExit = r.loaded().stream().filter(o -> o.names().contains("libval.so") || o.name().endsWith("/libval.so")
                        || o.names().contains("libver.so") || o.names().contains("libund.so"))
                        .map(o -> valueOf.getOrDefault(o.canonical().orElse(""), o.names().contains("libver.so") ? 67
                                : o.names().contains("libund.so") ? -1 : -2))
                        .findFirst().orElse(-3);
            }
            List<String> realLines = real.err().isEmpty() ? List.of() : List.of(real.err().split("\n"));
            if (real.exit() == ourExit && realLines.equals(ourLines)) {
                agree++;
            } else {
                disagreements.put(c.name(), "real: exit " + real.exit() + " " + realLines + "\nours: exit " + ourExit
                        + " " + ourLines);
            }
        }
        disagreements.forEach((k, v) -> System.out.println(k + ":\n" + v));
        System.out.println("oracle ldd (d) glibc failure cases (exit status and messages): " + agree + "/"
                + cases.size() + " agree");
        assertThat(disagreements).isEmpty();
        Oracle.atLeast(cases.size(), 15, "glibc failure cases");
    }
}

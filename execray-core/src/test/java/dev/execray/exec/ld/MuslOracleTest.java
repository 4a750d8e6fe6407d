package dev.execray.exec.ld;

import static org.assertj.core.api.Assertions.assertThat;

import dev.execray.report.LddText;
import dev.execray.place.ldconfig.CpuModel;
import dev.execray.place.ldconfig.LoaderFs;
import dev.execray.rootfs.RootFs;
import dev.execray.testing.Run;
import dev.execray.truth.Oracle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Oracle (c): programs built with musl-gcc against musl's own loader in list mode
 * ({@code /lib/ld-musl-x86_64.so.1 --list}): the lines it prints, the errors it prints and its exit status.
 */
@Tag("oracle")
class MuslOracleTest {
    static final String LDSO = "/lib/ld-musl-x86_64.so.1";

    record Case(String name, String program, Map<String, String> env) {
    }

    static void sh(Path dir, String script) {
        Run.Result r = Run.run(List.of("sh", "-ec", script), Map.of(), dir);
        assertThat(r.exit()).as(script + "\n" + r.err()).isZero();
    }

    /** Builds the programs and libraries of every case in {@code dir}. */
    static List<Case> build(Path dir) throws IOException {
        Files.writeString(dir.resolve("hello.c"), "#include <stdio.h>\nint main(void){puts(\"hi\");return 0;}\n");
        Files.writeString(dir.resolve("a.c"), "int a(void){return 1;}\n");
        Files.writeString(dir.resolve("b.c"), "extern int a(void); int b(void){return a()+1;}\n");
        Files.writeString(dir.resolve("foo1.c"), "int foo(void){return 1;} int bar(void){return 2;}\n");
        Files.writeString(dir.resolve("foo2.c"), "int bar(void){return 2;}\n");
        Files.writeString(dir.resolve("usesb.c"), "extern int b(void); int main(void){return b();}\n");
        Files.writeString(dir.resolve("usesfoo.c"), "extern int foo(void); extern int bar(void);"
                + " int main(void){return foo()+bar();}\n");
        Files.writeString(dir.resolve("math.c"), "#include <math.h>\n#include <stdio.h>\n"
                + "int main(int c,char**v){printf(\"%f\\n\", sqrt((double)c));return 0;}\n");
        sh(dir, String.join("\n",
                "musl-gcc -o hello hello.c",
                "musl-gcc -o math math.c -lm",
                "mkdir -p lib sub/lib other",
                "musl-gcc -shared -fPIC -o lib/liba.so a.c",
                "musl-gcc -shared -fPIC -o lib/libb.so b.c -Llib -la",
                "cp lib/liba.so sub/lib/liba.so",
                // RPATH in the program serves libb's own need for liba (musl inherits rpaths up the chain)
                "musl-gcc -o rpath usesb.c -Llib -lb -Wl,-rpath-link,lib -Wl,--disable-new-dtags,-rpath,'$ORIGIN/lib'",
                // RUNPATH: musl inherits it too, unlike glibc
                "musl-gcc -o runpath usesb.c -Llib -lb -Wl,-rpath-link,lib -Wl,--enable-new-dtags,-rpath,'$ORIGIN/lib'",
                "musl-gcc -o norpath usesb.c -Llib -lb -Wl,-rpath-link,lib",
                "musl-gcc -o sub/deep usesb.c -Llib -lb -Wl,-rpath-link,lib -Wl,-rpath,'$ORIGIN/lib'",
                "musl-gcc -shared -fPIC -o other/libfoo.so foo1.c",
                "musl-gcc -o usesfoo usesfoo.c -Lother -lfoo -Wl,-rpath,'$ORIGIN/other'",
                "musl-gcc -shared -fPIC -o other/libfoo2.so foo2.c",
                "musl-gcc -o missing usesfoo.c -Lother -lfoo -Wl,-rpath,'$ORIGIN/nowhere'",
                "mkdir -p undef/other && cp usesfoo undef/ && cp other/libfoo2.so undef/other/libfoo.so",
                "mkdir -p wrongclass/other && cp usesfoo wrongclass/ && gcc -m32 -shared -fPIC -o wrongclass/other/libfoo.so foo1.c",
                "mkdir -p isdir/other/libfoo.so && cp usesfoo isdir/",
                "mkdir -p glibcname && printf 'int main(void){return 0;}' > g.c && musl-gcc -o glibcname/app g.c "
                        + "-Wl,--no-as-needed /lib/x86_64-linux-gnu/libc.so.6 2>/dev/null || musl-gcc -o glibcname/app g.c"));
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("libc only", "./hello", Map.of()));
        cases.add(new Case("libm is libc", "./math", Map.of()));
        cases.add(new Case("RPATH $ORIGIN inherited by a dependency", "./rpath", Map.of()));
        cases.add(new Case("RUNPATH $ORIGIN inherited by a dependency", "./runpath", Map.of()));
        cases.add(new Case("LD_LIBRARY_PATH", "./norpath", Map.of("LD_LIBRARY_PATH", "lib")));
        cases.add(new Case("LD_LIBRARY_PATH before the rpath", "./sub/deep", Map.of("LD_LIBRARY_PATH", "lib")));
        cases.add(new Case("not found", "./norpath", Map.of()));
        cases.add(new Case("rpath pointing nowhere", "./missing", Map.of()));
        cases.add(new Case("undefined symbol", "./undef/usesfoo", Map.of()));
        cases.add(new Case("wrong class first on the path", "./wrongclass/usesfoo", Map.of()));
        cases.add(new Case("a directory first on the path", "./isdir/usesfoo", Map.of()));
        cases.add(new Case("a glibc library name", "./glibcname/app", Map.of()));
        cases.add(new Case("rpath found", "./usesfoo", Map.of()));
        return cases;
    }

    @Test
    void muslProgramsListAsMuslsLoaderListsThem(@TempDir Path dir) throws IOException {
        Oracle.require(Files.exists(Path.of(LDSO)) && Run.available("musl-gcc"),
                "oracle musl: " + LDSO + " and musl-gcc (apt-get install musl musl-tools)");
        List<Case> cases = build(dir);
        int agree = 0;
        Map<String, String> disagreements = new LinkedHashMap<>();
        for (Case c : cases) {
            Run.Result real = Run.run(List.of(LDSO, "--list", c.program()), c.env(), dir);
            String realOut = real.out().replaceAll(" \\(0x[0-9a-f]+\\)", "");
            LoaderSettings s = new LoaderSettings(Optional.ofNullable(c.env().get("LD_LIBRARY_PATH")), List.of(),
                    false, false, dir.toString(), Optional.of(c.program()), true);
            DynamicLoaderStage stage = new DynamicLoaderStage(new LoaderSession(LoaderFs.of(RootFs.host()),
                    ElfObjects.reader()), CpuModel::host);
            DynamicLoaderStage.Result r = stage.run(c.program(), s);
            assertThat(r).as(c.name()).isInstanceOf(DynamicLoaderStage.Loaded.class);
            LoadResult lr = ((DynamicLoaderStage.Loaded) r).result();
            StringBuilder ours = new StringBuilder();
            LddText.lddLines(lr).forEach(l -> ours.append('\t').append(l).append('\n'));
            StringBuilder ourErr = new StringBuilder();
            lr.messages().stream().filter(LoaderMessage::fatal).forEach(m -> ourErr.append(m.line()).append('\n'));
            int ourExit = lr.outcome() instanceof LoadOutcome.Starts ? 0 : 127;
            boolean same = realOut.equals(ours.toString()) && real.err().equals(ourErr.toString())
                    && real.exit() == ourExit;
            if (same) {
                agree++;
            } else {
                disagreements.put(c.name(), "--- musl (exit " + real.exit() + ")\n" + realOut + real.err()
                        + "--- execray (exit " + ourExit + ")\n" + ours + ourErr);
            }
        }
        disagreements.forEach((k, v) -> System.out.println(k + ":\n" + v));
        System.out.println("oracle ldd (c) musl loader --list (lines, errors, exit status): " + agree + "/"
                + cases.size() + " agree");
        assertThat(disagreements).isEmpty();
        Oracle.atLeast(cases.size(), 10, "musl loader cases");
    }
}

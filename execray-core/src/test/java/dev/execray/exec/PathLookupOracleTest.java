package dev.execray.exec;

import dev.execray.exec.lookup.LookupEnv;
import dev.execray.exec.lookup.LookupResult;
import dev.execray.exec.lookup.LookupRule;
import dev.execray.exec.lookup.PathLookup;
import dev.execray.golang.GoVersion;
import dev.execray.exec.verdict.Verdict;

import static org.assertj.core.api.Assertions.assertThat;

import dev.execray.rootfs.Errno;
import dev.execray.rootfs.Resolution;
import dev.execray.rootfs.ResolveOptions;
import dev.execray.rootfs.Credentials;
import dev.execray.place.Libc;
import dev.execray.place.Target;
import dev.execray.place.TargetSpec;
import dev.execray.truth.Oracle;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The PATH-search oracle: generated PATHs (absolute, relative, empty and missing elements, files
 * where directories should be) over directories holding the name as an executable, a non-executable
 * file, a directory, a text file without #!, a script, a binary whose loader is missing, or a
 * dangling link. For each, glibc's and musl's execvp (small C launchers), Go's exec.LookPath and
 * Python's subprocess run for real, and what they pick or report is compared with {@link PathLookup}.
 */
@Tag("oracle")
class PathLookupOracleTest {
    enum Kind { NONE, EXEC, NOEXEC, DIR, TEXT, SCRIPT, BADLOADER, DANGLING, LINK }

    OracleBench bench;
    int total;
    int agree;
    final List<String> disagreements = new ArrayList<>();

    @Test
    void pathSearchesAgreeWithTheRealPrograms() throws Exception {
        Optional<String> why = OracleBench.cannotRun();
        Oracle.require(why.isEmpty(), "oracle path-lookup: " + why.orElse(""));
        GoVersion go = goVersion();
        try (OracleBench b = OracleBench.open()) {
            bench = b;
            Oracle.require(b.programs.containsKey("lookpath-go"), "oracle path-lookup: go (apt-get install golang-go)");
            Oracle.require(Files.isExecutable(Path.of("/usr/bin/python3")),
                    "oracle path-lookup: /usr/bin/python3 (apt-get install python3)");
            Random rnd = new Random(20260524);
            Kind[] kinds = Kind.values();
            for (int n = 0; n < 160; n++) {
                Path dir = b.work.resolve(String.format("p%03d", n));
                Files.createDirectories(dir);
                Kind[] slot = new Kind[5];
                for (int i = 0; i < 5; i++) {
                    slot[i] = kinds[rnd.nextInt(kinds.length)];
                    Files.createDirectories(dir.resolve("d" + i));
                    place(dir.resolve("d" + i), slot[i]);
                }
                Kind here = kinds[rnd.nextInt(kinds.length)];
                place(dir, here);
                Files.writeString(dir.resolve("f"), "a file, not a directory");
                List<String> elems = new ArrayList<>();
                int count = 1 + rnd.nextInt(5);
                for (int i = 0; i < count; i++) {
                    int pick = rnd.nextInt(12);
                    elems.add(switch (pick) {
                        case 0 -> "";
                        case 1 -> ".";
                        case 2 -> "d" + rnd.nextInt(5);
                        case 3 -> "/nonexistent/xr";
                        case 4 -> dir.resolve("f").toString();
                        case 5 -> dir.resolve("d" + rnd.nextInt(5)) + "/";
                        default -> dir.resolve("d" + rnd.nextInt(5)).toString();
                    });
                }
                String path = n % 40 == 39 ? null : String.join(":", elems);
                runCase(dir, path, go, "case " + n + " PATH=" + path + " slots=" + java.util.Arrays.toString(slot)
                        + " cwd=" + here);
            }
        }
        System.out.println("oracle path-lookup: " + agree + "/" + total + " agree");
        // 160 PATHs, each through the shells' rules, Go's LookPath and Python's subprocess
        Oracle.atLeast(total, 480, "PATH lookups");
        disagreements.forEach(d -> System.out.println("  DISAGREE " + d));
        assertThat(disagreements).isEmpty();
    }

    private static GoVersion goVersion() throws IOException, InterruptedException {
        if (!OracleBench.onPath("go")) {
            return LookupEnv.latestGo();
        }
        Process p = new ProcessBuilder("go", "env", "GOVERSION").start();
        String v = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        p.waitFor();
        return GoVersion.parse(v).orElse(LookupEnv.latestGo());
    }

    private void place(Path d, Kind k) throws IOException {
        Path p = d.resolve("xrprog");
        String rep = bench.programs.get("report-x86_64").toString();
        switch (k) {
            case NONE -> { }
            case EXEC -> {
                Files.copy(Path.of(rep), p);
                OracleBench.chmod(p, "rwxr-xr-x");
            }
            case NOEXEC -> {
                Files.copy(Path.of(rep), p);
                OracleBench.chmod(p, "rw-r--r--");
            }
            case DIR -> Files.createDirectories(p);
            case TEXT -> {
                Files.writeString(p, "exec " + rep + " viash\n");
                OracleBench.chmod(p, "rwxr-xr-x");
            }
            case SCRIPT -> {
                Files.writeString(p, "#!" + rep + " viascript\n");
                OracleBench.chmod(p, "rwxr-xr-x");
            }
            case BADLOADER -> {
                ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(bench.programs.get("report-dyn")))
                        .order(ByteOrder.LITTLE_ENDIAN);
                int at = ExecPathOracleTest.phdr(b, 3, 0);
                long off = b.getLong(at + 8);
                byte[] s = "/nonexistent/ld.so\0".getBytes(StandardCharsets.US_ASCII);
                for (int i = 0; i < s.length; i++) {
                    b.put((int) off + i, s[i]);
                }
                Files.write(p, b.array());
                OracleBench.chmod(p, "rwxr-xr-x");
            }
            case DANGLING -> Files.createSymbolicLink(p, Path.of("/nonexistent/xrprog"));
            case LINK -> Files.createSymbolicLink(p, Path.of(rep));
        }
    }

    private void runCase(Path dir, String path, GoVersion go, String label) throws Exception {
        Target t = TargetSpec.host().resolve();
        LookupEnv env = new LookupEnv(Optional.ofNullable(path), Optional.empty(), false, dir.toString(), go);
        String rep = bench.programs.get("report-x86_64").toString();
        for (String launcher : List.of("execvp-glibc", "execvp-musl")) {
            if (!bench.programs.containsKey(launcher)) {
                continue;
            }
            LookupRule rule = launcher.endsWith("glibc") ? LookupRule.EXECVP_GLIBC : LookupRule.EXECVP_MUSL;
            LookupResult want = PathLookup.lookup(t, rule, "xrprog", env);
            String[] out = bench.runWithPath(dir, List.of(bench.programs.get(launcher).toString(), "xrprog"), path);
            List<String> rep2 = OracleBench.report(dir);
            String real = out[1].equals("99") ? "errno " + out[0].trim()
                    : rep2.isEmpty() ? "exit " + out[1] : "ran " + rep2.get(1) + " " + rep2.subList(5, rep2.size());
            String sim;
            if (want.found().isPresent()) {
                String c = want.found().get();
                boolean viaSh = want.notes().stream().anyMatch(x -> x.startsWith("runs as /bin/sh"));
                if (viaSh) {
                    sim = "ran " + rep + " [" + rep + ", viash]";
                } else {
                    ExecResult r = new ExecSimulator(t).explain(new ExecRequest(c, List.of("xrprog"), dir.toString()));
                    sim = r.verdict() instanceof Verdict.Runs run ? "ran " + run.program() + " " + run.argv() : "?";
                }
            } else {
                sim = "errno " + want.errno().map(Errno::number).orElse(-1);
            }
            check(label + " " + rule.display(), real, sim);
        }
        if (bench.programs.containsKey("lookpath-go")) {
            LookupResult want = PathLookup.lookup(t, LookupRule.GO, "xrprog", env);
            String[] out = bench.runWithPath(dir, List.of(bench.programs.get("lookpath-go").toString(), "xrprog"), path);
            String real = out[0].strip();
            String sim = (want.found().orElse("") + "\t" + want.error().orElse("")).strip();
            check(label + " Go " + go, real, sim);
        }
        LookupResult want = PathLookup.lookup(t, LookupRule.PYTHON, "xrprog", env);
        String[] out = bench.runWithPath(dir, List.of("/usr/bin/python3", bench.programs.get("subprocess-py").toString(),
                "xrprog"), path);
        OracleBench.report(dir);
        String sim = want.found().isPresent() ? "RAN" : want.error().get();
        check(label + " Python", out[0].strip(), sim);
    }

    private void check(String label, String real, String sim) {
        total++;
        if (real.equals(sim)) {
            agree++;
        } else {
            disagreements.add(label + ": real '" + real + "' / simulated '" + sim + "'");
        }
    }
}

package dev.execray.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.execray.place.BinfmtRegistration;
import dev.execray.place.BinfmtRegistry;
import dev.execray.place.KernelVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunnerTest {
    static XrTimer xr;

    @BeforeAll
    static void helper() {
        assumeTrue(TimerHelper.compiler().isPresent(), "needs a C compiler (apt-get install gcc)");
        TimerHelper.Choice c = TimerHelper.choose(false);
        assertThat(c.fallbackReason()).isEmpty();
        xr = (XrTimer) c.timer();
    }

    static Launch direct(String... argv) {
        return new Launch(argv[0], LaunchPath.DIRECT, argv[0], List.of(argv), false, Map.of(), "test");
    }

    /** Processes whose command line contains {@code marker}, and zombie sleeps that were not in {@code before}. */
    static List<String> alive(String marker, List<String> before) throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> s = Files.list(Path.of("/proc"))) {
            for (Path p : s.filter(x -> x.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String cmd = new String(Files.readAllBytes(p.resolve("cmdline"))).replace('\0', ' ');
                    String stat = Files.readString(p.resolve("stat"));
                    boolean zombie = stat.contains("(sleep) Z ") && !before.contains(p.getFileName().toString());
                    if (cmd.contains(marker) || zombie) {
                        found.add(p.getFileName().toString());
                    }
                } catch (IOException e) {
                    // the process went away while we looked
                }
            }
        }
        return found;
    }

    static List<String> zombies() throws IOException {
        return alive("\0never\0", List.of());
    }

    @Test
    void timesRunsAndReportsExitStatusAndRusage() throws Exception {
        Measurement m = xr.measure(direct("/bin/sh", "-c", "exit 3"), new RunPlan(1, 4, 4, 0, 0, Optional.empty(),
                Optional.empty()));
        assertThat(m.complete()).isTrue();
        assertThat(m.runs()).hasSize(4);
        assertThat(m.runs()).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(3);
            assertThat(r.signaled()).isFalse();
            assertThat(r.wallNanos()).isPositive();
            assertThat(r.maxRssKb()).isPositive();
        });
        Measurement killed = xr.measure(direct("/bin/sh", "-c", "kill -TERM $$"), RunPlan.exactly(1));
        assertThat(killed.runs().get(0).signaled()).isTrue();
        assertThat(killed.runs().get(0).status()).isEqualTo(15);
    }

    @Test
    void timeBudgetStopsAfterMinRunsOnceSpent() throws Exception {
        // a budget of 1 ns is spent by the first run: exactly the minimum runs happen
        Measurement m = xr.measure(direct("/bin/true"), new RunPlan(0, 5, 1000, 1, 0, Optional.empty(), Optional.empty()));
        assertThat(m.runs()).hasSize(5);
    }

    @Test
    void timeoutKillsTheWholeProcessGroupAndLeavesNothing() throws Exception {
        String marker = "31.4159" + ProcessHandle.current().pid();
        List<String> before = zombies();
        long t0 = System.nanoTime();
        Measurement m = xr.measure(direct("/bin/sh", "-c", "sleep " + marker + " & sleep " + marker + " & wait"),
                new RunPlan(0, 3, 3, 0, 300_000_000L, Optional.empty(), Optional.empty()));
        assertThat(m.timedOutAfterNanos()).isPresent();
        assertThat(m.runs()).isEmpty();
        assertThat(System.nanoTime() - t0).isLessThan(20_000_000_000L);
        assertThat(alive(marker, before)).isEmpty();
    }

    @Test
    void orphansThatLeftTheGroupAreKilledToo() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setsid")), "needs setsid (util-linux)");
        String marker = "27.1828" + ProcessHandle.current().pid();
        List<String> before = zombies();
        Measurement m = xr.measure(direct("/bin/sh", "-c", "setsid sleep " + marker + " & exit 0"), RunPlan.exactly(2));
        assertThat(m.complete()).isTrue();
        assertThat(m.strays()).isGreaterThanOrEqualTo(2);
        assertThat(alive(marker, before)).isEmpty();
    }

    @Test
    void processBuilderTimerAlsoKillsOnTimeout() throws Exception {
        String marker = "16.1803" + ProcessHandle.current().pid();
        // exec: the JVM reaps the one process it started; a grandchild killed here would be left for PID 1 to reap,
        // which not every container's PID 1 does (the C timer is a subreaper and reaps its own)
        Measurement m = new ProcessBuilderTimer().measure(direct("/bin/sh", "-c", "exec sleep " + marker),
                new RunPlan(0, 2, 2, 0, 300_000_000L, Optional.empty(), Optional.empty()));
        assertThat(m.timedOutAfterNanos()).isPresent();
        Thread.sleep(100);
        assertThat(alive(marker, zombies())).isEmpty();
        Measurement ok = new ProcessBuilderTimer().measure(direct("/bin/true"), RunPlan.exactly(3));
        assertThat(ok.runs()).hasSize(3).allSatisfy(r -> assertThat(r.ok()).isTrue());
    }

    @Test
    void spawnErrorsAreReportedNotTimed() throws Exception {
        Measurement m = xr.measure(direct("/nonexistent/prog"), RunPlan.exactly(2));
        assertThat(m.spawnError()).contains(2);
        Measurement pb = new ProcessBuilderTimer().measure(direct("/nonexistent/prog"), RunPlan.exactly(2));
        assertThat(pb.spawnError()).contains(2);
    }

    @Test
    void prepareRunsBeforeEveryRunAndItsFailureStops(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("log");
        Measurement m = xr.measure(direct("/bin/true"), new RunPlan(2, 3, 3, 0, 0,
                Optional.of("echo x >> '" + log + "'"), Optional.empty()));
        assertThat(m.runs()).hasSize(3);
        assertThat(Files.readAllLines(log)).hasSize(5);
        Measurement bad = xr.measure(direct("/bin/true"), new RunPlan(0, 3, 3, 0, 0, Optional.of("exit 4"), Optional.empty()));
        assertThat(bad.prepareFailed()).contains(4);
    }

    @Test
    void eachLaunchPathIsTakenAsTheChildSeesIt(@TempDir Path dir) throws Exception {
        Path probe = Probe.build(dir);
        String abs = probe.toString();
        BinfmtRegistry none = BinfmtRegistry.empty("test");
        Map<LaunchPath, String> seen = new java.util.EnumMap<>(LaunchPath.class);
        for (LaunchPath p : List.of(LaunchPath.DIRECT, LaunchPath.PATH, LaunchPath.SH, LaunchPath.ENV, LaunchPath.SHEBANG)) {
            Launch l = ((LaunchPaths.Ready) LaunchPaths.build(p, abs, probe, List.of("x"), "/usr/bin:/bin", dir, none))
                    .launch();
            Path out = dir.resolve(p.flag() + ".out");
            Measurement m = xr.measure(l, RunPlan.exactly(1).withOutput(out));
            assertThat(m.complete()).as(p.flag()).isTrue();
            seen.put(p, Files.readString(out).trim());
        }
        assertThat(seen.get(LaunchPath.DIRECT)).isEqualTo("argv0=" + abs + " execfn=" + abs + " parent=" + comm() + " argc=2");
        // execvp: argv[0] is the bare name, the kernel got the full path PATH led to
        assertThat(seen.get(LaunchPath.PATH)).isEqualTo("argv0=probe execfn=" + abs + " parent=" + comm() + " argc=2");
        // dash forks for -c: the program's parent is the shell
        assertThat(seen.get(LaunchPath.SH)).isEqualTo("argv0=" + abs + " execfn=" + abs + " parent=sh argc=2");
        assertThat(seen.get(LaunchPath.ENV)).isEqualTo("argv0=" + abs + " execfn=" + abs + " parent=" + comm() + " argc=2");
        assertThat(seen.get(LaunchPath.SHEBANG)).isEqualTo("argv0=" + abs + " execfn=" + abs + " parent=" + comm() + " argc=2");
    }

    /** The timer's process name as /proc/PID/comm shows it: the file name, cut to 15 bytes. */
    static String comm() {
        String n = xr.helper().getFileName().toString();
        return n.substring(0, Math.min(15, n.length()));
    }

    @Test
    void execveChainOfEachPathUnderStrace(@TempDir Path dir) throws Exception {
        assumeTrue(TimerHelper.compiler().isPresent());
        Path strace = Path.of("/usr/bin/strace");
        assumeTrue(Files.isExecutable(strace), "needs strace");
        Path probe = Probe.build(dir);
        String abs = probe.toString();
        BinfmtRegistry reg = BinfmtRegistry.empty("test").register(List.of(((BinfmtRegistration.Accepted) BinfmtRegistration
                .parse(":xrtest:M::\\x7fELF::/usr/bin/env:", KernelVersion.parse("6.1").orElseThrow())).entry()));
        Map<LaunchPath, List<String>> expect = Map.of(
                LaunchPath.DIRECT, List.of(abs),
                LaunchPath.PATH, List.of(abs),
                LaunchPath.SH, List.of("/bin/sh", abs),
                LaunchPath.ENV, List.of("/usr/bin/env", abs),
                // the kernel reads the #! line inside one execve: no execve of /bin/sh is seen
                LaunchPath.SHEBANG, List.of(dir.resolve("xr-wrapper-probe").toString(), abs),
                LaunchPath.BINFMT, List.of("/usr/bin/env", abs));
        for (LaunchPath p : LaunchPath.values()) {
            Launch l = ((LaunchPaths.Ready) LaunchPaths.build(p, abs, probe, List.of(), "/usr/bin:/bin", dir, reg)).launch();
            Path log = dir.resolve(p.flag() + ".strace");
            List<String> cmd = new ArrayList<>(List.of(strace.toString(), "-f", "-qq", "-e", "trace=execve", "-o",
                    log.toString(), xr.helper().toString(), "-m", "1", "-M", "1"));
            if (l.pathLookup()) {
                cmd.add("-P");
            }
            cmd.addAll(List.of("-a", l.argv().get(0), "--", l.file()));
            cmd.addAll(l.argv().subList(1, l.argv().size()));
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD);
            pb.environment().putAll(l.env());
            assertThat(pb.start().waitFor()).isZero();
            // successful execve calls after the timer's own, in order (a PATH walk's failures are left out)
            List<String> execs = Files.readAllLines(log).stream().filter(s -> s.contains("execve(\"") && s.endsWith("= 0"))
                    .map(s -> s.substring(s.indexOf("execve(\"") + 8, s.indexOf('"', s.indexOf("execve(\"") + 8)))
                    .skip(1).toList();
            assertThat(execs).as(p.flag()).isEqualTo(expect.get(p));
        }
    }

    @Test
    void binfmtPathNeedsAMatchingEntry(@TempDir Path dir) throws Exception {
        LaunchPaths.Built b = LaunchPaths.build(LaunchPath.BINFMT, "/bin/true", Path.of("/bin/true"), List.of(), "/bin",
                dir, BinfmtRegistry.empty("none"));
        assertThat(b).isInstanceOf(LaunchPaths.Unavailable.class);
    }

    @Test
    void pathLaunchAppendsOrPrependsTheDirectory(@TempDir Path dir) throws Exception {
        Path p = dir.resolve("true");
        Files.copy(Path.of("/bin/true"), p);
        // another 'true' earlier in PATH: the directory goes first so the right program runs
        assertThat(LaunchPaths.pathFor("true", dir.toString(), "/usr/bin:/bin")).isEqualTo(dir + ":/usr/bin:/bin");
        assertThat(LaunchPaths.pathFor("uniq-name-xr", dir.toString(), "/usr/bin")).isEqualTo("/usr/bin:" + dir);
        assertThat(LaunchPaths.pathFor("true", dir.toString(), dir + ":/usr/bin")).isEqualTo(dir + ":/usr/bin");
    }
}

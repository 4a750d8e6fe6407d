package dev.execray.truth;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.execray.cli.Main;
import dev.execray.rootfs.Errno;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The truth corpus: programs × places, each pair really executed (chroot into the place, execve, record
 * errno, signal or exit status and the first lines of output) and compared with what {@code execray explain
 * --json} predicts for the same file in the same place, in-process. Programs: C for glibc and musl, dynamic
 * and static, 32-bit x86, arm64, riscv64, s390x and ppc64le; Go for every GOOS golang-go cross-compiles;
 * scripts with broken and nested {@code #!} lines; a set-user-ID program; modes and symlinks. Places: the
 * host, Debian roots unpacked with dpkg -x (glibc, musl, arm64 with and without the emulators inside), the
 * cross toolchains' glibc as a root, a noexec and a nosuid mount, as root and as an unprivileged user — each
 * with qemu-user registered in binfmt_misc with flag F, without F, and not registered.
 *
 * <p>"Runs" in reality means exit status 0 and the expected line on stdout; anything else fails. The test
 * prints the confusion matrix and every false "runs" (execray says runs, the program did not run), and
 * asserts there are none. Builds and unpacked roots are cached in {@code /tmp/execray-truth-cache}
 * ({@code -Dexecray.truth.cache=DIR}), keyed by the hash of fixtures/truth.
 */
@Tag("oracle")
class TruthCorpusOracleTest {
    static final String EXPECTED = "hello truth";
    static final int NOBODY = 65534;
    /** The binfmt_misc entries this test registers: its own names, so it never touches anyone else's. */
    static final String PREFIX = "execray-truth-";
    static final Path BINFMT = Path.of("/proc/sys/fs/binfmt_misc");
    static final ObjectMapper JSON = new ObjectMapper();
    /** Time spent really executing and time spent predicting, summed over the pool's threads. */
    static final java.util.concurrent.atomic.AtomicLong EXEC_NS = new java.util.concurrent.atomic.AtomicLong();
    static final java.util.concurrent.atomic.AtomicLong PREDICT_NS = new java.util.concurrent.atomic.AtomicLong();
    /** Pairs repeated because the registry changed under them. */
    static final java.util.concurrent.atomic.AtomicLong RETRIED = new java.util.concurrent.atomic.AtomicLong();

    enum Verdict { RUNS, FAILS, DEPENDS }

    enum Binfmt {
        /** The machine's own entries as they are (this test adds none). */
        MACHINE("the machine's entries"),
        /** No entry at all: the machine's entries disabled for the while (echo 0), re-enabled after. */
        NONE("qemu not registered"),
        /** This test's qemu-user-static entries, with flag F (interpreter opened at registration). */
        F("qemu registered, flag F"),
        /** The same entries without F: the interpreter path is resolved in the root at exec time. */
        NO_F("qemu registered, no F");

        final String label;

        Binfmt(String label) {
            this.label = label;
        }
    }

    /** A place: a root ("/" for the host), the directory inside it holding the programs, a user (-1: root). */
    record Place(String name, Path root, String dir, int uid) {
        boolean host() {
            return root.toString().equals("/");
        }
    }

    /**
     * What really happened.
     *
     * @param errno  execve's error, empty when execve succeeded
     * @param signal the terminating signal's name, e.g. SIGSEGV
     * @param status the exit status, when the program exited
     */
    record Real(String raw, boolean runs, Optional<String> errno, Optional<String> signal, Optional<Integer> status,
            String summary) {
    }

    /** What execray said: the verdict, the errno or signal, and the exit status bash would report. */
    record Predicted(Verdict verdict, Optional<String> errno, Optional<String> signal, Optional<Integer> bashStatus,
            String why, int exit) {
    }

    record Pair(String program, Place place, Binfmt binfmt, Real real, Predicted predicted) {
        String label() {
            return program + " @ " + place.name() + " [" + binfmt.label + "]";
        }
    }

    @Test
    void everyProgramInEveryPlaceAsTheKernelDecides() throws Exception {
        Oracle.requireRoot("the truth corpus chroots, mounts tmpfs and registers binfmt_misc entries");
        for (String[] t : new String[][] {{"mount", "mount"}, {"umount", "mount"}, {"bash", "bash"}}) {
            Oracle.require(Oracle.onPath(t[0]), t[0] + " (apt-get install " + t[1] + ")");
        }
        Path fixtures = Path.of("fixtures/truth").toAbsolutePath();
        Path cache = Path.of(System.getProperty("execray.truth.cache", "/tmp/execray-truth-cache"));
        String key = hash(fixtures);
        Path build = cache.resolve("build-" + key);
        long t0 = System.nanoTime();
        Files.createDirectories(cache);
        openUp(cache);
        if (!Files.exists(build.resolve(".complete"))) {
            Process p = new ProcessBuilder("bash", fixtures.resolve("build.sh").toString(), build.toString())
                    .redirectErrorStream(true).start();
            String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int rc = p.waitFor();
            String missing = log.lines().filter(l -> l.startsWith("missing:") || l.contains("failed"))
                    .findFirst().orElse("");
            Oracle.require(rc == 0, "building the truth corpus failed (exit " + rc + ") "
                    + (missing.isEmpty() ? log.lines().reduce((a, b) -> b).orElse("") : missing));
        }
        // builds of older fixtures are of no further use: keep one corpus in the cache
        try (Stream<Path> old = Files.list(cache)) {
            for (Path o : old.filter(d -> d.getFileName().toString().startsWith("build-") && !d.equals(build)).toList()) {
                deleteTree(o);
            }
        }
        long tBuild = System.nanoTime();

        Path work = cache.resolve("places-" + key + "-" + ProcessHandle.current().pid());
        Path noexec = work.resolve("mnt-noexec");
        Path nosuid = work.resolve("mnt-nosuid");
        List<Path> mounted = new ArrayList<>();
        boolean mountedBinfmt = false;
        List<Pair> pairs = new ArrayList<>();
        try {
            Files.createDirectories(noexec);
            Files.createDirectories(nosuid);
            openUp(work);
            mount(noexec, "noexec", mounted);
            mount(nosuid, "nosuid", mounted);
            // the interpreter a script names on the noexec mount
            Files.copy(Path.of("/bin/dash"), noexec.resolve("dash"), StandardCopyOption.COPY_ATTRIBUTES);

            Path roots = build.resolve("roots");
            List<Place> places = List.of(
                    new Place("host", Path.of("/"), work.resolve("host").toString(), -1),
                    new Place("host as nobody", Path.of("/"), work.resolve("host").toString(), NOBODY),
                    new Place("debian glibc root", roots.resolve("glibc"), "/p", -1),
                    new Place("debian glibc root as nobody", roots.resolve("glibc"), "/p", NOBODY),
                    new Place("debian musl root", roots.resolve("musl"), "/p", -1),
                    new Place("debian arm64 root", roots.resolve("arm64"), "/p", -1),
                    new Place("debian arm64 root with qemu inside", roots.resolve("arm64-qemu"), "/p", -1),
                    new Place("cross glibc root (riscv64 s390x ppc64le)", roots.resolve("cross"), "/p", -1),
                    new Place("noexec mount", Path.of("/"), noexec.resolve("p").toString(), -1),
                    new Place("nosuid mount", Path.of("/"), nosuid.resolve("p").toString(), -1),
                    new Place("nosuid mount as nobody", Path.of("/"), nosuid.resolve("p").toString(), NOBODY));
            Map<String, List<String>> programsByDir = new LinkedHashMap<>();
            for (Place place : places) {
                Path dir = place.host() ? Path.of(place.dir()) : place.root().resolve(place.dir().substring(1));
                if (!programsByDir.containsKey(dir.toString())) {
                    programsByDir.put(dir.toString(), populate(build.resolve("bin"), dir, place.dir(), noexec));
                }
            }
            int threads = Math.max(2, Runtime.getRuntime().availableProcessors() * 2);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                boolean[] mb = {false};
                for (Binfmt state : Binfmt.values()) {
                    mountedBinfmt |= setBinfmt(state, mb);
                    if (state == Binfmt.MACHINE && onlyControlFiles()) {
                        continue; // the machine has no entries: the same as NONE, not worth running twice
                    }
                    List<Future<Pair>> futures = new ArrayList<>();
                    for (Place place : places) {
                        Path dir = place.host() ? Path.of(place.dir()) : place.root().resolve(place.dir().substring(1));
                        for (String program : programsByDir.get(dir.toString())) {
                            futures.add(pool.submit(() -> compare(build.resolve("launcher"), program, place, state)));
                        }
                    }
                    for (Future<Pair> f : futures) {
                        pairs.add(f.get(5, TimeUnit.MINUTES));
                    }
                }
            } finally {
                pool.shutdownNow();
            }
        } finally {
            unregisterOurs();
            enableForeign(true);
            // unmounting binfmt_misc frees every entry of the instance (Linux 6.7+), so it is unmounted only
            // when this test mounted it and nobody registered anything meanwhile
            if (mountedBinfmt && onlyControlFiles()) {
                new ProcessBuilder("umount", BINFMT.toString()).redirectErrorStream(true).start().waitFor();
            }
            for (Path m : mounted) {
                new ProcessBuilder("umount", "-l", m.toString()).redirectErrorStream(true).start().waitFor();
            }
            deleteTree(work);
            try (Stream<Path> s = Files.list(build.resolve("roots"))) {
                for (Path r : s.toList()) {
                    deleteTree(r.resolve("p"));
                }
            }
        }
        long tEnd = System.nanoTime();
        String report = report(pairs, (tBuild - t0) / 1_000_000, (tEnd - tBuild) / 1_000_000);
        System.out.println(report);
        Files.writeString(cache.resolve("last-report.txt"), report);

        Oracle.atLeast(pairs.size(), 1000, "program × place pairs");
        List<Pair> falseRuns = pairs.stream().filter(p -> p.predicted().verdict() == Verdict.RUNS && !p.real().runs())
                .toList();
        long fails = pairs.stream().filter(p -> p.predicted().verdict() == Verdict.FAILS && !p.real().runs()).count();
        long agree = pairs.stream().filter(p -> p.predicted().verdict() == Verdict.FAILS && !p.real().runs())
                .filter(TruthCorpusOracleTest::errnoAgrees).count();
        assertTrue(falseRuns.isEmpty(), falseRuns.size() + " false \"runs\" (execray says runs, the program does not): "
                + "see the list above (also in " + cache.resolve("last-report.txt") + ")");
        assertTrue(fails == 0 || agree * 100 >= fails * 99, "errno agreement " + agree + "/" + fails + " is below 99 %");
    }

    /** Both say the same errno, or both agree that execve succeeded and the program died later. */
    static boolean errnoAgrees(Pair p) {
        return p.real().errno().equals(p.predicted().errno());
    }

    /**
     * The whole outcome agrees: the same errno; or the same terminating signal; or the exit status bash
     * would report is the program's exit status.
     */
    static boolean outcomeAgrees(Pair p) {
        Real r = p.real();
        Predicted d = p.predicted();
        if (r.errno().isPresent() || d.errno().isPresent()) {
            return r.errno().equals(d.errno());
        }
        if (r.signal().isPresent() || d.signal().isPresent()) {
            return r.signal().equals(d.signal());
        }
        return r.status().isPresent() && r.status().equals(d.bashStatus());
    }

    // ---- one pair ----

    static Pair compare(Path launcher, String program, Place place, Binfmt state) throws IOException, InterruptedException {
        String path = place.dir() + "/" + program;
        // binfmt_misc is one registry for the whole machine: another test switching it (status 0, entries coming
        // and going) between the real exec and the prediction would compare two different machines, so the pair
        // is repeated until the registry is the same before and after
        for (int attempt = 1;; attempt++) {
            String before = registryFingerprint();
            long t0 = System.nanoTime();
            Real real = execute(launcher, place, path);
            long t1 = System.nanoTime();
            Predicted predicted = predict(place, path);
            EXEC_NS.addAndGet(t1 - t0);
            PREDICT_NS.addAndGet(System.nanoTime() - t1);
            if (before.equals(registryFingerprint()) || attempt == 20) {
                if (attempt > 1) {
                    RETRIED.incrementAndGet();
                }
                return new Pair(program, place, state, real, predicted);
            }
            Thread.sleep(250);
        }
    }

    /** The live registry in a few bytes: status, and each entry's name and first line (enabled or disabled). */
    static String registryFingerprint() {
        StringBuilder b = new StringBuilder();
        try (Stream<Path> s = Files.list(BINFMT)) {
            for (Path e : s.sorted().toList()) {
                String n = e.getFileName().toString();
                if (n.equals("register")) {
                    continue;
                }
                try {
                    String text = Files.readString(e, StandardCharsets.ISO_8859_1);
                    int nl = text.indexOf('\n');
                    b.append(n).append('=').append(nl < 0 ? text : text.substring(0, nl)).append(';');
                } catch (IOException gone) {
                    b.append(n).append("=gone;");
                }
            }
        } catch (IOException e) {
            b.append("unreadable");
        }
        return b.toString();
    }

    static Real execute(Path launcher, Place place, String path) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(launcher.toString(), place.root().toString(), "/", String.valueOf(place.uid()), path)
                .redirectErrorStream(true).start();
        String line = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        p.waitFor();
        String[] f = line.split("\t", -1);
        String status = f[0];
        String out = f.length > 1 ? f[1] : "";
        String err = f.length > 2 ? f[2] : "";
        Optional<String> errno = Optional.empty();
        Optional<String> signal = Optional.empty();
        Optional<Integer> exit = Optional.empty();
        String summary;
        if (status.startsWith("execve=")) {
            int n = Integer.parseInt(status.substring(7));
            String name = errnoName(n);
            errno = Optional.of(name);
            summary = "execve: " + name;
        } else if (status.startsWith("signal=")) {
            signal = Optional.of(signalName(Integer.parseInt(status.substring(7))));
            summary = "killed by signal " + status.substring(7) + (err.isEmpty() ? "" : ", stderr: " + err);
        } else if (status.startsWith("exit=")) {
            exit = Optional.of(Integer.parseInt(status.substring(5)));
            summary = status.replace('=', ' ') + (out.isEmpty() ? "" : ", stdout: " + out)
                    + (err.isEmpty() ? "" : ", stderr: " + err);
        } else {
            throw new IllegalStateException("launcher could not set up " + path + " in " + place + ": " + line);
        }
        boolean runs = status.equals("exit=0") && out.equals(EXPECTED);
        return new Real(line, runs, errno, signal, exit, summary);
    }

    static String signalName(int n) {
        return switch (n) {
            case 4 -> "SIGILL";
            case 5 -> "SIGTRAP";
            case 6 -> "SIGABRT";
            case 7 -> "SIGBUS";
            case 8 -> "SIGFPE";
            case 9 -> "SIGKILL";
            case 11 -> "SIGSEGV";
            case 14 -> "SIGALRM";
            case 31 -> "SIGSYS";
            default -> "signal " + n;
        };
    }

    static String errnoName(int n) {
        for (Errno e : Errno.values()) {
            if (e.number() == n) {
                return e.name();
            }
        }
        return "errno " + n;
    }

    /** execray explain --json, in this JVM, exactly as a user would ask it. */
    static Predicted predict(Place place, String path) {
        List<String> args = new ArrayList<>(List.of("explain", "--json", "--cwd", "/"));
        if (!place.host()) {
            args.add("--root");
            args.add(place.root().toString());
        }
        if (place.uid() >= 0) {
            args.add("--user");
            args.add(place.uid() + ":" + place.uid());
        }
        args.add(path);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(new PrintWriter(out), new PrintWriter(err), args.toArray(String[]::new));
        try {
            JsonNode j = JSON.readTree(out.toString());
            String v = j.path("verdict").asText("");
            Verdict verdict = v.equals("runs") ? Verdict.RUNS : v.equals("fails") ? Verdict.FAILS : Verdict.DEPENDS;
            JsonNode bash = j.path("messages").path("bashStatus");
            return new Predicted(verdict, text(j.path("errno")), text(j.path("signal")),
                    bash.isInt() ? Optional.of(bash.asInt()) : Optional.empty(), j.path("why").asText(j.path("how").asText("")), exit);
        } catch (IOException e) {
            return new Predicted(Verdict.DEPENDS, Optional.empty(), Optional.empty(), Optional.empty(),
                    "no JSON (exit " + exit + "): " + err.toString().strip(), exit);
        }
    }

    static Optional<String> text(JsonNode n) {
        return n.isMissingNode() || n.isNull() ? Optional.empty() : Optional.of(n.asText());
    }

    // ---- places ----

    /**
     * Puts the corpus into a place's program directory: the built programs (hard links where possible, so
     * every place shares one copy), and the files made here because their content names the directory
     * (nested scripts) or because they differ only in mode. Returns the program names.
     */
    static List<String> populate(Path bin, Path dir, String inPlace, Path noexec) throws IOException {
        deleteTree(dir); // a run that was killed may have left its programs in the cached roots
        Files.createDirectories(dir);
        openUp(dir);
        List<String> names = new ArrayList<>();
        try (Stream<Path> s = Files.list(bin)) {
            for (Path f : s.sorted().toList()) {
                String n = f.getFileName().toString();
                if (Files.isDirectory(f)) {
                    copyTree(f, dir.resolve(n));
                    continue;
                }
                link(f, dir.resolve(n));
                names.add(n);
            }
        }
        // modes: no execute bit at all, owner only (root runs it, nobody cannot)
        copyMode(bin.resolve("c-glibc-static"), dir.resolve("c-mode-0644"), "rw-r--r--", names);
        copyMode(bin.resolve("c-glibc-static"), dir.resolve("c-mode-0700"), "rwx------", names);
        copyMode(bin.resolve("c-glibc-static"), dir.resolve("c-mode-0711"), "rwx--x--x", names);
        // the set-user-ID program: its own copy, owned by root, mode 4755
        Path suid = dir.resolve("c-suid");
        Files.delete(suid);
        Files.copy(bin.resolve("c-suid"), suid);
        Files.setAttribute(suid, "unix:uid", 0);
        Files.setAttribute(suid, "unix:gid", 0);
        Files.setAttribute(suid, "unix:mode", 04755);
        Files.createSymbolicLink(dir.resolve("c-symlink"), Path.of("c-glibc-dyn"));
        names.add("c-symlink");
        Files.createSymbolicLink(dir.resolve("c-dangling-symlink"), Path.of("no-such-program"));
        names.add("c-dangling-symlink");
        Files.createDirectories(dir.resolve("a-directory"));
        names.add("a-directory");
        script(dir, "empty-file", "", names);
        String echo = "echo " + EXPECTED + "\n";
        script(dir, "sh-ok", "#!/bin/sh\n" + echo, names);
        script(dir, "sh-with-arg", "#!/bin/sh -e\n" + echo, names);
        script(dir, "sh-spaces", "#!  /bin/sh  \n" + echo, names);
        script(dir, "env-sh", "#!/usr/bin/env sh\n" + echo, names);
        script(dir, "crlf", "#!/bin/sh\r\n" + echo.replace("\n", "\r\n"), names);
        script(dir, "long-interpreter", "#!/" + "x".repeat(300) + "\n" + echo, names);
        script(dir, "long-padding", "#!/bin/sh" + " ".repeat(300) + "\n" + echo, names);
        script(dir, "long-argument", "#!/bin/sh -" + "e".repeat(300) + "\n" + echo, names);
        script(dir, "missing-interpreter", "#!/nonexistent/interpreter\n" + echo, names);
        script(dir, "relative-interpreter", "#!sh\n" + echo, names);
        script(dir, "interpreter-is-dir", "#!/\n" + echo, names);
        script(dir, "empty-shebang", "#!\n" + echo, names);
        script(dir, "no-shebang", echo, names);
        script(dir, "interpreter-on-noexec", "#!" + noexec.resolve("dash") + "\n" + echo, names);
        script(dir, "interpreter-freebsd-go", "#!" + inPlace + "/go-freebsd-amd64\n", names);
        script(dir, "interpreter-arm64-static", "#!" + inPlace + "/c-arm64-static\n", names);
        script(dir, "interpreter-arm64-dynamic", "#!" + inPlace + "/c-arm64-dyn\n", names);
        script(dir, "interpreter-i386", "#!" + inPlace + "/c-i386-static\n", names);
        script(dir, "interpreter-musl", "#!" + inPlace + "/c-musl-dyn\n", names);
        // nesting: nested-1 names sh-ok, nested-k names nested-(k-1); the kernel allows a few levels
        String previous = "sh-ok";
        for (int k = 1; k <= 6; k++) {
            script(dir, "nested-" + k, "#!" + inPlace + "/" + previous + "\n" + echo, names);
            previous = "nested-" + k;
        }
        Path notExec = dir.resolve("sh-ok-not-executable");
        Files.writeString(notExec, "#!/bin/sh\n" + echo);
        Files.setPosixFilePermissions(notExec, PosixFilePermissions.fromString("rw-r--r--"));
        names.add("sh-ok-not-executable");
        return names;
    }

    static void script(Path dir, String name, String content, List<String> names) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, content, StandardCharsets.ISO_8859_1);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
        names.add(name);
    }

    static void copyMode(Path from, Path to, String mode, List<String> names) throws IOException {
        Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        Files.setPosixFilePermissions(to, PosixFilePermissions.fromString(mode));
        names.add(to.getFileName().toString());
    }

    static void link(Path from, Path to) throws IOException {
        try {
            Files.createLink(to, from);
        } catch (IOException | UnsupportedOperationException e) {
            // another file system (the tmpfs mounts): a copy
            Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES);
        }
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path f : s.toList()) {
                Path t = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(f, t, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                }
            }
        }
    }

    /** Every directory on the way must be searchable by the unprivileged user the corpus also runs as. */
    static void openUp(Path dir) throws IOException {
        for (Path d = dir.toAbsolutePath(); d != null; d = d.getParent()) {
            if (d.toString().startsWith("/tmp/") || d.toString().startsWith(System.getProperty("execray.truth.cache",
                    "/tmp/execray-truth-cache"))) {
                Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
    }

    static void mount(Path at, String option, List<Path> mounted) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", option + ",size=256m,mode=0755", "truth-" + option,
                at.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        Oracle.require(p.waitFor() == 0, "mount -t tmpfs -o " + option + " failed: " + out.strip()
                + " (needs root with CAP_SYS_ADMIN)");
        mounted.add(at);
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    // ---- binfmt_misc ----

    /** The qemu-user-static entries this test registers: Debian's magic and mask, our names and flags. */
    static final Map<String, String[]> QEMU = new LinkedHashMap<>();

    static {
        // i386 is not in /usr/lib/binfmt.d (the host's own family); qemu-binfmt-conf.sh's magic and mask
        QEMU.put("i386", new String[] {"\\x7fELF\\x01\\x01\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x02\\x00\\x03\\x00",
            "\\xff\\xff\\xff\\xff\\xff\\xfe\\xfe\\x00\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xfe\\xff\\xff\\xff"});
    }

    static List<String> registrations(Binfmt state) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String arch : List.of("aarch64", "arm", "riscv64", "s390x", "ppc64le", "i386")) {
            String magic;
            String mask;
            Path conf = Path.of("/usr/lib/binfmt.d/qemu-" + arch + ".conf");
            if (Files.exists(conf)) {
                String[] f = Files.readString(conf).strip().split(":", -1);
                magic = f[4];
                mask = f[5];
            } else if (QEMU.containsKey(arch)) {
                magic = QEMU.get(arch)[0];
                mask = QEMU.get(arch)[1];
            } else {
                Oracle.require(false, conf + " (apt-get install qemu-user-static)");
                continue;
            }
            String interp = "/usr/bin/qemu-" + arch + "-static";
            Oracle.require(Files.isExecutable(Path.of(interp)), interp + " (apt-get install qemu-user-static)");
            lines.add(":" + PREFIX + arch + ":M::" + magic + ":" + mask + ":" + interp + ":" + (state == Binfmt.F ? "F" : ""));
        }
        return lines;
    }

    /** Puts binfmt_misc in the state; returns whether this call mounted it. */
    static boolean setBinfmt(Binfmt state, boolean[] mountedHere) throws IOException, InterruptedException {
        boolean mounted = false;
        if (!Files.exists(BINFMT.resolve("register"))) {
            Process p = new ProcessBuilder("mount", "-t", "binfmt_misc", "binfmt_misc", BINFMT.toString())
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            Oracle.require(p.waitFor() == 0, "mounting binfmt_misc failed: " + out.strip());
            mounted = !mountedHere[0];
            mountedHere[0] = true;
        }
        Oracle.require(Files.exists(BINFMT.resolve("status")) && "enabled".equals(Files.readString(BINFMT.resolve("status")).strip()),
                "binfmt_misc enabled (echo 1 > " + BINFMT.resolve("status") + ")");
        unregisterOurs();
        enableForeign(state != Binfmt.NONE);
        if (state == Binfmt.F || state == Binfmt.NO_F) {
            for (String line : registrations(state)) {
                Files.writeString(BINFMT.resolve("register"), line);
            }
        }
        return mounted;
    }

    /** The machine's entries this test disabled, to enable again. */
    static final List<Path> DISABLED = new ArrayList<>();

    static synchronized void enableForeign(boolean enable) throws IOException {
        if (enable) {
            for (Path e : DISABLED) {
                if (Files.exists(e)) {
                    Files.writeString(e, "1");
                }
            }
            DISABLED.clear();
            return;
        }
        try (Stream<Path> s = Files.list(BINFMT)) {
            for (Path e : s.toList()) {
                String n = e.getFileName().toString();
                if (n.equals("register") || n.equals("status") || n.startsWith(PREFIX)) {
                    continue;
                }
                if (Files.readString(e).startsWith("enabled")) {
                    Files.writeString(e, "0");
                    DISABLED.add(e);
                }
            }
        }
    }

    static boolean onlyControlFiles() throws IOException {
        try (Stream<Path> s = Files.list(BINFMT)) {
            return s.allMatch(p -> p.getFileName().toString().equals("register")
                    || p.getFileName().toString().equals("status"));
        }
    }

    static void unregisterOurs() throws IOException {
        if (!Files.isDirectory(BINFMT)) {
            return;
        }
        try (Stream<Path> s = Files.list(BINFMT)) {
            for (Path e : s.filter(p -> p.getFileName().toString().startsWith(PREFIX)).toList()) {
                Files.writeString(e, "-1");
            }
        }
    }

    // ---- the report ----

    static String report(List<Pair> pairs, long buildMs, long runMs) {
        StringBuilder b = new StringBuilder();
        b.append("truth corpus: ").append(pairs.size()).append(" pairs (")
                .append(pairs.stream().map(Pair::program).distinct().count()).append(" programs × ")
                .append(pairs.stream().map(p -> p.place().name() + p.binfmt()).distinct().count())
                .append(" place states); build/cache ").append(buildMs).append(" ms, pairs ").append(runMs)
                .append(" ms (thread time: real exec ").append(EXEC_NS.get() / 1_000_000).append(" ms, execray explain ")
                .append(PREDICT_NS.get() / 1_000_000).append(" ms); ").append(RETRIED.get())
                .append(" pairs repeated because binfmt_misc changed under them\n\n");
        b.append(String.format("%-22s %10s %10s%n", "execray \\ real", "runs", "fails"));
        for (Verdict v : Verdict.values()) {
            long r = pairs.stream().filter(p -> p.predicted().verdict() == v && p.real().runs()).count();
            long f = pairs.stream().filter(p -> p.predicted().verdict() == v && !p.real().runs()).count();
            b.append(String.format("%-22s %10d %10d%n", v.name().toLowerCase(), r, f));
        }
        List<Pair> bothFail = pairs.stream().filter(p -> p.predicted().verdict() == Verdict.FAILS && !p.real().runs())
                .toList();
        long agree = bothFail.stream().filter(TruthCorpusOracleTest::errnoAgrees).count();
        b.append(String.format("%nerrno agreement where both fail: %d / %d (%.1f %%)%n", agree, bothFail.size(),
                bothFail.isEmpty() ? 100.0 : 100.0 * agree / bothFail.size()));
        long outcome = bothFail.stream().filter(TruthCorpusOracleTest::outcomeAgrees).count();
        b.append(String.format("outcome agreement where both fail (errno, signal or exit status): %d / %d (%.1f %%)%n",
                outcome, bothFail.size(), bothFail.isEmpty() ? 100.0 : 100.0 * outcome / bothFail.size()));
        section(b, "FALSE RUNS (execray: runs; real: fails)",
                pairs.stream().filter(p -> p.predicted().verdict() == Verdict.RUNS && !p.real().runs()).toList(), true);
        section(b, "false fails (execray: fails; real: runs)",
                pairs.stream().filter(p -> p.predicted().verdict() == Verdict.FAILS && p.real().runs()).toList(), true);
        section(b, "errno disagreements (both fail)",
                bothFail.stream().filter(p -> !errnoAgrees(p)).toList(), true);
        section(b, "outcome disagreements (errno agrees, signal or exit status does not)",
                bothFail.stream().filter(p -> errnoAgrees(p) && !outcomeAgrees(p)).toList(), true);
        section(b, "depends", pairs.stream().filter(p -> p.predicted().verdict() == Verdict.DEPENDS).toList(), true);
        return b.toString();
    }

    static void section(StringBuilder b, String title, List<Pair> list, boolean grouped) {
        b.append("\n").append(title).append(": ").append(list.size()).append("\n");
        // one line per program and outcome, with the places it happened in, so the list stays readable
        Map<String, List<String>> byCase = new TreeMap<>();
        for (Pair p : list) {
            String k = String.format("  %-28s real: %s | execray: %s%s%s", p.program(), p.real().summary(),
                    p.predicted().verdict().name().toLowerCase(),
                    p.predicted().errno().map(e -> " " + e).orElse(p.predicted().signal().map(s -> " " + s)
                            .orElse(p.predicted().verdict() == Verdict.FAILS
                                    ? p.predicted().bashStatus().map(x -> " exit " + x).orElse("") : "")),
                    p.predicted().why().isEmpty() ? "" : " (" + abbreviate(p.predicted().why()) + ")");
            byCase.computeIfAbsent(k, x -> new ArrayList<>()).add(p.place().name() + " [" + p.binfmt().label + "]");
        }
        byCase.forEach((k, v) -> {
            b.append(k).append("\n");
            b.append("      in: ").append(String.join("; ", v)).append("\n");
        });
    }

    static String abbreviate(String s) {
        String one = s.replace('\n', ' ');
        return one.length() > 110 ? one.substring(0, 107) + "..." : one;
    }

    static String hash(Path dir) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path f : s.filter(Files::isRegularFile).sorted().toList()) {
                md.update(dir.relativize(f).toString().getBytes(StandardCharsets.UTF_8));
                md.update(Files.readAllBytes(f));
            }
        }
        return HexFormat.of().formatHex(md.digest(), 0, 6);
    }
}

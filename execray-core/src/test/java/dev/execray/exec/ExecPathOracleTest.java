package dev.execray.exec;

import dev.execray.exec.kernel.KernelOutcome;
import dev.execray.exec.verdict.ExecTrace;
import dev.execray.exec.verdict.UserMessages;
import dev.execray.exec.verdict.Verdict;

import static org.assertj.core.api.Assertions.assertThat;

import dev.execray.rootfs.Errno;
import dev.execray.place.BinfmtSources;
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
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The exec-path oracle: a generated matrix of files, #! lines, binfmt_misc registrations and damaged
 * ELF files, each executed for real through execve() on this machine's kernel and compared with the
 * simulation — what ran, with which argv, AT_EXECFD and AT_FLAGS, or which errno or signal — and with
 * what bash, Go's os/exec and Python's subprocess print. Needs root (binfmt_misc); registers entries
 * named xrtest_* only, with magic that only the test's own files carry, and removes them afterwards.
 */
@Tag("oracle")
class ExecPathOracleTest {

    /** How to lay out one case's files in its directory. */
    interface Setup {
        void apply(CaseDir d) throws IOException;
    }

    record Case(String name, Setup setup, List<String> registrations, List<Integer> disable, boolean registryOff,
            String path, List<String> argv, Setup afterRegistration) {
    }

    final class CaseDir {
        final Path dir;
        final String id;

        CaseDir(Path dir, String id) {
            this.dir = dir;
            this.id = id;
        }

        String abs(String rel) {
            return dir.resolve(rel).toString();
        }

        byte[] magic() {
            return ("XR" + id).getBytes(StandardCharsets.US_ASCII);
        }

        void write(String rel, byte[] content, String perms) throws IOException {
            Path p = dir.resolve(rel);
            Files.createDirectories(p.getParent());
            Files.write(p, content);
            OracleBench.chmod(p, perms);
        }

        void write(String rel, String content, String perms) throws IOException {
            write(rel, content.getBytes(StandardCharsets.ISO_8859_1), perms);
        }

        void copy(String program, String rel, String perms) throws IOException {
            write(rel, Files.readAllBytes(bench.programs.get(program)), perms);
        }

        void link(String rel, String target) throws IOException {
            Path p = dir.resolve(rel);
            Files.createDirectories(p.getParent());
            Files.createSymbolicLink(p, Path.of(target));
        }
    }

    OracleBench bench;
    int total;
    int agree;
    /** Cases a 32-bit x86 program decides where 32-bit support cannot be settled here (see compare). */
    int ia32Unsettled;
    int skipped;
    int messageTotal;
    int messageAgree;
    final List<String> disagreements = new ArrayList<>();

    String report() {
        return bench.programs.get("report-x86_64").toString();
    }

    @Test
    void theSimulationAgreesWithTheKernel() throws Exception {
        Optional<String> why = OracleBench.cannotRun();
        List<Case> cases = new ArrayList<>();
        Oracle.require(why.isEmpty(), "oracle exec-path: " + why.orElse(""));
        try (OracleBench b = OracleBench.open()) {
            bench = b;
            cases.addAll(openCases());
            cases.addAll(shebangCases());
            cases.addAll(binfmtCases());
            cases.addAll(elfCases());
            int n = 0;
            for (Case c : cases) {
                runCase(c, String.format("c%03d", n++));
            }
            System.out.println("oracle exec-path: " + agree + "/" + total + " agree" + (skipped > 0 ? ", " + skipped
                    + " skipped (" + String.join(", ", b.missing) + (b.binfmtAvailable ? "" : ", no binfmt_misc") + ")"
                    : ""));
            System.out.println("oracle exec-path messages (bash, Go, Python): " + messageAgree + "/" + messageTotal
                    + " agree");
            if (ia32Unsettled > 0) {
                System.out.println("  of which " + ia32Unsettled + " 32-bit x86 cases the kernel refused (ENOEXEC) and "
                        + "execray answered 'depends on IA32_EMULATION' or 'fails' with that note: this machine's "
                        + "kernel log no longer holds the boot message that would settle it");
            }
            disagreements.forEach(d -> System.out.println("  DISAGREE " + d));
        }
        assertThat(disagreements).isEmpty();
        Oracle.atLeast(total, 300, "exec cases");
        // a case skipped for a missing compiler or binfmt_misc is a case not compared: under -Poracle, a failure
        Oracle.require(skipped == 0, skipped + " exec cases not compared: missing " + String.join(", ", bench.missing)
                + (bench.binfmtAvailable ? "" : ", binfmt_misc (mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc)")
                + " (apt-get install musl-tools gcc-aarch64-linux-gnu libc6-dev-arm64-cross golang-go)");
    }

    private void runCase(Case c, String id) throws Exception {
        if (!c.registrations().isEmpty() && !bench.binfmtAvailable) {
            skipped++;
            return;
        }
        Path dir = bench.work.resolve(id);
        Files.createDirectories(dir);
        CaseDir d = new CaseDir(dir, id);
        try {
            c.setup().apply(d);
        } catch (MissingProgram m) {
            skipped++;
            return;
        }
        bench.clean();
        List<String> names = new ArrayList<>();
        int k = 0;
        for (String r : c.registrations()) {
            String reg = r.replace("{id}", id).replace("{dir}", dir.toString()).replace("{R}", report());
            String name = "xrtest_" + id + "_" + k++;
            reg = reg.replace("{name}", name);
            names.add(name);
            Optional<String> failed = bench.register(reg.getBytes(StandardCharsets.ISO_8859_1));
            if (failed.isPresent()) {
                disagreements.add(c.name() + ": could not register " + reg + ": " + failed.get());
                total++;
                return;
            }
        }
        for (int i : c.disable()) {
            bench.command(names.get(i), "0");
        }
        if (c.registryOff()) {
            bench.command("status", "0");
        }
        if (c.afterRegistration() != null) {
            c.afterRegistration().apply(d);
        }
        String path = c.path().replace("{dir}", dir.toString()).replace("{id}", id);
        List<String> argv = new ArrayList<>();
        for (String a : c.argv()) {
            argv.add(a.replace("{dir}", dir.toString()).replace("{id}", id));
        }
        OracleBench.Outcome real = bench.launch(dir, path, argv);
        Target t = TargetSpec.host().resolve();
        ExecResult sim = new ExecSimulator(t).explain(new ExecRequest(path, argv, dir.toString()));
        total++;
        // the kernel's own part, for cases where what follows it depends on an interpreter execray does not model
        KernelOutcome kernel = new ExecSimulator(t).execve(path, argv, dir.toString(), new ExecTrace.Builder());
        Optional<String> diff = compare(real, sim, kernel, path);
        if (diff.isEmpty()) {
            agree++;
        } else {
            disagreements.add(id + " " + c.name() + ": " + diff.get());
        }
        if (sim.verdict() instanceof Verdict.Fails && (real.kind().equals("errno") || real.kind().equals("killed"))
                && !ia32NotSettled(sim)) {
            checkMessages(c, id, dir, path, sim);
        }
        if (c.registryOff()) {
            bench.command("status", "1");
        }
    }

    /** The simulation met a 32-bit x86 program and could not settle whether this kernel runs them. */
    private static boolean ia32NotSettled(ExecResult sim) {
        return sim.trace().steps().stream().anyMatch(s -> s.finding().equals("32-bit x86 support not settled"));
    }

    private Optional<String> compare(OracleBench.Outcome real, ExecResult sim, KernelOutcome kernel, String path) {
        Verdict v = sim.verdict();
        if (ia32NotSettled(sim) && real.kind().equals("errno") && real.errno() == 8 && !(v instanceof Verdict.Runs)) {
            // a hypervisor refuses 32-bit code, and this machine's kernel log, which said so at boot, has lost those
            // records: execray says "depends on IA32_EMULATION" (or "fails" either way, with a note that the error
            // would be ENOEXEC): not a false "runs", and the honest answer without the fact
            ia32Unsettled++;
            return Optional.empty();
        }
        if (v instanceof Verdict.Depends d && kernel instanceof KernelOutcome.Started k) {
            // every "depends" arises after the kernel started something (an interpreter execray does not model, a
            // program only EI_OSABI brands as another OS's, ...): this oracle is the kernel's, so compare its part
            v = new Verdict.Runs(k.chain(), k.argv(), k.program(), k.loader(), "", k.execfd(), k.preserveArgv0(),
                    d.messages());
        }
        String simText = v instanceof Verdict.Runs r ? "runs " + r.program() + " " + r.argv()
                : v instanceof Verdict.Depends d ? "depends on " + d.fact()
                : ((Verdict.Fails) v).errno().map(e -> "errno " + e.name() + "(" + e.number() + ")")
                        .orElse("killed " + ((Verdict.Fails) v).signal().map(Enum::name).orElse("?"));
        String why = "kernel " + real.describe() + " / simulation " + simText;
        switch (real.kind()) {
            case "errno" -> {
                if (v instanceof Verdict.Fails f && f.errno().isPresent() && f.errno().get().number() == real.errno()) {
                    return Optional.empty();
                }
                return Optional.of(why);
            }
            case "killed" -> {
                if (v instanceof Verdict.Fails f && f.signal().isPresent()) {
                    return Optional.empty();
                }
                return Optional.of(why);
            }
            case "ran" -> {
                if (!(v instanceof Verdict.Runs r)) {
                    return Optional.of(why);
                }
                List<String> rep = real.report();
                String exe = rep.get(1);
                List<String> argv = rep.subList(5, rep.size());
                boolean qemu = !r.chain().isEmpty() && r.chain().get(r.chain().size() - 1).contains("qemu-");
                if (qemu) {
                    boolean p = r.preserveArgv0();
                    List<String> guest = r.argv().subList(p ? 2 : 1, r.argv().size());
                    if (!guest.equals(argv)) {
                        return Optional.of(why + " (guest argv " + argv + ", expected " + guest + ")");
                    }
                    return Optional.empty();
                }
                // a file deleted after an F registration reads back as "path (deleted)"
                if (!exe.equals(r.program()) && !exe.equals(r.program() + " (deleted)")) {
                    return Optional.of(why + " (exe " + exe + ")");
                }
                if (!argv.equals(r.argv())) {
                    return Optional.of(why + " (argv " + argv + ")");
                }
                boolean execfd = !rep.get(2).equals("0");
                boolean preserve = (Long.parseLong(rep.get(3)) & 1) != 0;
                if (execfd != r.execfd() || preserve != r.preserveArgv0()) {
                    return Optional.of(why + " (AT_EXECFD " + rep.get(2) + ", AT_FLAGS " + rep.get(3) + ")");
                }
                return Optional.empty();
            }
            default -> {
                return Optional.of(why);
            }
        }
    }

    /**
     * bash prints "bash: line 1: ..." instead of "bash: ..." when it forks for a -c command rather than
     * exec'ing it in place, which it does when started from the JVM; an interactive shell prints the
     * short form, which is what the verdict gives. Both are accepted.
     */
    private static boolean bashSays(String actual, String expected) {
        return actual.equals(expected) || expected.startsWith("bash: ")
                && actual.equals("bash: line 1: " + expected.substring("bash: ".length()));
    }

    private void checkMessages(Case c, String id, Path dir, String path, ExecResult sim) throws Exception {
        Verdict.Fails f = (Verdict.Fails) sim.verdict();
        UserMessages m = f.messages();
        boolean killed = f.signal().isPresent();
        // names without '/' go through each program's PATH search first (and '.' is a bash builtin)
        if (!path.contains("/") || !path.matches("[A-Za-z0-9_./+-]+")) {
            return;
        }
        List<String> problems = new ArrayList<>();
        int checks = 0;
        String[] bash = killed ? bench.bash(dir, path + "; exit $?") : bench.bash(dir, path);
        checks++;
        if (killed) {
            if (!bash[0].contains(m.bash().get()) || !bash[1].equals(String.valueOf(m.bashStatus()))) {
                problems.add("bash said '" + bash[0] + "' (" + bash[1] + "), expected '" + m.bash().get() + "' ("
                        + m.bashStatus() + ")");
            }
        } else if (m.bash().isPresent()) {
            if (!bashSays(bash[0], m.bash().get()) || !bash[1].equals(String.valueOf(m.bashStatus()))) {
                problems.add("bash said '" + bash[0] + "' (" + bash[1] + "), expected '" + m.bash().get() + "' ("
                        + m.bashStatus() + ")");
            }
        } else if (m.bashStatus() == 0 && m.bashNote().orElse("").contains("empty")) {
            if (!bash[0].isEmpty() || !bash[1].equals("0")) {
                problems.add("bash said '" + bash[0] + "' (" + bash[1] + "), expected an empty script");
            }
        } else if (bash[0].contains(": " + path + ": ") && bash[0].contains("cannot execute")) {
            problems.add("bash said '" + bash[0] + "', expected it to run the file as a script");
        }
        String line = dir + "\t" + path;
        if (bench.programs.containsKey("messages-go")) {
            checks++;
            String go = bench.batch(List.of(bench.programs.get("messages-go").toString()), List.of(line)).get(0);
            if (!go.equals(m.go().get())) {
                problems.add("Go said '" + go + "', expected '" + m.go().get() + "'");
            }
        }
        checks++;
        String py = bench.batch(List.of("python3", bench.programs.get("messages-py").toString()), List.of(line)).get(0);
        String wantPy = m.python().orElse("RAN -" + (m.bashStatus() - 128));
        if (!py.equals(wantPy)) {
            problems.add("Python said '" + py + "', expected '" + wantPy + "'");
        }
        messageTotal += checks;
        messageAgree += checks - problems.size();
        for (String p : problems) {
            disagreements.add(id + " " + c.name() + " messages: " + p);
        }
    }

    static final class MissingProgram extends IOException {
        private static final long serialVersionUID = 1L;

        MissingProgram(String p) {
            super(p);
        }
    }

    private Case simple(String name, Setup s, String path, String... argv) {
        List<String> a = argv.length == 0 ? List.of(path) : List.of(argv);
        return new Case(name, s, List.of(), List.of(), false, path, a, null);
    }

    private Case misc(String name, Setup s, List<String> regs, String path, String... argv) {
        List<String> a = argv.length == 0 ? List.of(path) : List.of(argv);
        return new Case(name, s, regs, List.of(), false, path, a, null);
    }

    // ---------------------------------------------------------------- open_exec

    private List<Case> openCases() {
        List<Case> cs = new ArrayList<>();
        cs.add(simple("missing file", d -> { }, "./nothere"));
        cs.add(simple("missing absolute", d -> { }, "{dir}/nothere"));
        cs.add(simple("directory", d -> Files.createDirectories(d.dir.resolve("sub")), "./sub"));
        cs.add(simple("the working directory", d -> { }, "."));
        cs.add(simple("no execute bit", d -> d.copy("report-x86_64", "r", "rw-r--r--"), "./r"));
        cs.add(simple("only other-execute bit", d -> d.copy("report-x86_64", "r", "rw-r--r-x"), "./r"));
        cs.add(simple("execute but no read bits", d -> d.copy("report-x86_64", "r", "--x--x--x"), "./r"));
        cs.add(simple("device file", d -> { }, "/dev/null"));
        cs.add(simple("dangling symlink", d -> d.link("dl", "/nonexistent/xr"), "./dl"));
        cs.add(simple("symlink loop", d -> { d.link("l1", "l2"); d.link("l2", "l1"); }, "./l1"));
        cs.add(simple("self symlink", d -> d.link("self", "self"), "./self"));
        cs.add(simple("file used as directory", d -> d.copy("report-x86_64", "r", "rwxr-xr-x"), "./r/x"));
        cs.add(simple("trailing slash on a file", d -> d.copy("report-x86_64", "r", "rwxr-xr-x"), "./r/"));
        cs.add(simple("relative symlink", d -> { d.copy("report-x86_64", "r", "rwxr-xr-x"); d.link("rl", "r"); }, "./rl"));
        cs.add(simple("absolute symlink", d -> d.link("al", report()), "./al"));
        cs.add(simple("dot-dot path", d -> { d.copy("report-x86_64", "r", "rwxr-xr-x");
            Files.createDirectories(d.dir.resolve("sub")); }, "./sub/../r"));
        cs.add(simple("bare name in cwd", d -> d.copy("report-x86_64", "r", "rwxr-xr-x"), "r"));
        cs.add(simple("argv with extra arguments", d -> d.copy("report-x86_64", "r", "rwxr-xr-x"), "./r", "name0",
                "a b", "", "c"));
        cs.add(simple("argv0 differs from path", d -> d.copy("report-x86_64", "r", "rwxr-xr-x"), "./r", "other"));
        for (int n : new int[] {39, 40, 41}) {
            cs.add(simple("symlink chain of " + n, d -> {
                d.copy("report-x86_64", "r", "rwxr-xr-x");
                d.link("k0", "r");
                for (int i = 1; i < n; i++) {
                    d.link("k" + i, "k" + (i - 1));
                }
            }, "./k" + (n - 1)));
        }
        cs.add(simple("directory symlink in the path", d -> {
            Files.createDirectories(d.dir.resolve("real"));
            d.copy("report-x86_64", "real/r", "rwxr-xr-x");
            d.link("dirlink", "real");
        }, "./dirlink/r"));
        return cs;
    }

    // ---------------------------------------------------------------- #!

    private Setup script(String content) {
        return d -> {
            d.copy("report-x86_64", "rep", "rwxr-xr-x");
            d.write("s", content.replace("{R}", d.abs("rep")).replace("{dir}", d.dir.toString()), "rwxr-xr-x");
        };
    }

    private List<Case> shebangCases() {
        List<Case> cs = new ArrayList<>();
        String[] lines = {
            "#!{R}\n", "#!{R}", "#!{R} ", "#!{R}\t", "#!{R}  \t ", "#!{R}\t\n", "#! {R}\n", "#!\t{R}\n",
            "#!  \t {R}  \n", "#!{R} a\n", "#!{R} a b c\n", "#!{R}\ta\tb\t\n", "#!{R}   spaced   arg   \n",
            "#!{R} arg\r\n", "#!{R}\r\n", "#!{R} \r\n", "#!{R}\0junk\n", "#!{R} a\0b\n", "#!{R} -x", "#!{R} -x ",
            "#!\n", "#!   \n", "#!", "#! \t", "#!\0{R}\n", "#!#!{R}\n", "#!{R}\n\n\n", "#!{R} #comment\n",
            "#!{R} 'quoted arg'\n", "#!{R} \"dq\"\n", "#!{R} --\n", "#!{R} a\\ b\n", "# !{R}\n", " #!{R}\n",
            "#!{R}\u00e9\n", "#!{R} \u00e9t\u00e9\n", "#!{R}\u000b\n", "#!{R}\f arg\n", "#!{R}\nsecond line\n",
            "#!{R} x\ny\n",
        };
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i];
            cs.add(simple("#! line " + i + " " + printable(l), script(l), "./s"));
        }
        cs.add(simple("#! with argv", script("#!{R} opt\n"), "./s", "ignored0", "one", "two"));
        cs.add(simple("#! absolute script path", script("#!{R} opt\n"), "{dir}/s"));
        // lengths around the 256-byte buffer
        for (int len : new int[] {250, 253, 254, 255, 256, 257, 300}) {
            cs.add(simple("#! interpreter path of " + len + " bytes, newline after", d -> {
                d.copy("report-x86_64", "rep", "rwxr-xr-x");
                String name = longName(d, len);
                d.link(name, d.abs("rep"));
                d.write("s", "#!" + d.abs(name) + "\n", "rwxr-xr-x");
            }, "./s"));
            cs.add(simple("#! interpreter path of " + len + " bytes, then an argument", d -> {
                d.copy("report-x86_64", "rep", "rwxr-xr-x");
                String name = longName(d, len);
                d.link(name, d.abs("rep"));
                d.write("s", "#!" + d.abs(name) + " arg-" + "y".repeat(40) + "\n", "rwxr-xr-x");
            }, "./s"));
        }
        for (int argLen : new int[] {100, 200, 230, 260, 400}) {
            cs.add(simple("#! argument of " + argLen + " bytes", script("#!{R} " + "a".repeat(argLen) + "\n"), "./s"));
            cs.add(simple("#! argument of " + argLen + " bytes with blanks", script("#!{R} "
                    + "b c ".repeat(argLen / 4) + "\n"), "./s"));
        }
        cs.add(simple("#! relative interpreter", script("#!rep\n"), "./s"));
        cs.add(simple("#! dot-relative interpreter", script("#!./rep x\n"), "./s"));
        cs.add(simple("#! interpreter via symlink", d -> { script("#!{dir}/lnk\n").apply(d); d.link("lnk", "rep"); },
                "./s"));
        cs.add(simple("#! missing interpreter", script("#!/nonexistent/xr-interp\n"), "./s"));
        cs.add(simple("#! missing interpreter with CR", script("#!/nonexistent/xr-interp\r\n"), "./s"));
        cs.add(simple("#! interpreter is a directory", script("#!{dir}\n"), "./s"));
        cs.add(simple("#! interpreter not executable", d -> { script("#!{dir}/ne\n").apply(d);
            d.copy("report-x86_64", "ne", "rw-r--r--"); }, "./s"));
        cs.add(simple("#! interpreter dangling symlink", d -> { script("#!{dir}/dl\n").apply(d);
            d.link("dl", "/nonexistent"); }, "./s"));
        cs.add(simple("#! interpreter symlink loop", d -> { script("#!{dir}/l1\n").apply(d); d.link("l1", "l2");
            d.link("l2", "l1"); }, "./s"));
        cs.add(simple("#! interpreter is text without #!", d -> { script("#!{dir}/txt\n").apply(d);
            d.write("txt", "echo hello\n", "rwxr-xr-x"); }, "./s"));
        cs.add(simple("#! interpreter is binary junk", d -> { script("#!{dir}/junk\n").apply(d);
            d.write("junk", new byte[] {1, 2, 0, 3, 0, 0, 7}, "rwxr-xr-x"); }, "./s"));
        cs.add(simple("#! interpreter is an empty file", d -> { script("#!{dir}/empty\n").apply(d);
            d.write("empty", "", "rwxr-xr-x"); }, "./s"));
        cs.add(simple("#! interpreter is the script itself", script("#!{dir}/s\n"), "./s"));
        cs.add(simple("#! interpreter is /dev/null", script("#!/dev/null\n"), "./s"));
        cs.add(simple("#! interpreter named by an empty path", script("#!\0\n"), "./s"));
        cs.add(simple("script without execute bit", d -> { script("#!{R}\n").apply(d);
            OracleBench.chmod(d.dir.resolve("s"), "rw-r--r--"); }, "./s"));
        for (int depth = 1; depth <= 7; depth++) {
            int dd = depth;
            cs.add(simple("#! chain of depth " + depth, d -> {
                d.copy("report-x86_64", "rep", "rwxr-xr-x");
                d.write("s0", "#!" + d.abs("rep") + " level0\n", "rwxr-xr-x");
                for (int i = 1; i < dd; i++) {
                    d.write("s" + i, "#!" + d.abs("s" + (i - 1)) + (i % 2 == 0 ? " level" + i : "") + "\n", "rwxr-xr-x");
                }
            }, "./s" + (depth - 1), "arg0", "x"));
        }
        cs.add(simple("#! chain ending in a missing interpreter", d -> {
            d.write("s0", "#!/nonexistent/xr\n", "rwxr-xr-x");
            d.write("s1", "#!" + d.abs("s0") + "\n", "rwxr-xr-x");
        }, "./s1"));
        cs.add(simple("text file without #!", d -> d.write("t", "echo hello from a script\n", "rwxr-xr-x"), "./t"));
        cs.add(simple("text file with NUL in first line", d -> d.write("t", "echo hi\0there\n", "rwxr-xr-x"), "./t"));
        cs.add(simple("text file with NUL at byte 100 of a long first line", d -> d.write("t",
                "echo " + "x".repeat(95) + "\0" + "y".repeat(40) + "\n", "rwxr-xr-x"), "./t"));
        cs.add(simple("text file with NUL at byte 90 of a long first line", d -> d.write("t",
                "echo " + "x".repeat(85) + "\0" + "y".repeat(40) + "\n", "rwxr-xr-x"), "./t"));
        cs.add(simple("text file with NUL on the second line", d -> d.write("t", "true\n\0\n", "rwxr-xr-x"), "./t"));
        cs.add(simple("#! refused line with NUL on the second line", d -> d.write("t", "#!\ntrue\0\n", "rwxr-xr-x"),
                "./t"));
        cs.add(simple("#! refused line with NUL on the third line", d -> d.write("t", "#!\ntrue\n\0\n", "rwxr-xr-x"),
                "./t"));
        for (int at : new int[] {126, 127, 128, 129}) {
            cs.add(simple("text file with NUL at byte " + at + " of its first line", d -> d.write("t",
                    "true " + "x".repeat(at - 5) + "\0" + "y".repeat(40) + "\n", "rwxr-xr-x"), "./t"));
        }
        cs.add(simple("#! interpreter behind a 41-link chain", d -> {
            script("#!{dir}/k40\n").apply(d);
            d.link("k0", "rep");
            for (int i = 1; i <= 40; i++) {
                d.link("k" + i, "k" + (i - 1));
            }
        }, "./s"));
        cs.add(simple("#! interpreter behind a 40-link chain", d -> {
            script("#!{dir}/k39\n").apply(d);
            d.link("k0", "rep");
            for (int i = 1; i <= 39; i++) {
                d.link("k" + i, "k" + (i - 1));
            }
        }, "./s"));
        cs.add(simple("#! interpreter path through a file", script("#!{dir}/rep/x\n"), "./s"));
        cs.add(simple("#! interpreter with a trailing slash", script("#!{dir}/rep/\n"), "./s"));
        cs.add(simple("#! interpreter given as ..-path", d -> { script("#!../" + d.id + "/rep up\n").apply(d); },
                "./s"));
        cs.add(simple("#! interpreter is a relative script", d -> {
            d.copy("report-x86_64", "rep", "rwxr-xr-x");
            d.write("mid", "#!./rep m\n", "rwxr-xr-x");
            d.write("s", "#!mid s\n", "rwxr-xr-x");
        }, "./s", "a0", "a1"));
        cs.add(simple("empty file", d -> d.write("e", "", "rwxr-xr-x"), "./e"));
        cs.add(simple("one NUL byte", d -> d.write("e", new byte[] {0}, "rwxr-xr-x"), "./e"));
        cs.add(simple("binary junk", d -> d.write("j", new byte[] {(byte) 0xde, (byte) 0xad, 0, 1, 2, 3, 4, 5},
                "rwxr-xr-x"), "./j"));
        return cs;
    }

    /** A relative path (nested directories of at most 100-byte names) making dir/path exactly lineLen bytes. */
    private static String longName(CaseDir d, int lineLen) throws IOException {
        int n = Math.max(1, lineLen - d.dir.toString().length() - 1);
        StringBuilder rel = new StringBuilder();
        while (n > 101) {
            rel.append("q".repeat(100)).append('/');
            n -= 101;
        }
        rel.append("p".repeat(n));
        Path parent = d.dir.resolve(rel.toString()).getParent();
        Files.createDirectories(parent);
        return rel.toString();
    }

    private static String printable(String s) {
        return s.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t").replace("\0", "\\0")
                .replace("{R}", "R");
    }

    // ---------------------------------------------------------------- binfmt_misc

    private static String hex(byte[] b) {
        StringBuilder s = new StringBuilder();
        for (byte x : b) {
            s.append(String.format("\\x%02x", x & 0xff));
        }
        return s.toString();
    }

    private List<Case> binfmtCases() {
        List<Case> cs = new ArrayList<>();
        for (String flags : new String[] {"", "P", "O", "C", "F", "PF", "OF", "PO", "POCF", "CF"}) {
            cs.add(misc("magic at 0, flags '" + flags + "'", d -> d.write("m", "XR" + d.id + " payload", "rwxr-xr-x"),
                    List.of(":{name}:M::XR{id}::{R}:" + flags), "./m", "argv0-" + flags, "one"));
        }
        for (String flags : new String[] {"", "P", "O", "C", "F", "PF", "OF", "PO", "POCF", "CF"}) {
            cs.add(extCase("extension, flags '" + flags + "'", flags, "f", "a0"));
        }
        for (int off : new int[] {1, 2, 10, 64, 100, 200, 248, 250}) {
            cs.add(misc("magic at offset " + off, d -> {
                byte[] f = new byte[off + 20];
                Arrays.fill(f, (byte) 'z');
                System.arraycopy(d.magic(), 0, f, off, d.magic().length);
                d.write("m", f, "rwxr-xr-x");
            }, List.of(":{name}:M:" + off + ":XR{id}::{R}:"), "./m"));
        }
        cs.add(misc("magic beyond a short file matches the zero padding", d -> d.write("m", "XR" + d.id, "rwxr-xr-x"),
                List.of(":{name}:M::XR{id}\\x00\\x00\\x00::{R}:"), "./m"));
        cs.add(misc("magic with NUL bytes", d -> d.write("m", "XR" + d.id + "\0\0q", "rwxr-xr-x"),
                List.of(":{name}:M::XR{id}\\x00\\x00q::{R}:"), "./m"));
        cs.add(misc("mask ignores differing bytes", d -> d.write("m", "XR" + d.id + "AB", "rwxr-xr-x"),
                List.of(":{name}:M::XR{id}zz:\\xff\\xff\\xff\\xff\\xff\\xff\\x00\\x00:{R}:"), "./m"));
        cs.add(misc("mask bits: case-insensitive letter", d -> d.write("m", "XR" + d.id + "a", "rwxr-xr-x"),
                List.of(":{name}:M::XR{id}A:\\xff\\xff\\xff\\xff\\xff\\xff\\xdf:{R}:"), "./m"));
        cs.add(misc("mask does not cover a mismatch", d -> d.write("m", "XR" + d.id + "AB", "rwxr-xr-x"),
                List.of(":{name}:M::XR{id}zB:\\xff\\xff\\xff\\xff\\xff\\xff\\xfe\\xff:{R}:"), "./m"));
        cs.add(misc("magic does not match", d -> d.write("m", "XR" + d.id + "-different", "rwxr-xr-x"),
                List.of(":{name}:M::XR{id}+::{R}:"), "./m"));
        cs.add(misc("magic differs in the first byte", d -> d.write("m", "YR" + d.id, "rwxr-xr-x"),
                List.of(":{name}:M::XR{id}::{R}:"), "./m"));
        cs.add(misc("another delimiter", d -> d.write("m", "XR" + d.id + ":", "rwxr-xr-x"),
                List.of(",{name},M,,XR{id}:,,{R},"), "./m"));
        cs.add(misc("newest of two matching entries wins", this::twoReporters,
                List.of(":{name}:M::XR{id}::{dir}/rep1:", ":{name}:M::XR{id}::{dir}/rep2:"), "./m"));
        cs.add(new Case("newest disabled: the older one matches", this::twoReporters,
                List.of(":{name}:M::XR{id}::{dir}/rep1:", ":{name}:M::XR{id}::{dir}/rep2:"), List.of(1), false, "./m",
                List.of("./m"), null));
        cs.add(new Case("older disabled: the newest matches", this::twoReporters,
                List.of(":{name}:M::XR{id}::{dir}/rep1:", ":{name}:M::XR{id}::{dir}/rep2:"), List.of(0), false, "./m",
                List.of("./m"), null));
        cs.add(new Case("both disabled: no match", this::twoReporters,
                List.of(":{name}:M::XR{id}::{dir}/rep1:", ":{name}:M::XR{id}::{dir}/rep2:"), List.of(0, 1), false, "./m",
                List.of("./m"), null));
        cs.add(new Case("registry disabled", this::twoReporters, List.of(":{name}:M::XR{id}::{dir}/rep1:"), List.of(),
                true, "./m", List.of("./m"), null));
        cs.add(misc("longer magic registered later wins", this::twoReporters,
                List.of(":{name}:M::XR{id}::{dir}/rep1:", ":{name}:M::XR{id}pay::{dir}/rep2:"), "./m"));
        cs.add(misc("specific magic registered first loses to a later general one", this::twoReporters,
                List.of(":{name}:M::XR{id}pay::{dir}/rep1:", ":{name}:M::XR::{dir}/rep2:"), "./m"));
        cs.add(misc("extension and magic both match: newest wins", d -> {
            twoReporters(d);
            d.write("f.xr" + d.id, "XR" + d.id, "rwxr-xr-x");
        }, List.of(":{name}:M::XR{id}::{dir}/rep1:", ":{name}:E::xr{id}::{dir}/rep2:"), "./f.xr{id}"));
        cs.add(misc("magic beats a #! line", d -> {
            d.copy("report-x86_64", "rep", "rwxr-xr-x");
            d.write("m", "#!/nonexistent/x\nXR", "rwxr-xr-x");
        }, List.of(":{name}:M::#!/nonexistent/x\\x0aXR::{dir}/rep:"), "./m"));
        cs.add(misc("missing interpreter", d -> d.write("m", "XR" + d.id, "rwxr-xr-x"),
                List.of(":{name}:M::XR{id}::/nonexistent/xr-interp:"), "./m"));
        cs.add(misc("interpreter not executable", d -> {
            d.write("m", "XR" + d.id, "rwxr-xr-x");
            d.copy("report-x86_64", "ne", "rw-r--r--");
        }, List.of(":{name}:M::XR{id}::{dir}/ne:"), "./m"));
        cs.add(misc("interpreter is a directory", d -> d.write("m", "XR" + d.id, "rwxr-xr-x"),
                List.of(":{name}:M::XR{id}::{dir}:"), "./m"));
        cs.add(misc("relative interpreter", d -> {
            d.write("m", "XR" + d.id, "rwxr-xr-x");
            d.copy("report-x86_64", "rep", "rwxr-xr-x");
        }, List.of(":{name}:M::XR{id}::rep:"), "./m"));
        cs.add(misc("interpreter is a script", d -> {
            d.write("m", "XR" + d.id, "rwxr-xr-x");
            d.copy("report-x86_64", "rep", "rwxr-xr-x");
            d.write("wrap", "#!" + d.abs("rep") + " wrapped\n", "rwxr-xr-x");
        }, List.of(":{name}:M::XR{id}::{dir}/wrap:"), "./m", "a0", "a1"));
        for (String fl : new String[] {"O", "C", "P", "F", "PO"}) {
            cs.add(misc("interpreter is a script, flags " + fl, d -> {
                d.write("m", "XR" + d.id, "rwxr-xr-x");
                d.copy("report-x86_64", "rep", "rwxr-xr-x");
                d.write("wrap", "#!" + d.abs("rep") + "\n", "rwxr-xr-x");
            }, List.of(":{name}:M::XR{id}::{dir}/wrap:" + fl), "./m", "a0"));
        }
        cs.add(misc("interpreter matches its own entry: a loop", d -> d.write("m", "XR" + d.id, "rwxr-xr-x"),
                List.of(":{name}:M::XR{id}::{dir}/m:"), "./m"));
        cs.add(misc("two entries chained", d -> {
            d.write("m", "XR" + d.id + "1", "rwxr-xr-x");
            d.write("mid", "XR" + d.id + "2", "rwxr-xr-x");
            d.copy("report-x86_64", "rep", "rwxr-xr-x");
        }, List.of(":{name}:M::XR{id}1::{dir}/mid:", ":{name}:M::XR{id}2::{dir}/rep:P"), "./m", "a0"));
        cs.add(misc("two entries chained, both O", d -> {
            d.write("m", "XR" + d.id + "1", "rwxr-xr-x");
            d.write("mid", "XR" + d.id + "2", "rwxr-xr-x");
            d.copy("report-x86_64", "rep", "rwxr-xr-x");
        }, List.of(":{name}:M::XR{id}1::{dir}/mid:O", ":{name}:M::XR{id}2::{dir}/rep:O"), "./m", "a0"));
        cs.add(misc("script whose interpreter matches an extension entry", d -> {
            d.copy("report-x86_64", "rep", "rwxr-xr-x");
            d.write("i.xr" + d.id, "not an executable format", "rwxr-xr-x");
            d.write("s", "#!" + d.abs("i.xr" + d.id) + " opt\n", "rwxr-xr-x");
        }, List.of(":{name}:E::xr{id}::{dir}/rep:"), "./s", "a0", "a1"));
        cs.add(misc("extension in a directory name does not count", d -> {
            d.copy("report-x86_64", "rep", "rwxr-xr-x");
            Files.createDirectories(d.dir.resolve("d.xr" + d.id));
            d.write("d.xr" + d.id + "/prog", "XYZ", "rwxr-xr-x");
        }, List.of(":{name}:E::xr{id}::{dir}/rep:"), "./d.xr{id}/prog"));
        cs.add(misc("extension after the last dot only", d -> {
            d.copy("report-x86_64", "rep", "rwxr-xr-x");
            d.write("f.xr" + d.id + ".bak", "XYZ", "rwxr-xr-x");
        }, List.of(":{name}:E::xr{id}::{dir}/rep:"), "./f.xr{id}.bak"));
        cs.add(misc("extension is case-sensitive", d -> {
            d.copy("report-x86_64", "rep", "rwxr-xr-x");
            d.write("f.XR" + d.id, "XYZ", "rwxr-xr-x");
        }, List.of(":{name}:E::xr{id}::{dir}/rep:"), "./f.XR{id}"));
        cs.add(misc("extension of a symlink's name, not its target's", d -> {
            d.copy("report-x86_64", "rep", "rwxr-xr-x");
            d.write("plain", "XYZ", "rwxr-xr-x");
            d.link("l.xr" + d.id, "plain");
        }, List.of(":{name}:E::xr{id}::{dir}/rep:"), "./l.xr{id}"));
        cs.add(misc("F flag keeps a deleted interpreter", d -> {
            d.write("m", "XR" + d.id, "rwxr-xr-x");
            d.copy("report-x86_64", "gone", "rwxr-xr-x");
        }, List.of(":{name}:M::XR{id}::{dir}/gone:F"), "./m"));
        cs.set(cs.size() - 1, new Case(cs.get(cs.size() - 1).name(), cs.get(cs.size() - 1).setup(),
                cs.get(cs.size() - 1).registrations(), List.of(), false, "./m", List.of("./m"),
                d -> Files.delete(d.dir.resolve("gone"))));
        cs.add(new Case("no F: a deleted interpreter is missing", d -> {
            d.write("m", "XR" + d.id, "rwxr-xr-x");
            d.copy("report-x86_64", "gone", "rwxr-xr-x");
        }, List.of(":{name}:M::XR{id}::{dir}/gone:"), List.of(), false, "./m", List.of("./m"),
                d -> Files.delete(d.dir.resolve("gone"))));
        for (String a0 : new String[] {"./m", "zero", ""}) {
            cs.add(misc("P flag with argv[0] '" + a0 + "'", d -> d.write("m", "XR" + d.id, "rwxr-xr-x"),
                    List.of(":{name}:M::XR{id}::{R}:P"), "./m", a0, "x"));
        }
        cs.add(misc("extension entry with P on a nested script interpreter", d -> {
            d.copy("report-x86_64", "rep", "rwxr-xr-x");
            d.write("i.xr" + d.id, "not an executable format", "rwxr-xr-x");
            d.write("s", "#!" + d.abs("i.xr" + d.id) + "\n", "rwxr-xr-x");
        }, List.of(":{name}:E::xr{id}::{dir}/rep:P"), "./s", "zero", "one"));
        cs.add(misc("magic entry with mask at an offset and C flag", d -> {
            byte[] f = ("..XR" + d.id + "..").getBytes(StandardCharsets.US_ASCII);
            f[4] ^= 0x20;
            d.write("m", f, "rwxr-xr-x");
        }, List.of(":{name}:M:2:XR{id}:\\xff\\xff\\xdf\\xff\\xff\\xff:{R}:C"), "./m", "a0"));
        cs.add(misc("three entries, the middle one matches", this::twoReporters,
                List.of(":{name}:M::XR{id}nope::{dir}/rep1:", ":{name}:M::XR{id}::{dir}/rep2:",
                        ":{name}:M::XR{id}zzz::{dir}/rep1:"), "./m"));
        cs.add(misc("absolute path to a magic file", d -> d.write("m", "XR" + d.id, "rwxr-xr-x"),
                List.of(":{name}:M::XR{id}::{R}:"), "{dir}/m"));
        cs.add(misc("magic file without execute bit", d -> d.write("m", "XR" + d.id, "rw-r--r--"),
                List.of(":{name}:M::XR{id}::{R}:"), "./m"));
        cs.addAll(elfMiscCases());
        return cs;
    }

    private Case extCase(String name, String flags, String base, String argv0) {
        return new Case(name, d -> d.write(base + ".xr" + d.id, "anything", "rwxr-xr-x"),
                List.of(":{name}:E::xr{id}::{R}:" + flags), List.of(), false, "./" + base + ".xr{id}",
                List.of(argv0), null);
    }

    private void twoReporters(CaseDir d) throws IOException {
        d.copy("report-x86_64", "rep1", "rwxr-xr-x");
        d.copy("report-x86_64", "rep2", "rwxr-xr-x");
        d.write("m", "XR" + d.id + "payload", "rwxr-xr-x");
        d.write("f.xr" + d.id, "XR" + d.id + "payload", "rwxr-xr-x");
    }

    /** An ELF copy with a stamp in e_ident's padding (bytes 9-14), so an entry can match only it. */
    private byte[] stamped(String program, String id) throws IOException {
        Path p = bench.programs.get(program);
        if (p == null) {
            throw new MissingProgram(program);
        }
        byte[] b = Files.readAllBytes(p);
        byte[] stamp = ("X" + id + "R").getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(stamp, 0, b, 9, Math.min(6, stamp.length));
        return b;
    }

    private List<Case> elfMiscCases() {
        List<Case> cs = new ArrayList<>();
        String qemu = "/usr/bin/qemu-aarch64-static";
        boolean haveQemu = Files.isExecutable(Path.of(qemu));
        cs.add(simple("aarch64 ELF with no handler", d -> d.write("a64", stamped("report-aarch64", d.id), "rwxr-xr-x"),
                "./a64"));
        if (haveQemu) {
            for (String flags : new String[] {"", "F", "P", "OF", "POCF"}) {
                cs.add(misc("aarch64 ELF through qemu, flags '" + flags + "'",
                        d -> d.write("a64", stamped("report-aarch64", d.id), "rwxr-xr-x"),
                        List.of(":{name}:M::\\x7fELF\\x02\\x01\\x01\\x00\\x00X{id}R\\x00\\x02\\x00\\xb7\\x00"
                                + ":\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\x00\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xfe"
                                + "\\xff\\xff\\xff:" + qemu + ":" + flags), "./a64", "arg0", "one"));
            }
            cs.add(misc("aarch64 ELF whose stamp the entry does not match",
                    d -> d.write("a64", stamped("report-aarch64", d.id), "rwxr-xr-x"),
                    List.of(":{name}:M::\\x7fELF\\x02\\x01\\x01\\x00\\x00XzzzzR\\x00\\x02\\x00\\xb7\\x00::" + qemu + ":"),
                    "./a64"));
        }
        cs.add(misc("i386 ELF caught by a binfmt entry before the compat handler", d -> {
            d.write("i", stamped("report-i386", d.id), "rwxr-xr-x");
        }, List.of(":{name}:M:9:X{id}R::{R}:"), "./i", "a0"));
        cs.add(misc("x86-64 ELF caught by a binfmt entry before binfmt_elf", d -> {
            d.write("x", stamped("report-x86_64", d.id), "rwxr-xr-x");
        }, List.of(":{name}:M:9:X{id}R::{R}:P"), "./x", "a0"));
        return cs;
    }

    // ---------------------------------------------------------------- ELF

    /** A copy of a program with bytes patched; offsets from {@link #phdr} for program headers. */
    interface Patch {
        void apply(ByteBuffer b) throws IOException;
    }

    private Setup patched(String program, String name, Patch patch) {
        return d -> {
            Path p = bench.programs.get(program);
            if (p == null) {
                throw new MissingProgram(program);
            }
            ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(p)).order(ByteOrder.LITTLE_ENDIAN);
            patch.apply(b);
            d.write(name, b.array(), "rwxr-xr-x");
        };
    }

    private Setup truncated(String program, String name, int len) {
        return d -> {
            Path p = bench.programs.get(program);
            byte[] b = Files.readAllBytes(p);
            d.write(name, Arrays.copyOf(b, len < 0 ? b.length + len : Math.min(len, b.length)), "rwxr-xr-x");
        };
    }

    /** The file offset of the program header of the given type (the n-th of it). */
    static int phdr(ByteBuffer b, long type, int nth) {
        long phoff = b.getLong(32);
        int phnum = b.getShort(56) & 0xffff;
        int seen = 0;
        for (int i = 0; i < phnum; i++) {
            int at = (int) phoff + i * 56;
            if ((b.getInt(at) & 0xffffffffL) == type && seen++ == nth) {
                return at;
            }
        }
        throw new IllegalStateException("no program header of type " + type);
    }

    private Setup interpPatched(String interpPath) {
        return patched("report-dyn", "dyn", b -> {
            int at = phdr(b, 3, 0);
            long off = b.getLong(at + 8);
            long sz = b.getLong(at + 32);
            byte[] s = interpPath.getBytes(StandardCharsets.US_ASCII);
            if (s.length + 1 > sz) {
                throw new IllegalStateException("interpreter path too long for PT_INTERP");
            }
            for (int i = 0; i < sz; i++) {
                b.put((int) off + i, i < s.length ? s[i] : 0);
            }
        });
    }

    private List<Case> elfCases() {
        List<Case> cs = new ArrayList<>();
        cs.add(simple("static x86-64", d -> d.copy("report-x86_64", "r", "rwxr-xr-x"), "./r", "a0", "a1"));
        cs.add(simple("dynamic x86-64 PIE", d -> d.copy("report-dyn", "dyn", "rwxr-xr-x"), "./dyn", "a0"));
        cs.add(simple("static i386 via compat", d -> d.copy("report-i386", "i", "rwxr-xr-x"), "./i", "a0"));
        cs.add(simple("e_type ET_REL", patched("report-x86_64", "r", b -> b.putShort(16, (short) 1)), "./r"));
        cs.add(simple("e_type ET_CORE", patched("report-x86_64", "r", b -> b.putShort(16, (short) 4)), "./r"));
        cs.add(simple("e_type ET_NONE", patched("report-x86_64", "r", b -> b.putShort(16, (short) 0)), "./r"));
        cs.add(simple("e_type OS-specific", patched("report-x86_64", "r", b -> b.putShort(16, (short) 0xfe00)), "./r"));
        cs.add(simple("dynamic with e_type ET_EXEC", patched("report-dyn", "dyn", b -> b.putShort(16, (short) 2)),
                "./dyn"));
        for (int m : new int[] {0, 3, 6, 40, 183, 243, 21, 0x3e00}) {
            cs.add(simple("e_machine " + m, patched("report-x86_64", "r", b -> b.putShort(18, (short) m)), "./r"));
        }
        cs.add(simple("i386 with e_machine EM_486", patched("report-i386", "i", b -> b.putShort(18, (short) 6)), "./i"));
        cs.add(simple("i386 with e_machine x86-64 (x32 off)", patched("report-i386", "i", b -> b.putShort(18, (short) 62)),
                "./i"));
        cs.add(simple("EI_CLASS 1 on a 64-bit file", patched("report-x86_64", "r", b -> b.put(4, (byte) 1)), "./r"));
        cs.add(simple("EI_CLASS 0", patched("report-x86_64", "r", b -> b.put(4, (byte) 0)), "./r"));
        cs.add(simple("EI_DATA big-endian", patched("report-x86_64", "r", b -> b.put(5, (byte) 2)), "./r"));
        cs.add(simple("EI_VERSION 0", patched("report-x86_64", "r", b -> b.put(6, (byte) 0)), "./r"));
        cs.add(simple("EI_OSABI FreeBSD", patched("report-x86_64", "r", b -> b.put(7, (byte) 9)), "./r"));
        cs.add(simple("e_version 0", patched("report-x86_64", "r", b -> b.putInt(20, 0)), "./r"));
        cs.add(simple("i386 EI_CLASS 2", patched("report-i386", "i", b -> b.put(4, (byte) 2)), "./i"));
        cs.add(simple("magic broken", patched("report-x86_64", "r", b -> b.put(3, (byte) 'G')), "./r"));
        for (int pe : new int[] {0, 32, 55, 57, 64}) {
            cs.add(simple("e_phentsize " + pe, patched("report-x86_64", "r", b -> b.putShort(54, (short) pe)), "./r"));
        }
        cs.add(simple("e_phnum 0", patched("report-x86_64", "r", b -> b.putShort(56, (short) 0)), "./r"));
        cs.add(simple("e_phnum 74", patched("report-x86_64", "r", b -> b.putShort(56, (short) 74)), "./r"));
        cs.add(simple("e_phnum 0xffff", patched("report-x86_64", "r", b -> b.putShort(56, (short) 0xffff)), "./r"));
        cs.add(simple("e_phoff past the end", patched("report-x86_64", "r", b -> b.putLong(32, 1L << 40)), "./r"));
        cs.add(simple("e_phoff negative", patched("report-x86_64", "r", b -> b.putLong(32, -64)), "./r"));
        cs.add(simple("e_phoff near the end", patched("report-x86_64", "r", b -> b.putLong(32, b.capacity() - 60)),
                "./r"));
        cs.add(simple("i386 e_phentsize 56", patched("report-i386", "i", b -> b.putShort(42, (short) 56)), "./i"));
        cs.add(simple("i386 e_phnum 0", patched("report-i386", "i", b -> b.putShort(44, (short) 0)), "./i"));
        cs.add(simple("i386 e_phnum 129", patched("report-i386", "i", b -> b.putShort(44, (short) 129)), "./i"));
        cs.add(simple("first PT_LOAD offset off by one", patched("report-x86_64", "r", b -> {
            int at = phdr(b, 1, 0);
            b.putLong(at + 8, b.getLong(at + 8) + 1);
        }), "./r"));
        cs.add(simple("second PT_LOAD vaddr off by 0x800", patched("report-x86_64", "r", b -> {
            int at = phdr(b, 1, 1);
            b.putLong(at + 16, b.getLong(at + 16) + 0x800);
        }), "./r"));
        cs.add(simple("PT_LOAD p_filesz > p_memsz", patched("report-x86_64", "r", b -> {
            int at = phdr(b, 1, 0);
            b.putLong(at + 32, b.getLong(at + 40) + 0x1000);
        }), "./r"));
        cs.add(simple("no PT_LOAD in an ET_DYN", patched("report-dyn", "dyn", b -> {
            long phoff = b.getLong(32);
            int phnum = b.getShort(56) & 0xffff;
            for (int i = 0; i < phnum; i++) {
                int at = (int) phoff + i * 56;
                if (b.getInt(at) == 1) {
                    b.putInt(at, 0);
                }
            }
        }), "./dyn"));
        cs.add(simple("PT_GNU_STACK executable", patched("report-x86_64", "r", b -> {
            int at = phdr(b, 0x6474e551L, 0);
            b.putInt(at + 4, 7);
        }), "./r"));
        cs.add(simple("PT_INTERP missing loader", interpPatched("/nonexistent/ld.so"), "./dyn"));
        cs.add(simple("PT_INTERP names a text file", d -> {
            interpPatched("txt").apply(d);
            d.write("txt", "not a loader at all, just some text that is long enough".repeat(3), "rwxr-xr-x");
        }, "./dyn"));
        cs.add(simple("PT_INTERP names an empty file", d -> {
            interpPatched("e").apply(d);
            d.write("e", "", "rwxr-xr-x");
        }, "./dyn"));
        cs.add(simple("PT_INTERP names a 20-byte ELF stub", d -> {
            interpPatched("e").apply(d);
            d.write("e", Arrays.copyOf(Files.readAllBytes(bench.programs.get("report-x86_64")), 20), "rwxr-xr-x");
        }, "./dyn"));
        cs.add(simple("PT_INTERP names an aarch64 ELF", d -> {
            if (!bench.programs.containsKey("report-aarch64")) {
                throw new MissingProgram("report-aarch64");
            }
            interpPatched("a").apply(d);
            d.copy("report-aarch64", "a", "rwxr-xr-x");
        }, "./dyn"));
        cs.add(simple("PT_INTERP names an i386 ELF", d -> {
            interpPatched("a").apply(d);
            d.copy("report-i386", "a", "rwxr-xr-x");
        }, "./dyn"));
        cs.add(simple("PT_INTERP names a directory", d -> interpPatched(".").apply(d), "./dyn"));
        cs.add(simple("PT_INTERP loader without execute bit", d -> {
            interpPatched("./ld").apply(d);
            d.write("ld", Files.readAllBytes(Path.of("/lib64/ld-linux-x86-64.so.2")), "rw-r--r--");
        }, "./dyn"));
        cs.add(simple("PT_INTERP relative to the working directory", d -> {
            interpPatched("ld").apply(d);
            d.write("ld", Files.readAllBytes(Path.of("/lib64/ld-linux-x86-64.so.2")), "rwxr-xr-x");
        }, "./dyn", "a0"));
        cs.add(simple("PT_INTERP through a symlink", d -> {
            interpPatched("ldl").apply(d);
            d.link("ldl", "/lib64/ld-linux-x86-64.so.2");
        }, "./dyn"));
        cs.add(simple("PT_INTERP dangling symlink", d -> {
            interpPatched("ldl").apply(d);
            d.link("ldl", "/nonexistent/ld");
        }, "./dyn"));
        cs.add(simple("PT_INTERP empty string", interpPatched(""), "./dyn"));
        cs.add(simple("PT_INTERP p_filesz 1", patched("report-dyn", "dyn", b -> b.putLong(phdr(b, 3, 0) + 32, 1)),
                "./dyn"));
        cs.add(simple("PT_INTERP p_filesz 4097", patched("report-dyn", "dyn", b -> b.putLong(phdr(b, 3, 0) + 32, 4097)),
                "./dyn"));
        cs.add(simple("PT_INTERP not NUL-terminated", patched("report-dyn", "dyn", b -> {
            int at = phdr(b, 3, 0);
            b.putLong(at + 32, b.getLong(at + 32) - 1);
        }), "./dyn"));
        cs.add(simple("PT_INTERP offset past the end", patched("report-dyn", "dyn", b -> {
            int at = phdr(b, 3, 0);
            b.putLong(at + 8, b.capacity() + 100);
        }), "./dyn"));
        cs.add(simple("PT_INTERP straddling the end", patched("report-dyn", "dyn", b -> {
            int at = phdr(b, 3, 0);
            b.putLong(at + 8, b.capacity() - 5);
        }), "./dyn"));
        cs.add(simple("two PT_INTERP: the first counts", patched("report-dyn", "dyn", b -> {
            int at = phdr(b, 0x6474e551L, 0);
            int ip = phdr(b, 3, 0);
            for (int i = 0; i < 56; i++) {
                b.put(at + i, b.get(ip + i));
            }
            b.putLong(ip + 8, b.capacity() + 100);
        }), "./dyn"));
        int[] cuts = {1, 3, 4, 5, 16, 18, 20, 52, 63, 64, 100, 200, 500, 4096, 8192, 100000, 300000, -1, -4096, -100000};
        for (int cut : cuts) {
            cs.add(simple("static truncated at " + cut, truncated("report-x86_64", "r", cut), "./r"));
        }
        for (int cut : new int[] {64, 300, 1000, 5000, -1, -9000}) {
            cs.add(simple("dynamic truncated at " + cut, truncated("report-dyn", "dyn", cut), "./dyn"));
        }
        for (int cut : new int[] {52, 200, 5000, -1}) {
            cs.add(simple("i386 truncated at " + cut, truncated("report-i386", "i", cut), "./i"));
        }
        return cs;
    }
}

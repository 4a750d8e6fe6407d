package dev.execray.exec;

import dev.execray.truth.Oracle;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The real-kernel side of the exec-path oracle: builds the tiny C programs (a reporter that writes
 * its argv, a launcher that calls execve and prints errno), mounts binfmt_misc if needed, registers
 * and removes entries named {@code xrtest_*}, and runs things. Everything it changes on the machine it
 * undoes in {@link #close()}: its entries, the registry status, the mount, the work directory.
 */
final class OracleBench implements AutoCloseable {
    static final Path BINFMT = Path.of("/proc/sys/fs/binfmt_misc");
    final Path work;
    final Map<String, Path> programs = new java.util.HashMap<>();
    final List<String> missing = new ArrayList<>();
    private boolean mounted;
    private boolean statusTouched;
    boolean binfmtAvailable;

    private OracleBench(Path work) {
        this.work = work;
    }

    /** Why the oracle cannot run here, if it cannot. */
    static Optional<String> cannotRun() {
        if (!System.getProperty("os.name").toLowerCase().contains("linux")) {
            return Optional.of("not Linux");
        }
        try {
            String st = Files.readString(Path.of("/proc/self/status"));
            for (String l : st.split("\n")) {
                if (l.startsWith("Uid:") && !l.split("\\s+")[2].equals("0")) {
                    return Optional.of("root (binfmt_misc registration needs root: run mvn -Poracle as root)");
                }
            }
        } catch (IOException e) {
            return Optional.of("cannot read /proc/self/status");
        }
        if (!onPath("gcc")) {
            return Optional.of("gcc (apt-get install gcc)");
        }
        return Optional.empty();
    }

    static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }

    static OracleBench open() throws IOException, InterruptedException {
        Path w = Files.createTempDirectory(Path.of("/tmp"), "xrtest-");
        OracleBench b = new OracleBench(w);
        try {
            b.build();
            b.mount();
        } catch (IOException | InterruptedException | RuntimeException e) {
            b.close();
            throw e;
        }
        return b;
    }

    private void build() throws IOException, InterruptedException {
        Path src = work.resolve("src");
        Files.createDirectories(src);
        for (String f : List.of("xr-report.c", "xr-launch.c", "xr-messages.go", "xr-messages.py", "xr-execvp.c",
                "xr-lookpath.go", "xr-subprocess.py")) {
            try (InputStream in = OracleBench.class.getResourceAsStream("oracle/" + f)) {
                Files.copy(in, src.resolve(f));
            }
        }
        Path bin = work.resolve("bin");
        Files.createDirectories(bin);
        compile("launch", List.of("gcc", "-O1", "-o", bin.resolve("launch").toString(), src.resolve("xr-launch.c").toString()));
        compile("report-x86_64", List.of("gcc", "-O1", "-static", "-DXR_ID=\"report-x86_64\"", "-o",
                bin.resolve("report-x86_64").toString(), src.resolve("xr-report.c").toString()));
        compile("report-dyn", List.of("gcc", "-O1", "-DXR_ID=\"report-dyn\"", "-o", bin.resolve("report-dyn").toString(),
                src.resolve("xr-report.c").toString()));
        compile("report-i386", List.of("gcc", "-m32", "-O1", "-static", "-DXR_ID=\"report-i386\"", "-o",
                bin.resolve("report-i386").toString(), src.resolve("xr-report.c").toString()));
        compile("execvp-glibc", List.of("gcc", "-O1", "-o", bin.resolve("execvp-glibc").toString(),
                src.resolve("xr-execvp.c").toString()));
        if (onPath("musl-gcc")) {
            compile("execvp-musl", List.of("musl-gcc", "-O1", "-static", "-o", bin.resolve("execvp-musl").toString(),
                    src.resolve("xr-execvp.c").toString()));
        } else {
            missing.add("musl-gcc");
        }
        if (onPath("aarch64-linux-gnu-gcc")) {
            compile("report-aarch64", List.of("aarch64-linux-gnu-gcc", "-O1", "-static", "-DXR_ID=\"report-aarch64\"",
                    "-o", bin.resolve("report-aarch64").toString(), src.resolve("xr-report.c").toString()));
        } else {
            missing.add("aarch64-linux-gnu-gcc");
        }
        if (onPath("go")) {
            ProcessBuilder pb = new ProcessBuilder("go", "build", "-o", bin.resolve("messages-go").toString(),
                    src.resolve("xr-messages.go").toString());
            pb.environment().put("GOCACHE", work.resolve("gocache").toString());
            pb.environment().put("GO111MODULE", "off");
            pb.environment().put("GOFLAGS", "");
            if (run(pb) == 0) {
                programs.put("messages-go", bin.resolve("messages-go"));
            } else {
                missing.add("go build");
            }
            ProcessBuilder lp = new ProcessBuilder("go", "build", "-o", bin.resolve("lookpath-go").toString(),
                    src.resolve("xr-lookpath.go").toString());
            lp.environment().putAll(pb.environment());
            if (run(lp) == 0) {
                programs.put("lookpath-go", bin.resolve("lookpath-go"));
            }
        } else {
            missing.add("go");
        }
        programs.put("messages-py", src.resolve("xr-messages.py"));
        programs.put("subprocess-py", src.resolve("xr-subprocess.py"));
    }

    private void compile(String name, List<String> cmd) throws IOException, InterruptedException {
        if (run(new ProcessBuilder(cmd)) == 0) {
            programs.put(name, work.resolve("bin").resolve(name));
        } else {
            missing.add(name + " (" + String.join(" ", cmd.subList(0, 2)) + ")");
        }
    }

    private static int run(ProcessBuilder pb) throws IOException, InterruptedException {
        pb.redirectErrorStream(true);
        Process p = pb.start();
        p.getInputStream().readAllBytes();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }

    private void mount() throws IOException, InterruptedException {
        if (Files.exists(BINFMT.resolve("register"))) {
            binfmtAvailable = true;
            return;
        }
        int rc = run(new ProcessBuilder("mount", "-t", "binfmt_misc", "binfmt_misc", BINFMT.toString()));
        mounted = rc == 0;
        binfmtAvailable = Files.exists(BINFMT.resolve("register"));
    }

    /** Writes a registration; empty on success, else the error text of the failed write. */
    Optional<String> register(byte[] registration) {
        try {
            Files.write(BINFMT.resolve("register"), registration);
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(String.valueOf(e.getMessage()));
        }
    }

    void command(String entry, String cmd) throws IOException {
        if (entry.equals("status")) {
            statusTouched = true;
        }
        Files.writeString(BINFMT.resolve(entry), cmd);
    }

    String read(String entry) throws IOException {
        return Files.readString(BINFMT.resolve(entry));
    }

    /** Removes every entry this oracle registered and re-enables the registry. */
    void clean() throws IOException {
        if (!binfmtAvailable) {
            return;
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(BINFMT, "xrtest_*")) {
            for (Path p : s) {
                try {
                    Files.writeString(p, "-1");
                } catch (IOException ignored) {
                    // already gone
                }
            }
        }
        if (statusTouched) {
            Files.writeString(BINFMT.resolve("status"), "1");
        }
    }

    /** What really happened when a file was executed. */
    record Outcome(String kind, int errno, int signal, List<String> report) {
        String describe() {
            return switch (kind) {
                case "ran" -> "ran " + report;
                case "errno" -> "errno " + errno;
                case "killed" -> "killed by signal " + signal;
                default -> kind;
            };
        }
    }

    Outcome launch(Path dir, String path, List<String> argv) throws IOException, InterruptedException {
        Path out = dir.resolve("xr-out");
        Files.deleteIfExists(out);
        List<String> cmd = new ArrayList<>();
        cmd.add(programs.get("launch").toString());
        cmd.add(path);
        cmd.addAll(argv);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().put("XR_OUT", out.toString());
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        byte[] stdout = p.getInputStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Outcome("timeout", 0, 0, List.of());
        }
        int rc = p.exitValue();
        if (rc == 99) {
            return new Outcome("errno", Integer.parseInt(new String(stdout, StandardCharsets.UTF_8).trim()), 0, List.of());
        }
        if (rc > 128 && rc < 128 + 65) {
            return new Outcome("killed", 0, rc - 128, List.of());
        }
        if (rc == 0 && Files.exists(out)) {
            byte[] b = Files.readAllBytes(out);
            List<String> fields = new ArrayList<>();
            int start = 0;
            for (int i = 0; i < b.length; i++) {
                if (b[i] == 0) {
                    fields.add(new String(b, start, i - start, StandardCharsets.UTF_8));
                    start = i + 1;
                }
            }
            return new Outcome("ran", 0, 0, fields);
        }
        return new Outcome("exit " + rc, 0, 0, List.of());
    }

    /**
     * Runs a command in dir with the given PATH (null: PATH removed from the environment); returns
     * stdout and the exit status.
     */
    String[] runWithPath(Path dir, List<String> cmd, String path) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        if (path == null) {
            pb.environment().remove("PATH");
        } else {
            pb.environment().put("PATH", path);
        }
        pb.environment().put("XR_OUT", dir.resolve("xr-out").toString());
        pb.environment().put("GODEBUG", "");
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new String[] {out, "-1"};
        }
        return new String[] {out, String.valueOf(p.exitValue())};
    }

    /** The fields the reporter wrote to dir/xr-out, if it ran. */
    static List<String> report(Path dir) throws IOException {
        Path out = dir.resolve("xr-out");
        if (!Files.exists(out)) {
            return List.of();
        }
        byte[] b = Files.readAllBytes(out);
        Files.delete(out);
        List<String> fields = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < b.length; i++) {
            if (b[i] == 0) {
                fields.add(new String(b, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        return fields;
    }

    /** Runs {@code bash -c COMMAND} in dir: stderr's first line and the exit status. */
    String[] bash(Path dir, String command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", command).directory(dir.toFile());
        pb.environment().put("XR_OUT", dir.resolve("xr-out-bash").toString());
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        byte[] err = p.getErrorStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        String e = new String(err, StandardCharsets.UTF_8);
        String first = e.isEmpty() ? "" : e.split("\n", -1)[0];
        return new String[] {first, String.valueOf(p.exitValue())};
    }

    /** Runs a messages program over "dir\tpath" lines; one answer line per input line. */
    List<String> batch(List<String> command, List<String> lines) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("XR_OUT", work.resolve("xr-out-batch").toString());
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        p.getOutputStream().write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(300, TimeUnit.SECONDS);
        List<String> res = new ArrayList<>(Arrays.asList(out.split("\n", -1)));
        while (res.size() > lines.size()) {
            res.remove(res.size() - 1);
        }
        return res;
    }

    static void chmod(Path p, String perms) throws IOException {
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
    }

    static boolean onlyControlFiles() throws IOException {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(BINFMT)) {
            for (Path p : s) {
                String n = p.getFileName().toString();
                if (!n.equals("register") && !n.equals("status")) {
                    return false;
                }
            }
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        try {
            clean();
        } catch (IOException e) {
            first = e;
        }
        // unmounting binfmt_misc frees every entry of the instance (Linux 6.7+), other tests' included: only
        // when nothing but the control files is left
        if (mounted && onlyControlFiles()) {
            try {
                run(new ProcessBuilder("umount", BINFMT.toString()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try (var s = Files.walk(work)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort: a temp directory
                }
            });
        }
        if (first != null) {
            throw first;
        }
    }
}

package dev.execray.runtime;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Builds the Go fixture (src/test/resources/dev/execray/runtime/gofixture/main.go) once per test JVM
 * with the machine's Go toolchain (Debian golang-go). Tests that need it are skipped where there is no
 * Go; .ci/run installs it.
 */
public final class GoFixture {
    private static Path binary;

    private GoFixture() {
    }

    public static synchronized Path binary() throws IOException, InterruptedException {
        if (binary != null) {
            return binary;
        }
        Path go = Path.of("/usr/bin/go");
        assumeTrue(Files.isExecutable(go), "Go toolchain (golang-go) not installed");
        Path dir = Files.createTempDirectory("execray-gofixture");
        Path src = dir.resolve("main.go");
        try (InputStream in = GoFixture.class.getResourceAsStream("gofixture/main.go")) {
            Files.copy(in, src);
        }
        Path out = dir.resolve("fixture");
        ProcessBuilder pb = new ProcessBuilder(go.toString(), "build", "-o", out.toString(), src.toString())
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("build.log").toFile());
        pb.environment().put("GOCACHE", dir.resolve("cache").toString());
        pb.environment().put("GOPATH", dir.resolve("gopath").toString());
        pb.environment().put("GO111MODULE", "off");
        Process p = pb.start();
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IOException("go build failed: " + Files.readString(dir.resolve("build.log")));
        }
        binary = out;
        return out;
    }

    /** Runs the fixture; returns {stderr, stdout}. */
    public static String[] run(String godebug, boolean noise, String... args) throws IOException, InterruptedException {
        Path bin = binary();
        Path dir = bin.getParent();
        Path err = Files.createTempFile(dir, "stderr", ".log");
        Path out = Files.createTempFile(dir, "stdout", ".json");
        String[] cmd = new String[args.length + 1];
        cmd[0] = bin.toString();
        System.arraycopy(args, 0, cmd, 1, args.length);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(err.toFile()).redirectOutput(out.toFile());
        pb.environment().put("GODEBUG", godebug);
        pb.environment().put("FIXTURE_NOISE", noise ? "1" : "0");
        Process p = pb.start();
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IOException("fixture did not finish");
        }
        return new String[] {Files.readString(err), Files.readString(out)};
    }
}

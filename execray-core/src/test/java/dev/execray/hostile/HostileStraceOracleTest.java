package dev.execray.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.execray.truth.Oracle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hostile corpus under strace: the kernel's own record of every file system call execray makes. No call may
 * name a path in the bait directory planted outside every root (the escapes of issue 18 opened files there), nothing
 * may be created outside the private temporary directory, and there is exactly one execve (the JVM's own start):
 * execray never runs what it inspects.
 */
@Tag("oracle")
class HostileStraceOracleTest {
    private static final Pattern CALL = Pattern.compile("^\\d+\\s+(\\w+)\\((.*)$");
    private static final Pattern QUOTED = Pattern.compile("\"((?:[^\"\\\\]++|\\\\.)*+)\"");

    @TempDir
    Path dir;

    @Test
    void noHostileCaseTouchesTheBaitCreatesOutsideTempOrExecutesAnything() throws Exception {
        Oracle.require(Oracle.onPath("strace"), "oracle hostile-strace: strace (apt-get install strace)");
        Path corpus = dir.resolve("corpus");
        List<HostileCorpus.Case> cases = HostileCorpus.build(corpus, HostileCorpus.Scale.SMALL);
        String bait = HostileCorpus.bait(corpus).toAbsolutePath().toString();
        int calls = 0;
        int execs = 0;
        List<String> problems = new ArrayList<>();
        for (HostileCorpus.Case c : cases) {
            Path tmp = Files.createDirectories(dir.resolve("tmp-" + c.name()));
            Path log = dir.resolve("strace-" + c.name() + ".log");
            List<String> cmd = new ArrayList<>(List.of("strace", "-f", "-qq", "-s", "4096", "-e", "trace=%file,execve",
                    "-o", log.toString(), Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-XX:-UsePerfData", "-XX:TieredStopAtLevel=1", "-Djava.io.tmpdir=" + tmp, "-cp",
                    System.getProperty("java.class.path"), "dev.execray.cli.Main"));
            cmd.addAll(c.args());
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("out-" + c.name()).toFile()).start();
            if (!p.waitFor(300, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                throw new AssertionError(c.name() + ": no result within 300 s under strace");
            }
            int caseExecs = 0;
            for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                Matcher m = CALL.matcher(line);
                if (!m.find()) {
                    continue;
                }
                calls++;
                String call = m.group(1);
                if (call.startsWith("execve")) {
                    caseExecs++;
                }
                Matcher q = QUOTED.matcher(m.group(2));
                int seen = 0;
                // readlink's second string is the link's content (its target), not a path that was accessed
                while (q.find() && !(call.startsWith("readlink") && seen++ > 0)) {
                    String path = q.group(1);
                    if (path.startsWith(bait)) {
                        problems.add(c.name() + ": " + call + " names the bait outside the root: " + line);
                    }
                    boolean creates = m.group(2).contains("O_CREAT") || call.equals("mkdir") || call.equals("mkdirat")
                            || call.startsWith("rename") || call.startsWith("unlink") || call.equals("rmdir");
                    if (creates && path.startsWith("/") && !path.startsWith(tmp.toString()) && !path.startsWith("/dev/")
                            && !path.startsWith("/proc/")) {
                        problems.add(c.name() + ": writes outside its temporary directory: " + line);
                    }
                }
            }
            execs += caseExecs;
            if (caseExecs != 1) {
                problems.add(c.name() + ": " + caseExecs + " execve calls (only the JVM's own start is allowed)");
            }
        }
        assertThat(Files.exists(HostileCorpus.bait(corpus).resolve("planted"))).isFalse();
        System.out.println("oracle hostile-strace: " + cases.size() + " cases, " + calls + " file system calls traced, "
                + execs + " execve (one per case, the JVM), " + problems.size() + " problems");
        problems.forEach(pr -> System.out.println("  PROBLEM " + pr));
        assertThat(problems).isEmpty();
        Oracle.atLeast(cases.size(), 14, "hostile cases traced");
        Oracle.atLeast(calls, 1000, "file system calls traced");
    }
}

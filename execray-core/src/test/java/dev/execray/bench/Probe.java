package dev.execray.bench;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A tiny C program that reports the child's own view: argv[0], AT_EXECFN, its parent's name and argc. */
final class Probe {
    private Probe() {
    }

    static final String SOURCE = """
            #include <stdio.h>
            #include <sys/auxv.h>
            #include <unistd.h>
            int main(int argc, char **argv) {
                char path[64], comm[64] = "";
                snprintf(path, sizeof path, "/proc/%d/comm", (int) getppid());
                FILE *f = fopen(path, "r");
                if (f) { if (fgets(comm, sizeof comm, f)) {} fclose(f); }
                for (char *p = comm; *p; p++) if (*p == '\\n') *p = 0;
                printf("argv0=%s execfn=%s parent=%s argc=%d\\n", argv[0], (char *) getauxval(AT_EXECFN), comm, argc);
                return 0;
            }
            """;

    /** Builds the probe in {@code dir}; skips the test when no C compiler is installed. */
    static Path build(Path dir) throws IOException, InterruptedException {
        assumeTrue(TimerHelper.compiler().isPresent(), "needs a C compiler (apt-get install gcc)");
        Path c = dir.resolve("probe.c");
        Path bin = dir.resolve("probe");
        Files.writeString(c, SOURCE);
        Process p = new ProcessBuilder(TimerHelper.compiler().get().toString(), "-o", bin.toString(), c.toString())
                .redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("cc failed to build the probe");
        }
        return bin;
    }
}

package dev.execray.binary;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** What llvm-readobj --all says about a file on stderr: its warnings and errors, for the mutation oracles. */
public final class LlvmDiagnostics {
    private LlvmDiagnostics() {
    }

    /** Fails (under -Poracle) with what to install when llvm-readobj is missing. */
    public static void requireLlvmReadobj() {
        assertThat(ForeignExecutables.available("llvm-readobj"))
                .as("llvm-readobj is not installed: apt-get install llvm").isTrue();
    }

    /** The "warning:" and "error:" lines llvm-readobj --all prints for {@code bytes}. */
    public static List<String> of(byte[] bytes, Path dir, String name) throws IOException, InterruptedException {
        Path f = dir.resolve(name);
        Files.write(f, bytes);
        Process p = new ProcessBuilder("llvm-readobj", "--all", f.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        byte[] err;
        try (InputStream in = p.getErrorStream()) {
            err = in.readAllBytes();
        }
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        return new String(err, StandardCharsets.UTF_8).lines()
                .filter(l -> l.contains("warning:") || l.contains("error:")).toList();
    }
}

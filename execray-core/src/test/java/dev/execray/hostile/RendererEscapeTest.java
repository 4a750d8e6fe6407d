package dev.execray.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.execray.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real executables with the strings a renderer shows rewritten in place to carry terminal controls: an ELF's
 * PT_INTERP and a DT_NEEDED name, a PE import DLL name, a Mach-O dylib name, a #! line. Each text renderer that shows
 * them (inspect, explain, ldd) must escape them: no ESC, BEL or CR reaches the terminal, and the newline inside a
 * name cannot start a line of its own.
 */
class RendererEscapeTest {
    /** ESC [2J (clear screen), BEL, CR LF, then a forged line that must never start a line of output. */
    private static final String EVIL = "\u001b[2J\u0007\r\nFORGED";

    @TempDir
    Path dir;

    /** Copies {@code from}, replacing every NUL-terminated {@code name} with EVIL padded to the same length. */
    private Path patched(Path from, String name, String to) throws IOException {
        byte[] b = Files.readAllBytes(from);
        byte[] find = (name + "\0").getBytes(StandardCharsets.ISO_8859_1);
        StringBuilder repl = new StringBuilder(EVIL);
        while (repl.length() < name.length()) {
            repl.append('x');
        }
        byte[] with = (repl.substring(0, name.length()) + "\0").getBytes(StandardCharsets.ISO_8859_1);
        int hits = 0;
        outer:
        for (int i = 0; i + find.length <= b.length; i++) {
            for (int k = 0; k < find.length; k++) {
                if (b[i + k] != find[k]) {
                    continue outer;
                }
            }
            System.arraycopy(with, 0, b, i, with.length);
            hits++;
        }
        assertThat(hits).as(name + " in " + from).isPositive();
        Path out = dir.resolve(to);
        Files.write(out, b);
        out.toFile().setExecutable(true);
        return out;
    }

    private static String run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        try (PrintWriter o = new PrintWriter(out); PrintWriter e = new PrintWriter(err)) {
            Main.run(o, e, args);
        }
        return out + "\n" + err;
    }

    private static void assertSafe(String output, String what) {
        assertThat(output).as(what).doesNotContain("\u001b").doesNotContain("\u0007").doesNotContain("\r");
        assertThat(output.lines().filter(l -> l.startsWith("FORGE")).toList()).as(what + ": a forged line").isEmpty();
        if (!what.startsWith("ldd /")) {
            // plain ldd lists the libraries found, as ldd does, and shows no PT_INTERP string: nothing to see there
            // a #! line ends at its newline (the kernel's rule): the rest is the script's next line, not shown
            assertThat(output).as(what + ": the escaped form is shown").contains(what.contains("script")
                    ? "\\x1b[2J\\x07\\r" : "\\x1b[2J\\x07\\r\\nFORGE");
        }
    }

    @Test
    void everyTextRendererEscapesStringsFromTheFile() throws IOException {
        Path ls = Path.of("/bin/ls");
        Path interp = patched(ls, "/lib64/ld-linux-x86-64.so.2", "interp");
        Path needed = patched(ls, "libselinux.so.1", "needed");
        Path go = Path.of(System.getProperty("user.dir"), "fixtures/out/go");
        Path pe = patched(go.resolve("hello-windows-amd64"), "kernel32.dll", "pe.exe");
        Path macho = patched(go.resolve("hello-darwin-arm64"), "/usr/lib/libSystem.B.dylib", "macho");
        Path script = Files.writeString(dir.resolve("script"), "#!/bin/" + EVIL + "\n");
        script.toFile().setExecutable(true);
        int checked = 0;
        for (List<String> args : List.of(
                List.of("inspect", interp.toString()), List.of("explain", interp.toString()),
                List.of("ldd", interp.toString()), List.of("inspect", needed.toString()),
                List.of("ldd", needed.toString()), List.of("ldd", "--tree", needed.toString()),
                List.of("inspect", pe.toString()), List.of("inspect", macho.toString()),
                List.of("inspect", script.toString()), List.of("explain", script.toString()))) {
            assertSafe(run(args.toArray(String[]::new)), String.join(" ", args));
            checked++;
        }
        assertThat(checked).isEqualTo(10);
    }
}

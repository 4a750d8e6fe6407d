package dev.execray.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ParseTest {
    /** glibc 2.36's output for /bin/true on x86-64 (Debian 12), both blocks. */
    static final String LD_DEBUG = """
                 14660:\t
                 14660:\truntime linker statistics:
                 14660:\t  total startup time in dynamic loader: 175495 cycles
                 14660:\t            time needed for relocation: 13570 cycles (7.7%)
                 14660:\t                 number of relocations: 87
                 14660:\t      number of relocations from cache: 7
                 14660:\t        number of relative relocations: 16
                 14660:\t           time needed to load objects: 8922 cycles (5.0%)
                 14660:\t
                 14660:\truntime linker statistics:
                 14660:\t           final number of relocations: 88
                 14660:\tfinal number of relocations from cache: 7
            """;

    @Test
    void ldDebugStatistics() {
        Breakdown.LoaderStats s = Breakdown.parseLdDebug(LD_DEBUG).orElseThrow();
        assertThat(s.startupCycles()).isEqualTo(175495);
        assertThat(s.relocationCycles()).isEqualTo(13570);
        assertThat(s.loadCycles()).isEqualTo(8922);
        assertThat(s.relocations()).isEqualTo(87);
        assertThat(s.fromCache()).isEqualTo(7);
        assertThat(s.relative()).isEqualTo(16);
        assertThat(s.startupNanos()).isEmpty();
        assertThat(s.withRate(2.5e9).startupNanos().orElseThrow()).isEqualTo(175495 / 2.5);
    }

    @Test
    void ldDebugAbsentOrGarbage() {
        assertThat(Breakdown.parseLdDebug("")).isEmpty();
        assertThat(Breakdown.parseLdDebug("hello\n 12: total startup time in dynamic loader: 99999999999999999999999 cycles\n"))
                .isEmpty();
        assertThat(Breakdown.parseLdDebug("1: number of relocations: 5\n")).isEmpty();
        assertThat(Breakdown.parseLdDebug(" 1: a: 1 ".repeat(10_000))).isEmpty();
    }

    @Test
    void goInittrace() {
        String t = """
                init internal/bytealg @0 ms, 0 ms clock, 0 bytes, 0 allocs
                init runtime @0.007 ms, 0.016 ms clock, 0 bytes, 0 allocs
                init errors @0.31 ms, 0.002 ms clock, 0 bytes, 0 allocs
                init os @0.40 ms, 0.030 ms clock, 1120 bytes, 13 allocs
                the program's own output
                init bogus @x ms
                """;
        Breakdown.GoInitStats g = Breakdown.parseInittrace(t).orElseThrow();
        assertThat(g.inits()).extracting(Breakdown.GoInit::pkg).containsExactly("internal/bytealg", "runtime", "errors", "os");
        assertThat(g.clockMillis()).isEqualTo(0.048, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(g.bytes()).isEqualTo(1120);
        assertThat(g.allocs()).isEqualTo(13);
        assertThat(g.lastStartMillis()).isEqualTo(0.43, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(Breakdown.parseInittrace("no trace here")).isEmpty();
    }

    @Test
    void shellWords() {
        assertThat(Shell.words("./app --port 8080")).contains(List.of("./app", "--port", "8080"));
        assertThat(Shell.words("echo 'a b' \"c d\" e\\ f")).contains(List.of("echo", "a b", "c d", "e f"));
        assertThat(Shell.words("echo \"a\\\"b\"")).contains(List.of("echo", "a\"b"));
        assertThat(Shell.words("ls | wc")).isEmpty();
        assertThat(Shell.words("echo $HOME")).isEmpty();
        assertThat(Shell.words("FOO=1 app")).isEmpty();
        assertThat(Shell.words("app FOO=1")).contains(List.of("app", "FOO=1"));
        assertThat(Shell.words("echo 'unterminated")).isEmpty();
        assertThat(Shell.words("   ")).isEmpty();
        assertThat(Shell.quote("/usr/bin/ls")).isEqualTo("/usr/bin/ls");
        assertThat(Shell.quote("it's")).isEqualTo("'it'\\''s'");
        assertThat(Shell.quote("")).isEqualTo("''");
    }

    @Test
    void theProgramsOwnExecveIsTheLastSuccessfulOneStraceTimed() {
        String log = """
                4242  execve("/usr/bin/env", ["env", "prog"], 0x7ffd /* 20 vars */) = 0 <0.000412>
                4242  execve("/usr/local/bin/prog", ["prog"], 0x55 /* 20 vars */) = -1 ENOENT (No such file or directory) <0.000020>
                4242  execve("/usr/bin/prog", ["prog"], 0x55 /* 20 vars */) = 0 <0.000238>
                4242  +++ exited with 0 +++
                """;
        assertThat(Breakdown.parseStraceExecve(log)).contains(0.000238);
        assertThat(Breakdown.parseStraceExecve("execve(\"/x\", [\"x\"], 0x1) = -1 ENOENT (No such file) <0.000010>"))
                .isEmpty();
        assertThat(Breakdown.parseStraceExecve("")).isEmpty();
    }
}

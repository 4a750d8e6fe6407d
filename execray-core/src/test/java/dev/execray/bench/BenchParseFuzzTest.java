package dev.execray.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Any text as what a program printed under LD_DEBUG=statistics or GODEBUG=inittrace=1, and as a --compare
 * command: the parsers answer or decline, never throw, and what they return is consistent.
 */
class BenchParseFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void anyTextAsProgramOutputOrCommand(byte[] data) {
        String s = new String(data, StandardCharsets.UTF_8);
        Breakdown.parseLdDebug(s).ifPresent(l -> assertThat(l.startupCycles()).isNotNegative());
        Breakdown.parseStraceExecve(s).ifPresent(t -> assertThat(t).isNotNegative());
        Breakdown.parseXrlibc(s, new String[1]).forEach(t -> assertThat(t).isNotNegative());
        Breakdown.parseInittrace(s).ifPresent(g -> {
            assertThat(g.inits()).isNotEmpty();
            assertThat(g.allocs()).isEqualTo(g.inits().stream().mapToLong(Breakdown.GoInit::allocs).sum());
        });
        Shell.words(s).ifPresent(w -> {
            assertThat(w).isNotEmpty();
            // a command split into words and quoted back is split into the same words
            assertThat(Shell.words(String.join(" ", w.stream().map(Shell::quote).toList()))).contains(w);
        });
    }
}

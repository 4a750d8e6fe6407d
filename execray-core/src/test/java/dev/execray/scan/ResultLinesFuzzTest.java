package dev.execray.scan;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Any text as a fleet result line (what {@code execray scan --import} reads from a directory it is given): refused with
 * IllegalArgumentException or read whole; what is read writes back to a line that reads the same.
 */
class ResultLinesFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void anyTextAsAResultLine(String line) {
        ResultLines.Line l;
        try {
            l = ResultLines.read(line);
        } catch (IllegalArgumentException e) {
            return;
        }
        String again = ResultLines.write(l.index(), l.result());
        assertThat(ResultLines.read(again)).isEqualTo(l);
    }
}

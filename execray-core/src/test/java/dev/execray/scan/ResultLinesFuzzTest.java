package dev.execray.scan;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Any text as a fleet result line (what {@code execray scan --import} reads from a directory it is given): refused with
 * IllegalArgumentException or read whole; what is read writes back to a line that reads the same.
 */
class ResultLinesFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void anyBytesAsAResultLine(byte[] input) {
        // bytes, not a String parameter: the seeds (ResultLinesFuzzTestInputs) are real lines as the job writes them
        String line = new String(input, java.nio.charset.StandardCharsets.UTF_8);
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

package dev.execray.binary;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Identification must cope with any first bytes a file can have: it never throws and always says why it
 * decided what it decided. In a plain build this runs the seeds next to it; .ci/fuzz runs it for real.
 */
class MagicFuzzTest {
    @FuzzTest
    void detectAlwaysNamesAFormatAndAReason(byte[] head) {
        Magic.Detected detected = Magic.detect(head);

        assertThat(detected.format()).isNotNull();
        assertThat(detected.reason()).isNotBlank();
        if (head.length >= 4 && head[0] == 0x7f && head[1] == 'E' && head[2] == 'L' && head[3] == 'F') {
            assertThat(detected.format()).isEqualTo(FileFormat.ELF);
        }
    }
}

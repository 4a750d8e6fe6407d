package dev.execray.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.execray.exec.ld.DynamicLoaderStage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code ldd}'s lines that are not the loader's: a program that is not dynamic or not readable, and --stats. */
class LddTextTest {
    @Test
    void aProgramWithoutALoaderIsOneLineAndAnUnreadableOneGoesToStderr() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        try (PrintWriter o = new PrintWriter(out); PrintWriter e = new PrintWriter(err)) {
            LddText.result("/bin/static", new DynamicLoaderStage.NotDynamic("not a dynamic executable"), true, false, o, e);
            LddText.result("/nope", new DynamicLoaderStage.Unloadable("/nope: no such file or directory"), false, true, o, e);
        }
        assertThat(out.toString()).isEqualTo("/bin/static:\n\tnot a dynamic executable\n");
        assertThat(err.toString()).isEqualTo("execray: /nope: no such file or directory\n");
    }

    @Test
    void statsCountEachStatus() {
        StringWriter err = new StringWriter();
        try (PrintWriter e = new PrintWriter(err)) {
            LddText.stats(e, 4, Map.of(DynamicLoaderStage.Status.STARTS, 2, DynamicLoaderStage.Status.UNREADABLE, 2),
                    System.nanoTime(), 7);
        }
        assertThat(err.toString()).matches("execray ldd: 4 files \\(2 start, 0 fail, 2 unreadable\\) in \\d+[.,]\\d\\d s "
                + "\\(\\d+[.,]\\d\\d s CPU in this thread\\); 7 files parsed; peak heap \\d+ MB\\R");
    }
}

package dev.execray.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class GoVersionMFastPathTest {
    @Test
    void onlyPlainModinfoRunsTakeTheFastPath() {
        assertThat(GoVersionM.fastPath(new String[] {"go", "--json", "--modinfo", "x"})).isEqualTo(-1);
        assertThat(GoVersionM.fastPath(new String[] {"go", "--modinfo", "--go-reader", "bogus", "x"})).isEqualTo(-1);
        assertThat(GoVersionM.fastPath(new String[] {"go", "--funcs", "x"})).isEqualTo(-1);
        assertThat(GoVersionM.fastPath(new String[] {"go", "x", "y"})).isEqualTo(-1);
        assertThat(GoVersionM.fastPath(new String[] {"inspect", "--modinfo", "x"})).isEqualTo(-1);
        assertThat(GoVersionM.fastPath(new String[] {"go", "--modinfo", "-h"})).isEqualTo(-1);
    }

    @Test
    void fastPathPrintsWhatGoVersionPrintsForAMissingFile() {
        OutputStream oldOut = GoCommand.rawOut;
        OutputStream oldErr = GoCommand.rawErr;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        GoCommand.rawOut = out;
        GoCommand.rawErr = err;
        try {
            int code = GoVersionM.fastPath(new String[] {"go", "--modinfo", "--go-reader=1.19", "/nonexistent-x"});
            assertThat(code).isEqualTo(ExitCode.BAD_INPUT);
            assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo(
                    "stat /nonexistent-x: no such file or directory\n");
            assertThat(out.size()).isZero();
        } finally {
            GoCommand.rawOut = oldOut;
            GoCommand.rawErr = oldErr;
        }
    }

    @Test
    void fastPathEscapesFileNamesForTheTerminal() {
        OutputStream oldOut = GoCommand.rawOut;
        OutputStream oldErr = GoCommand.rawErr;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        GoCommand.rawOut = out;
        GoCommand.rawErr = err;
        try {
            int code = GoVersionM.fastPath(new String[] {"go", "--modinfo", "--go-reader=1.19",
                    "/nonexistent-\u001b]0;pwn\u0007\r"});
            assertThat(code).isEqualTo(ExitCode.BAD_INPUT);
            assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo(
                    "stat /nonexistent-\\x1b]0;pwn\\x07\\r: no such file or directory\n");
        } finally {
            GoCommand.rawOut = oldOut;
            GoCommand.rawErr = oldErr;
        }
    }

    @Test
    void dialectOfGoOnPathIsOneOfTheTwo() {
        assertThat(dev.execray.golang.GoVersionMScan.dialectOfGoOnPath()).isNotNull();
    }
}

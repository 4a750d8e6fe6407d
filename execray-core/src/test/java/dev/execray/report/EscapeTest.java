package dev.execray.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class EscapeTest {
    @Test
    void controlsAreEscapedAndPrintableTextIsKept() {
        assertThat(Escape.text("plain /usr/lib/libc.so.6 — ü 日本")).isEqualTo("plain /usr/lib/libc.so.6 — ü 日本");
        assertThat(Escape.text("a\u001b]0;t\u0007b\r\nc\td\u007f\u009b\u202e"))
                .isEqualTo("a\\x1b]0;t\\x07b\\r\\nc\\td\\u007f\\u009b\\u202e");
        assertThat(Escape.line("\tlib\u001b.so\t=>")).isEqualTo("\tlib\\x1b.so\t=>");
        assertThat(Escape.text("\ud83d\ude00 ok \ud800")).isEqualTo("\ud83d\ude00 ok \\ud800");
    }

    @Test
    void bytesThatAreNotUtf8AreShownAsHex() {
        byte[] b = {'l', 'i', 'b', (byte) 0xff, (byte) 0xc3, (byte) 0xa9, 0x1b, (byte) 0xe2, (byte) 0x82};
        assertThat(Escape.bytes(b)).isEqualTo("lib\\xffé\\x1b\\xe2\\x82");
    }

    @Test
    void theTerminalFilterKeepsColoursNewlinesAndTabsAndEscapesTheRest() {
        StringWriter sink = new StringWriter();
        PrintWriter w = Escape.terminalSafe(new PrintWriter(sink));
        Style s = new Style(true);
        w.print(s.good("ok") + "\tx\n");
        w.print("title\u001b]0;pwn\u0007 clear\u001b[2J cr\r bell\u0007 csi\u009b end\u001b");
        w.flush();
        assertThat(sink.toString()).isEqualTo("\u001b[32mok\u001b[0m\tx\n"
                + "title\\x1b]0;pwn\\x07 clear\\x1b[2J cr\\r bell\\x07 csi\\u009b end\\x1b");
    }
}

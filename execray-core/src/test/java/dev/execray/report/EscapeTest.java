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

    @Test
    void nameBytesThatWereNotUtf8AreShownAsHexAndRealPairsAreKept() {
        // binary.RawText keeps a byte that is not UTF-8 as U+DC80-U+DCFF
        assertThat(Escape.text("f\uDCFFo \uD83D\uDC80")).isEqualTo("f\\xffo \uD83D\uDC80");
        StringWriter sink = new StringWriter();
        PrintWriter w = Escape.terminalSafe(new PrintWriter(sink));
        w.print("a\uDC80b \uD83D\uDC80\n");
        w.flush();
        assertThat(sink.toString()).isEqualTo("a\\x80b \uD83D\uDC80\n");
    }

    @Test
    void bytesWrittenAsTextKeepTheirLinesAndTabsAndAreOtherwiseEscaped() {
        byte[] clean = "f: go1.19\n\tpath\tx\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(Escape.textBytes(clean)).isSameAs(clean);
        byte[] hostile = {'a', 0x1b, ']', '0', 0x07, '\t', (byte) 0xff, '\n', 'b', '\r', '\n'};
        assertThat(new String(Escape.textBytes(hostile), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("a\\x1b]0\\x07\t\\xff\nb\\r\n");
    }

    @Test
    void jsonWritesNameBytesAsSurrogateEscapesAndStaysUtf8() throws Exception {
        String name = "f\uDCFF\u001b \uD83D\uDC80";
        com.fasterxml.jackson.databind.node.ObjectNode o = Json.object().put("name", name);
        String text = Json.write(o);
        assertThat(text).contains("\"f\\udcff\\u001B \uD83D\uDC80\"");
        assertThat(Json.MAPPER.readTree(text).get("name").asText()).isEqualTo(name);
        // the byte generator (inspect --json on standard output)
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (com.fasterxml.jackson.core.JsonGenerator g = JsonEscapes.on(new com.fasterxml.jackson.core.JsonFactory())
                .createGenerator(bytes, com.fasterxml.jackson.core.JsonEncoding.UTF8)) {
            g.writeString(name);
        }
        java.nio.charset.StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes.toByteArray()));
        // this generator writes the real pair as the escapes \\uD83D\\uDC80 (same text), the raw byte as \\udcff
        assertThat(bytes.toString(java.nio.charset.StandardCharsets.UTF_8)).startsWith("\"f\\udcff\\u001B ");
        assertThat(Json.MAPPER.readTree(bytes.toByteArray()).asText()).isEqualTo(name);
    }
}

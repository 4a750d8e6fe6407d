package dev.execray.golang;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ModinfoTest {
    private static final String SAMPLE = "path\texample.com/cmd/tool\n"
            + "mod\texample.com\tv1.2.3\th1:abc=\n"
            + "dep\tgolang.org/x/sys\tv0.1.0\th1:def=\n"
            + "dep\texample.com/old\tv1.0.0\n"
            + "=>\t../local\t(devel)\t\n"
            + "build\t-compiler=gc\n"
            + "build\t-ldflags=\"-s -w -X main.v=1\"\n"
            + "build\tCGO_ENABLED=0\n"
            + "build\t\"odd key\"=`raw`\n";

    @Test
    void parsesEveryKindOfLine() throws Exception {
        ModuleInfo m = ModinfoParser.parse(SAMPLE);
        assertThat(m.path()).isEqualTo("example.com/cmd/tool");
        assertThat(m.main().version()).isEqualTo("v1.2.3");
        assertThat(m.deps()).hasSize(2);
        assertThat(m.deps().get(1).replace()).hasValueSatisfying(r -> assertThat(r.path()).isEqualTo("../local"));
        assertThat(m.setting("-ldflags")).contains("-s -w -X main.v=1");
        assertThat(m.setting("odd key")).contains("raw");
    }

    @Test
    void printsWhatBuildInfoStringPrints() throws Exception {
        String again = ModinfoParser.parse(SAMPLE).toGoString();
        // as BuildInfo.String: an empty line follows each replacement, and the raw-quoted value comes out bare
        assertThat(again).isEqualTo(SAMPLE.replace("`raw`", "raw").replace("(devel)\t\n", "(devel)\t\n\n"));
    }

    @Test
    void quotesLikeStrconvQuote() {
        assertThat(GoStrconv.quote("a b")).isEqualTo("\"a b\"");
        assertThat(GoStrconv.quote("tab\there\n")).isEqualTo("\"tab\\there\\n\"");
        assertThat(GoStrconv.quote("q\"`\\")).isEqualTo("\"q\\\"`\\\\\"");
        assertThat(GoStrconv.quote(GoStrconv.fromText("héllo"))).isEqualTo(GoStrconv.fromText("\"héllo\""));
        assertThat(GoStrconv.quote("\u00ff")).isEqualTo("\"\\xff\""); // a lone 0xff byte is invalid UTF-8
        assertThat(GoStrconv.quote(GoStrconv.fromText("\u200b"))).isEqualTo("\"\\u200b\"");
        assertThat(GoStrconv.quote("\u0001\u007f")).isEqualTo("\"\\x01\\x7f\"");
    }

    @Test
    void unquoteUndoesQuote() {
        for (String s : new String[] {"a b", "x\ty", "\"", "\\", GoStrconv.fromText("日本"), "\u00ff\u0001"}) {
            assertThat(GoStrconv.unquote(GoStrconv.quote(s))).contains(s);
        }
        assertThat(GoStrconv.unquote("\"\\'\"")).isEmpty(); // \' is only valid in rune literals
        assertThat(GoStrconv.unquote("\"\\400\"")).isEmpty();
    }

    @Test
    void errorsReadLikeGos() {
        assertThatThrownBy(() -> ModinfoParser.parse("mod\ta\n")).hasMessage(
                "could not parse Go build info: line 1: expected 2 or 3 columns; got 1");
        assertThatThrownBy(() -> ModinfoParser.parse("path\tp\n=>\ta\tb\tc\n")).hasMessage(
                "could not parse Go build info: line 2: replacement with no module on previous line");
        assertThatThrownBy(() -> ModinfoParser.parse("build\tk=v v\n")).hasMessage(
                "could not parse Go build info: line 1: unquoted value \"v v\" must be quoted");
        assertThatThrownBy(() -> ModinfoParser.parse("build\t\"k\"x\n")).hasMessage(
                "could not parse Go build info: line 1: unexpected character after quoted key: 'x'");
    }

    @Test
    void unknownLinesAndAnUnterminatedLastLineAreIgnored() throws Exception {
        ModuleInfo m = ModinfoParser.parse("go\t1.22\npath\tp\nbuild\tA=1");
        assertThat(m.path()).isEqualTo("p");
        assertThat(m.settings()).isEmpty();
    }
}

package dev.execray.exec.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.execray.place.KernelVersion;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ShebangParserTest {
    static final KernelVersion V6 = KernelVersion.of(6, 12);
    static final KernelVersion V54 = KernelVersion.of(5, 4);
    static final KernelVersion V419 = KernelVersion.of(4, 19);

    static byte[] buf(String s, int size) {
        return Arrays.copyOf(s.getBytes(StandardCharsets.ISO_8859_1), size);
    }

    static ShebangLine parse(String s, KernelVersion k) {
        return ShebangParser.parse(buf(s, k.atLeast(5, 1) ? 256 : 128), k);
    }

    static ShebangLine.Parsed parsed(String s, KernelVersion k) {
        ShebangLine l = parse(s, k);
        assertThat(l).as(s).isInstanceOf(ShebangLine.Parsed.class);
        return (ShebangLine.Parsed) l;
    }

    @Test
    void notAScriptUnlessTheFirstTwoBytesAreHashBang() {
        assertThat(parse(" #!/bin/sh\n", V6)).isInstanceOf(ShebangLine.NotAScript.class);
        assertThat(parse("", V6)).isInstanceOf(ShebangLine.NotAScript.class);
    }

    @Test
    void oneArgumentWithItsInnerBlanksKept() {
        ShebangLine.Parsed p = parsed("#!  /usr/bin/env  python3 -u  \n", V6);
        assertThat(p.nameText()).isEqualTo("/usr/bin/env");
        assertThat(p.argText()).contains("python3 -u");
    }

    @Test
    void carriageReturnIsPartOfTheName() {
        ShebangLine.Parsed p = parsed("#!/bin/sh\r\n", V6);
        assertThat(p.nameText()).isEqualTo("/bin/sh\r");
        assertThat(p.notes()).anyMatch(n -> n.contains("carriage return"));
    }

    @Test
    void trailingBlankWithoutNewlineGivesAnEmptyArgumentSince58ButNotBefore() {
        assertThat(parsed("#!/bin/sh ", V6).argText()).contains("");
        assertThat(parsed("#!/bin/sh ", V54).arg()).isEmpty();
        assertThat(parsed("#!/bin/sh ", V419).arg()).isEmpty();
    }

    @Test
    void anOverlongInterpreterPathIsRefusedSince50AndTruncatedBefore() {
        String line = "#!/" + "a".repeat(300) + "\n";
        assertThat(parse(line, V6)).isInstanceOf(ShebangLine.Refused.class);
        assertThat(parse(line, V54)).isInstanceOf(ShebangLine.Refused.class);
        ShebangLine.Parsed old = parsed(line, V419);
        assertThat(old.name()).hasSize(125);
    }

    @Test
    void anArgumentCutAtTheBufferEndIsAccepted() {
        String line = "#!/bin/sh " + "x".repeat(400) + "\n";
        ShebangLine.Parsed p = parsed(line, V6);
        assertThat(p.nameText()).isEqualTo("/bin/sh");
        assertThat(p.arg().get()).hasSize(256 - 11);
        assertThat(p.notes()).anyMatch(n -> n.contains("no newline"));
    }

    @Test
    void blankOrEmptyLinesAreRefused() {
        assertThat(parse("#!\n", V6)).isInstanceOf(ShebangLine.Refused.class);
        assertThat(parse("#!  \t \n", V6)).isInstanceOf(ShebangLine.Refused.class);
        assertThat(parse("#!" + " ".repeat(300), V6)).isInstanceOf(ShebangLine.Refused.class);
        assertThat(parse("#!\n", V419)).isInstanceOf(ShebangLine.Refused.class);
    }

    @Test
    void aNulEndsTheLineForTheKernel() {
        ShebangLine.Parsed p = parsed("#!/bin/sh\0 -x\n", V6);
        assertThat(p.nameText()).isEqualTo("/bin/sh");
        assertThat(p.arg()).isEmpty();
        assertThat(parsed("#!", V6).nameText()).isEmpty();
    }
}

package dev.execray.exec.ld;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DynamicStringTokensTest {
    static final DynamicStringTokens.Values LIB = new DynamicStringTokens.Values(Optional.of("/opt/app/lib"),
            "lib/x86_64-linux-gnu", Optional.of("x86_64"), false, false);
    static final List<String> TRUSTED = List.of("/lib/x86_64-linux-gnu/", "/usr/lib/x86_64-linux-gnu/", "/lib/",
            "/usr/lib/");

    static String glibc(String s, DynamicStringTokens.Values v) {
        DynamicStringTokens.Expansion e = DynamicStringTokens.glibc(s, v, TRUSTED);
        return e instanceof DynamicStringTokens.Expanded x ? x.value() : "dropped: " + ((DynamicStringTokens.Dropped) e).reason();
    }

    @Test
    void glibcExpandsItsThreeTokensWithAndWithoutBraces() {
        assertThat(glibc("$ORIGIN/../lib", LIB)).isEqualTo("/opt/app/lib/../lib");
        assertThat(glibc("${ORIGIN}/x/$LIB/$PLATFORM", LIB)).isEqualTo("/opt/app/lib/x/lib/x86_64-linux-gnu/x86_64");
        assertThat(glibc("$ORIGINAL/x", LIB)).isEqualTo("$ORIGINAL/x");
        assertThat(glibc("${ORIGIN/x", LIB)).isEqualTo("${ORIGIN/x");
        assertThat(glibc("$FOO/$ORIGIN", LIB)).isEqualTo("$FOO//opt/app/lib");
        assertThat(DynamicStringTokens.glibcCount("$ORIGIN:$LIB:${PLATFORM}:$ORIGINX")).isEqualTo(3);
    }

    @Test
    void aTokenWithoutValueDropsTheElement() {
        DynamicStringTokens.Values noPlatform = new DynamicStringTokens.Values(Optional.of("/o"), "lib",
                Optional.empty(), false, false);
        assertThat(glibc("/x/$PLATFORM", noPlatform)).startsWith("dropped");
    }

    @Test
    void secureModeKeepsOriginOnlyAtTheStartAndForTheProgramOnlyInsideTrustedDirectories() {
        DynamicStringTokens.Values secureLib = new DynamicStringTokens.Values(Optional.of("/usr/lib/x86_64-linux-gnu"),
                "lib", Optional.of("x86_64"), true, false);
        assertThat(glibc("$ORIGIN/plugins", secureLib)).isEqualTo("/usr/lib/x86_64-linux-gnu/plugins");
        assertThat(glibc("/x/$ORIGIN", secureLib)).startsWith("dropped");
        DynamicStringTokens.Values secureProgram = new DynamicStringTokens.Values(Optional.of("/home/u/bin"), "lib",
                Optional.of("x86_64"), true, true);
        assertThat(glibc("$ORIGIN/../lib", secureProgram)).startsWith("dropped");
        DynamicStringTokens.Values trustedProgram = new DynamicStringTokens.Values(Optional.of("/usr/lib/foo"),
                "lib", Optional.of("x86_64"), true, true);
        assertThat(glibc("$ORIGIN/../x", trustedProgram)).isEqualTo("/usr/lib/foo/../x");
    }

    @Test
    void muslKnowsOnlyOriginAndIgnoresRpathsWithOtherTokens() {
        assertThat(DynamicStringTokens.musl("$ORIGIN/lib:${ORIGIN}/x", Optional.of("/a"), false, false))
                .isEqualTo(new DynamicStringTokens.Expanded("/a/lib:/a/x", true));
        assertThat(DynamicStringTokens.musl("$ORIGIN/$LIB", Optional.of("/a"), false, false))
                .isInstanceOf(DynamicStringTokens.Dropped.class);
        assertThat(DynamicStringTokens.musl("$ORIGINX", Optional.of("/a"), false, false))
                .isEqualTo(new DynamicStringTokens.Expanded("/aX", true));
        assertThat(DynamicStringTokens.musl("$ORIGIN/lib", Optional.of("/a"), true, true))
                .isInstanceOf(DynamicStringTokens.Dropped.class);
    }
}

package dev.execray.golang;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GoVersionTest {
    @Test
    void parsesTheFormsGoWrites() {
        assertThat(GoVersion.parse("go1.22.3")).contains(GoVersion.of(1, 22, 3));
        assertThat(GoVersion.parse("go1.24")).contains(GoVersion.of(1, 24));
        assertThat(GoVersion.parse("1.21")).contains(GoVersion.of(1, 21));
        assertThat(GoVersion.parse("go1.21rc2").orElseThrow().prerelease()).isEqualTo("rc2");
        assertThat(GoVersion.parse("go1.22.3 X:boringcrypto")).contains(GoVersion.of(1, 22, 3));
        assertThat(GoVersion.parse("devel go1.23-abc123 Tue")).contains(GoVersion.of(1, 23));
        assertThat(GoVersion.parse("gopher")).isEmpty();
    }

    @Test
    void ordersPrereleasesBeforeTheRelease() {
        GoVersion rc = GoVersion.parse("go1.21rc2").orElseThrow();
        assertThat(rc).isLessThan(GoVersion.of(1, 21));
        assertThat(GoVersion.parse("go1.21rc1").orElseThrow()).isLessThan(rc);
        assertThat(GoVersion.of(1, 9)).isLessThan(GoVersion.of(1, 10));
    }

    @Test
    void releaseTableAnswersMinimumLinux() {
        assertThat(GoRelease.of(GoVersion.of(1, 24, 2)).orElseThrow().linuxRequirement())
                .isEqualTo("built with Go 1.24, which needs Linux \u2265 3.2");
        assertThat(GoRelease.of(GoVersion.of(1, 18)).orElseThrow().minimumOs().linuxKernel()).isEqualTo("2.6.23");
        assertThat(GoRelease.of(GoVersion.of(1, 21)).orElseThrow().minimumOs().windows()).startsWith("10");
        assertThat(GoRelease.of(GoVersion.of(1, 12))).isEmpty();
    }
}

package dev.execray.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.execray.golang.GoVersion;
import dev.execray.golang.GodebugCheck;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GodebugGateTest {
    @Test
    void traceSettingsPassForTheProgramsRelease() {
        GodebugGate.Verdict v = GodebugGate.check("gctrace=1,schedtrace=100,scheddetail=1", Optional.of(GoVersion.of(1, 19)));
        assertThat(v.ok()).isTrue();
        assertThat(v.fromProgram()).isTrue();
    }

    @Test
    void aTypoOrASettingTheProgramsReleaseDoesNotReadStopsTheRun() {
        GodebugGate.Verdict typo = GodebugGate.check("gctrace=1,gctrac=1", Optional.of(GoVersion.of(1, 19)));
        assertThat(typo.errors()).extracting(GodebugCheck.Entry::status).containsExactly(GodebugCheck.Status.UNKNOWN_KEY);
        GodebugGate.Verdict later = GodebugGate.check("gctrace=1,asynctimerchan=1", Optional.of(GoVersion.of(1, 19)));
        assertThat(later.errors()).extracting(GodebugCheck.Entry::status).containsExactly(GodebugCheck.Status.NOT_YET);
    }

    @Test
    void settingAKeyTwiceOnlyWarns() {
        GodebugGate.Verdict v = GodebugGate.check("gctrace=1,gctrace=2", Optional.empty());
        assertThat(v.ok()).isTrue();
        assertThat(v.warnings()).hasSize(1);
        assertThat(v.fromProgram()).isFalse();
    }

    @Test
    void theProgramsReleaseIsReadFromItsBuildInfo() throws Exception {
        Path bin = GoFixture.binary();
        assertThat(GoProgram.goVersion(bin)).hasValueSatisfying(v -> assertThat(v.minor()).isEqualTo(19));
        assertThat(GoProgram.goVersion(Path.of("/bin/sh"))).isEmpty();
        assertThat(GoProgram.resolve("sh")).isPresent();
    }
}

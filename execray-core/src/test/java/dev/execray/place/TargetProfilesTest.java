package dev.execray.place;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.execray.rootfs.RootFs;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TargetProfilesTest {
    @Test
    void everyProfileHasASourceAndBecomesATarget() {
        assertThat(TargetProfiles.all()).hasSizeGreaterThanOrEqualTo(15);
        for (TargetProfile p : TargetProfiles.all()) {
            assertThat(p.sources()).as(p.name()).isNotEmpty().allMatch(s -> s.contains("https://"));
            Target t = p.target(Optional.empty());
            assertThat(t.os()).isEqualTo(p.os());
            assertThat(t.arch()).isEqualTo(p.arch());
            assertThat(TargetProfiles.byName(p.name())).contains(p);
        }
    }

    @Test
    void wsl2RegistersWindowsProgramsWithInit() {
        Target t = TargetProfiles.byName("wsl2").orElseThrow().target(Optional.empty());
        assertThat(t.binfmt().entries()).singleElement().satisfies(e -> {
            assertThat(e.name()).isEqualTo("WSLInterop");
            assertThat(e.interpreter()).isEqualTo("/init");
        });
    }

    @Test
    void unknownNamesSayWhatExists() throws Exception {
        assertThatThrownBy(() -> TargetProfiles.resolve("debian-13", Optional.empty()))
                .hasMessageContaining("unknown target 'debian-13'").hasMessageContaining("debian-12");
        assertThat(TargetProfiles.resolve("linux/arm64", Optional.empty()).arch()).isEqualTo(Arch.ARM64);
    }

    @Test
    void theHostRootIsDetectedFromItsOwnFiles() throws Exception {
        RootFacts f = RootFacts.detect(RootFs.host());
        assertThat(f.osRelease()).containsKey("ID");
        assertThat(f.arch()).isEqualTo(HostFacts.arch());
        assertThat(f.libc()).contains(Libc.GLIBC);
        // the version ldd --version prints is the newest GLIBC_ version libc.so.6 defines
        Process p = new ProcessBuilder("ldd", "--version").start();
        String first = new String(p.getInputStream().readAllBytes()).lines().findFirst().orElse("");
        assertThat(first).endsWith(" " + f.libcVersion().orElseThrow());
    }

    @Test
    void versionsCompareNumerically() {
        assertThat(RootFacts.compareVersions("2.34", "2.4")).isPositive();
        assertThat(RootFacts.compareVersions("2.3.4", "2.3")).isPositive();
        assertThat(RootFacts.compareVersions("14.0", "14")).isZero();
    }
}

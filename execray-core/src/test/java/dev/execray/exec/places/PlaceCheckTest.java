package dev.execray.exec.places;

import static org.assertj.core.api.Assertions.assertThat;

import dev.execray.exec.places.PlaceVerdict.Status;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Verdicts per place for the project's fixtures: each OS by its own rules, Go binaries with their Go facts. */
class PlaceCheckTest {
    private static PlaceVerdict check(String fixture, String place) throws Exception {
        try (Places places = new Places()) {
            return PlaceCheck.check(Path.of("fixtures/out", fixture), places.resolve(place));
        }
    }

    @Test
    void macOsRunsItsOwnCpuNativelyX8664UnderRosettaAndNothingElse() throws Exception {
        assertThat(check("go/hello-darwin-arm64", "macos-14-arm64").status()).isEqualTo(Status.RUNS);
        PlaceVerdict rosetta = check("go/hello-darwin-amd64", "macos-14-arm64");
        assertThat(rosetta.status()).isEqualTo(Status.DEPENDS);
        assertThat(rosetta.reason()).contains("Rosetta 2");
        PlaceVerdict arm = check("go/hello-darwin-arm64", "macos-14-x86_64");
        assertThat(arm.status()).isEqualTo(Status.FAILS);
        assertThat(arm.says()).hasValue("zsh: bad CPU type in executable");
        assertThat(check("go/hello-linux-arm64", "macos-14-arm64").errno()).hasValue("ENOEXEC");
    }

    @Test
    void windowsRunsX86ByWow64AndX64ByEmulationOnArm() throws Exception {
        assertThat(check("go/hello-windows-amd64", "windows-11-amd64").status()).isEqualTo(Status.RUNS);
        PlaceVerdict wow = check("go/hello-windows-386", "windows-11-amd64");
        assertThat(wow.status()).isEqualTo(Status.RUNS);
        assertThat(wow.reason()).contains("WOW64");
        assertThat(check("go/hello-windows-amd64", "windows-11-arm64").reason()).contains("emulation");
        PlaceVerdict elf = check("go/hello-linux-amd64", "windows-11-amd64");
        assertThat(elf.status()).isEqualTo(Status.FAILS);
        assertThat(elf.says()).hasValue("hello-linux-amd64 is not a valid Win32 application.");
    }

    @Test
    void freeBsdRunsBrandedProgramsAndRefusesLinuxOnes() throws Exception {
        assertThat(check("go/hello-freebsd-amd64", "freebsd-14").status()).isEqualTo(Status.RUNS);
        PlaceVerdict linux = check("c/hello-x86_64-pie", "freebsd-14");
        assertThat(linux.status()).isEqualTo(Status.FAILS);
        assertThat(linux.reason()).contains("Linux compatibility");
    }

    @Test
    void linuxProfilesDecideTheCLibraryFromTheirFacts() throws Exception {
        assertThat(check("c/hello-musl", "alpine-3.20").status()).isEqualTo(Status.RUNS);
        assertThat(check("c/hello-musl", "debian-12").reason()).contains("musl's loader");
        assertThat(check("c/hello-x86_64-static", "distroless-static").status()).isEqualTo(Status.RUNS);
        PlaceVerdict noLibc = check("c/hello-x86_64-pie", "busybox");
        assertThat(noLibc.status()).isEqualTo(Status.FAILS);
        assertThat(noLibc.errno()).hasValue("ENOENT");
        assertThat(noLibc.says().orElseThrow()).contains("./hello-x86_64-pie").doesNotContain(".execray");
        // Windows programs start on WSL 2 through its WSLInterop binfmt_misc entry
        assertThat(check("go/hello-windows-amd64", "wsl2").reason()).contains("WSLInterop");
        assertThat(check("go/hello-windows-amd64", "debian-12").errno()).hasValue("ENOEXEC");
    }

    @Test
    void sixtyFourKibPagesAndForeignMachinesAreTheKernelsDecision() throws Exception {
        assertThat(check("go/hello-linux-arm64", "rhel-9-arm64-64k").status()).isEqualTo(Status.RUNS);
        assertThat(check("c/hello-aarch64", "debian-12").errno()).hasValue("ENOEXEC");
    }

    @Test
    void goBinariesBuiltForANewerCpuLevelDependOnTheMachine() throws Exception {
        PlaceVerdict v3 = check("go/hello-linux-amd64-v3", "rhel-9");
        assertThat(v3.status()).isEqualTo(Status.DEPENDS);
        assertThat(v3.reason()).contains("GOAMD64=v3").contains("x86-64-v2")
                .contains("This program can only be run on AMD64 processors with v3 microarchitecture support.");
        assertThat(check("go/hello-linux-amd64", "rhel-9").steps()).anyMatch(s -> s.subject().equals("Go")
                && s.why().contains("needs Linux"));
    }
}

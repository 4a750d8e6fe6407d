package dev.execray.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A mistyped command or option is a usage error that names the close existing ones, and only those. */
class MistypedCommandLineTest {
    @Test
    void aTransposedCommandSuggestsTheCommand() {
        CliRun r = CliRun.of("inspcet", "/bin/true");
        assertThat(r.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("Did you mean: inspect?");
    }

    @Test
    void aMistypedOptionSuggestsTheOptionOfThatCommand() {
        CliRun r = CliRun.of("explain", "--tagret", "debian-12", "/bin/true");
        assertThat(r.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("Did you mean: --target?").contains("execray explain --help");
    }

    @Test
    void nothingCloseSuggestsNothing() {
        CliRun r = CliRun.of("zzzzqq");
        assertThat(r.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).doesNotContain("Did you mean");
    }

    @Test
    void editDistanceCountsATranspositionAsOneEdit() {
        assertThat(CommandLineErrors.editDistance("inspcet", "inspect")).isEqualTo(1);
        assertThat(CommandLineErrors.editDistance("ld", "ldd")).isEqualTo(1);
        assertThat(CommandLineErrors.editDistance("inspcet", "fleet")).isGreaterThan(2);
    }
}

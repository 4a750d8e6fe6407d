package dev.execray.truth;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** The prerequisite rule itself: fail under -Poracle, skip visibly elsewhere, never pass silently. */
class OracleTest {
    @AfterEach
    void clear() {
        System.clearProperty("execray.oracle.strict");
    }

    @Test
    void aMissingPrerequisiteFailsUnderTheOracleProfileNamingWhatToInstall() {
        System.setProperty("execray.oracle.strict", "true");
        assertThatThrownBy(() -> Oracle.require(false, "readelf (apt-get install binutils)"))
                .isInstanceOf(AssertionFailedError.class).hasMessageContaining("apt-get install binutils");
    }

    @Test
    void aMissingPrerequisiteSkipsVisiblyOutsideIt() {
        System.setProperty("execray.oracle.strict", "false");
        assertThatThrownBy(() -> Oracle.require(false, "readelf (apt-get install binutils)"))
                .isInstanceOf(TestAbortedException.class).hasMessageContaining("skipped outside -Poracle");
    }

    @Test
    void underSurefireTheRuleIsStrict() {
        // this class runs under Surefire in every build: the detection must see it
        if (System.getProperty("surefire.test.class.path") != null) {
            org.assertj.core.api.Assertions.assertThat(Oracle.strict()).isTrue();
        }
        assertThatCode(() -> Oracle.require(true, "nothing")).doesNotThrowAnyException();
    }

    @Test
    void tooFewCasesFail() {
        assertThatThrownBy(() -> Oracle.atLeast(3, 1000, "pairs")).isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("only 3 pairs");
        assertThatCode(() -> Oracle.atLeast(1000, 1000, "pairs")).doesNotThrowAnyException();
    }
}

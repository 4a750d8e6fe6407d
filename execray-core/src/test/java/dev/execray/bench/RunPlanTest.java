package dev.execray.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The plan bench's options make, and the options it refuses. */
class RunPlanTest {
    @Test
    void exactRunsOrABudgetBetweenMinAndMax() {
        RunPlan exact = RunPlan.of(Optional.of(5), 10, 100, 3, 2, Optional.of(1.5), Optional.of("sync"));
        assertThat(exact).isEqualTo(new RunPlan(2, 5, 5, 0, 1_500_000_000L, Optional.of("sync"), Optional.empty()));
        RunPlan budget = RunPlan.of(Optional.empty(), 10, 100, 3, 2, Optional.empty(), Optional.empty());
        assertThat(budget).isEqualTo(new RunPlan(2, 10, 100, 3_000_000_000L, 0, Optional.empty(), Optional.empty()));
    }

    @Test
    void countsAndTimesOutOfRangeAreRefusedInTheOptionsWords() {
        String says = "runs must be at least 1, --max-runs at least --min-runs, times positive";
        assertThatThrownBy(() -> RunPlan.of(Optional.of(0), 10, 100, 3, 3, Optional.empty(), Optional.empty()))
                .hasMessage(says);
        assertThatThrownBy(() -> RunPlan.of(Optional.empty(), 10, 9, 3, 3, Optional.empty(), Optional.empty()))
                .hasMessage(says);
        assertThatThrownBy(() -> RunPlan.of(Optional.empty(), 10, 100, -1, 3, Optional.empty(), Optional.empty()))
                .hasMessage(says);
        assertThatThrownBy(() -> RunPlan.of(Optional.empty(), 10, 100, 3, -1, Optional.empty(), Optional.empty()))
                .hasMessage(says);
        assertThatThrownBy(() -> RunPlan.of(Optional.empty(), 10, 100, 3, 3, Optional.of(0.0), Optional.empty()))
                .hasMessage(says);
    }
}

package dev.execray.exec.verdict;

import java.util.ArrayList;
import java.util.List;

/** The steps of one simulated exec, in the order they happened. */
public record ExecTrace(List<ExecStep> steps) {

    public ExecTrace {
        steps = List.copyOf(steps);
    }

    /** A mutable collector used while simulating. */
    public static final class Builder {
        private final List<ExecStep> steps = new ArrayList<>();

        public Builder add(ExecStep s) {
            steps.add(s);
            return this;
        }

        public ExecTrace build() {
            return new ExecTrace(steps);
        }
    }
}

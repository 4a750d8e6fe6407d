package dev.execray.exec.ld;

import java.util.List;

/** What starting the program would do at the dynamic-loader stage. */
public sealed interface LoadOutcome permits LoadOutcome.Starts, LoadOutcome.FailsAtStart, LoadOutcome.FailsAtFirstCall {

    /** Everything was found and bound; the program's own code runs. */
    record Starts() implements LoadOutcome {
    }

    /** The loader stops before the program runs, printing {@code lines} and exiting with {@code exitStatus}. */
    record FailsAtStart(int exitStatus, List<String> lines) implements LoadOutcome {
        public FailsAtStart {
            lines = List.copyOf(lines);
        }
    }

    /**
     * The program starts, and dies (exit status 127) the first time it calls a function that has no
     * definition, printing {@code lines.get(0)}.
     */
    record FailsAtFirstCall(List<String> lines) implements LoadOutcome {
        public FailsAtFirstCall {
            lines = List.copyOf(lines);
        }
    }
}

package dev.execray.bench;

import dev.execray.exec.ExecResult;
import java.util.List;

/** What became of one command: timed, refused before running, or stopped while running. */
public sealed interface Outcome {

    String label();

    /** The command ran every time; its figures. */
    record Timed(Launch launch, Measurement measurement, Summary summary, List<Warning> warnings) implements Outcome {
        public Timed {
            warnings = List.copyOf(warnings);
        }

        public String label() {
            return launch.label();
        }
    }

    /** The simulator says the program cannot start: its verdict is the answer, nothing was run. */
    record NotStarted(String label, ExecResult explained) implements Outcome {
        public NotStarted {
            if (!(explained.verdict() instanceof dev.execray.exec.verdict.Verdict.Fails)) {
                throw new IllegalArgumentException("only a failing verdict stops a program from being timed");
            }
        }

        public dev.execray.exec.verdict.Verdict.Fails fails() {
            return (dev.execray.exec.verdict.Verdict.Fails) explained.verdict();
        }
    }

    /** Started but not measured to the end: a timeout, a spawn error, a failing --prepare. */
    record Stopped(Launch launch, Measurement measurement, String why) implements Outcome {
        public String label() {
            return launch.label();
        }
    }

    /** A launch path that cannot be taken here. */
    record Skipped(String label, String why) implements Outcome {
    }
}

package dev.execray.exec.verdict;

import dev.execray.rootfs.Errno;
import java.util.Optional;

/**
 * One step of a simulated exec: which stage, what was looked at, what was found there, what was
 * decided, and why. {@code errno} is present on the step that ended the exec with an error.
 */
public record ExecStep(Stage stage, String subject, String finding, StepOutcome outcome, Optional<Errno> errno,
        String why) {

    public static ExecStep ok(Stage stage, String subject, String finding, String why) {
        return new ExecStep(stage, subject, finding, StepOutcome.OK, Optional.empty(), why);
    }

    public static ExecStep skipped(Stage stage, String subject, String finding, String why) {
        return new ExecStep(stage, subject, finding, StepOutcome.SKIPPED, Optional.empty(), why);
    }

    public static ExecStep note(Stage stage, String subject, String finding, String why) {
        return new ExecStep(stage, subject, finding, StepOutcome.NOTE, Optional.empty(), why);
    }

    public static ExecStep failed(Stage stage, String subject, String finding, Errno errno, String why) {
        return new ExecStep(stage, subject, finding, StepOutcome.FAILED, Optional.of(errno), why);
    }

    /** A failure that is not an errno: the process is killed by a signal after exec passed the point of no return. */
    public static ExecStep killed(Stage stage, String subject, String finding, String why) {
        return new ExecStep(stage, subject, finding, StepOutcome.FAILED, Optional.empty(), why);
    }
}

package dev.execray.exec.places;

import dev.execray.exec.verdict.ExecStep;

import java.util.List;
import java.util.Optional;

/**
 * Whether one file would start in one place: a cell of the portability matrix. {@code DEPENDS} means it
 * starts only if something execray cannot see holds (the CPU of the machine, Rosetta being installed, an
 * interpreter in a place known only by its facts); {@code reason} says what.
 *
 * @param steps  the exec trace, step by step, as in {@code explain}
 * @param errno  the error the start fails with, when it is an errno (ENOENT, ENOEXEC, ...)
 * @param says   what the user would see first (the shell's or the loader's or the OS's message), if anything
 */
public record PlaceVerdict(Status status, String reason, List<ExecStep> steps, Optional<String> errno,
        Optional<String> says, List<String> notes) {

    public enum Status {
        RUNS("runs"), DEPENDS("depends"), FAILS("fails");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public PlaceVerdict {
        steps = List.copyOf(steps);
        notes = List.copyOf(notes);
    }

    public PlaceVerdict withStatus(Status s, String r, List<ExecStep> moreSteps, Optional<String> e, Optional<String> s2) {
        List<ExecStep> all = new java.util.ArrayList<>(steps);
        all.addAll(moreSteps);
        return new PlaceVerdict(s, r, all, e, s2, notes);
    }
}

package dev.execray.exec;

import dev.execray.exec.verdict.ExecTrace;
import dev.execray.exec.verdict.Verdict;

import dev.execray.place.Target;

/** A simulated exec: what was asked, for which target, every step taken, and the verdict. */
public record ExecResult(ExecRequest request, Target target, ExecTrace trace, Verdict verdict) {

    public boolean runs() {
        return verdict instanceof Verdict.Runs;
    }

    /** "runs", "fails" or "depends", as JSON and scripts see it. */
    public String verdictLabel() {
        return verdict instanceof Verdict.Runs ? "runs" : verdict instanceof Verdict.Depends ? "depends" : "fails";
    }
}

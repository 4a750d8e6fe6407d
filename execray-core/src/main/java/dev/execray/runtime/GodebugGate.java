package dev.execray.runtime;

import dev.execray.golang.GoRelease;
import dev.execray.golang.GoVersion;
import dev.execray.golang.GodebugCheck;
import java.util.List;

/**
 * Decides whether capture may run a program with a GODEBUG string: the catalogue's check
 * (dev.execray.golang.GodebugCheck) for the program's own Go release, or the newest known release
 * when the program's cannot be read. Any entry the program would ignore or reject stops the run;
 * an entry set twice only warns (the later one wins, as the runtime does).
 */
public final class GodebugGate {
    /** The verdict: entries that stop the run, entries that only warn, and the release checked against. */
    public record Verdict(GoVersion checkedAgainst, boolean fromProgram, List<GodebugCheck.Entry> errors,
            List<GodebugCheck.Entry> warnings) {
        public boolean ok() {
            return errors.isEmpty();
        }
    }

    private GodebugGate() {
    }

    public static Verdict check(String godebug, java.util.Optional<GoVersion> programVersion) {
        GoVersion v = programVersion.orElse(GoRelease.newest().version());
        GodebugCheck.Report r = GodebugCheck.check(godebug, v);
        List<GodebugCheck.Entry> errors = r.entries().stream()
                .filter(e -> !e.ok() && e.status() != GodebugCheck.Status.OVERRIDDEN).toList();
        List<GodebugCheck.Entry> warnings = r.entries().stream()
                .filter(e -> e.status() == GodebugCheck.Status.OVERRIDDEN).toList();
        return new Verdict(v, programVersion.isPresent(), errors, warnings);
    }
}

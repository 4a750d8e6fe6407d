package dev.execray.bench;

import java.util.List;
import java.util.Optional;

/**
 * Everything one {@code execray bench} found, for the renderers.
 *
 * @param method           how samples were timed
 * @param fallbackReason   why the ProcessBuilder timer was used, when it was
 * @param floor            /bin/true through the timer used: the harness's own floor
 * @param processBuilderFloor /bin/true timed with ProcessBuilder, for comparison, when xrtime was used
 * @param outcomes         per command or launch path, in the order given; the first timed one is the reference
 * @param breakdown        per timed command, where its start-up time went, when --breakdown was asked
 * @param machine          CPU pinning and frequency governor, when set
 */
public record BenchReport(String method, Optional<String> fallbackReason, Optional<Summary> floor,
        Optional<Summary> processBuilderFloor, List<Outcome> outcomes, List<Parts> breakdown, List<String> machine) {

    public BenchReport {
        outcomes = List.copyOf(outcomes);
        breakdown = List.copyOf(breakdown);
        machine = List.copyOf(machine);
    }

    /**
     * Where one command's start-up went.
     *
     * @param libraries the objects the dynamic loader maps, from execray's own ldd (read, not run)
     */
    public record Parts(String label, Optional<Breakdown.KernelExec> kernel, Optional<Breakdown.LoaderStats> loader,
            Optional<Breakdown.LibcStartup> libc, Optional<Breakdown.GoInitStats> goInit,
            Optional<List<String>> libraries, List<String> notes) {
        public Parts {
            notes = List.copyOf(notes);
        }
    }

    public List<Outcome.Timed> timed() {
        return outcomes.stream().filter(o -> o instanceof Outcome.Timed).map(o -> (Outcome.Timed) o).toList();
    }

    /** Every timed command against the first one. */
    public List<Ratio> ratios() {
        List<Outcome.Timed> t = timed();
        if (t.size() < 2) {
            return List.of();
        }
        double[] ref = t.get(0).measurement().seconds();
        return t.subList(1, t.size()).stream().map(o -> Ratio.of(ref, o.measurement().seconds())).toList();
    }

    public boolean anyFailure() {
        return outcomes.stream().anyMatch(o -> o instanceof Outcome.NotStarted || o instanceof Outcome.Stopped);
    }
}

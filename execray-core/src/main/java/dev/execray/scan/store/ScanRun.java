package dev.execray.scan.store;

import dev.execray.place.TargetException;
import dev.execray.scan.FleetImport;
import dev.execray.scan.InputResult;
import dev.execray.scan.Policy;
import dev.execray.scan.PriorResults;
import dev.execray.scan.ScanDiff;
import dev.execray.scan.ScanInput;
import dev.execray.scan.ScanOptions;
import dev.execray.scan.ScanService;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One {@code execray scan} run, what the command asks for in one call: the inputs scanned one after the other, each
 * written to the store as soon as it is done (a crash leaves the earlier inputs complete), compared with a baseline
 * scan of the store, and checked against a policy. Rendering is the caller's (report.ScanText, scan.ScanJson).
 */
public final class ScanRun {
    private ScanRun() {
    }

    /**
     * @param store    the SQLite store, or none (--no-db)
     * @param reuse    whether the store's earlier results may be reused (--no-reuse turns it off)
     * @param baseline a scan of the store to compare with (an id, latest, previous)
     * @param version  execray's version, recorded with the scan and deciding which stored analyses are reusable
     */
    public record Request(List<ScanInput> inputs, ScanOptions options, Optional<Path> store, boolean reuse,
            Optional<String> baseline, Policy policy, String version) {
        public Request {
            inputs = List.copyOf(inputs);
        }
    }

    /**
     * @param scanId     the stored scan's id, 0 when not stored
     * @param unreadable inputs of which nothing could be read (no file, only errors): the run's exit status says so
     */
    public record Outcome(long scanId, List<InputResult> results, List<ScanDiff.Change> changes,
            List<Policy.Finding> findings, List<InputResult> unreadable) {
        public Outcome {
            results = List.copyOf(results);
            changes = List.copyOf(changes);
            findings = List.copyOf(findings);
            unreadable = List.copyOf(unreadable);
        }
    }

    public static Outcome run(Request request) throws TargetException, StoreException, IOException {
        if (request.store().isEmpty()) {
            return run(request, Optional.empty());
        }
        try (ScanStore store = ScanStore.open(request.store().get())) {
            return run(request, Optional.of(store));
        }
    }

    private static Outcome run(Request request, Optional<ScanStore> store)
            throws TargetException, StoreException, IOException {
        try (ScanService service = new ScanService(request.options())) {
            long scanId = 0;
            List<InputResult> previous = List.of();
            if (store.isPresent()) {
                if (request.baseline().isPresent()) {
                    previous = store.get().load(store.get().resolve(request.baseline().get()));
                }
                Map<String, Object> recorded = new LinkedHashMap<>();
                recorded.put("inputs", request.inputs().stream().map(ScanInput::name).toList());
                recorded.put("targets", request.options().targets());
                scanId = store.get().beginScan(recorded, request.version());
            }
            PriorResults prior = store.isEmpty() ? PriorResults.NONE
                    : request.reuse() ? store.get().prior(request.version()) : PriorResults.NOTHING_REUSED;
            List<InputResult> results = new ArrayList<>();
            List<InputResult> unreadable = new ArrayList<>();
            for (ScanInput in : request.inputs()) {
                // no progress display: the number of files is known only inside the walk (docs/scan.md)
                InputResult r = service.scan(in, ScanService.Progress.NONE, prior);
                results.add(r);
                if (r.files().isEmpty() && !r.errors().isEmpty()) {
                    unreadable.add(r);
                }
                if (store.isPresent()) {
                    store.get().write(scanId, r);
                }
            }
            List<ScanDiff.Change> changes = request.baseline().isEmpty() ? List.of() : ScanDiff.diff(previous, results);
            return new Outcome(scanId, results, changes, request.policy().check(results, changes), unreadable);
        }
    }

    /** One fleet scan loaded into the store by {@link #importFleet}. */
    public record Imported(String fleetScanId, long scanId, int inputs) {
    }

    /**
     * {@code scan --import}: each scan id under a fleet's output directory becomes one scan of the store, written input
     * by input in the fleet's order, one input in memory at a time.
     */
    public static List<Imported> importFleet(Path fleetDir, Path db, String version) throws StoreException, IOException {
        List<Imported> out = new ArrayList<>();
        try (ScanStore store = ScanStore.open(db)) {
            for (FleetImport.FleetScan fs : FleetImport.find(fleetDir)) {
                List<String> names = new ArrayList<>();
                List<String> places = new ArrayList<>();
                Map<String, Object> recorded = new LinkedHashMap<>();
                recorded.put("inputs", names);
                recorded.put("targets", places);
                recorded.put("fleet", Map.of("dir", fleetDir.toAbsolutePath().toString(), "scan_id", fs.id()));
                long scanId = store.beginScan(recorded, version);
                int n = FleetImport.read(fs, r -> {
                    try {
                        store.write(scanId, r);
                    } catch (StoreException e) {
                        throw new IOException(e.getMessage(), e);
                    }
                    names.add(r.name());
                    if (places.isEmpty() && r.places().size() > 1) {
                        places.addAll(r.places().subList(1, r.places().size()));
                    }
                });
                store.setOptions(scanId, recorded); // the names and places are known once every input is read
                out.add(new Imported(fs.id(), scanId, n));
            }
        }
        return out;
    }
}

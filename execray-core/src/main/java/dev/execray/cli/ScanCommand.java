package dev.execray.cli;

import dev.execray.report.ScanText;
import dev.execray.place.TargetException;
import dev.execray.report.Json;
import dev.execray.report.Style;
import dev.execray.rootfs.image.Platform;
import dev.execray.scan.FleetImport;
import dev.execray.scan.InputResult;
import dev.execray.scan.Policy;
import dev.execray.scan.PriorResults;
import dev.execray.scan.ScanDiff;
import dev.execray.scan.ScanInput;
import dev.execray.scan.ScanJson;
import dev.execray.scan.ScanOptions;
import dev.execray.scan.ScanService;
import dev.execray.scan.store.ScanStore;
import dev.execray.scan.store.StoreException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "scan", mixinStandardHelpOptions = true,
        description = {"Scan trees, images and release directories in one pass: every executable, shared object and "
                + "script, with its verdicts, hardening (checksec's columns), needed libraries, glibc requirement and Go "
                + "modules; stored in a SQLite database, compared with a baseline, ready for CI.",
                "An INPUT is a directory (an unpacked root, or a release directory judged in this machine's /), a "
                + "docker-save archive or OCI layout, or files. Nothing is executed. Exit status 1 when --fail-on "
                + "finds something; 3 when an input cannot be read (the other inputs are still scanned)."})
final class ScanCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "INPUT", arity = "0..*", description = "Directories, images or files.")
    List<Path> inputs = new ArrayList<>();

    @Option(names = "--files-from", paramLabel = "LIST", description = "Also scan the files named in LIST, one a line.")
    Path filesFrom;

    @Option(names = "--db", paramLabel = "FILE", defaultValue = "execray.db",
            description = "The SQLite store (default: ${DEFAULT-VALUE}).")
    Path db;

    @Option(names = "--import", paramLabel = "DIR", description = "Load a fleet scan (the output directory of "
            + "execray fleet or of its Spark job) into --db: one stored scan per scan id found, inputs in their order. "
            + "No INPUT is scanned.")
    Path importDir;

    @Option(names = "--no-db", description = "Do not store the scan.")
    boolean noDb;

    @Option(names = "--no-reuse", description = "Analyse every file again instead of reusing the store's earlier "
            + "results for unchanged files (same SHA-256, or same device, inode, size, mtime and ctime) and unchanged "
            + "images (same bytes); see docs/scan.md.")
    boolean noReuse;

    @Option(names = "--targets", paramLabel = "T,T,...", split = ",",
            description = "Places to judge each program in besides its own root (as matrix names them).")
    List<String> targets = new ArrayList<>();

    @Option(names = "--root", paramLabel = "DIR", description = "The root a directory input's programs are judged in.")
    Path root;

    @Option(names = "--platform", paramLabel = "OS/ARCH", description = "For a multi-platform image.")
    String platform;

    @Option(names = "--threads", paramLabel = "N", description = "Workers per input (default: the cores).")
    int threads = Math.max(1, Runtime.getRuntime().availableProcessors());

    @Option(names = "--json", description = "Print the scan as one JSON document.")
    boolean json;

    @Option(names = "--sarif", paramLabel = "FILE", description = "Write SARIF 2.1.0 with one result per --fail-on finding.")
    Path sarif;

    @Option(names = "--fail-on", paramLabel = "POLICY", description = "Rules, comma-separated: fails, regression, "
            + "glibc>X.Y, hardening:relro<full, hardening:canary, hardening:nx, hardening:pie, hardening:fortify, hardening:cet.")
    String failOn;

    @Option(names = "--baseline", paramLabel = "SCAN", description = "A scan of the store to compare with (id, latest, previous).")
    String baseline;

    @Option(names = "--sbom", paramLabel = "cyclonedx|spdx", description = "Also write an SBOM of the scan.")
    String sbom;

    @Option(names = "--sbom-out", paramLabel = "FILE", description = "Where to write the SBOM.")
    Path sbomOut;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Policy policy;
        try {
            policy = failOn == null ? new Policy(List.of()) : Policy.parse(failOn);
        } catch (IllegalArgumentException e) {
            err.println("execray: " + e.getMessage());
            return ExitCode.USAGE;
        }
        if (sbom != null && (sbomOut == null || !(sbom.equals("cyclonedx") || sbom.equals("spdx")))) {
            err.println("execray: --sbom takes cyclonedx or spdx, with --sbom-out FILE");
            return ExitCode.USAGE;
        }
        if (baseline != null && noDb) {
            err.println("execray: --baseline needs the store (drop --no-db)");
            return ExitCode.USAGE;
        }
        if (importDir != null) {
            if (noDb || !inputs.isEmpty() || filesFrom != null) {
                err.println("execray: --import loads a fleet scan into --db; it takes no INPUT, --files-from or --no-db");
                return ExitCode.USAGE;
            }
            return importFleet(out, err);
        }
        List<ScanInput> work = new ArrayList<>();
        List<Path> loose = new ArrayList<>();
        for (Path p : inputs) {
            Optional<ScanInput> in = ScanInput.of(p, Optional.ofNullable(root), Optional.ofNullable(platform).map(Platform::parse));
            if (in.isPresent()) {
                work.add(in.get());
            } else {
                loose.add(p);
            }
        }
        if (filesFrom != null) {
            try {
                for (String line : Files.readAllLines(filesFrom, StandardCharsets.UTF_8)) {
                    if (!line.isBlank()) {
                        loose.add(Path.of(line.strip()));
                    }
                }
            } catch (IOException e) {
                err.println("execray: " + filesFrom + ": " + e.getMessage());
                return ExitCode.BAD_INPUT;
            }
        }
        if (!loose.isEmpty()) {
            work.add(new ScanInput.Files(filesFrom != null ? filesFrom.toString() : "files", loose));
        }
        if (work.isEmpty()) {
            err.println("execray: give at least one INPUT or --files-from LIST");
            return ExitCode.USAGE;
        }
        ScanOptions opts = ScanOptions.defaults().withTargets(targets).withThreads(Math.max(1, threads));
        ScanStore store = null;
        try (ScanService service = new ScanService(opts)) {
            long scanId = 0;
            List<InputResult> previous = List.of();
            if (!noDb) {
                store = ScanStore.open(db);
                if (baseline != null) {
                    previous = store.load(store.resolve(baseline));
                }
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("inputs", work.stream().map(ScanInput::name).toList());
                o.put("targets", targets);
                scanId = store.beginScan(o, new VersionProvider().getVersion()[0]);
            }
            List<InputResult> results = new ArrayList<>();
            boolean unreadable = false;
            for (ScanInput in : work) {
                // no progress display yet: the number of files is known only inside the walk (docs/scan.md)
                InputResult r = service.scan(in, ScanService.Progress.NONE,
                        store == null ? PriorResults.NONE : noReuse ? PriorResults.NOTHING_REUSED : store.prior(new VersionProvider().getVersion()[0]));
                results.add(r);
                if (r.files().isEmpty() && !r.errors().isEmpty()) {
                    unreadable = true;
                    r.errors().forEach(e -> err.println("execray: " + e));
                }
                if (store != null) {
                    store.write(scanId, r);
                }
            }
            List<ScanDiff.Change> changes = baseline == null ? List.of() : ScanDiff.diff(previous, results);
            List<Policy.Finding> findings = policy.check(results, changes);
            if (sarif != null) {
                Files.writeString(sarif, Json.write(ScanJson.sarif(findings, new VersionProvider().getVersion()[0])),
                        StandardCharsets.UTF_8);
            }
            if (sbom != null) {
                Sbom.write(sbom, sbomOut, results);
            }
            if (json) {
                out.print(dev.execray.report.JsonDocument.SCAN.write(ScanJson.document(scanId, results)));
            } else {
                out.print(ScanText.render(scanId, results, changes, findings, Style.detect()));
            }
            out.flush();
            if (!findings.isEmpty()) {
                return ExitCode.FINDING;
            }
            return unreadable ? ExitCode.BAD_INPUT : ExitCode.OK;
        } catch (TargetException e) {
            err.println("execray: " + e.getMessage());
            return ExitCode.USAGE;
        } catch (StoreException e) {
            err.println("execray: " + e.getMessage());
            return ExitCode.BAD_INPUT;
        } catch (IOException e) {
            err.println("execray: " + e.getMessage());
            return ExitCode.BAD_INPUT;
        } finally {
            if (store != null) {
                try {
                    store.close();
                } catch (StoreException e) {
                    err.println("execray: " + e.getMessage());
                }
            }
        }
    }

    /** --import: each scan id under the directory becomes one scan of the store, written input by input. */
    private int importFleet(PrintWriter out, PrintWriter err) {
        try (ScanStore store = ScanStore.open(db)) {
            for (FleetImport.FleetScan fs : FleetImport.find(importDir)) {
                List<String> names = new ArrayList<>();
                List<String> places = new ArrayList<>();
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("inputs", names);
                o.put("targets", places);
                o.put("fleet", Map.of("dir", importDir.toAbsolutePath().toString(), "scan_id", fs.id()));
                long scanId = store.beginScan(o, new VersionProvider().getVersion()[0]);
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
                store.setOptions(scanId, o);
                if (json) {
                    out.print(dev.execray.report.JsonDocument.SCAN_IMPORT.write(Json.object().put("scan", scanId)
                            .put("fleet_scan_id", fs.id()).put("inputs", n)));
                } else {
                    out.println("fleet scan " + fs.id() + ": " + n + " inputs imported as scan " + scanId + " of " + db);
                }
            }
            out.flush();
            return ExitCode.OK;
        } catch (StoreException | IOException e) {
            err.println("execray: " + e.getMessage());
            return ExitCode.BAD_INPUT;
        }
    }
}

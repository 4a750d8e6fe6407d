package dev.execray.cli;

import dev.execray.report.ScanText;
import dev.execray.place.TargetException;
import dev.execray.report.Json;
import dev.execray.report.Style;
import dev.execray.rootfs.image.Platform;
import dev.execray.report.JsonDocument;
import dev.execray.scan.Policy;
import dev.execray.scan.ScanInput;
import dev.execray.scan.ScanJson;
import dev.execray.scan.ScanOptions;
import dev.execray.scan.store.ScanRun;
import dev.execray.scan.store.StoreException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
        String version = new VersionProvider().getVersion()[0];
        Optional<String> usage = usageError();
        if (usage.isPresent()) {
            err.println("execray: " + usage.get());
            return ExitCode.USAGE;
        }
        try {
            if (importDir != null) {
                for (ScanRun.Imported i : ScanRun.importFleet(importDir, db, version)) {
                    out.print(json ? JsonDocument.SCAN_IMPORT.write(ScanText.importedJson(i)) : ScanText.imported(i, db));
                }
                out.flush();
                return ExitCode.OK;
            }
            List<ScanInput> work = ScanInput.collect(inputs, Optional.ofNullable(filesFrom), Optional.ofNullable(root),
                    Optional.ofNullable(platform).map(Platform::parse));
            if (work.isEmpty()) {
                err.println("execray: give at least one INPUT or --files-from LIST");
                return ExitCode.USAGE;
            }
            ScanRun.Outcome o = ScanRun.run(new ScanRun.Request(work, ScanOptions.defaults().withTargets(targets)
                    .withThreads(Math.max(1, threads)), noDb ? Optional.empty() : Optional.of(db), !noReuse,
                    Optional.ofNullable(baseline), failOn == null ? new Policy(List.of()) : Policy.parse(failOn), version));
            o.unreadable().forEach(r -> r.errors().forEach(e -> err.println("execray: " + e)));
            if (sarif != null) {
                Files.writeString(sarif, Json.write(ScanJson.sarif(o.findings(), version)), StandardCharsets.UTF_8);
            }
            if (sbom != null) {
                Sbom.write(sbom, sbomOut, o.results());
            }
            out.print(json ? JsonDocument.SCAN.write(ScanJson.document(o.scanId(), o.results()))
                    : ScanText.render(o.scanId(), o.results(), o.changes(), o.findings(), Style.detect()));
            out.flush();
            return !o.findings().isEmpty() ? ExitCode.FINDING : o.unreadable().isEmpty() ? ExitCode.OK : ExitCode.BAD_INPUT;
        } catch (TargetException e) {
            err.println("execray: " + e.getMessage());
            return ExitCode.USAGE;
        } catch (StoreException | IOException e) {
            err.println("execray: " + e.getMessage());
            return ExitCode.BAD_INPUT;
        }
    }

    /** Options that do not go together, or a policy that does not parse. */
    private Optional<String> usageError() {
        if (failOn != null) {
            try {
                Policy.parse(failOn);
            } catch (IllegalArgumentException e) {
                return Optional.of(e.getMessage());
            }
        }
        if (sbom != null && (sbomOut == null || !(sbom.equals("cyclonedx") || sbom.equals("spdx")))) {
            return Optional.of("--sbom takes cyclonedx or spdx, with --sbom-out FILE");
        }
        if (baseline != null && noDb) {
            return Optional.of("--baseline needs the store (drop --no-db)");
        }
        if (importDir != null && (noDb || !inputs.isEmpty() || filesFrom != null)) {
            return Optional.of("--import loads a fleet scan into --db; it takes no INPUT, --files-from or --no-db");
        }
        return Optional.empty();
    }
}

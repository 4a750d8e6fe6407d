package dev.execray.cli;

import dev.execray.report.Json;
import dev.execray.report.Style;
import dev.execray.scan.ScanDiff;
import dev.execray.scan.ScanJson;
import dev.execray.scan.store.ScanStore;
import dev.execray.scan.store.StoreException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "scan-diff", mixinStandardHelpOptions = true,
        description = {"What a release changed: files added, removed and changed, raised glibc requirements, libraries "
                + "added or dropped, lost hardening, new failing verdicts, Go and module versions; one line each.",
                "Scans are named by number, latest or previous. Exit status 1 when something got worse."})
final class ScanDiffCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "OLD", description = "The earlier scan.")
    String older;

    @Parameters(index = "1", paramLabel = "NEW", description = "The later scan.")
    String newer;

    @Option(names = "--db", paramLabel = "FILE", defaultValue = "execray.db", description = "The store (default: ${DEFAULT-VALUE}).")
    Path db;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (ScanStore store = ScanStore.openReadOnly(db)) {
            long a = store.resolve(older);
            long b = store.resolve(newer);
            List<ScanDiff.Change> changes = ScanDiff.diff(store.load(a), store.load(b));
            if (json) {
                out.print(dev.execray.report.JsonDocument.SCAN_DIFF.write(ScanJson.diff(a, b, changes)));
            } else {
                Style style = Style.detect();
                if (changes.isEmpty()) {
                    out.println("no change between scan " + a + " and scan " + b);
                }
                for (ScanDiff.Change c : changes) {
                    out.println((c.regression() ? style.bad("- ") : "  ") + c.text());
                }
            }
            out.flush();
            return changes.stream().anyMatch(ScanDiff.Change::regression) ? ExitCode.FINDING : ExitCode.OK;
        } catch (StoreException e) {
            StoreFailure.report(e, db, json, dev.execray.report.JsonDocument.SCAN_DIFF, out, err);
            return ExitCode.BAD_INPUT;
        }
    }
}

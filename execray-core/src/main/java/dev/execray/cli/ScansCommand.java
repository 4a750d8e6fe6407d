package dev.execray.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.execray.report.Json;
import dev.execray.scan.store.ScanStore;
import dev.execray.scan.store.StoreException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "scans", mixinStandardHelpOptions = true,
        description = "The scans in the store: number, time, inputs, files, and files failing on some place.")
final class ScansCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--db", paramLabel = "FILE", defaultValue = "execray.db", description = "The store (default: ${DEFAULT-VALUE}).")
    Path db;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (ScanStore store = ScanStore.openReadOnly(db)) {
            var rows = store.scans();
            if (json) {
                ObjectNode o = Json.object();
                ArrayNode a = o.putArray("scans");
                for (ScanStore.ScanRow r : rows) {
                    ObjectNode x = a.addObject();
                    x.put("id", r.id());
                    x.put("started", r.started());
                    x.put("inputs", r.inputs());
                    x.put("files", r.files());
                    x.put("failing", r.failing());
                    x.put("options", r.options());
                }
                out.print(dev.execray.report.JsonDocument.SCANS.write(o));
            } else {
                out.println("scan  started                   inputs  files  failing");
                for (ScanStore.ScanRow r : rows) {
                    out.printf("%4d  %-24s  %6d  %5d  %7d%n", r.id(), r.started(), r.inputs(), r.files(), r.failing());
                }
            }
            out.flush();
            return ExitCode.OK;
        } catch (StoreException e) {
            StoreFailure.report(e, db, json, dev.execray.report.JsonDocument.SCANS, spec.commandLine().getOut(),
                    spec.commandLine().getErr());
            return ExitCode.BAD_INPUT;
        }
    }
}

package dev.execray.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.execray.report.Json;
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

@Command(name = "query", mixinStandardHelpOptions = true,
        description = {"Run one SQL statement on the scan store through a read-only connection (the tables are "
                + "described in docs/scan.md); rows are printed tab-separated, or as JSON.",
                "Example: execray query \"SELECT path, glibc FROM files WHERE glibc > '2.34'\""})
final class ScanQueryCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SQL", description = "The statement.")
    String sql;

    @Option(names = "--db", paramLabel = "FILE", defaultValue = "execray.db", description = "The store (default: ${DEFAULT-VALUE}).")
    Path db;

    @Option(names = "--max-rows", paramLabel = "N", description = "At most N rows (default: 100000).")
    int maxRows = 100_000;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (ScanStore store = ScanStore.openReadOnly(db)) {
            ScanStore.QueryResult r = store.query(sql, Math.max(1, maxRows));
            if (json) {
                ObjectNode o = Json.object();
                ArrayNode cols = o.putArray("columns");
                r.columns().forEach(cols::add);
                ArrayNode rows = o.putArray("rows");
                for (List<String> row : r.rows()) {
                    ArrayNode a = rows.addArray();
                    row.forEach(a::add);
                }
                out.print(dev.execray.report.JsonDocument.QUERY.write(o));
            } else {
                out.println(String.join("\t", r.columns()));
                for (List<String> row : r.rows()) {
                    out.println(String.join("\t", row.stream().map(v -> v == null ? "NULL" : v).toList()));
                }
            }
            out.flush();
            return ExitCode.OK;
        } catch (StoreException e) {
            StoreFailure.report(e, db, json, dev.execray.report.JsonDocument.QUERY, out, err);
            return e.getMessage().startsWith("query refused") ? ExitCode.USAGE : ExitCode.BAD_INPUT;
        }
    }
}

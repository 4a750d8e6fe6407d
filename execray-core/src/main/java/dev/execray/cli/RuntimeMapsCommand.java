package dev.execray.cli;

import dev.execray.report.JsonDocument;
import dev.execray.report.MapsReportText;
import dev.execray.report.RuntimeJson;
import dev.execray.runtime.maps.MapsDiff;
import dev.execray.runtime.maps.MapsReport;
import dev.execray.runtime.maps.MapsSource;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "maps", mixinStandardHelpOptions = true,
        description = {"Attribute a process's memory maps to objects and ELF segments; RSS, PSS, W+X.",
            "Reads /proc/PID/maps (or smaps with --smaps) or a saved copy: attributes each mapping to its object and "
            + "the ELF PT_LOAD program header it came from, adds up RSS and PSS per object, flags "
            + "writable-and-executable mappings. Two targets (or --after) compare two snapshots."},
        footer = {"", "Exit codes: 0 no warning, 1 a warning (such as a W+X mapping), 3 unreadable input."})
final class RuntimeMapsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..2", paramLabel = "PID|FILE", description = "a process id, or a saved maps/smaps file; two to compare")
    List<String> targets;

    @Option(names = "--smaps", description = "read /proc/PID/smaps (RSS, PSS, swap) instead of maps")
    boolean smaps;

    @Option(names = "--after", paramLabel = "SECONDS", description = "with one PID: take a second snapshot after SECONDS and compare")
    Optional<Double> after;

    @Option(names = "--mappings", description = "list every mapping with its segment")
    boolean mappings;

    @Option(names = "--all", description = "list every object (default: the 25 largest)")
    boolean all;

    @Option(names = "--json", description = "print the report as JSON")
    boolean json;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        int top = all ? Integer.MAX_VALUE : 25;
        try {
            MapsReport first = MapsSource.read(targets.get(0), smaps);
            if (targets.size() == 1 && after.isEmpty()) {
                if (json) {
                    RuntimeJson.print(out, JsonDocument.RUNTIME_MAPS, first);
                } else {
                    out.print(MapsReportText.render(first, mappings, top));
                    out.flush();
                }
                return RuntimeLogs.exitCode(first.findings());
            }
            if (targets.size() == 1) {
                Thread.sleep((long) (after.get() * 1000));
            }
            MapsReport second = MapsSource.read(targets.get(targets.size() - 1), smaps);
            MapsDiff d = MapsDiff.of(first, second);
            if (json) {
                RuntimeJson.print(out, JsonDocument.RUNTIME_MAPS_DIFF, RuntimeJson.beforeAfterDiff(first, second, d));
            } else {
                out.print(MapsReportText.renderDiff(d, top));
                out.flush();
            }
            return RuntimeLogs.exitCode(second.findings());
        } catch (IOException e) {
            spec.commandLine().getErr().println("execray: " + e.getMessage());
            return ExitCode.BAD_INPUT;
        }
    }
}

package dev.execray.cli;

import dev.execray.report.JsonDocument;
import dev.execray.report.MapsReportText;
import dev.execray.report.RuntimeJson;
import dev.execray.runtime.maps.MapsAttribution;
import dev.execray.runtime.maps.MapsDiff;
import dev.execray.runtime.maps.MapsParser;
import dev.execray.runtime.maps.MapsReport;
import dev.execray.runtime.maps.MapsSnapshot;
import dev.execray.runtime.maps.Mapping;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
        try {
            MapsReport first = snapshot(targets.get(0));
            MapsReport second = null;
            if (targets.size() == 2) {
                second = snapshot(targets.get(1));
            } else if (after.isPresent()) {
                Thread.sleep((long) (after.get() * 1000));
                second = snapshot(targets.get(0));
            }
            if (second != null) {
                MapsDiff d = MapsDiff.of(first, second);
                if (json) {
                    RuntimeJson.print(spec.commandLine().getOut(), JsonDocument.RUNTIME_MAPS_DIFF,
                            orderedBeforeAfterDiff(first, second, d));
                } else {
                    spec.commandLine().getOut().print(MapsReportText.renderDiff(d, all ? Integer.MAX_VALUE : 25));
                    spec.commandLine().getOut().flush();
                }
                return RuntimeLogs.exitCode(second.findings());
            }
            if (json) {
                RuntimeJson.print(spec.commandLine().getOut(), JsonDocument.RUNTIME_MAPS, first);
            } else {
                spec.commandLine().getOut().print(MapsReportText.render(first, mappings, all ? Integer.MAX_VALUE : 25));
                spec.commandLine().getOut().flush();
            }
            return RuntimeLogs.exitCode(first.findings());
        } catch (IOException e) {
            spec.commandLine().getErr().println("execray: " + e.getMessage());
            return ExitCode.BAD_INPUT;
        }
    }

    private MapsReport snapshot(String target) throws IOException {
        if (target.chars().allMatch(Character::isDigit) && !Files.exists(Path.of(target))) {
            long pid = Long.parseLong(target);
            Path p = Path.of("/proc", target, smaps ? "smaps" : "maps");
            MapsSnapshot snap;
            try (InputStream in = Files.newInputStream(p)) {
                snap = MapsParser.parse(p.toString(), in);
            } catch (java.nio.file.NoSuchFileException e) {
                throw new IOException("no process " + pid + " (" + p + " does not exist)");
            }
            return MapsAttribution.attribute(snap, MapsAttribution.liveProcess(pid), pageSize(snap));
        }
        Path f = Path.of(target);
        try (InputStream in = Files.newInputStream(f)) {
            MapsSnapshot snap = MapsParser.parse(target, in);
            return MapsAttribution.attribute(snap, MapsAttribution.host(), pageSize(snap));
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IOException(target + ": no such file or directory (and not a running process id)");
        }
    }

    /** The kernel's page size as smaps reports it; 4 KiB (x86-64, most arm64 kernels) from a plain maps file. */
    static long pageSize(MapsSnapshot snap) {
        return snap.mappings().stream().map(m -> m.kib("KernelPageSize")).filter(java.util.OptionalLong::isPresent)
                .mapToLong(o -> o.getAsLong() * 1024).filter(v -> v >= 4096 && Long.bitCount(v) == 1).min().orElse(4096);
    }

    static long rss(List<Mapping> ms) {
        return ms.stream().mapToLong(Mapping::rssKiB).sum();
    }

    private static Map<String, Object> orderedBeforeAfterDiff(Object before, Object after, Object diff) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("before", before);
        m.put("after", after);
        m.put("diff", diff);
        return m;
    }
}

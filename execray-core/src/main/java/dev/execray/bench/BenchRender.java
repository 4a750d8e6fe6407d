package dev.execray.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.execray.exec.verdict.Verdict;
import java.util.List;
import java.util.Locale;

/** Text, JSON (hyperfine's export schema plus execray's fields), Markdown and CSV. */
public final class BenchRender {
    private BenchRender() {
    }

    public static final String EXECUTES = "execray bench RUNS the programs it is given: it is the one execray command "
            + "that executes them.";

    public static String text(BenchReport r, boolean color) {
        String warn = color ? "\u001b[33m⚠\u001b[0m " : "⚠ ";
        String bad = color ? "\u001b[31m✗\u001b[0m " : "✗ ";
        StringBuilder b = new StringBuilder();
        b.append(EXECUTES).append('\n');
        b.append("Timer: ").append(r.method()).append('\n');
        r.fallbackReason().ifPresent(f -> b.append("  (fallback because: ").append(f).append(")\n"));
        r.floor().ifPresent(f -> {
            b.append("Harness floor: /bin/true takes ").append(Units.time(f.median())).append(" median through it");
            r.processBuilderFloor().ifPresent(p -> b.append(" (through Java's ProcessBuilder: ")
                    .append(Units.time(p.median())).append(')'));
            b.append('\n');
        });
        r.machine().forEach(m -> b.append(m).append('\n'));
        for (Outcome o : r.outcomes()) {
            b.append('\n');
            if (o instanceof Outcome.Timed t) {
                    Summary s = t.summary();
                    b.append("Benchmark: ").append(t.label());
                    if (!t.label().equals(t.launch().how())) {
                        b.append("  — ").append(t.launch().how());
                    }
                    b.append('\n');
                    double user = t.measurement().runs().stream().mapToLong(Run::userMicros).average().orElse(0) / 1e6;
                    double sys = t.measurement().runs().stream().mapToLong(Run::sysMicros).average().orElse(0) / 1e6;
                    b.append(String.format(Locale.ROOT, "  Time (median):      %s   [p95 %s]%n",
                            Units.time(s.median()), Units.time(s.p95())));
                    b.append(String.format(Locale.ROOT, "  Time (mean ± σ):    %s ± %s   [User: %s, System: %s]%n",
                            Units.time(s.mean()), Units.timeLike(s.stddev(), s.mean()), Units.time(user),
                            Units.time(sys)));
                    b.append(String.format(Locale.ROOT, "  Range (min … max):  %s … %s   %d runs%n",
                            Units.time(s.min()), Units.time(s.max()), s.runs()));
                    t.warnings().forEach(w -> b.append("  ").append(warn).append(w.message()).append('\n'));
            } else if (o instanceof Outcome.NotStarted n) {
                    Verdict.Fails f = n.fails();
                    b.append(bad).append(n.label()).append(" would not start, so it was not run or timed: ")
                            .append(f.message()).append('\n');
                    b.append("  step: ").append(f.step()).append("; why: ").append(f.why()).append('\n');
                    if (!f.fix().isBlank()) {
                        b.append("  fix: ").append(f.fix()).append('\n');
                    }
                    f.messages().bash().ifPresent(m -> b.append("  The shell says: ").append(m.lines().findFirst()
                            .orElse(m)).append('\n'));
                    b.append("  (execray explain ").append(n.explained().request().path()).append(" gives every step)\n");
            } else if (o instanceof Outcome.Stopped s) {
                b.append(bad).append(s.label()).append(": ").append(s.why())
                        .append(s.measurement().runs().isEmpty() ? "" : " after " + s.measurement().runs().size()
                                + " complete runs").append('\n');
            } else if (o instanceof Outcome.Skipped k) {
                b.append("Skipped: ").append(k.label()).append(": ").append(k.why()).append('\n');
            }
        }
        List<Outcome.Timed> t = r.timed();
        List<Ratio> ratios = r.ratios();
        if (!ratios.isEmpty()) {
            Summary ref = t.get(0).summary();
            b.append("\nCompared with ").append(t.get(0).label())
                    .append(" (ratio of medians, 95 % bootstrap interval; hyperfine's ratio of means):\n");
            int w = t.stream().mapToInt(x -> x.label().length()).max().orElse(8);
            for (int i = 0; i < ratios.size(); i++) {
                Ratio q = ratios.get(i);
                Summary s = t.get(i + 1).summary();
                double diff = s.median() - ref.median();
                b.append(String.format(Locale.ROOT, "  %-" + w + "s  %s%s   %.3f× [%.3f, %.3f]%s   means %.2f ± %.2f%n",
                        t.get(i + 1).label(), diff >= 0 ? "+" : "−", Units.time(Math.abs(diff)), q.median(), q.low(),
                        q.high(), q.significant() ? "" : " (within noise)", q.mean(), q.meanError()));
            }
        }
        for (BenchReport.Parts p : r.breakdown()) {
            b.append("\nWhere the time goes: ").append(p.label()).append('\n');
            p.kernel().ifPresent(k -> b.append("  kernel exec (strace -T on the program's execve, median of ")
                    .append(k.runs()).append(" runs; ptrace stops included): ").append(Units.time(k.medianSeconds()))
                    .append('\n'));
            p.libraries().ifPresent(l -> b.append("  static view (execray ldd, not run): ").append(l.size())
                    .append(" objects loaded besides the program: ").append(String.join(" ", l)).append('\n'));
            p.loader().ifPresent(l -> {
                b.append("  dynamic loader (glibc LD_DEBUG=statistics, median of runs): ");
                b.append(l.startupNanos().map(ns -> Units.time(ns / 1e9)).orElse(l.startupCycles() + " cycles"));
                if (l.startupNanos().isPresent()) {
                    b.append(" (").append(l.startupCycles()).append(" TSC cycles)");
                }
                b.append(String.format(Locale.ROOT, "; relocation %d%%, loading objects %d%%%n",
                        l.startupCycles() > 0 ? Math.round(100.0 * l.relocationCycles() / l.startupCycles()) : 0,
                        l.startupCycles() > 0 ? Math.round(100.0 * l.loadCycles() / l.startupCycles()) : 0));
                b.append(String.format(Locale.ROOT, "    %d symbol relocations (%d from cache), %d relative relocations%n",
                        l.relocations(), l.fromCache(), l.relative()));
            });
            p.libc().ifPresent(c -> b.append("  C library start-up (LD_AUDIT la_activity -> la_preinit, median of ")
                    .append(c.runs()).append(" runs, less the loader's relocation time): ")
                    .append(c.seconds().map(Units::time).orElse(c.untilMainTicks() + " " + c.clock() + " ticks incl. relocation"))
                    .append("; library and program constructors, _start and __libc_start_main until main\n"));
            p.goInit().ifPresent(g -> b.append(String.format(Locale.ROOT, "  Go package init (GODEBUG=inittrace=1, one "
                    + "run): %d packages, %.3f ms clock in init functions, %d bytes in %d allocations; last init done "
                    + "%.3f ms after the runtime started%n", g.inits().size(), g.clockMillis(), g.bytes(), g.allocs(),
                    g.lastStartMillis())));
            p.notes().forEach(n -> b.append("  ").append(n).append('\n'));
        }
        return b.toString();
    }

    /** hyperfine's --export-json schema (results[] with command, mean, stddev, median, user, system, min, max,
     * times, exit_codes), each result with an "execray" object, and a top-level "execray" object. */
    public static ObjectNode json(BenchReport r) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        ArrayNode results = root.putArray("results");
        for (Outcome.Timed t : r.timed()) {
            Summary s = t.summary();
            ObjectNode o = results.addObject();
            o.put("command", t.label());
            o.put("mean", s.mean());
            o.put("stddev", s.stddev());
            o.put("median", s.median());
            o.put("user", t.measurement().runs().stream().mapToLong(Run::userMicros).average().orElse(0) / 1e6);
            o.put("system", t.measurement().runs().stream().mapToLong(Run::sysMicros).average().orElse(0) / 1e6);
            o.put("min", s.min());
            o.put("max", s.max());
            ArrayNode times = o.putArray("times");
            t.measurement().runs().forEach(x -> times.add(x.seconds()));
            ArrayNode codes = o.putArray("exit_codes");
            t.measurement().runs().forEach(x -> codes.add(x.signaled() ? 128 + x.status() : x.status()));
            ObjectNode x = o.putObject("execray");
            x.put("p95", s.p95());
            x.put("launch_path", t.launch().path().flag());
            x.put("how", t.launch().how());
            ArrayNode argv = x.putArray("argv");
            t.launch().argv().forEach(argv::add);
            ArrayNode warnings = x.putArray("warnings");
            t.warnings().forEach(w -> warnings.addObject().put("kind", w.kind().name().toLowerCase(Locale.ROOT))
                    .put("message", w.message()));
            ArrayNode rss = x.putArray("max_rss_kb");
            t.measurement().runs().forEach(y -> rss.add(y.maxRssKb()));
        }
        ObjectNode x = root.putObject("execray");
        x.put("executes", true);
        x.put("timer", r.method());
        r.fallbackReason().ifPresent(v -> x.put("timer_fallback_reason", v));
        r.floor().ifPresent(v -> x.put("floor_bin_true_median", v.median()));
        r.processBuilderFloor().ifPresent(v -> x.put("processbuilder_bin_true_median", v.median()));
        ArrayNode machine = x.putArray("machine");
        r.machine().forEach(machine::add);
        ArrayNode other = x.putArray("not_timed");
        for (Outcome o : r.outcomes()) {
            if (o instanceof Outcome.NotStarted n) {
                    Verdict.Fails v = n.fails();
                    ObjectNode e = other.addObject().put("command", n.label()).put("outcome", "would_not_start")
                            .put("step", v.step()).put("message", v.message()).put("why", v.why()).put("fix", v.fix());
                    v.errno().ifPresent(er -> e.put("errno", er.name()));
            } else if (o instanceof Outcome.Stopped s) {
                other.addObject().put("command", s.label()).put("outcome", "stopped")
                        .put("why", s.why()).put("complete_runs", s.measurement().runs().size())
                        .put("strays_killed", s.measurement().strays());
            } else if (o instanceof Outcome.Skipped k) {
                other.addObject().put("command", k.label()).put("outcome", "skipped")
                        .put("why", k.why());
            }
        }
        List<Ratio> ratios = r.ratios();
        if (!ratios.isEmpty()) {
            ArrayNode ra = x.putArray("ratios");
            List<Outcome.Timed> t = r.timed();
            for (int i = 0; i < ratios.size(); i++) {
                Ratio q = ratios.get(i);
                ra.addObject().put("reference", t.get(0).label()).put("command", t.get(i + 1).label())
                        .put("median_ratio", q.median()).put("ci_low", q.low()).put("ci_high", q.high())
                        .put("confidence", q.confidence()).put("mean_ratio", q.mean()).put("mean_ratio_error", q.meanError())
                        .put("bootstrap_resamples", q.resamples()).put("bootstrap_seed", q.seed());
            }
        }
        if (!r.breakdown().isEmpty()) {
            ArrayNode bd = x.putArray("breakdown");
            for (BenchReport.Parts p : r.breakdown()) {
                ObjectNode o = bd.addObject().put("command", p.label());
                p.kernel().ifPresent(k -> o.putObject("kernel_exec").put("method", "strace -f -T -e trace=execve, "
                        + "the program's own execve, median").put("seconds", k.medianSeconds()).put("runs", k.runs()));
                p.libraries().ifPresent(l -> {
                    ArrayNode a = o.putObject("static").put("method", "execray ldd (files read, nothing run)")
                            .put("libraries", l.size()).putArray("objects");
                    l.forEach(a::add);
                });
                p.loader().ifPresent(l -> {
                    ObjectNode d = o.putObject("dynamic_loader").put("method", "glibc LD_DEBUG=statistics")
                            .put("startup_cycles", l.startupCycles()).put("relocation_cycles", l.relocationCycles())
                            .put("load_cycles", l.loadCycles()).put("relocations", l.relocations())
                            .put("relocations_from_cache", l.fromCache()).put("relative_relocations", l.relative());
                    l.startupNanos().ifPresent(ns -> d.put("startup_seconds", ns / 1e9));
                });
                p.libc().ifPresent(c -> {
                    ObjectNode d = o.putObject("libc_startup").put("method", "LD_AUDIT la_activity(LA_ACT_CONSISTENT)"
                            + " to la_preinit, median, less the median LD_DEBUG=statistics relocation time")
                            .put("until_main_ticks", c.untilMainTicks()).put("clock", c.clock()).put("runs", c.runs());
                    c.seconds().ifPresent(sec -> d.put("seconds", sec));
                });
                p.goInit().ifPresent(g -> o.putObject("go_init").put("method", "GODEBUG=inittrace=1")
                        .put("packages", g.inits().size()).put("clock_seconds", g.clockMillis() / 1e3)
                        .put("bytes", g.bytes()).put("allocs", g.allocs()));
                ArrayNode notes = o.putArray("notes");
                p.notes().forEach(notes::add);
            }
        }
        return root;
    }

    /** Writes each export asked for (hyperfine's JSON, Markdown and CSV; the SVG histogram; the HTML page). */
    public static void export(BenchReport r, java.util.Optional<java.nio.file.Path> json,
            java.util.Optional<java.nio.file.Path> markdown, java.util.Optional<java.nio.file.Path> svg,
            java.util.Optional<java.nio.file.Path> csv, java.util.Optional<java.nio.file.Path> html) throws java.io.IOException {
        if (json.isPresent()) {
            java.nio.file.Files.writeString(json.get(), jsonText(r));
        }
        if (markdown.isPresent()) {
            java.nio.file.Files.writeString(markdown.get(), markdown(r));
        }
        if (svg.isPresent()) {
            java.nio.file.Files.writeString(svg.get(), HistogramSvg.render(r));
        }
        if (csv.isPresent()) {
            java.nio.file.Files.writeString(csv.get(), csv(r));
        }
        if (html.isPresent()) {
            java.nio.file.Files.writeString(html.get(), BenchHtml.render(r));
        }
    }

    public static String jsonText(BenchReport r) {
        try {
            return dev.execray.report.Json.MAPPER.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(dev.execray.report.JsonDocument.BENCH.wrap(json(r))) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** hyperfine's --export-markdown table, times in the unit that suits the fastest command, plus p95. */
    public static String markdown(BenchReport r) {
        List<Outcome.Timed> t = r.timed();
        double fastest = t.stream().mapToDouble(x -> x.summary().mean()).min().orElse(1);
        boolean ms = fastest < 1;
        double k = ms ? 1e3 : 1;
        String u = ms ? "ms" : "s";
        StringBuilder b = new StringBuilder();
        b.append("| Command | Mean [").append(u).append("] | Median [").append(u).append("] | p95 [").append(u)
                .append("] | Min [").append(u).append("] | Max [").append(u).append("] | Relative |\n");
        b.append("|:---|---:|---:|---:|---:|---:|---:|\n");
        double ref = t.stream().mapToDouble(x -> x.summary().mean()).min().orElse(1);
        for (Outcome.Timed x : t) {
            Summary s = x.summary();
            b.append(String.format(Locale.ROOT, "| `%s` | %.3f ± %.3f | %.3f | %.3f | %.3f | %.3f | %.2f |%n",
                    x.label().replace("|", "\\|").replace("`", "'"), s.mean() * k, s.stddev() * k, s.median() * k,
                    s.p95() * k, s.min() * k, s.max() * k, s.mean() / ref));
        }
        return b.toString();
    }

    /** hyperfine's --export-csv columns, then p95. */
    public static String csv(BenchReport r) {
        StringBuilder b = new StringBuilder("command,mean,stddev,median,user,system,min,max,p95\n");
        for (Outcome.Timed x : r.timed()) {
            Summary s = x.summary();
            double user = x.measurement().runs().stream().mapToLong(Run::userMicros).average().orElse(0) / 1e6;
            double sys = x.measurement().runs().stream().mapToLong(Run::sysMicros).average().orElse(0) / 1e6;
            b.append(csvField(x.label())).append(String.format(Locale.ROOT, ",%s,%s,%s,%s,%s,%s,%s,%s%n", s.mean(),
                    s.stddev(), s.median(), user, sys, s.min(), s.max(), s.p95()));
        }
        return b.toString();
    }

    static String csvField(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}

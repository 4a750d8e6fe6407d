package dev.execray.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.execray.exec.ExecRequest;
import dev.execray.exec.ExecResult;
import dev.execray.exec.ExecSimulator;
import dev.execray.exec.lookup.PathLookup;
import dev.execray.exec.places.Place;
import dev.execray.exec.places.Places;
import dev.execray.exec.verdict.Verdict;
import dev.execray.report.Escape;
import dev.execray.report.ExplainReport;
import dev.execray.report.Json;
import dev.execray.report.Style;
import dev.execray.rootfs.FileStat;
import dev.execray.rootfs.Resolution;
import dev.execray.rootfs.RootFs;
import dev.execray.rootfs.RootFsException;
import dev.execray.rootfs.image.Platform;
import dev.execray.place.TargetException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "check-image", mixinStandardHelpOptions = true,
        description = {"Would this container image start, and would every program on its PATH run?",
                "Reads a docker-save archive or an OCI layout (directory or tar) without Docker: ENTRYPOINT and CMD "
                + "through the image's PATH, WorkingDir and platform, then every executable file on PATH, each through "
                + "the simulated exec path and dynamic loader inside the image. Nothing is executed. Exit status 1 when "
                + "the entrypoint would fail."})
final class CheckImageCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IMAGE", description = "docker save archive, OCI layout directory or OCI tar.")
    Path image;

    @Option(names = "--platform", paramLabel = "OS/ARCH[/VARIANT]", description = "For a multi-platform image.")
    String platform;

    @Option(names = "--all", description = "List every PATH program, not only those that would fail.")
    boolean all;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    /** One program of the image and what would happen if it were started. */
    record Program(String path, ExecResult result) {
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.exists(image)) {
            err.println("execray: " + image + ": no such file or directory");
            return ExitCode.BAD_INPUT;
        }
        try (Places places = new Places()) {
            Place place;
            try {
                place = places.fromImage(image.toString(), image, Optional.ofNullable(platform).map(Platform::parse));
            } catch (TargetException e) {
                err.println("execray: " + e.getMessage());
                return ExitCode.BAD_INPUT;
            }
            var imageRoot = (dev.execray.rootfs.ImageRoot) place.target().root();
            var config = imageRoot.config();
            if (!json) {
                // what was skipped is said, not silently dropped; JSON carries it in "warnings"
                imageRoot.warnings().forEach(w -> err.println("execray: warning: " + Escape.text(w)));
                if (!imageRoot.dockerRefusals().isEmpty()) {
                    err.println("execray: warning: docker would refuse to load this image ("
                            + imageRoot.dockerRefusals().size() + " entries it cannot unpack)");
                }
            }
            ExecSimulator sim = new ExecSimulator(place.target());
            String cwd = config.workingDir().filter(d -> d.startsWith("/")).orElse("/");
            List<String> start = config.startCommand();
            Optional<ExecResult> entry = Optional.empty();
            if (!start.isEmpty()) {
                String argv0 = start.get(0);
                entry = Optional.of(argv0.contains("/") ? sim.explain(new ExecRequest(argv0, start, cwd))
                        : PathLookup.explainCommand(sim, argv0, start, cwd, Optional.of(config.path())));
            }
            List<String> programs = pathPrograms(place.target().root(), config.path());
            List<Program> checked = new ArrayList<>();
            Progress progress = new Progress(err, programs.size(), "programs");
            for (String p : programs) {
                checked.add(new Program(p, sim.explain(ExecRequest.of(p))));
                progress.step();
            }
            progress.done();
            long failing = checked.stream().filter(c -> !c.result().runs()).count();
            if (json) {
                out.println(Json.write(json(place, start, entry, checked)));
            } else {
                out.print(text(place, start, entry, checked, failing, Style.detect()));
            }
            out.flush();
            return entry.map(ExecResult::runs).orElse(false) ? ExitCode.OK : ExitCode.FINDING;
        }
    }

    /** Executable regular files in the PATH directories, each once (by canonical path), in PATH order. */
    static List<String> pathPrograms(RootFs root, String path) {
        Set<String> seen = new LinkedHashSet<>();
        for (String dir : path.split(":")) {
            if (dir.isEmpty() || !dir.startsWith("/")) {
                continue;
            }
            if (!(root.resolve(dir) instanceof Resolution.Found d) || !d.stat().isDirectory()) {
                continue;
            }
            List<String> names;
            try {
                names = root.list(d.canonical());
            } catch (RootFsException e) {
                continue;
            }
            for (String n : names) {
                String p = (d.canonical().equals("/") ? "" : d.canonical()) + "/" + n;
                if (root.resolve(p) instanceof Resolution.Found f) {
                    FileStat st = f.stat();
                    if (st.isRegular() && st.anyExecuteBit()) {
                        seen.add(f.canonical());
                    }
                }
            }
        }
        return List.copyOf(seen);
    }

    private String text(Place place, List<String> start, Optional<ExecResult> entry, List<Program> checked,
            long failing, Style style) {
        StringBuilder b = new StringBuilder();
        String plat = place.target().platform();
        if (entry.isEmpty()) {
            b.append(style.bad("\u2717")).append(" ").append(place.name()).append(" (").append(plat)
                    .append("): no ENTRYPOINT or CMD: a container needs a command to start\n");
        } else {
            ExecResult r = entry.get();
            boolean depends = r.verdict() instanceof Verdict.Depends;
            b.append(r.runs() ? style.good("\u2713") : depends ? style.warn("?") : style.bad("\u2717")).append(" entrypoint ")
                    .append(String.join(" ", start)).append(r.runs() ? " would start" : depends ? " may or may not start"
                            : " would not start").append(" (")
                    .append(plat).append(")\n\n");
            b.append(indent(ExplainReport.text(r, style)));
        }
        b.append('\n').append(checked.size() - failing).append(" of ").append(checked.size())
                .append(" programs on PATH would run");
        b.append(failing == 0 ? "\n" : "; " + failing + " would not:\n");
        for (Program p : checked) {
            boolean runs = p.result().runs();
            if (runs && !all) {
                continue;
            }
            boolean depends = p.result().verdict() instanceof Verdict.Depends;
            b.append("  ").append(runs ? style.good("\u2713") : depends ? style.warn("?") : style.bad("\u2717"))
                    .append(' ').append(p.path());
            if (p.result().verdict() instanceof Verdict.Fails f) {
                b.append(": ").append(f.why());
            } else if (p.result().verdict() instanceof Verdict.Depends d) {
                b.append(": depends on ").append(d.fact().description()).append(": ").append(d.why());
            }
            b.append('\n');
        }
        return b.toString();
    }

    private static String indent(String s) {
        StringBuilder b = new StringBuilder();
        for (String line : s.split("\n", -1)) {
            if (!line.isEmpty()) {
                b.append("  ").append(line);
            }
            b.append('\n');
        }
        return b.toString().replaceAll("\n+$", "\n");
    }

    private static ObjectNode json(Place place, List<String> start, Optional<ExecResult> entry, List<Program> checked) {
        ObjectNode o = Json.object();
        o.put("image", place.name());
        o.put("platform", place.target().platform());
        ArrayNode cmd = o.putArray("startCommand");
        start.forEach(cmd::add);
        if (entry.isPresent()) {
            o.set("entrypoint", ExplainReport.json(entry.get()));
        } else {
            o.putNull("entrypoint");
        }
        o.put("entrypointRuns", entry.map(ExecResult::runs).orElse(false));
        var imageRoot = (dev.execray.rootfs.ImageRoot) place.target().root();
        imageRoot.warnings().forEach(o.putArray("warnings")::add);
        o.put("dockerWouldRefuse", !imageRoot.dockerRefusals().isEmpty());
        ArrayNode notes = o.putArray("notes");
        place.target().notes().forEach(notes::add);
        ArrayNode ps = o.putArray("programs");
        for (Program p : checked) {
            ObjectNode po = ps.addObject();
            po.put("path", p.path());
            po.put("verdict", p.result().verdictLabel());
            if (p.result().verdict() instanceof Verdict.Fails f) {
                po.put("why", f.why());
                po.put("errno", f.errno().map(Enum::name).orElse(null));
            }
        }
        o.put("programCount", checked.size());
        o.put("failingPrograms", checked.stream().filter(c -> !c.result().runs()).count());
        return o;
    }
}

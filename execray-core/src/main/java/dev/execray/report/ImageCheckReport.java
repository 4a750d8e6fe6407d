package dev.execray.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.execray.exec.ExecResult;
import dev.execray.exec.places.ImageCheck;
import dev.execray.exec.verdict.Verdict;

/** Renders {@code check-image}: the entrypoint's verdict and trace, then the PATH programs that would not run. */
public final class ImageCheckReport {
    private ImageCheckReport() {
    }

    /** Text; {@code all} lists the programs that would run too. */
    public static String text(ImageCheck c, boolean all, Style style) {
        StringBuilder b = new StringBuilder();
        String plat = c.place().target().platform();
        long failing = c.failingPrograms();
        if (c.entrypoint().isEmpty()) {
            b.append(style.bad("\u2717")).append(" ").append(c.place().name()).append(" (").append(plat)
                    .append("): no ENTRYPOINT or CMD: a container needs a command to start\n");
        } else {
            ExecResult r = c.entrypoint().get();
            boolean depends = r.verdict() instanceof Verdict.Depends;
            b.append(r.runs() ? style.good("\u2713") : depends ? style.warn("?") : style.bad("\u2717")).append(" entrypoint ")
                    .append(String.join(" ", c.startCommand())).append(r.runs() ? " would start"
                            : depends ? " may or may not start" : " would not start").append(" (")
                    .append(plat).append(")\n\n");
            b.append(indent(ExplainReport.text(r, style)));
        }
        b.append('\n').append(c.programs().size() - failing).append(" of ").append(c.programs().size())
                .append(" programs on PATH would run");
        b.append(failing == 0 ? "\n" : "; " + failing + " would not:\n");
        for (ImageCheck.Program p : c.programs()) {
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

    public static ObjectNode json(ImageCheck c) {
        ObjectNode o = Json.object();
        o.put("image", c.place().name());
        o.put("platform", c.place().target().platform());
        ArrayNode cmd = o.putArray("startCommand");
        c.startCommand().forEach(cmd::add);
        if (c.entrypoint().isPresent()) {
            o.set("entrypoint", ExplainReport.json(c.entrypoint().get()));
        } else {
            o.putNull("entrypoint");
        }
        o.put("entrypointRuns", c.entrypointRuns());
        c.warnings().forEach(o.putArray("warnings")::add);
        o.put("dockerWouldRefuse", !c.dockerRefusals().isEmpty());
        ArrayNode notes = o.putArray("notes");
        c.place().target().notes().forEach(notes::add);
        ArrayNode ps = o.putArray("programs");
        for (ImageCheck.Program p : c.programs()) {
            ObjectNode po = ps.addObject();
            po.put("path", p.path());
            po.put("verdict", p.result().verdictLabel());
            if (p.result().verdict() instanceof Verdict.Fails f) {
                po.put("why", f.why());
                po.put("errno", f.errno().map(Enum::name).orElse(null));
            }
        }
        o.put("programCount", c.programs().size());
        o.put("failingPrograms", c.failingPrograms());
        return o;
    }
}

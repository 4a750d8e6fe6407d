package dev.execray.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.execray.exec.ExecResult;
import dev.execray.exec.verdict.ExecStep;
import dev.execray.exec.verdict.StepOutcome;
import dev.execray.exec.verdict.UserMessages;
import dev.execray.exec.verdict.Verdict;
import dev.execray.place.Target;
import java.util.ArrayList;
import java.util.List;

/** Renders one simulated exec: the verdict first, the steps aligned, then what users see, why, and the fix. */
public final class ExplainReport {
    private ExplainReport() {
    }

    public static String text(ExecResult r, Style style) {
        StringBuilder b = new StringBuilder();
        Target t = r.target();
        String where = Escape.text(t.root().describe() + " (" + t.summary() + ")");
        String file = Escape.text(r.request().path());
        if (r.verdict() instanceof Verdict.Runs run) {
            b.append(style.good("✓")).append(' ').append(style.bold(file)).append(" runs on ").append(where)
                    .append(", ").append(Escape.text(run.how())).append('\n');
        } else if (r.verdict() instanceof Verdict.Depends d) {
            b.append(style.warn("?")).append(' ').append(style.bold(file)).append(" may or may not start on ")
                    .append(where).append(": it depends on ").append(Escape.text(d.fact().description())).append('\n');
        } else {
            Verdict.Fails f = (Verdict.Fails) r.verdict();
            b.append(style.bad("✗")).append(' ').append(style.bold(file)).append(" will not start on ").append(where)
                    .append(": ").append(Escape.text(f.message())).append(f.errno().map(e -> " (" + e.name() + ")").orElse(
                            f.signal().map(s -> " (" + s.name() + ")").orElse(""))).append('\n');
        }
        b.append('\n');
        List<ExecStep> steps = r.trace().steps();
        int w1 = 6;
        int w2 = 10;
        int w3 = 10;
        for (ExecStep s : steps) {
            w1 = Math.max(w1, s.stage().label().length());
            w2 = Math.min(44, Math.max(w2, s.subject().length()));
            w3 = Math.min(60, Math.max(w3, s.finding().length()));
        }
        int n = 1;
        for (ExecStep s : steps) {
            String outcome = s.errno().map(Enum::name).orElse(s.outcome() == StepOutcome.FAILED
                    ? (s.stage() == dev.execray.exec.verdict.Stage.LOAD ? "fails" : "killed") : s.outcome().label());
            String o = s.outcome() == StepOutcome.FAILED ? style.bad(outcome)
                    : s.outcome() == StepOutcome.OK ? style.good(outcome) : style.dim(outcome);
            b.append(String.format("  %2d %-" + w1 + "s  %-" + w2 + "s  %-" + w3 + "s  ", n++, s.stage().label(),
                    clip(Escape.text(s.subject()), 44), clip(Escape.text(s.finding()), 60)));
            b.append(o).append('\n');
            if (!s.why().isEmpty() && s.outcome() != StepOutcome.OK) {
                b.append("     ").append(" ".repeat(w1)).append("  ").append(style.dim(Escape.text(s.why()))).append('\n');
            }
        }
        b.append('\n');
        if (r.verdict() instanceof Verdict.Runs run) {
            b.append("  argv:    ").append(quoteAll(run.argv())).append('\n');
            b.append("  program: ").append(Escape.text(run.program())).append('\n');
            run.loader().ifPresent(l -> b.append("  loader:  ").append(Escape.text(l)).append('\n'));
            if (run.execfd()) {
                b.append("  auxv:    AT_EXECFD holds the original file open (binfmt_misc O/C flag)\n");
            }
            if (run.preserveArgv0()) {
                b.append("  auxv:    AT_FLAGS has AT_FLAGS_PRESERVE_ARGV0 (binfmt_misc P flag)\n");
            }
        } else if (r.verdict() instanceof Verdict.Depends d) {
            b.append("  Why:     ").append(Escape.text(d.why())).append('\n');
            d.ifNot().ifPresent(s -> b.append("  If not:  ").append(Escape.text(s)).append('\n'));
            b.append("  Settle:  ").append(Escape.text(d.settle())).append('\n');
        } else {
            Verdict.Fails f = (Verdict.Fails) r.verdict();
            UserMessages m = f.messages();
            m.bash().ifPresent(s -> b.append("  The shell says:   ").append(Escape.text(s)).append("   (exit status ")
                    .append(m.bashStatus()).append(")\n"));
            m.bashNote().ifPresent(s -> b.append("  The shell:        ").append(Escape.text(s)).append('\n'));
            m.go().ifPresent(s -> b.append("  Go's os/exec:     ").append(Escape.text(s)).append('\n'));
            m.python().ifPresent(s -> b.append("  Python:           ").append(Escape.text(s)).append('\n'));
            b.append("  Why:  ").append(Escape.text(f.why())).append('\n');
            b.append("  Fix:  ").append(Escape.text(f.fix())).append('\n');
        }
        if (!t.notes().isEmpty()) {
            b.append('\n');
            for (String note : t.notes()) {
                b.append("  ").append(style.dim("note: " + Escape.text(note))).append('\n');
            }
        }
        return b.toString();
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    private static String quoteAll(List<String> argv) {
        List<String> q = new ArrayList<>();
        for (String a : argv) {
            q.add("\"" + Escape.text(a.replace("\\", "\\\\").replace("\"", "\\\"")) + "\"");
        }
        return "[" + String.join(", ", q) + "]";
    }

    /** A path not found inside another root that names a file of this machine: how to place it in the root. */
    public static String hostFileNote(String file, String root) {
        return file + " is looked up inside the root " + root + ", where it does not exist; it exists on this machine: "
                + "to place it in the root, use 'execray matrix --targets dir:ROOT " + file + "'";
    }

    public static ObjectNode json(ExecResult r) {
        ObjectNode o = Json.object();
        o.put("file", r.request().path());
        ObjectNode t = o.putObject("target");
        t.put("platform", r.target().platform());
        t.put("kernel", r.target().kernel().toString());
        t.put("pageSize", r.target().pageSize());
        t.put("libc", r.target().libc().name().toLowerCase());
        t.put("root", r.target().root().describe());
        t.put("binfmt", r.target().binfmt().source());
        ArrayNode tn = t.putArray("notes");
        r.target().notes().forEach(tn::add);
        Verdict v = r.verdict();
        o.put("verdict", v instanceof Verdict.Runs ? "runs" : v instanceof Verdict.Depends ? "depends" : "fails");
        ArrayNode interp = o.putArray("interpreter");
        if (v instanceof Verdict.Runs run) {
            o.putNull("errno");
            o.putNull("errnoNumber");
            o.putNull("message");
            o.putNull("signal");
            run.chain().forEach(interp::add);
            ArrayNode argv = o.putArray("argv");
            run.argv().forEach(argv::add);
            o.put("program", run.program());
            if (run.loader().isPresent()) {
                o.put("loader", run.loader().get());
            } else {
                o.putNull("loader");
            }
            o.put("how", run.how());
            o.put("execfd", run.execfd());
            o.put("preserveArgv0", run.preserveArgv0());
            o.putNull("why");
            o.putNull("fix");
        } else if (v instanceof Verdict.Depends d) {
            o.putNull("errno");
            o.putNull("errnoNumber");
            o.putNull("message");
            o.putNull("signal");
            d.chain().forEach(interp::add);
            o.putNull("argv");
            o.put("stage", d.stage().label());
            o.put("fact", d.fact().name());
            o.put("factDescription", d.fact().description());
            o.put("why", d.why());
            o.put("settle", d.settle());
            if (d.ifNot().isPresent()) {
                o.put("ifNot", d.ifNot().get());
            } else {
                o.putNull("ifNot");
            }
        } else {
            Verdict.Fails f = (Verdict.Fails) v;
            if (f.errno().isPresent()) {
                o.put("errno", f.errno().get().name());
                o.put("errnoNumber", f.errno().get().number(r.target().arch().uname()));
            } else {
                o.putNull("errno");
                o.putNull("errnoNumber");
            }
            o.put("message", f.message());
            if (f.signal().isPresent()) {
                o.put("signal", f.signal().get().name());
            } else {
                o.putNull("signal");
            }
            f.chain().forEach(interp::add);
            o.putNull("argv");
            o.put("step", f.step());
            o.put("stage", f.stage().label());
            o.put("cause", f.cause().name());
            o.put("why", f.why());
            o.put("fix", f.fix());
        }
        UserMessages m = v.messages();
        ObjectNode mm = o.putObject("messages");
        putOpt(mm, "bash", m.bash());
        mm.put("bashStatus", m.bashStatus());
        putOpt(mm, "bashNote", m.bashNote());
        putOpt(mm, "go", m.go());
        putOpt(mm, "python", m.python());
        ArrayNode steps = o.putArray("steps");
        for (ExecStep s : r.trace().steps()) {
            ObjectNode so = steps.addObject();
            so.put("stage", s.stage().label());
            so.put("subject", s.subject());
            so.put("finding", s.finding());
            so.put("outcome", s.outcome().label());
            if (s.errno().isPresent()) {
                so.put("errno", s.errno().get().name());
            } else {
                so.putNull("errno");
            }
            so.put("why", s.why());
        }
        return o;
    }

    private static void putOpt(ObjectNode o, String k, java.util.Optional<String> v) {
        if (v.isPresent()) {
            o.put(k, v.get());
        } else {
            o.putNull(k);
        }
    }
}

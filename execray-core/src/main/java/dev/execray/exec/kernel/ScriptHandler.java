package dev.execray.exec.kernel;

import dev.execray.exec.verdict.Cause;
import dev.execray.exec.verdict.ExecStep;
import dev.execray.exec.verdict.Stage;

import dev.execray.exec.ExecSimulator;
import dev.execray.exec.Printable;

import java.util.ArrayList;
import java.util.List;

/**
 * fs/binfmt_script.c load_script(): "#!" then the interpreter's path and at most one argument, within the
 * kernel's buffer; the interpreter is opened inside the root and replaces the script, which becomes its argument.
 */
public final class ScriptHandler implements BinfmtHandler {
    public static final ScriptHandler INSTANCE = new ScriptHandler();

    private ScriptHandler() {
    }

    @Override
    public Result load(ExecState s, byte[] buf, Context ctx) {
        ShebangLine line = ShebangParser.parse(buf, ctx.target.kernel());
        if (line instanceof ShebangLine.Refused r) {
            ctx.trace.add(ExecStep.skipped(Stage.SCRIPT, "#! line", r.reason(), "the script handler returns ENOEXEC"));
            return new NotMine(r.reason());
        }
        if (!(line instanceof ShebangLine.Parsed p)) {
            return new NotMine("no #!");
        }
        String name = p.nameText();
        List<String> next = new ArrayList<>();
        next.add(name);
        p.argText().ifPresent(next::add);
        next.add(s.file());
        next.addAll(s.restOfArgv());
        String shown = "#!" + name + p.argText().map(a -> " " + a).orElse("");
        for (String n : p.notes()) {
            ctx.trace.add(ExecStep.note(Stage.SCRIPT, "#! line", n, ""));
        }
        OpenExec.Result io = OpenExec.open(ctx.root, name, ctx.cwd, ctx.target.credentials(), true);
        if (io instanceof OpenExec.Refused r) {
            ctx.trace.add(ExecStep.failed(Stage.SCRIPT, Printable.of(shown), ExecSimulator.where(r), r.errno(),
                    "the script's interpreter cannot be opened: " + r.why()));
            return new Done(new KernelOutcome.Failed(r.errno(), "script interpreter", "the interpreter "
                    + Printable.of(name) + " " + r.why(), s.chain(), r.cause() == Cause.NOEXEC_MOUNT
                            ? Cause.NOEXEC_MOUNT : name.endsWith("\r") ? Cause.SCRIPT_CRLF : Cause.SCRIPT_INTERPRETER));
        }
        OpenExec.Opened iop = (OpenExec.Opened) io;
        ctx.trace.add(ExecStep.ok(Stage.SCRIPT, Printable.of(shown), ExecSimulator.describe(iop),
                p.arg().isPresent() ? "one argument: " + Printable.quote(p.argText().get()) : "no argument"));
        if (name.endsWith("/env") && p.argText().isPresent() && !p.argText().get().startsWith("-")) {
            String arg = p.argText().get();
            ctx.trace.add(ExecStep.note(Stage.SCRIPT, "env", "env will look up " + Printable.quote(arg) + " in PATH",
                    arg.contains(" ") || arg.contains("\t")
                            ? "the kernel passes it as ONE argument, so env looks for a program with that whole name "
                                    + "and fails unless it is GNU env given -S"
                            : "run 'execray which " + arg + "' to see what it finds"));
        }
        return new Rewrite(s.rewrite(name, iop.canonical(), next));
    }
}

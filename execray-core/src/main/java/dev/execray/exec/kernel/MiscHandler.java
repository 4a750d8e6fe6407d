package dev.execray.exec.kernel;

import dev.execray.exec.verdict.Cause;
import dev.execray.exec.verdict.ExecStep;
import dev.execray.exec.verdict.Stage;

import dev.execray.exec.ExecSimulator;

import dev.execray.place.BinfmtEntry;
import dev.execray.place.BinfmtFlag;
import dev.execray.place.BinfmtRegistry;
import dev.execray.rootfs.RootFs;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * fs/binfmt_misc.c load_misc_binary(): the first enabled entry (newest first) whose magic or extension matches
 * hands the file to its interpreter. Flag F: the interpreter was opened when the entry was registered, so it
 * is the host's file and need not exist in the root; without F it is opened now, inside the root.
 */
public final class MiscHandler implements BinfmtHandler {
    public static final MiscHandler INSTANCE = new MiscHandler();

    private MiscHandler() {
    }

    @Override
    public Result load(ExecState s, byte[] buf, Context ctx) {
        BinfmtRegistry reg = ctx.target.binfmt();
        if (!reg.enabled()) {
            if (!ctx.registryShown) {
                ctx.trace.add(ExecStep.skipped(Stage.BINFMT_MISC, "registry", "disabled (status: disabled)",
                        "a disabled binfmt_misc matches nothing"));
                ctx.registryShown = true;
            }
            return new NotMine("binfmt_misc is disabled");
        }
        if (reg.entries().isEmpty()) {
            return new NotMine("no binfmt_misc entries");
        }
        BinfmtMatcher.Match m = BinfmtMatcher.find(reg, buf, s.file());
        for (String p : m.passedOver()) {
            ctx.trace.add(ExecStep.skipped(Stage.BINFMT_MISC, "entry", p, "disabled entries are passed over"));
        }
        if (m.entry().isEmpty()) {
            if (!ctx.registryShown) {
                ctx.trace.add(ExecStep.skipped(Stage.BINFMT_MISC, reg.entries().size() + " entries", "none matches",
                        "checked in registry order (" + reg.source() + ")"));
                ctx.registryShown = true;
            }
            return new NotMine("no binfmt_misc entry matches");
        }
        BinfmtEntry e = m.entry().get();
        ExecState state = s.withHandoff(new KernelOutcome.Handoff(e, s.canonical()));
        List<String> next = new ArrayList<>();
        next.add(e.interpreter());
        next.add(s.file());
        next.addAll(e.has(BinfmtFlag.PRESERVE_ARGV0) ? s.argv() : s.restOfArgv());
        boolean fixed = e.has(BinfmtFlag.FIX_BINARY);
        RootFs interpRoot = fixed && reg.live() && !ctx.root.isHost() ? RootFs.host() : ctx.root;
        OpenExec.Result io = OpenExec.open(interpRoot, e.interpreter(), fixed ? "/" : ctx.cwd,
                ctx.target.credentials(), true);
        String flags = BinfmtFlag.letters(e.flags());
        String matchWhat = e.kind() == BinfmtEntry.Kind.EXTENSION ? "extension ." + e.magic().utf8()
                : "magic " + e.magic().toReadable() + " at offset " + e.offset() + (e.mask().isPresent() ? " (masked)" : "");
        boolean openBinary = e.has(BinfmtFlag.OPEN_BINARY);
        boolean preserve = e.has(BinfmtFlag.PRESERVE_ARGV0);
        if ((fixed && reg.live()) && s.depth() + 1 > ExecSimulator.MAX_DEPTH) {
            // the entry's rewrite is one more substitution of exec_binprm()'s loop, F or not
            String why = "more than " + ExecSimulator.MAX_DEPTH + " interpreter substitutions ("
                    + String.join(" → ", s.chain()) + " → " + e.interpreter() + ")";
            ctx.trace.add(ExecStep.failed(Stage.BINFMT_MISC, "entry " + e.name(), "interpreter chain too deep",
                    dev.execray.rootfs.Errno.ELOOP, why));
            return new Done(new KernelOutcome.Failed(dev.execray.rootfs.Errno.ELOOP, "interpreter chain", why, s.chain(),
                    Cause.INTERPRETER_LOOP));
        }
        if (io instanceof OpenExec.Refused r && fixed && reg.live()) {
            // F: the kernel holds the file it opened at registration; the path need not exist now
            ctx.trace.add(ExecStep.ok(Stage.BINFMT_MISC, "entry " + e.name(), "interpreter " + e.interpreter()
                    + " (opened at registration)", "matches " + matchWhat + "; " + r.why()
                    + " now, but the F flag keeps the file opened at registration"));
            ExecState started = state.rewrite(e.interpreter(), e.interpreter(), next).withBinfmtFlags(openBinary, preserve);
            return new Done(started.started(e.interpreter(), Optional.empty()));
        }
        if (io instanceof OpenExec.Refused r) {
            ctx.trace.add(ExecStep.failed(Stage.BINFMT_MISC, "entry " + e.name(), "interpreter " + e.interpreter() + ": "
                    + r.why(), r.errno(), "matched " + matchWhat + "; its interpreter cannot be opened"
                    + (fixed ? " (F: at registration)" : "")));
            return new Done(new KernelOutcome.Failed(r.errno(), "binfmt_misc " + e.name(), "the interpreter "
                    + e.interpreter() + " of binfmt_misc entry " + e.name() + " " + r.why(), s.chain(),
                    r.cause() == Cause.NOEXEC_MOUNT ? Cause.NOEXEC_MOUNT : Cause.BINFMT_INTERPRETER));
        }
        OpenExec.Opened iop = (OpenExec.Opened) io;
        ctx.trace.add(ExecStep.ok(Stage.BINFMT_MISC, "entry " + e.name(), "interpreter " + e.interpreter()
                + (flags.isEmpty() ? "" : ", flags " + flags), "matches " + matchWhat
                + (fixed ? "; F: the interpreter was opened at registration"
                        + (interpRoot != ctx.root ? " on the host, so it need not exist in this root" : "") : "")));
        ExecState next2 = state.rewrite(e.interpreter(), iop.canonical(), next).withBinfmtFlags(openBinary, preserve);
        if (interpRoot != ctx.root) {
            // the kernel runs the file it holds, the host's: nothing of it is looked up in this root
            return new Done(next2.started(e.interpreter(), Optional.empty()));
        }
        return new Rewrite(next2);
    }
}

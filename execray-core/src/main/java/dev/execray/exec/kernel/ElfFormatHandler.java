package dev.execray.exec.kernel;

import dev.execray.binary.elf.ElfField;
import dev.execray.exec.verdict.Cause;
import dev.execray.exec.verdict.ExecStep;
import dev.execray.exec.verdict.Signal;
import dev.execray.exec.verdict.Stage;

import dev.execray.rootfs.Errno;
import dev.execray.rootfs.RootFsException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * fs/binfmt_elf.c load_elf_binary(), then compat_binfmt_elf where the architecture has one: the ELF header
 * checks, the program headers, PT_INTERP, and the mappings after the point of no return.
 */
public final class ElfFormatHandler implements BinfmtHandler {
    public static final ElfFormatHandler INSTANCE = new ElfFormatHandler();

    private ElfFormatHandler() {
    }

    @Override
    public Result load(ExecState s, byte[] buf, Context ctx) {
        if (!ElfField.hasMagic(buf)) {
            return new NotMine("no ELF magic");
        }
        FileWindow src;
        try {
            long size = ctx.root.lstat(s.canonical()).size();
            src = new FileWindow(ctx.root, s.canonical(), size);
            ctx.trace.add(ExecStep.note(Stage.ELF, "format", ElfDescription.of(src.headSource(), size), ""));
        } catch (RootFsException e) {
            ctx.trace.add(ExecStep.failed(Stage.ELF, s.canonical(), "cannot read", e.errno(), e.getMessage()));
            return new Done(new KernelOutcome.Failed(e.errno(), "read", e.getMessage(), s.chain(), Cause.UNREADABLE));
        }
        List<String> reasons = new ArrayList<>();
        boolean machineMismatchOnly = true;
        boolean noCompat = false;
        var t = ctx.target;
        for (ElfHandler h : ElfHandler.forArch(t.arch(), t.features())) {
            ElfLoader loader = new ElfLoader(h, t.features(), t.pageSize(), t.kernel(), ctx.root, ctx.cwd, t.credentials());
            ElfLoader.Outcome o = loader.load(buf, s.canonical(), src);
            for (ExecStep step : loader.steps) {
                ctx.trace.add(step);
            }
            if (o instanceof ElfLoader.NotMine n) {
                reasons.add(h.name() + ": " + n.why());
                if (n.refusal() == ElfLoader.Refusal.NO_COMPAT) {
                    noCompat = true;
                } else if (n.refusal() != ElfLoader.Refusal.MACHINE && n.refusal() != ElfLoader.Refusal.BYTE_ORDER) {
                    machineMismatchOnly = false;
                }
                continue;
            }
            if (o instanceof ElfLoader.Error err) {
                Cause cause = err.stage() != Stage.INTERP ? Cause.BAD_ELF
                        : err.errno() == Errno.ENOENT ? Cause.ELF_INTERPRETER_MISSING
                        : err.cause().filter(c -> c == Cause.NOEXEC_MOUNT).orElse(Cause.ELF_INTERPRETER_BAD);
                return new Done(new KernelOutcome.Failed(err.errno(), err.stage().label(), err.why(), s.chain(), cause,
                        Optional.of(s.canonical())));
            }
            ElfLoader.Loaded l = (ElfLoader.Loaded) o;
            if (l.killed().isPresent()) {
                return new Done(new KernelOutcome.Killed(Signal.SIGSEGV, l.killed().get().cause(), "load",
                        l.killed().get().why(), s.chain(), s.argv(), s.canonical()));
            }
            if (l.crashes().isPresent()) {
                return new Done(new KernelOutcome.Killed(Signal.SIGBUS, l.crashes().get().cause(), "load",
                        l.crashes().get().why(), s.chain(), s.argv(), s.canonical()));
            }
            return new Done(s.started(s.canonical(), l.loader()));
        }
        Cause cause = machineMismatchOnly && noCompat ? Cause.NO_32BIT_SUPPORT
                : machineMismatchOnly ? Cause.WRONG_MACHINE : Cause.BAD_ELF;
        return new NotMine(String.join("; ", reasons), Optional.of(cause));
    }
}

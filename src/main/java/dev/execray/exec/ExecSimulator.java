package dev.execray.exec;

import dev.execray.binary.ByteSource;
import dev.execray.rootfs.Errno;
import dev.execray.rootfs.RootFs;
import dev.execray.rootfs.RootFsException;
import dev.execray.place.BinfmtEntry;
import dev.execray.place.BinfmtFlag;
import dev.execray.place.BinfmtRegistry;
import dev.execray.place.ExecBuffer;
import dev.execray.place.Os;
import dev.execray.place.Target;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Walks a file through the Linux exec path for a target, without running it: open_exec(), then the
 * handler list in the kernel's order — binfmt_misc (registered at the head), binfmt_script,
 * binfmt_elf, compat_binfmt_elf — repeated for each interpreter substituted (exec_binprm(): more
 * than five substitutions is ELOOP), down to the ELF loader's checks. Every decision becomes a step
 * of the trace; the result is a {@link Verdict} with the messages bash, Go and Python would print.
 */
public final class ExecSimulator {
    /** exec_binprm(): "depth > 5" ends the loop. */
    static final int MAX_DEPTH = 5;

    private final Target target;
    /** Shared by every exec simulated here: each library of the root is read once (a whole image's PATH). */
    private dev.execray.exec.ld.LoaderSession session;

    public ExecSimulator(Target target) {
        if (target.os() != Os.LINUX) {
            throw new IllegalArgumentException("the exec simulation covers Linux targets; " + target.platform()
                    + " is not one");
        }
        this.target = target;
    }

    public Target target() {
        return target;
    }

    /** Simulates execve() of one path and explains the outcome. */
    public ExecResult explain(ExecRequest request) {
        ExecTrace.Builder trace = new ExecTrace.Builder();
        KernelOutcome k = execve(request.path(), request.argv(), request.cwd(), trace);
        Verdict v = VerdictBuilder.build(target, request, k);
        if (k instanceof KernelOutcome.Started s && s.loader().isPresent()) {
            // the kernel maps the program and its loader; the loader then finds and binds the libraries
            if (session == null) {
                session = DynamicLoaderCheck.session(target);
            }
            Optional<Verdict> loaded = DynamicLoaderCheck.run(target, session, request, s, trace)
                    .flatMap(l -> DynamicLoaderCheck.verdict(target, s, l));
            if (loaded.isPresent()) {
                v = loaded.get();
            }
        }
        return new ExecResult(request, target, trace.build(), v);
    }

    /** The kernel part alone: what execve() does with {@code path}. */
    KernelOutcome execve(String path, List<String> argv0, String cwd, ExecTrace.Builder trace) {
        RootFs root = target.root();
        int bufSize = ExecBuffer.size(target.kernel());
        OpenExec.Result open = OpenExec.open(root, path, cwd, target.credentials());
        if (open instanceof OpenExec.Refused r) {
            trace.add(ExecStep.failed(Stage.OPEN, path, where(r), r.errno(), r.why()));
            KernelOutcome.Failure kind = r.errno() == Errno.EACCES
                    ? (r.why().startsWith("is a directory") ? KernelOutcome.Failure.IS_DIRECTORY
                            : r.why().startsWith("mode") ? KernelOutcome.Failure.NOT_EXECUTABLE
                                    : KernelOutcome.Failure.OPEN)
                    : KernelOutcome.Failure.OPEN;
            return new KernelOutcome.Failed(r.errno(), "open", r.why(), List.of(), kind);
        }
        OpenExec.Opened opened = (OpenExec.Opened) open;
        trace.add(ExecStep.ok(Stage.OPEN, path, describe(opened), "found and executable by " + target.credentials()));

        String interp = path;
        List<String> argv = new ArrayList<>(argv0);
        List<String> chain = new ArrayList<>();
        String canonical = opened.canonical();
        boolean haveExecfd = false;
        boolean executableSet = false;
        boolean preserveArgv0 = false;
        BinfmtRegistry reg = target.binfmt();
        boolean registryShown = false;

        for (int depth = 0;; depth++) {
            if (depth > MAX_DEPTH) {
                String why = "more than " + MAX_DEPTH + " interpreter substitutions (" + String.join(" → ", chain) + ")";
                trace.add(ExecStep.failed(Stage.SCRIPT, interp, "interpreter chain too deep", Errno.ELOOP, why));
                return new KernelOutcome.Failed(Errno.ELOOP, "interpreter chain", why, chain, KernelOutcome.Failure.LOOP);
            }
            byte[] buf;
            try {
                byte[] head = root.readHead(canonical, bufSize);
                buf = Arrays.copyOf(head, bufSize);
            } catch (RootFsException e) {
                trace.add(ExecStep.failed(Stage.OPEN, canonical, "cannot read", e.errno(), e.getMessage()));
                return new KernelOutcome.Failed(e.errno(), "read", e.getMessage(), chain, KernelOutcome.Failure.OTHER);
            }

            // 1. binfmt_misc: registered at the head of the handler list
            boolean rewritten = false;
            if (!reg.enabled()) {
                if (!registryShown) {
                    trace.add(ExecStep.skipped(Stage.BINFMT_MISC, "registry", "disabled (status: disabled)",
                            "a disabled binfmt_misc matches nothing"));
                    registryShown = true;
                }
            } else if (!reg.entries().isEmpty()) {
                BinfmtMatcher.Match m = BinfmtMatcher.find(reg, buf, interp);
                for (String p : m.passedOver()) {
                    trace.add(ExecStep.skipped(Stage.BINFMT_MISC, "entry", p, "disabled entries are passed over"));
                }
                if (m.entry().isPresent()) {
                    BinfmtEntry e = m.entry().get();
                    List<String> next = new ArrayList<>();
                    next.add(e.interpreter());
                    next.add(interp);
                    if (e.has(BinfmtFlag.PRESERVE_ARGV0)) {
                        next.addAll(argv);
                    } else if (!argv.isEmpty()) {
                        next.addAll(argv.subList(1, argv.size()));
                    }
                    boolean fixed = e.has(BinfmtFlag.FIX_BINARY);
                    RootFs interpRoot = fixed && reg.live() && !root.isHost() ? RootFs.host() : root;
                    OpenExec.Result io = OpenExec.open(interpRoot, e.interpreter(), fixed ? "/" : cwd,
                            target.credentials(), true);
                    String flags = BinfmtFlag.letters(e.flags());
                    String matchWhat = e.kind() == BinfmtEntry.Kind.EXTENSION ? "extension ." + e.magic().utf8()
                            : "magic " + e.magic().toReadable() + " at offset " + e.offset()
                                    + (e.mask().isPresent() ? " (masked)" : "");
                    if (io instanceof OpenExec.Refused r && fixed && reg.live()) {
                        // F: the kernel holds the file it opened at registration; the path need not exist now
                        trace.add(ExecStep.ok(Stage.BINFMT_MISC, "entry " + e.name(), "interpreter " + e.interpreter()
                                + " (opened at registration)", "matches " + matchWhat + "; " + r.why()
                                + " now, but the F flag keeps the file opened at registration"));
                        chain.add(e.interpreter());
                        return new KernelOutcome.Started(chain, next, e.interpreter(), Optional.empty(),
                                haveExecfd || e.has(BinfmtFlag.OPEN_BINARY), preserveArgv0 || e.has(BinfmtFlag.PRESERVE_ARGV0));
                    }
                    if (io instanceof OpenExec.Refused r) {
                        trace.add(ExecStep.failed(Stage.BINFMT_MISC, "entry " + e.name(), "interpreter "
                                + e.interpreter() + ": " + r.why(), r.errno(), "matched " + matchWhat
                                + "; its interpreter cannot be opened" + (fixed ? " (F: at registration)" : "")));
                        return new KernelOutcome.Failed(r.errno(), "binfmt_misc " + e.name(), "the interpreter "
                                + e.interpreter() + " of binfmt_misc entry " + e.name() + " " + r.why(), chain,
                                KernelOutcome.Failure.BINFMT_INTERPRETER);
                    }
                    OpenExec.Opened iop = (OpenExec.Opened) io;
                    trace.add(ExecStep.ok(Stage.BINFMT_MISC, "entry " + e.name(), "interpreter " + e.interpreter()
                            + (flags.isEmpty() ? "" : ", flags " + flags), "matches " + matchWhat
                            + (fixed ? "; F: the interpreter was opened at registration"
                                    + (interpRoot != root ? " on the host, so it need not exist in this root" : "")
                                    : "")));
                    chain.add(e.interpreter());
                    interp = e.interpreter();
                    argv = next;
                    canonical = iop.canonical();
                    if (e.has(BinfmtFlag.OPEN_BINARY)) {
                        haveExecfd = true;
                    }
                    if (e.has(BinfmtFlag.PRESERVE_ARGV0)) {
                        preserveArgv0 = true;
                    }
                    rewritten = true;
                } else if (!registryShown) {
                    trace.add(ExecStep.skipped(Stage.BINFMT_MISC, reg.entries().size() + " entries", "none matches",
                            "checked in registry order (" + reg.source() + ")"));
                    registryShown = true;
                }
            }

            // 2. binfmt_script
            if (!rewritten) {
                ShebangLine line = ShebangParser.parse(buf, target.kernel());
                if (line instanceof ShebangLine.Refused r) {
                    trace.add(ExecStep.skipped(Stage.SCRIPT, "#! line", r.reason(), "the script handler returns ENOEXEC"));
                } else if (line instanceof ShebangLine.Parsed p) {
                    String name = p.nameText();
                    List<String> next = new ArrayList<>();
                    next.add(name);
                    p.argText().ifPresent(next::add);
                    next.add(interp);
                    if (!argv.isEmpty()) {
                        next.addAll(argv.subList(1, argv.size()));
                    }
                    String shown = "#!" + name + p.argText().map(a -> " " + a).orElse("");
                    for (String n : p.notes()) {
                        trace.add(ExecStep.note(Stage.SCRIPT, "#! line", n, ""));
                    }
                    OpenExec.Result io = OpenExec.open(root, name, cwd, target.credentials(), true);
                    if (io instanceof OpenExec.Refused r) {
                        trace.add(ExecStep.failed(Stage.SCRIPT, Printable.of(shown), where(r), r.errno(),
                                "the script's interpreter cannot be opened: " + r.why()));
                        return new KernelOutcome.Failed(r.errno(), "script interpreter", "the interpreter "
                                + Printable.of(name) + " " + r.why(), chain, KernelOutcome.Failure.SCRIPT_INTERPRETER);
                    }
                    OpenExec.Opened iop = (OpenExec.Opened) io;
                    trace.add(ExecStep.ok(Stage.SCRIPT, Printable.of(shown), describe(iop),
                            p.arg().isPresent() ? "one argument: " + Printable.quote(p.argText().get()) : "no argument"));
                    if (name.endsWith("/env") && p.argText().isPresent() && !p.argText().get().startsWith("-")) {
                        String arg = p.argText().get();
                        trace.add(ExecStep.note(Stage.SCRIPT, "env", "env will look up " + Printable.quote(arg)
                                + " in PATH", arg.contains(" ") || arg.contains("\t")
                                        ? "the kernel passes it as ONE argument, so env looks for a program with that "
                                                + "whole name and fails unless it is GNU env given -S"
                                        : "run 'execray which " + arg + "' to see what it finds"));
                    }
                    chain.add(name);
                    interp = name;
                    argv = next;
                    canonical = iop.canonical();
                    rewritten = true;
                }
            }

            if (rewritten) {
                if (haveExecfd) {
                    if (executableSet) {
                        String why = "a second interpreter substitution after a binfmt_misc entry with the O flag";
                        trace.add(ExecStep.failed(Stage.BINFMT_MISC, interp, "O flag", Errno.ENOEXEC, why));
                        return new KernelOutcome.Failed(Errno.ENOEXEC, "binfmt_misc O flag", why, chain,
                                KernelOutcome.Failure.OPEN_BINARY_TWICE);
                    }
                    executableSet = true;
                }
                continue;
            }

            // 3. binfmt_elf, then compat_binfmt_elf
            List<String> reasons = new ArrayList<>();
            FileWindow src = null;
            boolean elfMagic = buf[0] == 0x7f && buf[1] == 'E' && buf[2] == 'L' && buf[3] == 'F';
            boolean machineMismatchOnly = elfMagic;
            if (elfMagic) {
                long size;
                try {
                    size = root.lstat(canonical).size();
                    src = new FileWindow(root, canonical, size);
                    trace.add(ExecStep.note(Stage.ELF, "format", ElfDescription.of(src.headSource(), size), ""));
                } catch (RootFsException e) {
                    trace.add(ExecStep.failed(Stage.ELF, canonical, "cannot read", e.errno(), e.getMessage()));
                    return new KernelOutcome.Failed(e.errno(), "read", e.getMessage(), chain,
                            KernelOutcome.Failure.OTHER);
                }
            }
            for (ElfHandler h : ElfHandler.forArch(target.arch(), target.features())) {
                if (!elfMagic) {
                    reasons.add(h.name() + ": no ELF magic");
                    continue;
                }
                ElfLoader loader = new ElfLoader(h, target.features(), target.pageSize(), target.kernel(), root, cwd,
                        target.credentials());
                ElfLoader.Outcome o = loader.load(buf, canonical, src);
                for (ExecStep s : loader.steps) {
                    trace.add(s);
                }
                if (o instanceof ElfLoader.NotMine n) {
                    reasons.add(h.name() + ": " + n.why());
                    if (!n.why().startsWith("e_machine") && !n.why().contains("emulation") && !n.why().contains("EI_CLASS")
                            && !n.why().contains("OABI") && !n.why().contains("entry address")) {
                        machineMismatchOnly = false;
                    }
                    continue;
                }
                if (o instanceof ElfLoader.Error err) {
                    KernelOutcome.Failure kind = err.stage() == Stage.INTERP ? KernelOutcome.Failure.ELF_INTERPRETER
                            : KernelOutcome.Failure.BAD_ELF;
                    return new KernelOutcome.Failed(err.errno(), err.stage().label(), err.why(), chain, kind);
                }
                ElfLoader.Loaded l = (ElfLoader.Loaded) o;
                if (l.killed().isPresent()) {
                    return new KernelOutcome.Killed("SIGSEGV", "load", l.killed().get(), chain, argv);
                }
                if (l.crashes().isPresent()) {
                    return new KernelOutcome.Killed("SIGBUS", "load", l.crashes().get(), chain, argv);
                }
                return new KernelOutcome.Started(chain, argv, canonical, l.loader(), haveExecfd, preserveArgv0);
            }
            String what = elfMagic ? "an ELF file no handler accepts" : "no handler recognises the format";
            trace.add(ExecStep.failed(Stage.ELF, canonical, what, Errno.ENOEXEC, String.join("; ", reasons)));
            KernelOutcome.Failure kind = !elfMagic ? KernelOutcome.Failure.UNKNOWN_FORMAT
                    : machineMismatchOnly ? KernelOutcome.Failure.WRONG_MACHINE : KernelOutcome.Failure.BAD_ELF;
            return new KernelOutcome.Failed(Errno.ENOEXEC, elfMagic ? "elf" : "format", String.join("; ", reasons), chain,
                    kind);
        }
    }

    static String where(OpenExec.Refused r) {
        return r.at() + ": " + r.why();
    }

    static String describe(OpenExec.Opened op) {
        String s = op.canonical() + ", " + op.stat().modeString() + " " + op.stat().size() + " bytes";
        return op.symlinks().isEmpty() ? s : s + " (via " + String.join(", ", op.symlinks()) + ")";
    }

    /** The head of a file for messages that inspect it (bash reads 128 bytes). */
    Optional<byte[]> sample(String path, String cwd, int max) {
        OpenExec.Result o = OpenExec.open(target.root(), path, cwd, dev.execray.rootfs.Credentials.ROOT);
        if (o instanceof OpenExec.Opened op) {
            try {
                return Optional.of(target.root().readHead(op.canonical(), max));
            } catch (RootFsException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}

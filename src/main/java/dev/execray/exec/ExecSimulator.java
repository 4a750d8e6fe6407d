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
        if (k instanceof KernelOutcome.Started s) {
            v = afterKernel(request, s, (Verdict.Runs) v, trace);
        } else if (v instanceof Verdict.Fails f && f.cause() == Cause.ELF_INTERPRETER_MISSING && f.chain().isEmpty()) {
            v = foreignLoaderMissing(request, f);
        }
        return new ExecResult(request, target, trace.build(), v);
    }

    /**
     * The kernel started something; what follows decides whether the program really runs: the started
     * program's own loader and libraries, an emulator's guest and the guest's loader, and whether the native
     * code that runs is a Linux program at all. Each stage either passes, fails with a cause, or — where a
     * deciding fact cannot be read — makes the verdict depend on that fact. Never a silent "runs".
     */
    private Verdict afterKernel(ExecRequest request, KernelOutcome.Started s, Verdict.Runs runs, ExecTrace.Builder trace) {
        Messages msgs = new Messages(target.root(), request.cwd(), target.credentials(), target.arch().uname());
        if (target.features().ia32Unsettled().isPresent() && s.handoff().isEmpty() && isX86Program32(s.program())) {
            trace.add(ExecStep.note(Stage.ELF, "compat_binfmt_elf", "32-bit x86 support not settled",
                    target.features().ia32Unsettled().get()));
            return new Verdict.Depends(Stage.ELF, Fact.IA32_EMULATION, s.chain(), "a 32-bit x86 program: it runs only "
                    + "if this kernel runs 32-bit programs, and " + target.features().ia32Unsettled().get()
                    + " (hypervisors and kernels built with CONFIG_IA32_EMULATION_DEFAULT_DISABLED refuse them)",
                    "check /proc/config.gz or /boot/config-$(uname -r) for CONFIG_IA32_EMULATION, and /proc/cmdline "
                            + "for ia32_emulation=", Optional.of("Exec format error (ENOEXEC); the shell says "
                            + "\"cannot execute binary file: Exec format error\", exit status 126"), Messages.none());
        }
        if (s.loader().isPresent()) {
            // the kernel maps the program and its loader; the loader then finds and binds the libraries
            Optional<Verdict> loaded = followLoader(s.program(), s.argv().isEmpty() ? s.program() : s.argv().get(0),
                    request.cwd(), s.chain(), trace);
            if (loaded.isPresent()) {
                return loaded.get();
            }
        }
        if (s.handoff().isPresent()) {
            Optional<Verdict> guest = EmulatedGuest.follow(this, request, s, trace, msgs);
            if (guest.isPresent()) {
                return guest.get();
            }
        } else {
            Optional<ProgramOs.Foreign> foreign = ProgramOs.foreign(target.root(), s.program());
            if (foreign.isPresent()) {
                ProgramOs.Foreign f = foreign.get();
                trace.add(ExecStep.killed(Stage.RUN, "OS", "a " + f.os() + " program", f.evidence()
                        + "; its system calls are numbered for another kernel"));
                return new Verdict.Fails(Stage.RUN, Cause.FOREIGN_OS, "run", Optional.empty(), Optional.of(Signal.SIGSEGV),
                        s.chain(), "a " + f.os() + " program (" + f.evidence() + "): the Linux kernel loads it, but its "
                                + "first system call is another kernel's and the process is killed (SIGSEGV)",
                        VerdictBuilder.fix(Cause.FOREIGN_OS, Optional.empty(), target, request),
                        msgs.forSignal(request.path(), Signal.SIGSEGV));
            }
        }
        return runs;
    }

    /**
     * Another OS's dynamic program asks for its OS's loader (/libexec/ld-elf.so.1, /usr/libexec/ld.so,
     * /lib/amd64/ld.so.1): the kernel's ENOENT is the same, but the fix is not "install the C library".
     */
    private Verdict foreignLoaderMissing(ExecRequest request, Verdict.Fails f) {
        OpenExec.Result o = OpenExec.open(target.root(), request.path(), request.cwd(), target.credentials());
        if (!(o instanceof OpenExec.Opened op)) {
            return f;
        }
        Optional<ProgramOs.Foreign> foreign = ProgramOs.foreign(target.root(), op.canonical());
        if (foreign.isEmpty()) {
            return f;
        }
        return new Verdict.Fails(f.stage(), f.cause(), f.step(), f.errno(), f.signal(), f.chain(),
                f.why() + ": it is built for " + foreign.get().os() + " (" + foreign.get().evidence() + ") and asks for "
                        + foreign.get().os() + "'s loader", VerdictBuilder.fix(Cause.FOREIGN_OS, Optional.empty(), target,
                        request), f.messages());
    }

    private boolean isX86Program32(String program) {
        try {
            byte[] h = target.root().readHead(program, 20);
            return h.length >= 20 && h[4] == 1 && h[5] == 1 && (h[18] == 3 || h[18] == 6) && h[19] == 0;
        } catch (RootFsException e) {
            return false;
        }
    }

    /** The dynamic loader of {@code program}: a failing verdict, a depending one, or empty when it loads. */
    Optional<Verdict> followLoader(String program, String argv0, String cwd, List<String> chain, ExecTrace.Builder trace) {
        if (session == null) {
            session = DynamicLoaderCheck.session(target);
        }
        DynamicLoaderCheck.Followed f = DynamicLoaderCheck.run(target, session, cwd, program, argv0, trace);
        if (f instanceof DynamicLoaderCheck.NotFollowed nf) {
            if (nf.why().isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Verdict.Depends(Stage.LOAD, Fact.DYNAMIC_LOADER, chain, "the kernel starts "
                    + program + ", but its dynamic loader's work cannot be followed: " + nf.why(),
                    "run the program's loader in that place to list its libraries (ldd PROGRAM), or give a root "
                            + "that holds them", Optional.empty(), Messages.none()));
        }
        return DynamicLoaderCheck.verdict(target, chain, ((DynamicLoaderCheck.Done) f).loaded());
    }

    /** The kernel part alone: what execve() does with {@code path}. */
    KernelOutcome execve(String path, List<String> argv0, String cwd, ExecTrace.Builder trace) {
        RootFs root = target.root();
        int bufSize = ExecBuffer.size(target.kernel());
        OpenExec.Result open = OpenExec.open(root, path, cwd, target.credentials());
        if (open instanceof OpenExec.Refused r) {
            trace.add(ExecStep.failed(Stage.OPEN, path, where(r), r.errno(), r.why()));
            return new KernelOutcome.Failed(r.errno(), "open", r.why(), List.of(), r.cause());
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
        Optional<KernelOutcome.Handoff> handoff = Optional.empty();

        for (int depth = 0;; depth++) {
            if (depth > MAX_DEPTH) {
                String why = "more than " + MAX_DEPTH + " interpreter substitutions (" + String.join(" → ", chain) + ")";
                trace.add(ExecStep.failed(Stage.SCRIPT, interp, "interpreter chain too deep", Errno.ELOOP, why));
                return new KernelOutcome.Failed(Errno.ELOOP, "interpreter chain", why, chain, Cause.INTERPRETER_LOOP);
            }
            byte[] buf;
            try {
                byte[] head = root.readHead(canonical, bufSize);
                buf = Arrays.copyOf(head, bufSize);
            } catch (RootFsException e) {
                trace.add(ExecStep.failed(Stage.OPEN, canonical, "cannot read", e.errno(), e.getMessage()));
                return new KernelOutcome.Failed(e.errno(), "read", e.getMessage(), chain, Cause.UNREADABLE);
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
                    if (handoff.isEmpty()) {
                        handoff = Optional.of(new KernelOutcome.Handoff(e, canonical));
                    }
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
                                haveExecfd || e.has(BinfmtFlag.OPEN_BINARY), preserveArgv0 || e.has(BinfmtFlag.PRESERVE_ARGV0),
                                handoff);
                    }
                    if (io instanceof OpenExec.Refused r) {
                        trace.add(ExecStep.failed(Stage.BINFMT_MISC, "entry " + e.name(), "interpreter "
                                + e.interpreter() + ": " + r.why(), r.errno(), "matched " + matchWhat
                                + "; its interpreter cannot be opened" + (fixed ? " (F: at registration)" : "")));
                        return new KernelOutcome.Failed(r.errno(), "binfmt_misc " + e.name(), "the interpreter "
                                + e.interpreter() + " of binfmt_misc entry " + e.name() + " " + r.why(), chain,
                                r.cause() == Cause.NOEXEC_MOUNT ? Cause.NOEXEC_MOUNT : Cause.BINFMT_INTERPRETER);
                    }
                    OpenExec.Opened iop = (OpenExec.Opened) io;
                    trace.add(ExecStep.ok(Stage.BINFMT_MISC, "entry " + e.name(), "interpreter " + e.interpreter()
                            + (flags.isEmpty() ? "" : ", flags " + flags), "matches " + matchWhat
                            + (fixed ? "; F: the interpreter was opened at registration"
                                    + (interpRoot != root ? " on the host, so it need not exist in this root" : "")
                                    : "")));
                    chain.add(e.interpreter());
                    if (interpRoot != root) {
                        // the kernel runs the file it holds, the host's: nothing of it is looked up in this root
                        List<String> nextArgv = next;
                        return new KernelOutcome.Started(chain, nextArgv, e.interpreter(), Optional.empty(),
                                haveExecfd || e.has(BinfmtFlag.OPEN_BINARY),
                                preserveArgv0 || e.has(BinfmtFlag.PRESERVE_ARGV0), handoff);
                    }
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
                                + Printable.of(name) + " " + r.why(), chain, r.cause() == Cause.NOEXEC_MOUNT
                                        ? Cause.NOEXEC_MOUNT : name.endsWith("\r") ? Cause.SCRIPT_CRLF
                                        : Cause.SCRIPT_INTERPRETER);
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
                                Cause.OPEN_BINARY_TWICE);
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
            boolean noCompat = false;
            if (elfMagic) {
                long size;
                try {
                    size = root.lstat(canonical).size();
                    src = new FileWindow(root, canonical, size);
                    trace.add(ExecStep.note(Stage.ELF, "format", ElfDescription.of(src.headSource(), size), ""));
                } catch (RootFsException e) {
                    trace.add(ExecStep.failed(Stage.ELF, canonical, "cannot read", e.errno(), e.getMessage()));
                    return new KernelOutcome.Failed(e.errno(), "read", e.getMessage(), chain, Cause.UNREADABLE);
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
                    if (n.refusal() == ElfLoader.Refusal.NO_COMPAT) {
                        noCompat = true;
                    } else if (n.refusal() != ElfLoader.Refusal.MACHINE) {
                        machineMismatchOnly = false;
                    }
                    continue;
                }
                if (o instanceof ElfLoader.Error err) {
                    Cause cause = err.stage() != Stage.INTERP ? Cause.BAD_ELF
                            : err.errno() == Errno.ENOENT ? Cause.ELF_INTERPRETER_MISSING
                            : err.cause().filter(c -> c == Cause.NOEXEC_MOUNT).orElse(Cause.ELF_INTERPRETER_BAD);
                    return new KernelOutcome.Failed(err.errno(), err.stage().label(), err.why(), chain, cause);
                }
                ElfLoader.Loaded l = (ElfLoader.Loaded) o;
                if (l.killed().isPresent()) {
                    return new KernelOutcome.Killed(Signal.SIGSEGV, l.killed().get().cause(), "load",
                            l.killed().get().why(), chain, argv);
                }
                if (l.crashes().isPresent()) {
                    return new KernelOutcome.Killed(Signal.SIGBUS, l.crashes().get().cause(), "load",
                            l.crashes().get().why(), chain, argv);
                }
                return new KernelOutcome.Started(chain, argv, canonical, l.loader(), haveExecfd, preserveArgv0, handoff);
            }
            String what = elfMagic ? "an ELF file no handler accepts" : "no handler recognises the format";
            trace.add(ExecStep.failed(Stage.ELF, canonical, what, Errno.ENOEXEC, String.join("; ", reasons)));
            Cause kind = !elfMagic ? Cause.UNKNOWN_FORMAT
                    : machineMismatchOnly && noCompat ? Cause.NO_32BIT_SUPPORT
                    : machineMismatchOnly ? Cause.WRONG_MACHINE : Cause.BAD_ELF;
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

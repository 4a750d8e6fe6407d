package dev.execray.exec;

import dev.execray.exec.emulator.EmulatedGuest;
import dev.execray.exec.kernel.BinfmtHandler;
import dev.execray.exec.kernel.ElfFormatHandler;
import dev.execray.exec.kernel.ElfHandler;
import dev.execray.exec.kernel.ExecState;
import dev.execray.exec.kernel.KernelOutcome;
import dev.execray.exec.kernel.MiscHandler;
import dev.execray.exec.kernel.OpenExec;
import dev.execray.exec.kernel.ScriptHandler;
import dev.execray.exec.run.ProgramOs;
import dev.execray.exec.verdict.Cause;
import dev.execray.exec.verdict.ExecStep;
import dev.execray.exec.verdict.ExecTrace;
import dev.execray.exec.verdict.Fact;
import dev.execray.exec.verdict.Messages;
import dev.execray.exec.verdict.Signal;
import dev.execray.exec.verdict.Stage;
import dev.execray.exec.verdict.Verdict;
import dev.execray.exec.verdict.VerdictBuilder;

import dev.execray.binary.ByteSource;
import dev.execray.binary.elf.ElfField;
import dev.execray.binary.elf.ElfMachine;
import dev.execray.binary.elf.ElfType;
import dev.execray.rootfs.Errno;
import dev.execray.rootfs.RootFs;
import dev.execray.rootfs.RootFsException;
import dev.execray.place.BinfmtEntry;
import dev.execray.place.BinfmtFlag;
import dev.execray.place.BinfmtRegistry;
import dev.execray.place.ExecBuffer;
import dev.execray.place.HostFacts;
import dev.execray.place.KernelFeatures;
import dev.execray.place.KernelLog;
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
    public static final int MAX_DEPTH = 5;

    private final Target target;
    /** Shared by every exec simulated here: each library of the root is read once (a whole image's PATH). */
    private dev.execray.exec.ld.DynamicLoaderStage stage;

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
        Messages msgs = new Messages(target.root(), request.cwd(), target.credentials(), target.arch().uname());
        // a kernel that does not run 32-bit x86 refuses the file at compat_binfmt_elf's elf_check_arch(), before
        // anything the simulation found later: the program interpreter, the mapping, the loader
        Optional<Verdict> refused = elfTakenByHandler(k)
                .flatMap(program -> ia32Support(request, program, k.chain(), !(k instanceof KernelOutcome.Started),
                        trace, msgs));
        if (refused.isPresent()) {
            v = refused.get();
        } else if (k instanceof KernelOutcome.Started s) {
            v = afterKernel(request, s, (Verdict.Runs) v, trace, msgs);
        } else if (v instanceof Verdict.Fails f && f.cause() == Cause.ELF_INTERPRETER_MISSING && f.chain().isEmpty()) {
            v = foreignLoaderMissing(request, f);
        }
        return new ExecResult(request, target, trace.build(), v);
    }

    /** The ELF file the kernel's ELF handler accepted, whatever happened after; none for an emulator's guest. */
    private static Optional<String> elfTakenByHandler(KernelOutcome k) {
        if (k instanceof KernelOutcome.Started s) {
            return s.handoff().isPresent() ? Optional.empty() : Optional.of(s.program());
        }
        if (k instanceof KernelOutcome.Killed kill) {
            return Optional.of(kill.program());
        }
        return ((KernelOutcome.Failed) k).elf();
    }

    /**
     * The kernel started something; what follows decides whether the program really runs: the started
     * program's own loader and libraries, an emulator's guest and the guest's loader, and whether the native
     * code that runs is a Linux program at all. Each stage either passes, fails with a cause, or — where a
     * deciding fact cannot be read — makes the verdict depend on that fact. Never a silent "runs".
     */
    private Verdict afterKernel(ExecRequest request, KernelOutcome.Started s, Verdict.Runs runs, ExecTrace.Builder trace,
            Messages msgs) {
        Optional<Verdict> suid = setuidIgnored(request, s, trace);
        if (suid.isPresent()) {
            return suid.get();
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
            if (foreign.isPresent() && !foreign.get().certain()) {
                ProgramOs.Foreign f = foreign.get();
                trace.add(ExecStep.note(Stage.RUN, "OS", "EI_OSABI names " + f.os(), "no " + f.os()
                        + " note and no Go build info: a Linux program with that byte set runs, another OS's does not"));
                return new Verdict.Depends(Stage.RUN, Fact.PROGRAM_OS, s.chain(), f.evidence() + ", but nothing else "
                        + "in the file names an OS: if it is a " + f.os() + " program it is killed at its first system "
                        + "call; if it is a Linux program with that byte set, it runs", "check how it was built "
                        + "(file PROGRAM; readelf -n PROGRAM)", Optional.of("Segmentation fault (SIGSEGV), exit status 139"),
                        Messages.none());
            }
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

    /** A set-user-ID program on a nosuid mount, started by someone else: it runs, but as its caller. */
    private Optional<Verdict> setuidIgnored(ExecRequest request, KernelOutcome.Started s, ExecTrace.Builder trace) {
        if (!s.chain().isEmpty()) {
            return Optional.empty(); // scripts' set-user-ID bits are never honoured on Linux anyway
        }
        // nothing was substituted, so the started program is the file itself, already resolved by the kernel's open
        Optional<dev.execray.rootfs.MountPoint> mount = target.root().mountOf(s.program());
        if (!mount.map(m -> m.nosuid()).orElse(false)) {
            return Optional.empty();
        }
        dev.execray.rootfs.FileStat st;
        try {
            st = target.root().lstat(s.program());
        } catch (RootFsException e) {
            return Optional.empty();
        }
        boolean uidChange = (st.mode() & 04000) != 0 && st.uid() != target.credentials().uid();
        boolean gidChange = (st.mode() & 02000) != 0 && st.gid() != target.credentials().gid();
        if (!uidChange && !gidChange) {
            return Optional.empty();
        }
        return Optional.of(new Verdict.Depends(Stage.OPEN, Fact.SETUID_IGNORED, s.chain(), "it is set-user-ID"
                + (gidChange && !uidChange ? " (set-group-ID)" : "") + ", but it lives on a nosuid mount ("
                + mount.get().describe() + "): it starts with " + target.credentials() + "'s identity, not its "
                + "owner's, and works only if it does not need the privilege",
                "move it to a file system mounted without nosuid, or check that it works unprivileged",
                Optional.empty(), Messages.none()));
    }

    /**
     * A 32-bit x86 program the kernel's configuration lets through: whether the kernel really runs it. Its
     * configuration may not be readable (unsettled from the start), or a hypervisor may refuse 32-bit code
     * anyway, which only the kernel log says (read once, only for such programs).
     */
    private Optional<Verdict> ia32Support(ExecRequest request, String program, List<String> chain,
                                          boolean failsAnyway, ExecTrace.Builder trace, Messages msgs) {
        KernelFeatures f = target.features();
        if (!(f.ia32AskKernelLog() || f.ia32Unsettled().isPresent()) || !isX86Program32(program)) {
            return Optional.empty();
        }
        KernelFeatures.LogSays says = f.ia32Unsettled().<KernelFeatures.LogSays>map(KernelFeatures.Unsettled::new)
                .orElseGet(() -> KernelFeatures.ia32FromRead(KernelLog.host(), HostFacts.hypervisor()));
        if (says instanceof KernelFeatures.Refused r) {
            trace.add(ExecStep.failed(Stage.ELF, "compat_binfmt_elf", "32-bit x86 refused", Errno.ENOEXEC,
                    "the kernel log says \"" + r.line() + "\""));
            return Optional.of(new Verdict.Fails(Stage.ELF, Cause.NO_32BIT_SUPPORT, "elf", Optional.of(Errno.ENOEXEC),
                    Optional.empty(), chain, "a 32-bit program, and this kernel does not run 32-bit programs "
                            + "although it is configured to: the kernel log says \"" + r.line() + "\"",
                    VerdictBuilder.fix(Cause.NO_32BIT_SUPPORT, Optional.empty(), target, request),
                    msgs.forErrno(request.path(), Errno.ENOEXEC)));
        }
        if (says instanceof KernelFeatures.Unsettled u && failsAnyway) {
            // it fails whether the kernel runs 32-bit programs or not: only the error differs
            trace.add(ExecStep.note(Stage.ELF, "compat_binfmt_elf", "32-bit x86 support not settled", u.why()
                    + "; if this kernel does not run 32-bit programs, execve() fails earlier, with ENOEXEC (Exec "
                    + "format error)"));
            return Optional.empty();
        }
        if (says instanceof KernelFeatures.Unsettled u) {
            trace.add(ExecStep.note(Stage.ELF, "compat_binfmt_elf", "32-bit x86 support not settled", u.why()));
            return Optional.of(new Verdict.Depends(Stage.ELF, Fact.IA32_EMULATION, chain, "a 32-bit x86 program: "
                    + "it runs only if this kernel runs 32-bit programs, and " + u.why() + " (hypervisors and kernels "
                    + "built with CONFIG_IA32_EMULATION_DEFAULT_DISABLED refuse them)", "check /proc/config.gz or "
                    + "/boot/config-$(uname -r) for CONFIG_IA32_EMULATION, /proc/cmdline for ia32_emulation=, and the "
                    + "kernel log (dmesg, as root) for \"IA-32 emulation off\"", Optional.of("Exec format error "
                    + "(ENOEXEC); the shell says \"cannot execute binary file: Exec format error\", exit status 126"),
                    Messages.none()));
        }
        return Optional.empty();
    }

    private boolean isX86Program32(String program) {
        try {
            // as compat_binfmt_elf judges it on x86-64: the magic, e_type ET_EXEC or ET_DYN, then e_machine EM_386
            // or EM_486 (EM_IAMCU's number now), both read from an Elf32_Ehdr in the kernel's own (little-endian)
            // order; neither EI_CLASS nor EI_DATA is checked there (an ELF32 i386 file whose EI_CLASS says 64 is
            // taken by compat_binfmt_elf, and refused with ENOEXEC when 32-bit x86 is off)
            int need = ElfField.E_MACHINE.offset(false) + ElfField.E_MACHINE.width(false);
            byte[] h = target.root().readHead(program, need);
            if (h.length < need || !ElfField.hasMagic(h)) {
                return false;
            }
            ByteSource s = ByteSource.of(h).withOrder(java.nio.ByteOrder.LITTLE_ENDIAN);
            long type = ElfField.E_TYPE.read(s, 0, false, "e_type");
            long machine = ElfField.E_MACHINE.read(s, 0, false, "e_machine");
            return (type == ElfType.EXEC.value() || type == ElfType.DYN.value())
                    && (machine == ElfMachine.EM_386.value() || machine == ElfMachine.IAMCU.value());
        } catch (RootFsException e) {
            return false;
        }
    }

    /** The dynamic loader of {@code program}: a failing verdict, a depending one, or empty when it loads. */
    public Optional<Verdict> followLoader(String program, String argv0, String cwd, List<String> chain, ExecTrace.Builder trace) {
        if (stage == null) {
            stage = DynamicLoaderCheck.stage(target, DynamicLoaderCheck.session(target));
        }
        DynamicLoaderCheck.Followed f = DynamicLoaderCheck.run(target, stage, cwd, program, argv0, trace);
        if (f instanceof DynamicLoaderCheck.NotFollowed nf) {
            if (nf.why().isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Verdict.Depends(Stage.LOAD, Fact.DYNAMIC_LOADER, chain, "the kernel starts "
                    + program + ", but its dynamic loader's work cannot be followed: " + nf.why(),
                    "run the program's loader in that place to list its libraries (ldd PROGRAM), or give a root "
                            + "that holds them", Optional.empty(), Messages.none()));
        }
        dev.execray.exec.ld.DynamicLoaderStage.Loaded loaded = ((DynamicLoaderCheck.Done) f).loaded();
        Optional<Verdict> v = DynamicLoaderCheck.verdict(target, chain, loaded);
        if (v.isPresent()) {
            return v;
        }
        return originNeedsProc(loaded, chain, trace);
    }

    /**
     * glibc expands $ORIGIN in the main program's RPATH/RUNPATH from /proc/self/exe: in a root without /proc
     * (a bare chroot) the expansion fails and libraries found only that way are not found (truth corpus:
     * "cannot open shared object file", exit 127). The host has /proc; a directory root has it only if it is
     * mounted there now, and may have it when really used; images run in containers, which mount it.
     */
    private Optional<Verdict> originNeedsProc(dev.execray.exec.ld.DynamicLoaderStage.Loaded loaded, List<String> chain,
                                              ExecTrace.Builder trace) {
        RootFs root = target.root();
        if (root.isHost() || root.mountOf("/").isEmpty()) {
            return Optional.empty();
        }
        boolean procMounted = root.mountOf("/proc").map(m -> m.fsType().equals("proc") && m.mountPoint().endsWith("/proc"))
                .orElse(false);
        if (procMounted) {
            return Optional.empty();
        }
        List<String> viaOrigin = loaded.result().listing().stream()
                .filter(o -> o.how().map(h -> h.element().contains("$ORIGIN") || h.element().contains("${ORIGIN}"))
                        .orElse(false))
                .map(dev.execray.exec.ld.LoadedObject::name).toList();
        if (viaOrigin.isEmpty()) {
            return Optional.empty();
        }
        trace.add(ExecStep.note(Stage.LOAD, "$ORIGIN", "needs /proc", String.join(", ", viaOrigin)
                + " found through $ORIGIN, which glibc expands from /proc/self/exe; /proc is not mounted in "
                + root.describe()));
        return Optional.of(new Verdict.Depends(Stage.LOAD, Fact.PROC_MOUNTED, chain, String.join(", ", viaOrigin)
                + " is found only through $ORIGIN, which the loader expands by reading /proc/self/exe; /proc is not "
                + "mounted in " + root.describe() + " now", "mount it where the program runs (mount -t proc proc "
                + "ROOT/proc), as containers do", Optional.of("error while loading shared libraries: " + viaOrigin.get(0)
                + ": cannot open shared object file: No such file or directory (exit status 127)"), Messages.none()));
    }

    /** The kernel's list of binary formats, in the order search_binary_handler() tries them. */
    private static final List<BinfmtHandler> HANDLERS = List.of(MiscHandler.INSTANCE, ScriptHandler.INSTANCE,
            ElfFormatHandler.INSTANCE);

    /**
     * The kernel part alone: what execve() does with {@code path}. The shape of fs/exec.c: open_exec(), then
     * exec_binprm()'s loop — each handler in turn declines, substitutes an interpreter (and the loop starts
     * over, at most five times), or ends the exec.
     */
    public KernelOutcome execve(String path, List<String> argv0, String cwd, ExecTrace.Builder trace) {
        int bufSize = ExecBuffer.size(target.kernel());
        OpenExec.Result open = OpenExec.open(target.root(), path, cwd, target.credentials());
        if (open instanceof OpenExec.Refused r) {
            trace.add(ExecStep.failed(Stage.OPEN, path, where(r), r.errno(), r.why()));
            return new KernelOutcome.Failed(r.errno(), "open", r.why(), List.of(), r.cause());
        }
        OpenExec.Opened opened = (OpenExec.Opened) open;
        trace.add(ExecStep.ok(Stage.OPEN, path, describe(opened), "found and executable by " + target.credentials()));
        if (!target.root().isHost() && target.root().mountOf("/").isEmpty()) {
            // an image, or a place known by its facts, has no mount table to read: say what is assumed
            trace.add(ExecStep.note(Stage.OPEN, "mounts", "none known", "no mount table to read (an image, or a "
                    + "place known by its facts): none is assumed noexec or nosuid, as a container's root is mounted"));
        }
        if ((opened.stat().mode() & 06000) != 0 && opened.mount().map(m -> m.nosuid()).orElse(false)) {
            // MNT_NOSUID: bprm_fill_uid() leaves the credentials alone; the program runs as the caller
            trace.add(ExecStep.note(Stage.OPEN, "set-user-ID", "not honoured", "it lives on a nosuid mount: "
                    + opened.mount().get().describe() + "; it runs with the caller's identity, not its owner's"));
        }
        BinfmtHandler.Context ctx = new BinfmtHandler.Context(target, cwd, trace);
        ExecState state = ExecState.start(path, opened.canonical(), argv0);
        while (true) {
            if (state.depth() > MAX_DEPTH) {
                String why = "more than " + MAX_DEPTH + " interpreter substitutions (" + String.join(" → ", state.chain())
                        + ")";
                trace.add(ExecStep.failed(Stage.SCRIPT, state.file(), "interpreter chain too deep", Errno.ELOOP, why));
                return new KernelOutcome.Failed(Errno.ELOOP, "interpreter chain", why, state.chain(),
                        Cause.INTERPRETER_LOOP);
            }
            byte[] buf;
            try {
                buf = Arrays.copyOf(target.root().readHead(state.canonical(), bufSize), bufSize);
            } catch (RootFsException e) {
                trace.add(ExecStep.failed(Stage.OPEN, state.canonical(), "cannot read", e.errno(), e.getMessage()));
                return new KernelOutcome.Failed(e.errno(), "read", e.getMessage(), state.chain(), Cause.UNREADABLE);
            }
            List<String> reasons = new ArrayList<>();
            Optional<Cause> ifNone = Optional.empty();
            ExecState next = null;
            for (BinfmtHandler h : HANDLERS) {
                BinfmtHandler.Result r = h.load(state, buf, ctx);
                if (r instanceof BinfmtHandler.Done d) {
                    return d.outcome();
                }
                if (r instanceof BinfmtHandler.Rewrite rw) {
                    next = rw.next();
                    break;
                }
                BinfmtHandler.NotMine n = (BinfmtHandler.NotMine) r;
                if (n.ifLast().isPresent()) {
                    reasons.add(n.why());
                    ifNone = n.ifLast();
                }
            }
            if (next == null) {
                boolean elf = ifNone.isPresent();
                String what = elf ? "an ELF file no handler accepts" : "no handler recognises the format";
                String why = elf ? String.join("; ", reasons) : String.join("; ", ElfHandler.forArch(target.arch(),
                        target.features()).stream().map(h -> h.name() + ": no ELF magic").toList());
                trace.add(ExecStep.failed(Stage.ELF, state.canonical(), what, Errno.ENOEXEC, why));
                Cause cause = ifNone.orElse(buf[0] == '#' && buf[1] == '!' ? Cause.SHEBANG_UNUSABLE : Cause.UNKNOWN_FORMAT);
                // an ELF handler may have taken it and refused it after elf_check_arch() (its program headers)
                return new KernelOutcome.Failed(Errno.ENOEXEC, elf ? "elf" : "format", why, state.chain(), cause,
                        elf ? Optional.of(state.canonical()) : Optional.empty());
            }
            if (next.execfd()) {
                // bprm->executable is set once: an O-flag entry's interpreter must itself be loaded, not substituted
                if (next.executableSet()) {
                    String why = "a second interpreter substitution after a binfmt_misc entry with the O flag";
                    trace.add(ExecStep.failed(Stage.BINFMT_MISC, next.file(), "O flag", Errno.ENOEXEC, why));
                    return new KernelOutcome.Failed(Errno.ENOEXEC, "binfmt_misc O flag", why, next.chain(),
                            Cause.OPEN_BINARY_TWICE);
                }
                next = next.withExecutableSet();
            }
            state = next;
        }
    }

    public static String where(OpenExec.Refused r) {
        return r.at() + ": " + r.why();
    }

    public static String describe(OpenExec.Opened op) {
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

package dev.execray.exec;

import dev.execray.exec.kernel.KernelOutcome;
import dev.execray.exec.verdict.Cause;
import dev.execray.exec.verdict.ExecStep;
import dev.execray.exec.verdict.ExecTrace;
import dev.execray.exec.verdict.Stage;
import dev.execray.exec.verdict.StepOutcome;
import dev.execray.exec.verdict.UserMessages;
import dev.execray.exec.verdict.Verdict;
import dev.execray.exec.verdict.VerdictBuilder;

import dev.execray.exec.ld.DynamicLoaderStage;
import dev.execray.exec.ld.ElfObjects;
import dev.execray.exec.ld.LoadOutcome;
import dev.execray.exec.ld.LoadResult;
import dev.execray.exec.ld.LoadedObject;
import dev.execray.exec.ld.LoaderMessage;
import dev.execray.exec.ld.LoaderSession;
import dev.execray.exec.ld.LoaderSettings;
import dev.execray.rootfs.Errno;
import dev.execray.rootfs.FileStat;
import dev.execray.rootfs.Resolution;
import dev.execray.place.HostFacts;
import dev.execray.place.Target;
import dev.execray.place.ldconfig.LoaderFs;
import dev.execray.place.ldconfig.CpuModel;
import java.util.List;
import java.util.Optional;

/**
 * The stage after the kernel: the program's dynamic loader finds its libraries and binds them
 * ({@link DynamicLoaderStage}). Adds one step per library to the trace and says how a real start ends.
 */
final class DynamicLoaderCheck {
    private DynamicLoaderCheck() {
    }

    /** A loader session for a target's root: libraries parsed once, however many programs are loaded. */
    static LoaderSession session(Target target) {
        return new LoaderSession(LoaderFs.of(target.root()), ElfObjects.reader());
    }

    /** The loader stage's answer: followed, or not followable (then the verdict depends on it). */
    sealed interface Followed {
    }

    record Done(DynamicLoaderStage.Loaded loaded) implements Followed {
    }

    record NotFollowed(String why) implements Followed {
    }

    /**
     * The loader stage for a target's root: its configuration (ld.so.conf, ld.so.cache, the interpreter's
     * compiled-in facts) is read once per interpreter, however many programs are followed (scan: 12.4 s -> 8.0 s
     * CPU over /usr/bin).
     */
    static DynamicLoaderStage stage(Target target, LoaderSession session) {
        Optional<dev.execray.place.Arch> hostArch = HostFacts.arch();
        return new DynamicLoaderStage(session,
                a -> target.root().isHost() && hostArch.map(h -> h.elfMachine() == a.machine()).orElse(false)
                        ? CpuModel.host(a) : CpuModel.baseline(a));
    }

    /** Follows {@code program}'s own loader through its libraries, as it would run in {@code target}'s root. */
    static Followed run(Target target, DynamicLoaderStage stage, String cwd, String program, String argv0,
                        ExecTrace.Builder trace) {
        LoaderSettings settings = new LoaderSettings(Optional.empty(), List.of(), false, secure(target, program),
                cwd, Optional.of(argv0), false);
        DynamicLoaderStage.Result r = stage.run(program, settings);
        if (r instanceof DynamicLoaderStage.NotDynamic) {
            return new NotFollowed("");
        }
        if (r instanceof DynamicLoaderStage.Unloadable u) {
            trace.add(ExecStep.note(Stage.LOAD, "loader", "not followed", u.message()));
            return new NotFollowed(u.message());
        }
        DynamicLoaderStage.Loaded l = (DynamicLoaderStage.Loaded) r;
        LoadResult lr = l.result();
        for (String n : l.setup().notes()) {
            trace.add(ExecStep.note(Stage.LOAD, "loader", n, ""));
        }
        for (LoadedObject o : lr.listing()) {
            switch (o.kind()) {
                case PROGRAM, VDSO -> {
                }
                case NOT_FOUND -> trace.add(ExecStep.failed(Stage.LOAD, o.name(), "not found", Errno.ENOENT,
                        "needed by " + o.loader().map(LoadedObject::path).orElse("?")));
                default -> trace.add(ExecStep.ok(Stage.LOAD, o.name(), o.path(), how(o)));
            }
        }
        for (LoaderMessage m : lr.messages()) {
            if (m.kind() == LoaderMessage.Kind.NOT_FOUND) {
                continue;
            }
            trace.add(m.fatal() || m.kind() == LoaderMessage.Kind.UNDEFINED_SYMBOL_AT_CALL
                    ? new ExecStep(Stage.LOAD, m.subject().orElse(""), m.kind().name().toLowerCase().replace('_', ' '),
                            StepOutcome.FAILED, Optional.empty(), m.line())
                    : ExecStep.note(Stage.LOAD, m.subject().orElse(""), "warning", m.line()));
        }
        return new Done(l);
    }

    private static String how(LoadedObject o) {
        return o.how().map(f -> f.source().label() + (f.element().isEmpty() ? "" : " " + f.element())
                + f.owner().map(w -> " (of " + w + ")").orElse("")).orElse("");
    }

    /** AT_SECURE: a set-user-ID or set-group-ID program started by someone else. */
    private static boolean secure(Target target, String program) {
        Resolution res = target.root().resolve(program);
        if (!(res instanceof Resolution.Found f)) {
            return false;
        }
        FileStat st = f.stat();
        if (target.root().mountOf(f.canonical()).map(m -> m.nosuid()).orElse(false)) {
            return false; // a nosuid mount: no identity change, so no secure-execution mode
        }
        return ((st.mode() & 04000) != 0 && st.uid() != target.credentials().uid())
                || ((st.mode() & 02000) != 0 && st.gid() != target.credentials().gid());
    }

    /** The verdict when the kernel started the program and the loader has the last word; empty when it starts. */
    static Optional<Verdict> verdict(Target target, List<String> chain, DynamicLoaderStage.Loaded l) {
        LoadResult r = l.result();
        LoadOutcome o = r.outcome();
        if (o instanceof LoadOutcome.Starts) {
            return Optional.empty();
        }
        String root = target.root().isHost() ? "" : " in " + target.root().describe();
        Cause cause = r.messages().stream().filter(m -> m.fatal() || m.kind() == LoaderMessage.Kind.UNDEFINED_SYMBOL_AT_CALL)
                .findFirst().map(m -> cause(m.kind())).orElse(Cause.LIBRARY_BAD);
        String fix = cause == Cause.VERSION_MISSING
                ? r.newestGlibcInClosure().map(n -> "the program needs glibc " + n.version() + " (" + n.versionName()
                        + "); build it against an older glibc, or use a root with a newer one")
                        .orElse("install the library version the program was built against")
                : VerdictBuilder.fix(cause, Optional.empty(), target, new ExecRequest(r.interpreter(), List.of(), "/"));
        if (o instanceof LoadOutcome.FailsAtStart f) {
            String first = f.lines().get(0);
            String why = switch (cause) {
                case LIBRARY_NOT_FOUND, LIBRARY_BAD -> "the dynamic loader " + r.interpreter() + " cannot load a library"
                        + root + ": " + first;
                case VERSION_MISSING -> "a library" + root + " lacks a symbol version the program was linked against: "
                        + first;
                default -> "a symbol the program needs is not defined by any loaded library: " + first;
            };
            return Optional.of(new Verdict.Fails(Stage.LOAD, cause, "load", Optional.empty(), Optional.empty(), chain,
                    why, fix, new UserMessages(Optional.of(String.join("\n", f.lines())), f.exitStatus(),
                            Optional.of("exit status " + f.exitStatus()), Optional.empty(),
                            Optional.of("the loader prints this and exits with status " + f.exitStatus()
                                    + " before the program runs"))));
        }
        LoadOutcome.FailsAtFirstCall fc = (LoadOutcome.FailsAtFirstCall) o;
        return Optional.of(new Verdict.Fails(Stage.BIND, Cause.SYMBOL_UNDEFINED_AT_CALL, "bind", Optional.empty(),
                Optional.empty(), chain, "it starts, but a function it calls has no definition in any loaded library; "
                        + "the first call ends the process: " + fc.lines().get(0),
                "install the library version the program was built against",
                new UserMessages(Optional.of(fc.lines().get(0)), 127, Optional.of("exit status 127"),
                        Optional.empty(), Optional.of("printed when the function is first called"))));
    }

    private static Cause cause(LoaderMessage.Kind kind) {
        return switch (kind) {
            case NOT_FOUND, NEEDED_SKIPPED -> Cause.LIBRARY_NOT_FOUND;
            case VERSION_MISSING, WEAK_VERSION_MISSING, NO_VERSION_INFORMATION -> Cause.VERSION_MISSING;
            case UNDEFINED_SYMBOL -> Cause.SYMBOL_UNDEFINED;
            case UNDEFINED_SYMBOL_AT_CALL -> Cause.SYMBOL_UNDEFINED_AT_CALL;
            case LOAD_ERROR, PRELOAD_IGNORED -> Cause.LIBRARY_BAD;
        };
    }
}

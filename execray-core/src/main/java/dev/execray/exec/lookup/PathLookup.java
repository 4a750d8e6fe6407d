package dev.execray.exec.lookup;

import dev.execray.exec.kernel.KernelOutcome;
import dev.execray.exec.kernel.OpenExec;
import dev.execray.exec.places.GoPaths;
import dev.execray.golang.GoVersion;
import dev.execray.exec.verdict.Cause;
import dev.execray.exec.verdict.ExecStep;
import dev.execray.exec.verdict.ExecTrace;
import dev.execray.exec.verdict.Messages;
import dev.execray.exec.verdict.Stage;
import dev.execray.exec.verdict.StepOutcome;
import dev.execray.exec.verdict.UserMessages;
import dev.execray.exec.verdict.Verdict;

import dev.execray.exec.ExecRequest;
import dev.execray.exec.ExecResult;
import dev.execray.exec.ExecSimulator;

import dev.execray.rootfs.Credentials;
import dev.execray.rootfs.Errno;
import dev.execray.rootfs.FileStat;
import dev.execray.rootfs.ResolveOptions;
import dev.execray.rootfs.Resolution;
import dev.execray.rootfs.RootFs;
import dev.execray.place.Libc;
import dev.execray.place.Os;
import dev.execray.place.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * PATH searches as each program does them. The C libraries' execvp() tries execve() on each
 * candidate and decides from the errno (glibc posix/execvpe.c, musl src/process/execvp.c, FreeBSD
 * lib/libc/gen/exec.c); Python's subprocess tries them all and reports the first interesting errno;
 * Go's exec.LookPath only looks (stat and permission bits, or faccessat since Go 1.20) and refuses a
 * result relative to the current directory (ErrDot, Go 1.19). Windows rules are in {@link WindowsLookup}.
 */
public final class PathLookup {
    /** A usual PATH for a root with no environment to read (defined on the place: {@link Target#STANDARD_PATH}). */
    public static final String STANDARD_PATH = Target.STANDARD_PATH;

    private PathLookup() {
    }

    /** What an execve() of one candidate does, as far as a search cares. */
    sealed interface Probe {
    }

    record Starts() implements Probe {
    }

    record Refuses(Errno errno, String why) implements Probe {
    }

    /** The rules that apply on a target's OS, in the order `which` shows them. */
    public static List<LookupRule> rulesFor(Target t) {
        return switch (t.os()) {
            case WINDOWS -> List.of(LookupRule.WINDOWS_CREATEPROCESS, LookupRule.GO_WINDOWS);
            case LINUX -> List.of(t.libc() == Libc.MUSL ? LookupRule.EXECVP_MUSL : LookupRule.EXECVP_GLIBC,
                    LookupRule.GO, LookupRule.PYTHON);
            default -> List.of(LookupRule.EXECVP_BSD, LookupRule.GO, LookupRule.PYTHON);
        };
    }

    /** {@code which}: {@code name} searched by each of the target's programs' rules ({@link #rulesFor}), in their order. */
    public static List<LookupResult> lookupAll(Target t, String name, LookupEnv env) {
        return rulesFor(t).stream().map(r -> lookup(t, r, name, env)).toList();
    }

    public static LookupResult lookup(Target t, LookupRule rule, String name, LookupEnv env) {
        return switch (rule) {
            case EXECVP_GLIBC, EXECVP_MUSL, EXECVP_BSD -> execvp(t, rule, name, env);
            case PYTHON -> python(t, name, env);
            case GO -> go(t, name, env);
            case WINDOWS_CREATEPROCESS, GO_WINDOWS -> WindowsLookup.lookup(t, rule, name, env);
        };
    }

    /** execve() of one candidate: the kernel simulation on Linux, a plain open check elsewhere. */
    static Probe probe(Target t, String path, String cwd) {
        if (t.os() == Os.LINUX) {
            KernelOutcome k = new ExecSimulator(t).execve(path, List.of(path), cwd, new ExecTrace.Builder());
            if (k instanceof KernelOutcome.Failed f) {
                return new Refuses(f.errno(), f.why());
            }
            return new Starts();
        }
        OpenExec.Result o = OpenExec.open(t.root(), path, cwd, t.credentials());
        if (o instanceof OpenExec.Refused r) {
            return new Refuses(r.errno(), r.why());
        }
        return new Starts();
    }

    private static LookupResult execvp(Target t, LookupRule rule, String name, LookupEnv env) {
        List<LookupCandidate> cands = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        String defPath = switch (rule) {
            case EXECVP_MUSL -> "/usr/local/bin:/bin:/usr/bin";
            case EXECVP_BSD -> "/usr/bin:/bin";
            default -> "/bin:/usr/bin";
        };
        boolean shFallback = rule != LookupRule.EXECVP_MUSL;
        if (name.isEmpty()) {
            return new LookupResult(name, rule, Optional.empty(), cands, Optional.of(Errno.ENOENT),
                    Optional.of(Errno.ENOENT.strerror()), notes);
        }
        List<String> candidates = new ArrayList<>();
        if (name.contains("/")) {
            candidates.add(name);
            notes.add("the name contains a '/': no PATH search");
        } else {
            String path = env.path().orElse(defPath);
            if (env.path().isEmpty()) {
                notes.add("PATH is unset: the C library's default " + defPath + " is searched");
            }
            if (name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > ResolveOptions.NAME_MAX) {
                return new LookupResult(name, rule, Optional.empty(), cands, Optional.of(Errno.ENAMETOOLONG),
                        Optional.of(Errno.ENAMETOOLONG.strerror()), notes);
            }
            for (String dir : path.split(":", -1)) {
                // an empty element means the current directory: the bare name is tried (glibc and musl add no '/')
                candidates.add(dir.isEmpty() ? (rule == LookupRule.EXECVP_BSD ? "./" + name : name) : dir + "/" + name);
            }
        }
        boolean eacces = false;
        Errno last = Errno.ENOENT;
        for (String c : candidates) {
            Probe p = probe(t, c, env.cwd());
            if (p instanceof Starts) {
                cands.add(new LookupCandidate(c, "taken", Optional.empty(), "execve() succeeds"));
                return new LookupResult(name, rule, Optional.of(c), cands, Optional.empty(), Optional.empty(), notes);
            }
            Refuses r = (Refuses) p;
            Errno e = r.errno();
            if (e == Errno.ENOEXEC && shFallback) {
                Probe sh = probe(t, "/bin/sh", env.cwd());
                if (sh instanceof Starts) {
                    cands.add(new LookupCandidate(c, "taken", Optional.of(e),
                            "execve() says ENOEXEC, so it is run as a shell script: /bin/sh " + c));
                    notes.add("runs as /bin/sh " + c);
                    return new LookupResult(name, rule, Optional.of(c), cands, Optional.empty(), Optional.empty(), notes);
                }
                e = ((Refuses) sh).errno();
                r = new Refuses(e, "ENOEXEC, and running it with /bin/sh fails with " + e.name());
            }
            boolean goOn = switch (rule) {
                case EXECVP_GLIBC -> e == Errno.EACCES || e == Errno.ENOENT || e == Errno.ESTALE || e == Errno.ENOTDIR
                        || e == Errno.ENODEV || e == Errno.ETIMEDOUT;
                case EXECVP_MUSL -> e == Errno.EACCES || e == Errno.ENOENT || e == Errno.ENOTDIR;
                default -> e == Errno.EACCES || e == Errno.ENOENT || e == Errno.ENOTDIR || e == Errno.ELOOP
                        || e == Errno.ENAMETOOLONG;
            };
            if (name.contains("/")) {
                cands.add(new LookupCandidate(c, "stop", Optional.of(e), r.why()));
                return new LookupResult(name, rule, Optional.empty(), cands, Optional.of(e), Optional.of(e.strerror()),
                        notes);
            }
            if (!goOn) {
                cands.add(new LookupCandidate(c, "stop", Optional.of(e), r.why() + "; this error ends the search"));
                return new LookupResult(name, rule, Optional.empty(), cands, Optional.of(e), Optional.of(e.strerror()),
                        notes);
            }
            last = e;
            if (e == Errno.EACCES) {
                eacces = true;
                cands.add(new LookupCandidate(c, "remembered", Optional.of(e), r.why()));
            } else {
                cands.add(new LookupCandidate(c, "next", Optional.of(e), r.why()));
            }
        }
        // glibc and musl leave the last candidate's errno unless one was EACCES
        Errno e = eacces ? Errno.EACCES : last;
        return new LookupResult(name, rule, Optional.empty(), cands, Optional.of(e), Optional.of(e.strerror()), notes);
    }

    private static LookupResult python(Target t, String name, LookupEnv env) {
        List<LookupCandidate> cands = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<String> candidates = new ArrayList<>();
        if (name.contains("/")) {
            candidates.add(name);
        } else {
            String path = env.path().orElse("/bin:/usr/bin");
            if (env.path().isEmpty()) {
                notes.add("PATH is unset: os.defpath /bin:/usr/bin is searched");
            }
            for (String dir : path.split(":", -1)) {
                candidates.add(dir.isEmpty() ? name : dir.endsWith("/") ? dir + name : dir + "/" + name);
            }
        }
        Errno saved = null;
        Errno last = Errno.ENOENT;
        for (String c : candidates) {
            Probe p = probe(t, c, env.cwd());
            if (p instanceof Starts) {
                cands.add(new LookupCandidate(c, "taken", Optional.empty(), "execve() succeeds"));
                return new LookupResult(name, LookupRule.PYTHON, Optional.of(c), cands, Optional.empty(),
                        Optional.empty(), notes);
            }
            Refuses r = (Refuses) p;
            last = r.errno();
            if (r.errno() != Errno.ENOENT && r.errno() != Errno.ENOTDIR && saved == null) {
                saved = r.errno();
                cands.add(new LookupCandidate(c, "remembered", Optional.of(r.errno()),
                        r.why() + "; the first such error is the one reported"));
            } else {
                cands.add(new LookupCandidate(c, "next", Optional.of(r.errno()), r.why()));
            }
        }
        Errno e = saved != null ? saved : last;
        return new LookupResult(name, LookupRule.PYTHON, Optional.empty(), cands, Optional.of(e),
                Optional.of(Messages.pythonError(e, t.arch().uname(), name)), notes);
    }

    private static LookupResult go(Target t, String name, LookupEnv env) {
        List<LookupCandidate> cands = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        GoVersion v = env.go();
        if (v.atLeast(GoVersion.of(1, 24)) && (name.isEmpty() || name.equals(".") || name.equals(".."))) {
            return new LookupResult(name, LookupRule.GO, Optional.empty(), cands, Optional.empty(),
                    Optional.of("exec: \"" + name + "\": executable file not found in $PATH"), notes);
        }
        if (name.contains("/")) {
            Optional<Errno> e = goCheck(t, name, env.cwd(), v);
            if (e.isEmpty()) {
                cands.add(new LookupCandidate(name, "taken", Optional.empty(), "executable"));
                return new LookupResult(name, LookupRule.GO, Optional.of(name), cands, Optional.empty(), Optional.empty(),
                        notes);
            }
            cands.add(new LookupCandidate(name, "stop", e, goReason(e.get())));
            return new LookupResult(name, LookupRule.GO, Optional.empty(), cands, e,
                    Optional.of("exec: \"" + name + "\": " + e.get().goText()), notes);
        }
        String path = env.path().orElse("");
        if (env.path().isEmpty()) {
            notes.add("PATH is unset: Go searches nothing");
        }
        List<String> dirs = path.isEmpty() ? List.of() : List.of(path.split(":", -1));
        for (String dir : dirs) {
            String c = GoPaths.join(dir.isEmpty() ? "." : dir, name);
            Optional<Errno> e = goCheck(t, c, env.cwd(), v);
            if (e.isEmpty()) {
                if (!c.startsWith("/") && v.atLeast(GoVersion.of(1, 19))) {
                    cands.add(new LookupCandidate(c, "taken", Optional.empty(),
                            "executable, but relative to the current directory: ErrDot"));
                    notes.add("exec.Command refuses to run it: it was found through a relative PATH entry");
                    return new LookupResult(name, LookupRule.GO, Optional.of(c), cands, Optional.empty(),
                            Optional.of("exec: \"" + name + "\": cannot run executable found relative to current directory"),
                            notes);
                }
                cands.add(new LookupCandidate(c, "taken", Optional.empty(), "executable"));
                return new LookupResult(name, LookupRule.GO, Optional.of(c), cands, Optional.empty(), Optional.empty(),
                        notes);
            }
            cands.add(new LookupCandidate(c, "next", e, goReason(e.get())));
        }
        return new LookupResult(name, LookupRule.GO, Optional.empty(), cands, Optional.empty(),
                Optional.of("exec: \"" + name + "\": executable file not found in $PATH"), notes);
    }

    private static String goReason(Errno e) {
        return switch (e) {
            case ENOENT -> "does not exist";
            case EACCES -> "not executable (or a directory, before Go 1.20)";
            case EISDIR -> "a directory";
            default -> e.goText();
        };
    }

    /**
     * findExecutable(): os.Stat, then before Go 1.20 "not a directory and any execute bit", from 1.20
     * a directory is EISDIR and faccessat(X_OK, AT_EACCESS) decides for the effective user.
     */
    static Optional<Errno> goCheck(Target t, String path, String cwd, GoVersion v) {
        Credentials creds = t.credentials();
        Resolution r = t.root().resolve(path, new ResolveOptions(cwd, creds, true));
        if (r instanceof Resolution.Failed f) {
            return Optional.of(f.errno());
        }
        FileStat st = ((Resolution.Found) r).stat();
        if (!v.atLeast(GoVersion.of(1, 20))) {
            return !st.isDirectory() && st.anyExecuteBit() ? Optional.empty() : Optional.of(Errno.EACCES);
        }
        if (st.isDirectory()) {
            return Optional.of(Errno.EISDIR);
        }
        return creds.permits(st, 1) ? Optional.empty() : Optional.of(Errno.EACCES);
    }

    /**
     * explain for a name without '/': the C library's execvp() picks the file, and the simulation
     * explains that file, with the search as the first steps.
     */
    public static ExecResult explainCommand(ExecSimulator sim, String name, List<String> argv, String cwd,
            Optional<String> path) {
        Target t = sim.target();
        LookupRule rule = t.libc() == Libc.MUSL ? LookupRule.EXECVP_MUSL : LookupRule.EXECVP_GLIBC;
        LookupResult lr = lookup(t, rule, name, LookupEnv.of(path, cwd));
        List<ExecStep> steps = new ArrayList<>();
        for (LookupCandidate c : lr.candidates()) {
            StepOutcome o = c.decision().equals("taken") ? StepOutcome.OK
                    : c.decision().equals("stop") ? StepOutcome.FAILED : StepOutcome.SKIPPED;
            steps.add(new ExecStep(Stage.LOOKUP, c.path(), c.decision(), o.equals(StepOutcome.FAILED)
                    ? StepOutcome.SKIPPED : o, c.errno(), c.reason()));
        }
        if (lr.found().isPresent()) {
            ExecResult inner = sim.explain(new ExecRequest(lr.found().get(), argv, cwd));
            List<ExecStep> all = new ArrayList<>(steps);
            all.addAll(inner.trace().steps());
            return new ExecResult(inner.request(), t, new ExecTrace(all), inner.verdict());
        }
        Errno e = lr.errno().orElse(Errno.ENOENT);
        steps.add(ExecStep.failed(Stage.LOOKUP, name, "not found in PATH", e, rule.display() + " searched "
                + lr.candidates().size() + " director" + (lr.candidates().size() == 1 ? "y" : "ies")));
        UserMessages m = new UserMessages(Optional.of("bash: " + name + ": command not found"), 127,
                Optional.of(lookup(t, LookupRule.GO, name, LookupEnv.of(path, cwd)).error()
                        .orElse("exec: \"" + name + "\": executable file not found in $PATH")),
                Optional.of(lookup(t, LookupRule.PYTHON, name, LookupEnv.of(path, cwd)).error()
                        .orElse(Messages.pythonError(e, t.arch().uname(), name))),
                Optional.empty());
        Verdict v = new Verdict.Fails(Stage.LOOKUP, Cause.NOT_IN_PATH, "lookup", Optional.of(e), Optional.empty(), List.of(),
                "no directory in PATH has an executable '" + name + "'" + (e == Errno.EACCES
                        ? " (one has a file of that name it may not execute)" : ""),
                "install it, add its directory to PATH, or name it with a path", m);
        return new ExecResult(new ExecRequest(name, argv, cwd), t, new ExecTrace(steps), v);
    }
}

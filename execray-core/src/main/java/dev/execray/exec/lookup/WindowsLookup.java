package dev.execray.exec.lookup;

import dev.execray.golang.GoVersion;
import dev.execray.rootfs.FileStat;
import dev.execray.rootfs.Resolution;
import dev.execray.rootfs.RootFs;
import dev.execray.rootfs.RootFsException;
import dev.execray.place.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Windows program searches, over a root that holds a Windows tree (drive letters are dropped:
 * {@code C:\Windows\System32} is {@code /Windows/System32} in the root; names match without regard
 * to case, as NTFS does).
 * <ul>
 * <li>CreateProcess with no application name: a name with no extension gets {@code .exe} (only
 * that; PATHEXT is cmd.exe's), a name with a path is tried only there, otherwise the current
 * directory, then System32, System and the Windows directory, then each PATH entry. (The first
 * place CreateProcess looks, the directory the calling program was loaded from, is not known here.)</li>
 * <li>Go's exec.LookPath: PATHEXT (lower-cased, default .com .exe .bat .cmd) in its order, the
 * current directory first unless NoDefaultCurrentDirectoryInExePath is set — and a hit there is
 * ErrDot; empty PATH entries are skipped from Go 1.21 (go.dev/issue/61493) but searched, and found
 * relative, by 1.19 and 1.20.</li>
 * </ul>
 */
public final class WindowsLookup {
    private WindowsLookup() {
    }

    static LookupResult lookup(Target t, LookupRule rule, String name, LookupEnv env) {
        return rule == LookupRule.WINDOWS_CREATEPROCESS ? createProcess(t, name, env) : go(t, name, env);
    }

    private static boolean hasPath(String name) {
        return name.contains("\\") || name.contains("/") || name.contains(":");
    }

    /** Go's hasExt: a '.' after the last separator. */
    static boolean hasExt(String file) {
        int dot = file.lastIndexOf('.');
        if (dot < 0) {
            return false;
        }
        int sep = Math.max(Math.max(file.lastIndexOf(':'), file.lastIndexOf('\\')), file.lastIndexOf('/'));
        return sep < dot;
    }

    private static LookupResult createProcess(Target t, String name, LookupEnv env) {
        List<LookupCandidate> cands = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        String file = hasExt(name) ? name : name + ".exe";
        if (!file.equals(name)) {
            notes.add("no extension: CreateProcess appends .exe (not PATHEXT)");
        }
        List<String> tries = new ArrayList<>();
        if (hasPath(name)) {
            tries.add(file);
        } else {
            tries.add(winJoin(env.cwd(), file));
            tries.add("C:\\Windows\\System32\\" + file);
            tries.add("C:\\Windows\\System\\" + file);
            tries.add("C:\\Windows\\" + file);
            for (String dir : env.path().orElse("").split(";")) {
                if (!dir.isEmpty()) {
                    tries.add(winJoin(dir, file));
                }
            }
            notes.add("the directory of the calling program, searched first, is not known here");
        }
        for (String c : tries) {
            Optional<String> miss = exists(t.root(), c);
            if (miss.isEmpty()) {
                cands.add(new LookupCandidate(c, "taken", Optional.empty(), "exists"));
                return new LookupResult(name, LookupRule.WINDOWS_CREATEPROCESS, Optional.of(c), cands, Optional.empty(),
                        Optional.empty(), notes);
            }
            cands.add(new LookupCandidate(c, "next", Optional.empty(), miss.get()));
        }
        return new LookupResult(name, LookupRule.WINDOWS_CREATEPROCESS, Optional.empty(), cands, Optional.empty(),
                Optional.of("The system cannot find the file specified. (ERROR_FILE_NOT_FOUND)"), notes);
    }

    private static LookupResult go(Target t, String name, LookupEnv env) {
        List<LookupCandidate> cands = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<String> exts = new ArrayList<>();
        String pe = env.pathext().orElse("");
        if (!pe.isEmpty()) {
            for (String e : pe.toLowerCase(Locale.ROOT).split(";")) {
                if (e.isEmpty()) {
                    continue;
                }
                exts.add(e.startsWith(".") ? e : "." + e);
            }
        } else {
            exts.addAll(List.of(".com", ".exe", ".bat", ".cmd"));
            notes.add("PATHEXT unset: .com .exe .bat .cmd");
        }
        if (hasPath(name)) {
            Optional<String> f = find(t.root(), name, exts, cands);
            if (f.isPresent()) {
                return result(name, f, cands, Optional.empty(), notes);
            }
            return result(name, Optional.empty(), cands, Optional.of("exec: \"" + name + "\": file does not exist"), notes);
        }
        Optional<String> dot = Optional.empty();
        if (!env.noDefaultCurrentDirectory()) {
            dot = find(t.root(), ".\\" + name, exts, cands);
        } else {
            notes.add("NoDefaultCurrentDirectoryInExePath is set: the current directory is not searched");
        }
        for (String dir : env.path().orElse("").split(";", -1)) {
            if (dir.isEmpty() && (env.go().atLeast(GoVersion.of(1, 21)) || env.path().orElse("").isEmpty())) {
                continue;
            }
            String d = dir.length() > 1 && dir.startsWith("\"") && dir.endsWith("\"") ? dir.substring(1, dir.length() - 1)
                    : dir;
            Optional<String> f = find(t.root(), d.isEmpty() ? name : winJoin(d, name), exts, cands);
            if (f.isPresent()) {
                if (dot.isPresent() && !sameFile(t.root(), dot.get(), f.get())) {
                    return result(name, dot, cands, Optional.of(errDot(name)), notes);
                }
                boolean abs = f.get().length() > 2 && f.get().charAt(1) == ':' || f.get().startsWith("\\\\");
                if (!abs) {
                    return result(name, f, cands, Optional.of(errDot(name)), notes);
                }
                return result(name, f, cands, Optional.empty(), notes);
            }
        }
        if (dot.isPresent()) {
            return result(name, dot, cands, Optional.of(errDot(name)), notes);
        }
        return result(name, Optional.empty(), cands, Optional.of("exec: \"" + name
                + "\": executable file not found in %PATH%"), notes);
    }

    private static String errDot(String name) {
        return "exec: \"" + name + "\": cannot run executable found relative to current directory";
    }

    private static LookupResult result(String name, Optional<String> found, List<LookupCandidate> cands,
            Optional<String> error, List<String> notes) {
        return new LookupResult(name, LookupRule.GO_WINDOWS, found, cands, Optional.empty(), error, notes);
    }

    /** Go's findExecutable: the name as is if it has an extension, then name+ext for each ext. */
    private static Optional<String> find(RootFs root, String file, List<String> exts, List<LookupCandidate> cands) {
        List<String> tries = new ArrayList<>();
        if (hasExt(file)) {
            tries.add(file);
        }
        for (String e : exts) {
            tries.add(file + e);
        }
        for (String c : tries) {
            Optional<String> miss = exists(root, c);
            if (miss.isEmpty()) {
                cands.add(new LookupCandidate(c, "taken", Optional.empty(), "exists and is not a directory"));
                return Optional.of(c);
            }
            cands.add(new LookupCandidate(c, "next", Optional.empty(), miss.get()));
        }
        return Optional.empty();
    }

    static String winJoin(String dir, String file) {
        if (dir.endsWith("\\") || dir.endsWith("/")) {
            return dir + file;
        }
        if (dir.equals(".")) {
            return ".\\" + file;
        }
        return dir + "\\" + file;
    }

    /** Empty if the Windows path names a non-directory in the root; else why not. */
    static Optional<String> exists(RootFs root, String winPath) {
        Optional<String> canon = resolveInsensitive(root, winPath);
        if (canon.isEmpty()) {
            return Optional.of("does not exist");
        }
        Resolution r = root.resolve(canon.get());
        if (r instanceof Resolution.Found f) {
            FileStat st = f.stat();
            return st.isDirectory() ? Optional.of("a directory") : Optional.empty();
        }
        return Optional.of("does not exist");
    }

    private static boolean sameFile(RootFs root, String a, String b) {
        Optional<String> ca = resolveInsensitive(root, a);
        Optional<String> cb = resolveInsensitive(root, b);
        if (ca.isEmpty() || cb.isEmpty()) {
            return false;
        }
        Resolution ra = root.resolve(ca.get());
        Resolution rb = root.resolve(cb.get());
        return ra instanceof Resolution.Found fa && rb instanceof Resolution.Found fb
                && fa.stat().identity().equals(fb.stat().identity());
    }

    /** A Windows path to the root's path, matching each component without regard to case. */
    static Optional<String> resolveInsensitive(RootFs root, String winPath) {
        String p = winPath.replace('\\', '/');
        if (p.length() >= 2 && p.charAt(1) == ':') {
            p = p.substring(2);
        }
        String cur = "/";
        for (String part : p.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            Resolution r = root.resolve(cur);
            if (!(r instanceof Resolution.Found f) || !f.stat().isDirectory()) {
                return Optional.empty();
            }
            String match = null;
            try {
                for (String n : root.list(f.canonical())) {
                    if (n.equalsIgnoreCase(part)) {
                        match = n;
                        if (n.equals(part)) {
                            break;
                        }
                    }
                }
            } catch (RootFsException e) {
                return Optional.empty();
            }
            if (match == null) {
                return Optional.empty();
            }
            cur = f.canonical().equals("/") ? "/" + match : f.canonical() + "/" + match;
        }
        return Optional.of(cur);
    }
}

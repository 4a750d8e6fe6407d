package dev.execray.scan;

import dev.execray.hardening.Hardening;
import dev.execray.place.RootFacts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What changed between two scans (a release and the next): files added or removed, a raised glibc requirement,
 * libraries added or dropped, lost hardening, new failing verdicts, Go version changes. Files are matched by input
 * name and path, or by path alone when each scan has one input (two release directories under different names).
 */
public final class ScanDiff {
    private ScanDiff() {
    }

    /** One change. {@code kind} is stable for scripts and policies; {@code regression} marks what got worse. */
    public record Change(String kind, String path, String text, boolean regression) {
    }

    public static List<Change> diff(List<InputResult> older, List<InputResult> newer) {
        boolean byPath = older.size() == 1 && newer.size() == 1;
        Map<String, FileRecord> a = index(older, byPath);
        Map<String, FileRecord> b = index(newer, byPath);
        List<Change> out = new ArrayList<>();
        for (var e : a.entrySet()) {
            if (!b.containsKey(e.getKey())) {
                out.add(new Change("removed", e.getKey(), "removed " + e.getKey(), false));
            }
        }
        for (var e : b.entrySet()) {
            String key = e.getKey();
            FileRecord n = e.getValue();
            FileRecord o = a.get(key);
            if (o == null) {
                out.add(new Change("added", key, "added " + key + " (" + n.format() + " " + n.arch() + ")", false));
                continue;
            }
            // a program unchanged itself still changes when its libraries resolve elsewhere (the root changed)
            resolutions(key, o, n, out);
            if (o.sha256().equals(n.sha256())) {
                continue;
            }
            out.add(new Change("changed", key, "changed " + key + " (" + o.size() + " -> " + n.size() + " bytes)", false));
            if (n.glibc().isPresent() && (o.glibc().isEmpty()
                    || RootFacts.compareVersions(n.glibc().get(), o.glibc().get()) > 0)) {
                out.add(new Change("glibc", key, key + ": needs glibc " + n.glibc().get() + " (was "
                        + o.glibc().orElse("none") + ")", true));
            }
            for (String l : n.needed()) {
                if (!o.needed().contains(l)) {
                    out.add(new Change("library-added", key, key + ": new library " + l, false));
                }
            }
            for (String l : o.needed()) {
                if (!n.needed().contains(l)) {
                    out.add(new Change("library-removed", key, key + ": no longer needs " + l, false));
                }
            }
            if (o.hardening().isPresent() && n.hardening().isPresent()) {
                List<String> was = o.hardening().get().missing();
                for (String m : n.hardening().get().missing()) {
                    if (!was.contains(m)) {
                        out.add(new Change("hardening", key, key + ": lost " + m + lost(o.hardening().get(),
                                n.hardening().get(), m), true));
                    }
                }
            }
            for (VerdictRecord v : n.verdicts()) {
                Optional<VerdictRecord> ov = o.verdict(v.place());
                if (v.fails() && (ov.isEmpty() || !ov.get().fails())) {
                    out.add(new Change("fails", key, key + ": now fails on " + v.place() + ": " + v.reason(), true));
                }
            }
            String og = o.go().map(GoInfo::goVersion).orElse("");
            String ng = n.go().map(GoInfo::goVersion).orElse("");
            if (!og.equals(ng) && !og.isEmpty() && !ng.isEmpty()) {
                out.add(new Change("go", key, key + ": Go " + og + " -> " + ng, false));
            }
            if (o.go().isPresent() && n.go().isPresent()) {
                Map<String, String> om = modules(o.go().get());
                for (var m : modules(n.go().get()).entrySet()) {
                    String was = om.get(m.getKey());
                    if (!Objects.equals(was, m.getValue())) {
                        out.add(new Change("module", key, key + ": module " + m.getKey() + " " + (was == null ? "added"
                                : was + " -> " + m.getValue()), false));
                    }
                }
            }
        }
        return out;
    }

    /**
     * Libraries that now resolve to another file, are no longer found, or are found again. Compared by the name asked
     * for, and only when both scans judged the file in its own root (a store of schema 1 has no resolutions).
     */
    private static void resolutions(String key, FileRecord o, FileRecord n, List<Change> out) {
        if (o.resolved().isEmpty() || n.resolved().isEmpty()) {
            return;
        }
        Map<String, LibraryResolution> was = new LinkedHashMap<>();
        o.resolved().forEach(r -> was.putIfAbsent(r.name(), r));
        for (LibraryResolution r : n.resolved()) {
            LibraryResolution w = was.get(r.name());
            if (w == null || w.path().equals(r.path())) {
                continue;
            }
            if (r.path().isEmpty()) {
                out.add(new Change("library-unresolved", key, key + ": " + r.name() + " is no longer found (was "
                        + w.path().get() + ")", true));
            } else if (w.path().isEmpty()) {
                out.add(new Change("library-resolved", key, key + ": " + r.name() + " is found again, at "
                        + r.path().get(), false));
            } else {
                out.add(new Change("library-moved", key, key + ": " + r.name() + " now resolves to " + r.path().get()
                        + " (was " + w.path().get() + ", " + r.how() + ")", false));
            }
        }
    }

    private static String lost(Hardening o, Hardening n, String what) {
        if (o instanceof Hardening.Elf oe && n instanceof Hardening.Elf ne && what.contains("relro")) {
            return " (RELRO " + oe.relro().label() + " -> " + ne.relro().label() + ")";
        }
        return "";
    }

    private static Map<String, String> modules(GoInfo g) {
        Map<String, String> m = new LinkedHashMap<>();
        g.modules().forEach(x -> m.put(x.path(), x.version()));
        return m;
    }

    private static Map<String, FileRecord> index(List<InputResult> inputs, boolean byPath) {
        Map<String, FileRecord> m = new LinkedHashMap<>();
        for (InputResult r : inputs) {
            for (FileRecord f : r.files()) {
                String rel = f.path();
                String base = r.base().equals("/") ? "" : r.base();
                if (!base.isEmpty() && rel.startsWith(base + "/")) {
                    rel = rel.substring(base.length());
                }
                m.put(byPath ? rel : r.name() + ":" + rel, f);
            }
        }
        return m;
    }
}

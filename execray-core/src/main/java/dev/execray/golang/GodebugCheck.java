package dev.execray.golang;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Validates a GODEBUG string the way a Go program of a given release would read it, and says what each
 * setting does. The runtime splits on commas and then on the first '=' (runtime1.go parsegodebug); entries
 * without '=' and unknown keys are ignored silently, and a later entry for the same key wins. Those silent
 * cases are exactly what a user wants to hear about, so each becomes a finding here.
 */
public final class GodebugCheck {

    /** What is wrong with one entry; OK when nothing is. */
    public enum Status {
        OK("ok"),
        UNKNOWN_KEY("unknown key"),
        BAD_VALUE("bad value"),
        NOT_YET("not yet in this release"),
        REMOVED("removed in this release"),
        OVERRIDDEN("overridden later"),
        MALFORMED("malformed");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** One comma-separated entry of the string and the verdict on it. */
    public record Entry(String text, String key, String value, Status status, String message, String meaning,
            List<String> suggestions) {
        public boolean ok() {
            return status == Status.OK;
        }
    }

    /** The verdict on a whole GODEBUG string for one Go release. */
    public record Report(String godebug, GoVersion goVersion, List<Entry> entries) {
        public boolean ok() {
            return entries.stream().allMatch(Entry::ok);
        }

        public long problems() {
            return entries.stream().filter(e -> !e.ok()).count();
        }
    }

    // internal/cpu option names across architectures and releases (internal/cpu/cpu_*.go "options")
    private static final Set<String> CPU_FEATURES = Set.of("all", "adx", "aes", "erms", "pclmulqdq", "rdtscp",
            "popcnt", "sse3", "sse41", "sse42", "ssse3", "avx", "avx2", "bmi1", "bmi2", "fma", "sha", "avx512f",
            "avx512bw", "avx512vl", "avx512", "pmull", "sha1", "sha2", "sha512", "sha3", "crc32", "atomics", "cpuid",
            "isNeoverseN1", "isNeoverse", "isZeus", "sve", "dit", "vfpv4", "idiva", "v7atomics", "darn", "scv",
            "power9", "power10", "zarch", "stfle", "ldisp", "eimm", "dfp", "etf3eh", "msa", "aescbc", "aesctr",
            "aesgcm", "ghash", "sha256", "vx", "vxe", "kdsa", "ecdsa", "eddsa", "fastmisaligned", "v", "zbb",
            "lsx", "lasx", "lamcas", "lam_bh");

    private GodebugCheck() {
    }

    public static Report check(String godebug, GoVersion go) {
        List<Entry> out = new ArrayList<>();
        Map<String, Integer> lastIndex = new HashMap<>();
        String[] fields = godebug.split(",", -1);
        for (String field : fields) {
            if (field.isEmpty()) {
                continue; // ",," is harmless: the runtime skips empty fields
            }
            int eq = field.indexOf('=');
            if (eq < 0) {
                out.add(new Entry(field, field, "", Status.MALFORMED,
                        "no '=': the runtime ignores \"" + field + "\"", describe(field),
                        GodebugCatalogue.lookup(field).isPresent() ? List.of(field + "=1")
                                : GodebugCatalogue.nearest(field, 3)));
                continue;
            }
            String key = field.substring(0, eq);
            String value = field.substring(eq + 1);
            Entry e = key.startsWith("cpu.") ? checkCpu(field, key, value) : checkKey(field, key, value, go);
            Integer prev = lastIndex.put(key, out.size());
            if (prev != null) {
                Entry p = out.get(prev);
                out.set(prev, new Entry(p.text(), p.key(), p.value(), Status.OVERRIDDEN,
                        "set again later (" + field + "); the later value wins", p.meaning(), List.of()));
            }
            out.add(e);
        }
        return new Report(godebug, go, List.copyOf(out));
    }

    private static String describe(String key) {
        return GodebugCatalogue.lookup(key).map(GodebugSetting::summary).orElse("");
    }

    private static Entry checkCpu(String field, String key, String value) {
        String feature = key.substring(4);
        String meaning = "internal/cpu: turns CPU feature \"" + feature + "\" on or off for the standard library";
        if (!CPU_FEATURES.contains(feature)) {
            return new Entry(field, key, value, Status.UNKNOWN_KEY, "unknown CPU feature \"" + feature
                    + "\"; the runtime prints \"GODEBUG: unknown cpu feature\"", meaning, List.of());
        }
        if (!value.equals("on") && !value.equals("off")) {
            return new Entry(field, key, value, Status.BAD_VALUE, "cpu options take on|off", meaning, List.of());
        }
        return new Entry(field, key, value, Status.OK, "", meaning, List.of());
    }

    private static Entry checkKey(String field, String key, String value, GoVersion go) {
        Optional<GodebugSetting> found = GodebugCatalogue.lookup(key);
        if (found.isEmpty()) {
            List<String> near = GodebugCatalogue.nearest(key, 3);
            String msg = "unknown key \"" + key + "\": no Go release reads it, the runtime ignores it silently"
                    + (near.isEmpty() ? "" : "; nearest known: " + String.join(", ", near));
            return new Entry(field, key, value, Status.UNKNOWN_KEY, msg, "", near);
        }
        GodebugSetting s = found.get();
        if (s.removed().isPresent() && !go.isBefore(s.removed().get())) {
            return new Entry(field, key, value, Status.REMOVED, "removed in Go " + s.removed().get().shortName()
                    + "; Go " + go.shortName() + " ignores it", s.summary(), List.of());
        }
        if (!s.presentIn(go)) {
            String from = "Go " + s.since().shortName()
                    + s.backports().stream().map(b -> ", " + b.toString().substring(2)).reduce("", String::concat);
            return new Entry(field, key, value, Status.NOT_YET, "not yet in Go " + shortOrFull(go) + ": read from "
                    + from + " on", s.summary(), List.of());
        }
        Optional<String> bad = s.values().check(value);
        if (key.equals("cgocheck") && value.equals("2") && !go.isBefore(GoVersion.of(1, 21))) {
            // runtime1.go since 1.21: cgocheck > 1 throws; the check moved to GOEXPERIMENT=cgocheck2
            bad = Optional.of("cgocheck=2 makes Go " + go.shortName() + " programs abort; build with GOEXPERIMENT=cgocheck2");
        }
        if (key.equals("multipathtcp") && go.isBefore(GoVersion.of(1, 24)) && !value.equals("0") && !value.equals("1")) {
            bad = Optional.of("values 2 and 3 exist from Go 1.24 on; Go " + go.shortName() + " takes 0|1");
        }
        if (bad.isPresent()) {
            return new Entry(field, key, value, Status.BAD_VALUE, bad.get() + " (accepted: " + s.values().describe() + ")",
                    s.summary(), List.of());
        }
        return new Entry(field, key, value, Status.OK, "", s.summary(), List.of());
    }

    private static String shortOrFull(GoVersion v) {
        return v.patch() == 0 && v.prerelease().isEmpty() ? v.shortName() : v.toString().substring(2);
    }
}

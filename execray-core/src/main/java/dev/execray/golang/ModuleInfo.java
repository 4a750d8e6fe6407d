package dev.execray.golang;

import java.util.List;
import java.util.Optional;

/**
 * The module information a Go binary carries (runtime.modinfo between its sentinels), parsed as
 * runtime/debug.ParseBuildInfo parses it. All strings are byte strings (see {@link GoStrconv}).
 */
public record ModuleInfo(String path, GoModule main, List<GoModule> deps, List<BuildSetting> settings) {
    public static final ModuleInfo EMPTY = new ModuleInfo("", GoModule.NONE, List.of(), List.of());

    public Optional<String> setting(String key) {
        String found = null;
        for (BuildSetting s : settings) {
            if (s.key().equals(key)) {
                found = s.value(); // as in a map built from the list, the last one wins
            }
        }
        return Optional.ofNullable(found);
    }

    /**
     * runtime/debug.BuildInfo.String without the "go" line: what {@code go version -m} indents under the
     * file name. A replaced module prints without its sum, then the "=>" line, then (Go's quirk) an empty line.
     */
    public String toGoString() {
        StringBuilder sb = new StringBuilder();
        if (!path.isEmpty()) {
            sb.append("path\t").append(path).append('\n');
        }
        if (!main.isZero()) {
            formatModule(sb, "mod", main);
        }
        for (GoModule d : deps) {
            formatModule(sb, "dep", d);
        }
        for (BuildSetting s : settings) {
            String key = quoteKey(s.key()) ? GoStrconv.quote(s.key()) : s.key();
            String value = quoteValue(s.value()) ? GoStrconv.quote(s.value()) : s.value();
            sb.append("build\t").append(key).append('=').append(value).append('\n');
        }
        return sb.toString();
    }

    private static void formatModule(StringBuilder sb, String word, GoModule m) {
        sb.append(word).append('\t').append(m.path()).append('\t').append(m.version());
        if (m.replace().isEmpty()) {
            sb.append('\t').append(m.sum());
        } else {
            sb.append('\n');
            formatModule(sb, "=>", m.replace().get());
        }
        // Go writes this newline after the "=>" line too, so a replacement is followed by an empty line
        sb.append('\n');
    }

    static boolean quoteKey(String key) {
        return key.isEmpty() || containsAny(key, "= \t\r\n\"`");
    }

    static boolean quoteValue(String value) {
        return containsAny(value, " \t\r\n\"`");
    }

    /**
     * Whether {@code s} holds any of {@code chars}: one indexOf per character of the set, each a plain loop over
     * the string's bytes (an intrinsic once compiled). A go --modinfo run over a directory renders hundreds of
     * build lines in a cold JVM, where a charAt-and-lookup per character cost a fifth of the run.
     */
    private static boolean containsAny(String s, String chars) {
        for (int k = 0; k < chars.length(); k++) {
            if (s.indexOf(chars.charAt(k)) >= 0) {
                return true;
            }
        }
        return false;
    }
}

package dev.execray.golang;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * runtime/debug.ParseBuildInfo, line for line: the same accepted input, the same tolerance (unknown lines
 * and a last line without '\n' are ignored) and the same error texts, so that execray's errors read like
 * {@code go version -m}'s. Input and output are byte strings.
 */
public final class ModinfoParser {

    /** A parse failure, with Go's text: "could not parse Go build info: line 3: ...". */
    public static final class ModinfoException extends Exception {
        private static final long serialVersionUID = 1L;
        private final int line;

        ModinfoException(int line, String detail) {
            super("could not parse Go build info: line " + line + ": " + detail);
            this.line = line;
        }

        public int line() {
            return line;
        }
    }

    private ModinfoParser() {
    }

    public static ModuleInfo parse(String data) throws ModinfoException {
        String path = "";
        GoModule main = GoModule.NONE;
        List<GoModule> deps = new ArrayList<>();
        List<BuildSetting> settings = new ArrayList<>();
        // which module a "=>" line replaces: -1 none, -2 main, else index into deps
        int last = -1;
        int lineNum = 1;
        int pos = 0;
        // bounded by the input: every pass consumes at least the '\n'
        while (pos < data.length()) {
            int nl = data.indexOf('\n', pos);
            if (nl < 0) {
                break;
            }
            String line = data.substring(pos, nl);
            pos = nl + 1;
            if (line.startsWith("path\t")) {
                path = line.substring(5);
            } else if (line.startsWith("mod\t")) {
                main = moduleLine(split(line.substring(4)), lineNum);
                last = -2;
            } else if (line.startsWith("dep\t")) {
                deps.add(moduleLine(split(line.substring(4)), lineNum));
                last = deps.size() - 1;
            } else if (line.startsWith("=>\t")) {
                List<String> elem = split(line.substring(3));
                if (elem.size() != 3) {
                    throw new ModinfoException(lineNum, "expected 3 columns for replacement; got " + elem.size());
                }
                if (last == -1) {
                    throw new ModinfoException(lineNum, "replacement with no module on previous line");
                }
                GoModule rep = new GoModule(elem.get(0), elem.get(1), elem.get(2), Optional.empty());
                if (last == -2) {
                    main = withReplace(main, rep);
                } else {
                    deps.set(last, withReplace(deps.get(last), rep));
                }
                last = -1;
            } else if (line.startsWith("build\t")) {
                settings.add(buildLine(line.substring(6), lineNum));
            }
            lineNum++;
        }
        return new ModuleInfo(path, main, List.copyOf(deps), List.copyOf(settings));
    }

    private static GoModule withReplace(GoModule m, GoModule rep) {
        return new GoModule(m.path(), m.version(), m.sum(), Optional.of(rep));
    }

    private static GoModule moduleLine(List<String> elem, int lineNum) throws ModinfoException {
        if (elem.size() != 2 && elem.size() != 3) {
            throw new ModinfoException(lineNum, "expected 2 or 3 columns; got " + elem.size());
        }
        return new GoModule(elem.get(0), elem.get(1), elem.size() == 3 ? elem.get(2) : "", Optional.empty());
    }

    private static BuildSetting buildLine(String kv, int lineNum) throws ModinfoException {
        if (kv.isEmpty()) {
            throw new ModinfoException(lineNum, "build line missing '='");
        }
        String key;
        String rawValue;
        char first = kv.charAt(0);
        if (first == '=') {
            throw new ModinfoException(lineNum, "build line with missing key");
        } else if (first == '`' || first == '"') {
            Optional<String> rawKey = GoStrconv.quotedPrefix(kv);
            if (rawKey.isEmpty()) {
                throw new ModinfoException(lineNum, "invalid quoted key in build line");
            }
            int n = rawKey.get().length();
            if (kv.length() == n) {
                throw new ModinfoException(lineNum, "build line missing '=' after quoted key");
            }
            char c = kv.charAt(n);
            if (c != '=') {
                throw new ModinfoException(lineNum, "unexpected character after quoted key: " + quoteByte(c));
            }
            key = GoStrconv.unquote(rawKey.get()).orElse("");
            rawValue = kv.substring(n + 1);
        } else {
            int eq = kv.indexOf('=');
            if (eq < 0) {
                throw new ModinfoException(lineNum, "build line missing '=' after key");
            }
            key = kv.substring(0, eq);
            rawValue = kv.substring(eq + 1);
            if (ModuleInfo.quoteKey(key)) {
                throw new ModinfoException(lineNum, "unquoted key " + GoStrconv.quote(key) + " must be quoted");
            }
        }
        String value = "";
        if (!rawValue.isEmpty()) {
            char v0 = rawValue.charAt(0);
            if (v0 == '`' || v0 == '"') {
                value = GoStrconv.unquote(rawValue)
                        .orElseThrow(() -> new ModinfoException(lineNum, "invalid quoted value in build line"));
            } else {
                value = rawValue;
                if (ModuleInfo.quoteValue(value)) {
                    throw new ModinfoException(lineNum, "unquoted value " + GoStrconv.quote(value) + " must be quoted");
                }
            }
        }
        return new BuildSetting(key, value);
    }

    /** fmt's %q of a byte: a Go character literal. */
    private static String quoteByte(char c) {
        String q = GoStrconv.quote(GoStrconv.fromText(String.valueOf(c)));
        String inner = q.substring(1, q.length() - 1).replace("\\\"", "\"");
        if (c == '\'') {
            inner = "\\'";
        }
        return "'" + inner + "'";
    }

    private static List<String> split(String s) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '\t') {
                out.add(s.substring(start, i));
                start = i + 1;
            }
        }
        out.add(s.substring(start));
        return out;
    }
}

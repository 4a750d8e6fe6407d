package dev.execray.place.ldconfig;

import java.util.ArrayList;
import java.util.List;

/**
 * glob(3) as ldconfig uses it for {@code include} lines (flags 0): {@code *}, {@code ?} and bracket
 * expressions in any path component, a leading dot only matched explicitly, results sorted. The number
 * of matches is bounded so a hostile pattern cannot blow up.
 */
final class Glob {
    static final int MAX_MATCHES = 10_000;

    private Glob() {
    }

    static List<String> expand(LoaderFs fs, String pattern) {
        if (!pattern.startsWith("/")) {
            return List.of();
        }
        List<String> current = List.of("");
        String[] parts = pattern.substring(1).split("/", -1);
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            boolean last = i == parts.length - 1;
            List<String> next = new ArrayList<>();
            for (String base : current) {
                if (part.isEmpty()) {
                    next.add(base + "/");
                    continue;
                }
                if (!hasMagic(part)) {
                    String candidate = base + "/" + unescape(part);
                    if (!last || fs.lookup(candidate) instanceof LoaderFs.Found) {
                        next.add(candidate);
                    }
                    continue;
                }
                for (String name : fs.list(base.isEmpty() ? "/" : base)) {
                    if (matches(part, name)) {
                        next.add(base + "/" + name);
                        if (next.size() >= MAX_MATCHES) {
                            break;
                        }
                    }
                }
            }
            current = next;
            if (current.isEmpty()) {
                return List.of();
            }
        }
        // directories that do not exist were kept along the way only if a later component needed them
        List<String> out = new ArrayList<>();
        for (String c : current) {
            if (fs.lookup(c) instanceof LoaderFs.Found) {
                out.add(c);
            }
        }
        out.sort(null);
        return out;
    }

    static boolean hasMagic(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '*' || c == '?' || c == '[') {
                return true;
            }
        }
        return false;
    }

    private static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                c = s.charAt(++i);
            }
            sb.append(c);
        }
        return sb.toString();
    }

    /** fnmatch(3) with FNM_PERIOD for one path component. */
    static boolean matches(String pattern, String name) {
        if (name.startsWith(".") && !pattern.startsWith(".")) {
            return false;
        }
        return match(pattern, 0, name, 0, 0);
    }

    private static boolean match(String p, int pi, String s, int si, int depth) {
        if (depth > 256) {
            return false;
        }
        while (pi < p.length()) {
            char c = p.charAt(pi);
            switch (c) {
                case '*' -> {
                    while (pi < p.length() && p.charAt(pi) == '*') {
                        pi++;
                    }
                    if (pi == p.length()) {
                        return true;
                    }
                    for (int k = si; k <= s.length(); k++) {
                        if (match(p, pi, s, k, depth + 1)) {
                            return true;
                        }
                    }
                    return false;
                }
                case '?' -> {
                    if (si >= s.length()) {
                        return false;
                    }
                    pi++;
                    si++;
                }
                case '[' -> {
                    if (si >= s.length()) {
                        return false;
                    }
                    int end = bracketEnd(p, pi);
                    if (end < 0) {
                        // an unterminated '[' is an ordinary character
                        if (s.charAt(si) != '[') {
                            return false;
                        }
                        pi++;
                        si++;
                    } else {
                        if (!inBracket(p.substring(pi + 1, end), s.charAt(si))) {
                            return false;
                        }
                        pi = end + 1;
                        si++;
                    }
                }
                default -> {
                    if (c == '\\' && pi + 1 < p.length()) {
                        c = p.charAt(++pi);
                    }
                    if (si >= s.length() || s.charAt(si) != c) {
                        return false;
                    }
                    pi++;
                    si++;
                }
            }
        }
        return si == s.length();
    }

    private static int bracketEnd(String p, int open) {
        int i = open + 1;
        if (i < p.length() && (p.charAt(i) == '!' || p.charAt(i) == '^')) {
            i++;
        }
        if (i < p.length() && p.charAt(i) == ']') {
            i++;
        }
        while (i < p.length() && p.charAt(i) != ']') {
            i++;
        }
        return i < p.length() ? i : -1;
    }

    private static boolean inBracket(String set, char c) {
        boolean negate = !set.isEmpty() && (set.charAt(0) == '!' || set.charAt(0) == '^');
        int i = negate ? 1 : 0;
        boolean hit = false;
        while (i < set.length()) {
            char lo = set.charAt(i);
            if (i + 2 < set.length() && set.charAt(i + 1) == '-') {
                char hi = set.charAt(i + 2);
                if (c >= lo && c <= hi) {
                    hit = true;
                }
                i += 3;
            } else {
                if (c == lo) {
                    hit = true;
                }
                i++;
            }
        }
        return hit != negate;
    }
}

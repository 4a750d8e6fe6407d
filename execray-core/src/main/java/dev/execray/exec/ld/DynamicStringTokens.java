package dev.execray.exec.ld;

import java.util.Optional;

/**
 * Dynamic string tokens in DT_NEEDED, DT_RPATH and DT_RUNPATH, as glibc expands them
 * ({@code elf/dl-load.c} {@code is_dst}, {@code _dl_dst_substitute}) and as musl does
 * ({@code ldso/dynlink.c} {@code fixup_rpath}).
 */
public final class DynamicStringTokens {
    private DynamicStringTokens() {
    }

    /** The values tokens expand to for one object. An empty origin means ld.so could not determine it. */
    public record Values(Optional<String> origin, String lib, Optional<String> platform, boolean secure,
                         boolean mainProgram) {
    }

    /** The expansion of one path element, or why the element is dropped. */
    public sealed interface Expansion permits Expanded, Dropped {
    }

    public record Expanded(String value, boolean hadTokens) implements Expansion {
    }

    public record Dropped(String reason) implements Expansion {
    }

    /** Number of tokens glibc recognises in {@code s} ({@code _dl_dst_count}). */
    public static int glibcCount(String s) {
        int n = 0;
        int i = s.indexOf('$');
        while (i >= 0) {
            int len = glibcTokenLength(s, i + 1, "ORIGIN");
            if (len == 0) {
                len = glibcTokenLength(s, i + 1, "PLATFORM");
            }
            if (len == 0) {
                len = glibcTokenLength(s, i + 1, "LIB");
            }
            if (len != 0) {
                n++;
            }
            i = s.indexOf('$', i + 1 + len);
        }
        return n;
    }

    /**
     * glibc's substitution of one element. A recognised token without a value ($PLATFORM unknown, origin
     * unknown) drops the element; in secure mode $ORIGIN is only used at the very start of an element and
     * followed by {@code /} or the end, and in the main program's own paths the result must then lie in
     * a trusted directory.
     */
    public static Expansion glibc(String input, Values v, java.util.List<String> trustedDirs) {
        StringBuilder out = new StringBuilder(input.length() + 32);
        boolean checkTrusted = false;
        boolean any = false;
        int i = 0;
        while (i < input.length()) {
            char c = input.charAt(i);
            if (c != '$') {
                out.append(c);
                i++;
                continue;
            }
            int len;
            String repl;
            if ((len = glibcTokenLength(input, i + 1, "ORIGIN")) != 0) {
                boolean atStart = i == 0 && (i + 1 + len == input.length() || input.charAt(i + 1 + len) == '/');
                if (v.secure() && !atStart) {
                    return new Dropped("$ORIGIN not at the start of the element is ignored in secure mode");
                }
                if (v.origin().isEmpty()) {
                    return new Dropped("the object's origin is unknown");
                }
                repl = v.origin().get();
                checkTrusted = v.secure() && v.mainProgram();
            } else if ((len = glibcTokenLength(input, i + 1, "PLATFORM")) != 0) {
                if (v.platform().isEmpty()) {
                    return new Dropped("$PLATFORM has no value on this target");
                }
                repl = v.platform().get();
            } else if ((len = glibcTokenLength(input, i + 1, "LIB")) != 0) {
                repl = v.lib();
            } else {
                out.append('$');
                i++;
                continue;
            }
            out.append(repl);
            any = true;
            i += 1 + len;
        }
        String result = out.toString();
        if (checkTrusted && !inTrustedDir(result, trustedDirs)) {
            return new Dropped("in secure mode a path from $ORIGIN must lie in a trusted directory");
        }
        return new Expanded(result, any);
    }

    /**
     * musl's rule for an rpath string as a whole: only {@code $ORIGIN} and {@code ${ORIGIN}} exist (checked
     * as a prefix, so {@code $ORIGINX} counts as {@code $ORIGIN} followed by X); any other {@code $} makes
     * musl ignore the whole rpath. In secure mode the main program's origin is not used at all.
     */
    public static Expansion musl(String rpath, Optional<String> origin, boolean secure, boolean mainProgram) {
        if (rpath.indexOf('$') < 0) {
            return new Expanded(rpath, false);
        }
        int j = rpath.indexOf('$');
        while (j >= 0) {
            if (!rpath.startsWith("$ORIGIN", j) && !rpath.startsWith("${ORIGIN}", j)) {
                return new Dropped("musl ignores an rpath with a $ token other than $ORIGIN");
            }
            j = rpath.indexOf('$', j + 1);
        }
        if (mainProgram && secure) {
            return new Dropped("musl does not expand $ORIGIN for the main program in secure mode");
        }
        if (origin.isEmpty()) {
            return new Dropped("the object's origin is unknown");
        }
        String o = origin.get();
        if (secure && !o.startsWith("/")) {
            return new Dropped("musl refuses a relative origin in secure mode");
        }
        StringBuilder sb = new StringBuilder();
        int i = 0;
        int t;
        while ((t = rpath.indexOf('$', i)) >= 0) {
            sb.append(rpath, i, t).append(o);
            i = t + 7 + (rpath.charAt(t + 1) == '{' ? 2 : 0);
        }
        sb.append(rpath.substring(i));
        return new Expanded(sb.toString(), true);
    }

    /** {@code is_dst}: length of the token {@code ref} at {@code at} (after the $), braces included, or 0. */
    static int glibcTokenLength(String s, int at, String ref) {
        boolean curly = at < s.length() && s.charAt(at) == '{';
        int start = curly ? at + 1 : at;
        if (!s.startsWith(ref, start)) {
            return 0;
        }
        int after = start + ref.length();
        char next = after < s.length() ? s.charAt(after) : '\0';
        if (curly && next != '}') {
            return 0;
        }
        if (!curly && (Character.isLetterOrDigit(next) && next < 128 || next == '_')) {
            return 0;
        }
        return curly ? ref.length() + 2 : ref.length();
    }

    /** {@code is_trusted_path_normalize}: the normalised path starts with one of the trusted dirs. */
    static boolean inTrustedDir(String path, java.util.List<String> trusted) {
        if (path.isEmpty()) {
            return false;
        }
        String n = normalise(path);
        if (!n.endsWith("/")) {
            n = n + "/";
        }
        for (String t : trusted) {
            if (n.startsWith(t)) {
                return true;
            }
        }
        return false;
    }

    /** Removes {@code /./}, {@code /../} and repeated slashes the way is_trusted_path_normalize does. */
    static String normalise(String path) {
        StringBuilder w = new StringBuilder();
        int i = 0;
        while (i < path.length()) {
            if (path.charAt(i) == '/') {
                if (path.startsWith("/..", i) && (i + 3 == path.length() || path.charAt(i + 3) == '/')) {
                    int cut = w.lastIndexOf("/");
                    w.setLength(Math.max(cut, 0));
                    i += 3;
                    continue;
                }
                if (path.startsWith("/.", i) && (i + 2 == path.length() || path.charAt(i + 2) == '/')) {
                    i += 2;
                    continue;
                }
                if (w.length() > 0 && w.charAt(w.length() - 1) == '/') {
                    i++;
                    continue;
                }
            }
            w.append(path.charAt(i++));
        }
        return w.toString();
    }
}

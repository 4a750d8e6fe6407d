package dev.execray.place.ldconfig;

import dev.execray.binary.BinaryFormatException;
import dev.execray.binary.ByteSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /etc/ld.so.conf} as ldconfig reads it ({@code elf/ldconfig.c} {@code parse_conf}): one directory
 * per line, {@code #} starts a comment, {@code include PATTERN...} reads the files a glob matches (relative
 * patterns relative to the including file), {@code hwcap} lines are ignored. ld.so itself never reads this
 * file; it is what ldconfig turned into ld.so.cache, so it explains a cache, and a directory listed here but
 * missing from the cache means ldconfig was not run. Unlike ldconfig, includes are bounded: a file that
 * includes itself is read once, and nesting stops at {@link #MAX_DEPTH}.
 */
public record LdSoConf(List<Directory> directories, List<String> filesRead, List<String> problems) {
    public static final int MAX_DEPTH = 16;
    static final int MAX_FILE = 1 << 20;

    /** One directory line: the path as ldconfig keeps it (trailing slashes and blanks removed). */
    public record Directory(String path, String file, int line) {
    }

    public LdSoConf {
        directories = List.copyOf(directories);
        filesRead = List.copyOf(filesRead);
        problems = List.copyOf(problems);
    }

    public static LdSoConf read(LoaderFs fs, String file) {
        Reader r = new Reader(fs);
        r.parse(file, 0);
        return new LdSoConf(r.dirs, r.files, r.problems);
    }

    /** The directory entry for a path, if ld.so.conf lists it. */
    public Optional<Directory> find(String dir) {
        String d = trimSlashes(dir);
        return directories.stream().filter(x -> x.path().equals(d)).findFirst();
    }

    private static String trimSlashes(String s) {
        int i = s.length();
        while (i > 1 && s.charAt(i - 1) == '/') {
            i--;
        }
        return s.substring(0, i);
    }

    private static final class Reader {
        final LoaderFs fs;
        final List<Directory> dirs = new ArrayList<>();
        final List<String> files = new ArrayList<>();
        final List<String> problems = new ArrayList<>();
        final Set<String> seen = new HashSet<>();

        Reader(LoaderFs fs) {
            this.fs = fs;
        }

        void parse(String file, int depth) {
            if (depth > MAX_DEPTH) {
                problems.add(file + ": includes nested more than " + MAX_DEPTH + " deep; not read");
                return;
            }
            LoaderFs.Lookup l = fs.lookup(file);
            if (!(l instanceof LoaderFs.Found f)) {
                return; // ldconfig is silent about missing files
            }
            if (!seen.add(f.canonical())) {
                problems.add(file + ": included again (include cycle); read once");
                return;
            }
            if (!f.isRegular()) {
                problems.add(file + ": not a regular file; ignored");
                return;
            }
            String text;
            try {
                ByteSource b = fs.open(f);
                int n = (int) Math.min(b.size(), MAX_FILE);
                if (b.size() > MAX_FILE) {
                    problems.add(file + ": larger than " + MAX_FILE + " bytes; only the start is read");
                }
                text = new String(b.bytes(0, n, "ld.so.conf"), StandardCharsets.UTF_8);
            } catch (IOException | BinaryFormatException e) {
                problems.add(file + ": cannot be read: " + e.getMessage());
                return;
            }
            files.add(file);
            String[] lines = text.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                if (i == lines.length - 1 && lines[i].isEmpty()) {
                    break;
                }
                line(file, i + 1, lines[i], depth);
            }
        }

        void line(String file, int lineNo, String raw, int depth) {
            int hash = raw.indexOf('#');
            String s = hash >= 0 ? raw.substring(0, hash) : raw;
            int i = 0;
            while (i < s.length() && isSpace(s.charAt(i))) {
                i++;
            }
            s = s.substring(i);
            if (s.isEmpty()) {
                return;
            }
            if (s.startsWith("include") && s.length() > 7 && isBlank(s.charAt(7))) {
                for (String pat : s.substring(8).split("[ \t]")) {
                    if (pat.isEmpty()) {
                        continue;
                    }
                    String full = pat;
                    if (!pat.startsWith("/") && file.contains("/")) {
                        String dir = file.substring(0, file.lastIndexOf('/'));
                        full = (dir.isEmpty() ? "" : dir) + "/" + pat;
                    }
                    for (String match : Glob.expand(fs, full)) {
                        parse(match, depth + 1);
                    }
                }
                return;
            }
            if (s.regionMatches(true, 0, "hwcap", 0, 5) && s.length() > 5 && isBlank(s.charAt(5))) {
                problems.add(file + ":" + lineNo + ": hwcap directive ignored");
                return;
            }
            String path = s;
            int eq = path.indexOf('=');
            if (eq >= 0) {
                path = path.substring(0, eq);
            }
            int end = path.length();
            while (end > 0 && isSpace(path.charAt(end - 1))) {
                end--;
            }
            while (end > 0 && path.charAt(end - 1) == '/') {
                end--;
            }
            if (end == 0) {
                return;
            }
            dirs.add(new Directory(path.substring(0, end), file, lineNo));
        }

        private static boolean isSpace(char c) {
            return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0b;
        }

        private static boolean isBlank(char c) {
            return c == ' ' || c == '\t';
        }
    }
}

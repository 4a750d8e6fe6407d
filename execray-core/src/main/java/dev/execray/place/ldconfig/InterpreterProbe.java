package dev.execray.place.ldconfig;

import dev.execray.binary.BinaryFormatException;
import dev.execray.binary.ByteSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the program interpreter in a root says about itself, read from its bytes (it is never run): which
 * libc it belongs to, and for glibc the compiled-in facts that {@code ld.so --help} would print: the trusted
 * directories ({@code system_dirs}, e.g. Debian's {@code /lib/x86_64-linux-gnu/} first), the value of
 * {@code $LIB}, the release and the cache file name; for musl its {@code LDSO_ARCH} and release.
 */
public record InterpreterProbe(String path, Flavour flavour, List<String> systemDirs, Optional<String> dstLib,
                               Optional<GlibcVersion> glibcVersion, Optional<String> cachePath,
                               Optional<String> muslArch, Optional<String> muslVersion, Optional<String> problem) {

    public enum Flavour { GLIBC, MUSL, UNKNOWN, MISSING }

    static final int MAX_SIZE = 64 << 20;
    private static final Pattern RELEASE = Pattern.compile("release version (\\d+\\.\\d+)");
    private static final Pattern MUSL = Pattern.compile("^musl libc \\(([A-Za-z0-9_]+)\\)$");
    private static final Pattern MUSL_PATH = Pattern.compile("/etc/ld-musl-([A-Za-z0-9_]+)\\.path$");
    private static final Pattern VERSION = Pattern.compile("^\\d+\\.\\d+\\.\\d+$");

    public InterpreterProbe {
        systemDirs = List.copyOf(systemDirs);
    }

    public static InterpreterProbe missing(String path, String why) {
        return new InterpreterProbe(path, Flavour.MISSING, List.of(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(why));
    }

    /** Reads the interpreter at {@code path} inside the root. */
    public static InterpreterProbe read(LoaderFs fs, String path) {
        LoaderFs.Lookup l = fs.lookup(path);
        if (!(l instanceof LoaderFs.Found f)) {
            return missing(path, path + " is not in the root (" + ((LoaderFs.Missing) l).errno() + ")");
        }
        if (!f.isRegular()) {
            return missing(path, path + " is not a regular file");
        }
        try {
            ByteSource b = fs.open(f);
            if (b.size() > MAX_SIZE) {
                return missing(path, path + " is too large to be a program interpreter");
            }
            return of(path, b.bytes(0, (int) b.size(), "interpreter"));
        } catch (IOException | BinaryFormatException e) {
            return missing(path, path + " cannot be read: " + e.getMessage());
        }
    }

    /** Reads the facts from an interpreter's bytes. */
    public static InterpreterProbe of(String path, byte[] data) {
        List<String> strings = strings(data);
        boolean glibc = false;
        Optional<String> muslArch = Optional.empty();
        Optional<GlibcVersion> version = Optional.empty();
        Optional<String> cache = Optional.empty();
        Optional<String> muslVersion = Optional.empty();
        for (String s : strings) {
            if (s.equals("GLIBC_PRIVATE") || s.startsWith("glibc-ld.so.cache")) {
                glibc = true;
            }
            Matcher m = MUSL.matcher(s);
            if (m.matches()) {
                muslArch = Optional.of(m.group(1));
            }
            Matcher mp = MUSL_PATH.matcher(s);
            if (mp.find() && muslArch.isEmpty()) {
                muslArch = Optional.of(mp.group(1));
            }
            Matcher r = RELEASE.matcher(s);
            if (version.isEmpty() && r.find()) {
                version = GlibcVersion.parse(r.group(1));
            }
            if (cache.isEmpty() && s.startsWith("/") && s.endsWith("/ld.so.cache") && s.indexOf(' ') < 0) {
                cache = Optional.of(s);
            }
            if (muslVersion.isEmpty() && VERSION.matcher(s).matches()) {
                muslVersion = Optional.of(s);
            }
        }
        if (muslArch.isPresent() && !glibc) {
            return new InterpreterProbe(path, Flavour.MUSL, List.of(), Optional.empty(), Optional.empty(),
                    Optional.empty(), muslArch, muslVersion, Optional.empty());
        }
        if (!glibc) {
            return new InterpreterProbe(path, Flavour.UNKNOWN, List.of(), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.of(path + " is neither glibc's nor musl's loader"));
        }
        if (version.isEmpty()) {
            version = strings.stream().map(GlibcVersion::ofSymbolVersion).flatMap(Optional::stream)
                    .max(GlibcVersion::compareTo);
        }
        List<String> dirs = systemDirs(strings);
        Optional<String> lib = Optional.empty();
        if (!dirs.isEmpty()) {
            String first = dirs.get(0);
            String rel = first.substring(1, first.length() - 1);
            String base = rel.substring(rel.lastIndexOf('/') + 1);
            if (strings.contains(rel)) {
                lib = Optional.of(rel);
            } else if (strings.contains(base)) {
                lib = Optional.of(base);
            }
        }
        return new InterpreterProbe(path, Flavour.GLIBC, dirs, lib, version, cache, Optional.empty(),
                Optional.empty(), dirs.isEmpty() ? Optional.of("no system_dirs table found in " + path)
                : Optional.empty());
    }

    /**
     * The first run of at least two consecutive NUL-terminated absolute directory names ending in "/":
     * the layout of glibc's {@code system_dirs} string ({@code gen-trusted-dirs.awk}).
     */
    static List<String> systemDirs(List<String> strings) {
        List<String> run = new ArrayList<>();
        for (String s : strings) {
            if (s.length() >= 2 && s.startsWith("/") && s.endsWith("/") && s.matches("[A-Za-z0-9_./+-]+")) {
                run.add(s);
            } else {
                if (run.size() >= 2) {
                    return run;
                }
                run.clear();
            }
        }
        return run.size() >= 2 ? run : List.of();
    }

    /** The NUL-delimited printable strings of a file; an empty string marks a break between runs. */
    static List<String> strings(byte[] data) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < data.length; i++) {
            byte b = data[i];
            if (b == 0) {
                if (i > start) {
                    out.add(new String(data, start, i - start, StandardCharsets.ISO_8859_1));
                } else if (!out.isEmpty() && !out.get(out.size() - 1).isEmpty()) {
                    out.add("");
                }
                start = i + 1;
            } else if ((b < 0x20 && b != '\n' && b != '\t') || b > 0x7e || i - start > 4096) {
                // not a string byte: skip to the next NUL, and break any run
                while (i < data.length && data[i] != 0) {
                    i++;
                }
                if (!out.isEmpty() && !out.get(out.size() - 1).isEmpty()) {
                    out.add("");
                }
                start = i + 1;
            }
        }
        return out;
    }
}

package dev.execray.scan;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * apk's installed database ({@code /lib/apk/db/installed}, Alpine), the text format apk-tools writes (its
 * {@code database.c}, documented in the Alpine wiki's "Apk spec"): one stanza per package separated by a blank line,
 * each line {@code K:value}. The keys read here: {@code P} name, {@code V} version, {@code A} architecture,
 * {@code F} a directory (relative to the root, no leading slash) and {@code R} a file inside the directory named by
 * the last {@code F} line. Every other key (checksums, ACLs, dependencies) is skipped. A stanza without a name or
 * version owns nothing.
 */
final class ApkDb {
    static final String INSTALLED = "/lib/apk/db/installed";
    static final long MAX_INSTALLED = 64L << 20;

    /** Owners by canonical path, and what to say about the database. */
    record Loaded(Map<String, OsPackage> byPath, String source) {
    }

    private ApkDb() {
    }

    /** Empty when the text has no package stanza at all (not an apk database). */
    static Optional<Loaded> parse(String text, String vendor) {
        Map<String, OsPackage> byPath = new HashMap<>();
        int packages = 0;
        for (String stanza : text.split("\n\n")) {
            String name = null;
            String version = null;
            String arch = null;
            for (String line : stanza.split("\n")) {
                if (line.length() >= 2 && line.charAt(1) == ':') {
                    switch (line.charAt(0)) {
                        case 'P' -> name = line.substring(2).strip();
                        case 'V' -> version = line.substring(2).strip();
                        case 'A' -> arch = line.substring(2).strip();
                        default -> { }
                    }
                }
            }
            if (name == null || name.isEmpty() || version == null || version.isEmpty()) {
                continue;
            }
            packages++;
            String purl = "pkg:apk/" + vendor + "/" + name + "@" + PackageDb.encode(version)
                    + (arch == null || arch.isEmpty() ? "" : "?arch=" + arch);
            OsPackage p = new OsPackage(name, version, arch == null ? "" : arch, purl);
            String dir = null;
            for (String line : stanza.split("\n")) {
                if (line.startsWith("F:")) {
                    dir = normalise(line.substring(2));
                } else if (line.startsWith("R:") && dir != null) {
                    String file = line.substring(2);
                    if (!file.isEmpty() && file.indexOf('/') < 0) {
                        byPath.putIfAbsent(dir.equals("/") ? "/" + file : dir + "/" + file, p);
                    }
                }
            }
        }
        if (packages == 0) {
            return Optional.empty();
        }
        return Optional.of(new Loaded(byPath, "apk: " + packages + " packages"));
    }

    /** "usr/bin" -> "/usr/bin"; "" (the root itself) -> "/". */
    private static String normalise(String dir) {
        String d = dir.strip();
        while (d.endsWith("/")) {
            d = d.substring(0, d.length() - 1);
        }
        while (d.startsWith("/")) {
            d = d.substring(1);
        }
        return "/" + d;
    }
}

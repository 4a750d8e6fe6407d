package dev.execray.scan;

import dev.execray.binary.ByteSource;
import dev.execray.rootfs.FileStat;
import dev.execray.rootfs.Resolution;
import dev.execray.rootfs.RootFs;
import dev.execray.rootfs.RootFsException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which package owns a file, read once per root from its package database: dpkg's ({@code /var/lib/dpkg/status} for
 * names, versions and architectures, {@code /var/lib/dpkg/info/*.list} for the files), apk's
 * ({@link ApkDb}, Alpine) or rpm's SQLite database ({@link RpmDb}, RHEL 9, Fedora 33 and later). On a merged-/usr root dpkg lists many
 * files under their old names ({@code /bin/ls} for {@code /usr/bin/ls}); {@link #owner} tries both. Reads are
 * bounded: a database larger than the limits below is treated as absent.
 */
public final class PackageDb {
    static final long MAX_STATUS = 64L << 20;
    static final long MAX_LIST = 16L << 20;
    static final int MAX_LISTS = 50_000;

    private final Map<String, OsPackage> byPath;
    private final String source;

    private PackageDb(Map<String, OsPackage> byPath, String source) {
        this.byPath = byPath;
        this.source = source;
    }

    public static PackageDb empty() {
        return new PackageDb(Map.of(), "none");
    }

    public String source() {
        return source;
    }

    public int files() {
        return byPath.size();
    }

    /**
     * Reads the root's package database: dpkg's, else apk's installed DB, else rpm's SQLite database. A root with
     * none (or only an rpm database this reader cannot open, e.g. BerkeleyDB) gets an empty database whose
     * {@link #source()} says why.
     */
    public static PackageDb read(RootFs root) {
        Optional<String> status = text(root, "/var/lib/dpkg/status", MAX_STATUS);
        if (status.isPresent()) {
            return readDpkg(root, status.get());
        }
        Optional<String> apk = text(root, ApkDb.INSTALLED, ApkDb.MAX_INSTALLED);
        if (apk.isPresent()) {
            String vendor = text(root, "/etc/os-release", 1 << 16).map(s -> osId(s, "alpine")).orElse("alpine");
            return ApkDb.parse(apk.get(), vendor).map(m -> new PackageDb(m.byPath(), m.source()))
                    .orElseGet(() -> new PackageDb(Map.of(), "apk: " + ApkDb.INSTALLED + " unreadable"));
        }
        if (RpmDb.present(root)) {
            String vendor = text(root, "/etc/os-release", 1 << 16).map(s -> osId(s, "redhat")).orElse("redhat");
            RpmDb.Loaded l = RpmDb.read(root, vendor);
            return new PackageDb(l.byPath(), l.source());
        }
        return empty();
    }

    private static PackageDb readDpkg(RootFs root, String status) {
        String vendor = text(root, "/etc/os-release", 1 << 16).map(s -> osId(s, "debian")).orElse("debian");
        Map<String, OsPackage> packages = new HashMap<>();
        for (String stanza : status.split("\n\n")) {
            String name = null;
            String version = null;
            String arch = null;
            boolean installed = false;
            for (String line : stanza.split("\n")) {
                if (line.startsWith("Package: ")) {
                    name = line.substring(9).strip();
                } else if (line.startsWith("Version: ")) {
                    version = line.substring(9).strip();
                } else if (line.startsWith("Architecture: ")) {
                    arch = line.substring(14).strip();
                } else if (line.startsWith("Status: ")) {
                    installed = line.endsWith(" installed");
                }
            }
            if (name != null && version != null && installed) {
                String a = arch == null ? "all" : arch;
                OsPackage p = new OsPackage(name, version, a, "pkg:deb/" + vendor + "/" + name + "@" + encode(version)
                        + "?arch=" + a);
                packages.put(name + ":" + a, p);
                packages.putIfAbsent(name, p);
            }
        }
        Map<String, OsPackage> byPath = new HashMap<>();
        List<String> names;
        try {
            names = root.list("/var/lib/dpkg/info");
        } catch (RootFsException e) {
            return new PackageDb(Map.of(), "dpkg (no info directory)");
        }
        int lists = 0;
        for (String n : names) {
            if (!n.endsWith(".list") || ++lists > MAX_LISTS) {
                continue;
            }
            String pkg = n.substring(0, n.length() - 5);
            OsPackage p = packages.getOrDefault(pkg, packages.get(pkg.replaceFirst(":.*", "")));
            if (p == null) {
                continue;
            }
            Optional<String> list = text(root, "/var/lib/dpkg/info/" + n, MAX_LIST);
            for (String line : list.orElse("").split("\n")) {
                if (line.startsWith("/") && line.length() > 1) {
                    byPath.putIfAbsent(line, p);
                }
            }
        }
        return new PackageDb(byPath, "dpkg: " + packages.size() / 2 + " packages");
    }

    /** The package that lists this canonical path, or its pre-merged-/usr name. */
    public Optional<OsPackage> owner(String canonical) {
        OsPackage p = byPath.get(canonical);
        if (p == null) {
            for (String top : List.of("/bin/", "/sbin/", "/lib/", "/lib64/", "/lib32/", "/libx32/")) {
                if (canonical.startsWith("/usr" + top)) {
                    p = byPath.get(canonical.substring(4));
                    break;
                }
            }
        }
        return Optional.ofNullable(p);
    }

    /** The os-release ID, the PURL namespace of the distribution's packages. */
    static String osId(String osRelease, String fallback) {
        for (String line : osRelease.split("\n")) {
            if (line.startsWith("ID=")) {
                String id = line.substring(3).replace("\"", "").replace("'", "").strip();
                return id.isEmpty() ? fallback : id;
            }
        }
        return fallback;
    }

    /** PURL version encoding: the characters a package version may hold that PURL reserves. */
    static String encode(String v) {
        return v.replace("%", "%25").replace(":", "%3A").replace("+", "%2B");
    }

    static Optional<String> text(RootFs root, String path, long max) {
        if (!(root.resolve(path) instanceof Resolution.Found f)) {
            return Optional.empty();
        }
        FileStat st = f.stat();
        if (!st.isRegular() || st.size() > max) {
            return Optional.empty();
        }
        try {
            ByteSource src = root.open(f.canonical());
            return Optional.of(new String(src.bytes(0, (int) src.size(), path), StandardCharsets.UTF_8));
        } catch (RootFsException | dev.execray.binary.BinaryFormatException | java.io.UncheckedIOException e) {
            return Optional.empty();
        }
    }
}

package dev.execray.scan;

import dev.execray.binary.ByteSource;
import dev.execray.rootfs.FileStat;
import dev.execray.rootfs.Resolution;
import dev.execray.rootfs.RootFs;
import dev.execray.rootfs.RootFsException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * rpm's package database in its SQLite form ({@code rpmdb.sqlite}: rpm 4.16 and later, the default of RHEL 9,
 * Fedora 33 and later, Amazon Linux 2023). Each row of its {@code Packages} table holds one package header in rpm's
 * header-blob layout (rpm's {@code lib/header.c}: big-endian index count and data length, 16-byte index entries of
 * tag, type, offset and count, then the data); the files are the {@code BASENAMES}/{@code DIRNAMES}/
 * {@code DIRINDEXES} triple (or {@code OLDFILENAMES} in very old headers), exactly what {@code rpm -qf} looks up.
 *
 * <p>The database is copied to private temp space before it is opened: SQLite may create {@code -shm}/{@code -wal}
 * files next to the file it opens, and nothing may be written into a scanned root. Older rpm databases
 * (BerkeleyDB {@code Packages} in RHEL 8, CentOS 7, Amazon Linux 2; SUSE's {@code Packages.db} "ndb") are not read:
 * their owners are reported as unknown, and the source says why.
 */
final class RpmDb {
    static final List<String> SQLITE = List.of("/usr/lib/sysimage/rpm/rpmdb.sqlite", "/var/lib/rpm/rpmdb.sqlite");
    static final List<String> OTHER = List.of("/var/lib/rpm/Packages", "/var/lib/rpm/Packages.db",
            "/usr/lib/sysimage/rpm/Packages", "/usr/lib/sysimage/rpm/Packages.db");
    static final long MAX_DB = 512L << 20;
    /** rpm's own limits on a header (hdrchkTags / hdrchkData in header.c). */
    static final int MAX_TAGS = 0xffff;
    static final int MAX_DATA = 256 << 20;

    static final int TAG_NAME = 1000;
    static final int TAG_VERSION = 1001;
    static final int TAG_RELEASE = 1002;
    static final int TAG_EPOCH = 1003;
    static final int TAG_ARCH = 1022;
    static final int TAG_OLDFILENAMES = 1027;
    static final int TAG_DIRINDEXES = 1116;
    static final int TAG_BASENAMES = 1117;
    static final int TAG_DIRNAMES = 1118;

    static final int TYPE_INT32 = 4;
    static final int TYPE_STRING = 6;
    static final int TYPE_STRING_ARRAY = 8;
    static final int TYPE_I18NSTRING = 9;

    record Loaded(Map<String, OsPackage> byPath, String source) {
    }

    /** One package as its header says: identity and the absolute paths of its files. */
    record Header(String name, String version, String release, Optional<Long> epoch, String arch, List<String> files) {
        /** rpm -q's NEVRA spelling: name-version-release.arch (the epoch is not printed). */
        String nvra() {
            return name + "-" + version + "-" + release + "." + (arch.isEmpty() ? "(none)" : arch);
        }
    }

    private RpmDb() {
    }

    static boolean present(RootFs root) {
        return Stream.concat(SQLITE.stream(), OTHER.stream())
                .anyMatch(p -> root.resolve(p) instanceof Resolution.Found f && f.stat().isRegular());
    }

    static Loaded read(RootFs root, String vendor) {
        for (String p : SQLITE) {
            if (root.resolve(p) instanceof Resolution.Found f && f.stat().isRegular()) {
                return readSqlite(root, f, p, vendor);
            }
        }
        for (String p : OTHER) {
            if (root.resolve(p) instanceof Resolution.Found f && f.stat().isRegular()) {
                String kind = p.endsWith(".db") ? "an ndb database (SUSE)" : "a BerkeleyDB database (rpm before 4.16)";
                return new Loaded(Map.of(), "rpm: " + p + " is " + kind + ", not read: package owners unknown");
            }
        }
        return new Loaded(Map.of(), "none");
    }

    private static Loaded readSqlite(RootFs root, Resolution.Found db, String name, String vendor) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("execray-rpmdb");
            Path copy = dir.resolve("rpmdb.sqlite");
            String err = copy(root, db, copy);
            if (err != null) {
                return new Loaded(Map.of(), "rpm: " + name + " " + err);
            }
            // a database still in WAL mode keeps its newest pages in the -wal file next to it
            if (root.resolve(db.canonical() + "-wal") instanceof Resolution.Found w && w.stat().isRegular()
                    && w.stat().size() > 0) {
                String werr = copy(root, w, dir.resolve("rpmdb.sqlite-wal"));
                if (werr != null) {
                    return new Loaded(Map.of(), "rpm: " + name + "-wal " + werr);
                }
            }
            List<Header> headers = new ArrayList<>();
            int bad = 0;
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + copy.toAbsolutePath());
                    Statement s = c.createStatement()) {
                s.execute("PRAGMA trusted_schema = OFF");
                s.execute("PRAGMA query_only = 1");
                try (ResultSet rs = s.executeQuery("SELECT blob FROM Packages ORDER BY hnum")) {
                    while (rs.next()) {
                        byte[] blob = rs.getBytes(1);
                        Optional<Header> h = blob == null ? Optional.empty() : parseHeader(blob);
                        if (h.isPresent()) {
                            headers.add(h.get());
                        } else {
                            bad++;
                        }
                    }
                }
            }
            Map<String, OsPackage> byPath = new HashMap<>();
            for (Header h : headers) {
                OsPackage p = new OsPackage(h.name(), (h.epoch().map(e -> e + ":").orElse("")) + h.version() + "-"
                        + h.release(), h.arch(), purl(vendor, h));
                for (String f : h.files()) {
                    byPath.putIfAbsent(f, p);
                }
            }
            return new Loaded(byPath, "rpm: " + headers.size() + " packages (" + name + ")"
                    + (bad > 0 ? ", " + bad + " unreadable headers" : ""));
        } catch (IOException | SQLException e) {
            return new Loaded(Map.of(), "rpm: " + name + " unreadable: " + e.getMessage());
        } finally {
            if (dir != null) {
                deleteTree(dir);
            }
        }
    }

    /** pkg:rpm/VENDOR/NAME@VERSION-RELEASE?arch=A&epoch=E, as the PURL spec's rpm type defines. */
    static String purl(String vendor, Header h) {
        StringBuilder q = new StringBuilder();
        if (!h.arch().isEmpty()) {
            q.append("arch=").append(h.arch());
        }
        h.epoch().ifPresent(e -> q.append(q.length() > 0 ? "&" : "").append("epoch=").append(e));
        return "pkg:rpm/" + vendor + "/" + h.name() + "@" + PackageDb.encode(h.version() + "-" + h.release())
                + (q.length() > 0 ? "?" + q : "");
    }

    /** Null when copied, else why not. Bounded: a database larger than {@link #MAX_DB} is not read. */
    private static String copy(RootFs root, Resolution.Found f, Path to) throws IOException {
        FileStat st = f.stat();
        if (st.size() > MAX_DB) {
            return "larger than " + (MAX_DB >> 20) + " MiB, not read";
        }
        try {
            ByteSource src = root.open(f.canonical());
            try (OutputStream out = Files.newOutputStream(to)) {
                for (long off = 0; off < src.size(); off += 1 << 20) {
                    int len = (int) Math.min(1 << 20, src.size() - off);
                    out.write(src.bytes(off, len, "rpmdb"));
                }
            }
            return null;
        } catch (RootFsException | dev.execray.binary.BinaryFormatException | java.io.UncheckedIOException e) {
            return "unreadable: " + e.getMessage();
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // temp space: the OS cleans it
                }
            });
        } catch (IOException e) {
            // temp space: the OS cleans it
        }
    }

    /**
     * One header blob as stored in the database (no lead, no magic: rpm strips the 8-byte header magic before
     * storing). Empty when the blob breaks the layout; a header without a name is not a package.
     */
    static Optional<Header> parseHeader(byte[] b) {
        if (b.length < 8) {
            return Optional.empty();
        }
        long il = u32(b, 0);
        long dl = u32(b, 4);
        if (il < 1 || il > MAX_TAGS || dl > MAX_DATA || 8 + il * 16 + dl > b.length) {
            return Optional.empty();
        }
        int data = (int) (8 + il * 16);
        Map<Integer, long[]> entries = new HashMap<>(); // tag -> {type, offset, count}
        for (int i = 0; i < il; i++) {
            int e = 8 + i * 16;
            long tag = u32(b, e);
            long type = u32(b, e + 4);
            long off = u32(b, e + 8);
            long count = u32(b, e + 12);
            if (off >= dl || tag > Integer.MAX_VALUE) {
                if (off > dl) {
                    return Optional.empty();
                }
                continue;
            }
            entries.putIfAbsent((int) tag, new long[] {type, off, count});
        }
        Optional<String> name = string(b, data, (int) dl, entries.get(TAG_NAME));
        if (name.isEmpty()) {
            return Optional.empty();
        }
        String version = string(b, data, (int) dl, entries.get(TAG_VERSION)).orElse("");
        String release = string(b, data, (int) dl, entries.get(TAG_RELEASE)).orElse("");
        String arch = string(b, data, (int) dl, entries.get(TAG_ARCH)).orElse("");
        Optional<Long> epoch = int32s(b, data, (int) dl, entries.get(TAG_EPOCH), 1).stream().findFirst();
        List<String> files = new ArrayList<>();
        List<String> bases = strings(b, data, (int) dl, entries.get(TAG_BASENAMES));
        List<String> dirs = strings(b, data, (int) dl, entries.get(TAG_DIRNAMES));
        List<Long> idx = int32s(b, data, (int) dl, entries.get(TAG_DIRINDEXES), bases.size());
        if (!bases.isEmpty() && idx.size() == bases.size()) {
            for (int i = 0; i < bases.size(); i++) {
                long d = idx.get(i);
                if (d >= 0 && d < dirs.size()) {
                    files.add(dirs.get((int) d) + bases.get(i));
                }
            }
        } else {
            files.addAll(strings(b, data, (int) dl, entries.get(TAG_OLDFILENAMES)));
        }
        files.replaceAll(RpmDb::clean);
        return Optional.of(new Header(name.get(), version, release, epoch, arch, List.copyOf(files)));
    }

    /** "/usr/bin//x" or "/usr/lib/d/" -> the canonical form the scan uses. */
    private static String clean(String p) {
        String s = p.replaceAll("/{2,}", "/");
        return s.length() > 1 && s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    private static Optional<String> string(byte[] b, int data, int dl, long[] e) {
        if (e == null || (e[0] != TYPE_STRING && e[0] != TYPE_I18NSTRING && e[0] != TYPE_STRING_ARRAY)) {
            return Optional.empty();
        }
        int start = data + (int) e[1];
        int end = nul(b, start, data + dl);
        return end < 0 ? Optional.empty() : Optional.of(new String(b, start, end - start, StandardCharsets.UTF_8));
    }

    private static List<String> strings(byte[] b, int data, int dl, long[] e) {
        if (e == null || e[0] != TYPE_STRING_ARRAY || e[2] > dl) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        int pos = data + (int) e[1];
        for (long i = 0; i < e[2]; i++) {
            int end = nul(b, pos, data + dl);
            if (end < 0) {
                return List.of();
            }
            out.add(new String(b, pos, end - pos, StandardCharsets.UTF_8));
            pos = end + 1;
        }
        return out;
    }

    private static List<Long> int32s(byte[] b, int data, int dl, long[] e, int max) {
        if (e == null || e[0] != TYPE_INT32 || e[1] % 4 != 0 || e[1] + e[2] * 4 > dl) {
            return List.of();
        }
        List<Long> out = new ArrayList<>();
        for (long i = 0; i < e[2] && i < Math.max(max, 1); i++) {
            out.add(u32(b, data + (int) e[1] + (int) i * 4));
        }
        return out;
    }

    private static int nul(byte[] b, int from, int limit) {
        for (int i = from; i < limit && i < b.length; i++) {
            if (b[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    private static long u32(byte[] b, int off) {
        return ((b[off] & 0xffL) << 24) | ((b[off + 1] & 0xffL) << 16) | ((b[off + 2] & 0xffL) << 8) | (b[off + 3] & 0xffL);
    }
}

package dev.execray.scan.store;

import com.fasterxml.jackson.databind.MappingJsonFactory;
import dev.execray.report.JsonEscapes;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.execray.hardening.Fortify;
import dev.execray.hardening.Hardening;
import dev.execray.hardening.Pie;
import dev.execray.hardening.Relro;
import dev.execray.scan.FileRecord;
import dev.execray.scan.FileStamp;
import dev.execray.scan.PriorResults;
import dev.execray.scan.TreePrior;
import dev.execray.scan.ReuseStats;
import dev.execray.scan.GoInfo;
import dev.execray.scan.InputResult;
import dev.execray.scan.LibraryResolution;
import dev.execray.scan.OsPackage;
import dev.execray.scan.VerdictRecord;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The scan store: an embedded SQLite database (schema in {@link Schema}, documented in docs/scan.md). One scan is one
 * row of {@code scans}; each input is written in its own transaction, so an interrupted scan leaves earlier inputs
 * complete and no half-written one. A file that is not an execray store is refused, never overwritten.
 */
public final class ScanStore implements AutoCloseable {
    // name bytes that are not UTF-8 kept as the escape udcNN (report.JsonEscapes), as in all JSON execray writes
    private static final ObjectMapper JSON = new ObjectMapper(JsonEscapes.on(new MappingJsonFactory()));
    private static final byte[] SQLITE_MAGIC = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

    private final Connection c;

    private ScanStore(Connection c) {
        this.c = c;
    }

    /** Opens (creating when absent) a store for writing and applies missing migrations. */
    public static ScanStore open(Path db) throws StoreException {
        checkFile(db, false);
        try {
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + db.toAbsolutePath());
            try {
                migrate(c, db);
                try (Statement s = c.createStatement()) {
                    s.execute("PRAGMA foreign_keys = ON");
                }
                return new ScanStore(c);
            } catch (StoreException | SQLException e) {
                c.close();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException(db + ": " + e.getMessage(), e);
        }
    }

    /** Opens an existing store read-only: the connection refuses every write. */
    public static ScanStore openReadOnly(Path db) throws StoreException {
        checkFile(db, true);
        try {
            Properties p = new Properties();
            p.setProperty("open_mode", "1"); // SQLITE_OPEN_READONLY
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + db.toAbsolutePath(), p);
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA query_only = 1");
                checkOwned(c, db);
                int v = pragma(c, "user_version");
                if (v > Schema.latest()) {
                    throw new StoreException(db + ": made by a newer execray (schema " + v + ", this one knows "
                            + Schema.latest() + ")");
                }
            } catch (StoreException | SQLException e) {
                c.close();
                throw e;
            }
            return new ScanStore(c);
        } catch (SQLException e) {
            throw new StoreException(db + ": " + e.getMessage(), e);
        }
    }

    private static void checkFile(Path db, boolean mustExist) throws StoreException {
        if (!Files.exists(db)) {
            if (mustExist) {
                throw new StoreException(db + ": no such database");
            }
            return;
        }
        if (!Files.isRegularFile(db)) {
            throw new StoreException(db + ": not a regular file");
        }
        try (InputStream in = Files.newInputStream(db)) {
            byte[] head = in.readNBytes(SQLITE_MAGIC.length);
            if (head.length == 0 && !mustExist) {
                return;
            }
            if (!java.util.Arrays.equals(head, SQLITE_MAGIC)) {
                throw new StoreException(db + ": not a SQLite database (refused, left as it is)");
            }
        } catch (IOException e) {
            throw new StoreException(db + ": " + e.getMessage(), e);
        }
    }

    private static int pragma(Connection c, String name) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA " + name)) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    private static void checkOwned(Connection c, Path db) throws SQLException, StoreException {
        int app = pragma(c, "application_id");
        if (app != Schema.APPLICATION_ID) {
            throw new StoreException(db + ": a SQLite database that is not an execray store (refused, left as it is)");
        }
    }

    private static void migrate(Connection c, Path db) throws SQLException, StoreException {
        int app = pragma(c, "application_id");
        int version = pragma(c, "user_version");
        if (app == 0) {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT count(*) FROM sqlite_master")) {
                if (rs.next() && rs.getInt(1) > 0) {
                    throw new StoreException(db + ": a SQLite database that is not an execray store (refused, left as it is)");
                }
            }
        } else if (app != Schema.APPLICATION_ID) {
            throw new StoreException(db + ": a SQLite database that is not an execray store (refused, left as it is)");
        }
        if (version > Schema.latest()) {
            throw new StoreException(db + ": made by a newer execray (schema " + version + ", this one knows "
                    + Schema.latest() + ")");
        }
        for (int v = version; v < Schema.latest(); v++) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                for (String sql : Schema.MIGRATIONS.get(v)) {
                    s.execute(sql);
                }
                s.execute("PRAGMA application_id = " + Schema.APPLICATION_ID);
                s.execute("PRAGMA user_version = " + (v + 1));
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        }
    }

    public int schemaVersion() throws StoreException {
        try {
            return pragma(c, "user_version");
        } catch (SQLException e) {
            throw new StoreException(e.getMessage(), e);
        }
    }

    // --- writing -----------------------------------------------------------------------------

    /** Records a new scan and returns its id. */
    public long beginScan(Map<String, Object> options, String toolVersion) throws StoreException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO scans(started, options, tool_version) VALUES (?,?,?)",
                Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, Instant.now().toString());
            ps.setString(2, json(options));
            ps.setString(3, toolVersion);
            ps.executeUpdate();
            try (ResultSet k = ps.getGeneratedKeys()) {
                k.next();
                return k.getLong(1);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot record the scan: " + e.getMessage(), e);
        }
    }

    /** Replaces a scan's recorded options (an import knows its inputs only once they are written). */
    public void setOptions(long scanId, Map<String, Object> options) throws StoreException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE scans SET options = ? WHERE id = ?")) {
            ps.setString(1, json(options));
            ps.setLong(2, scanId);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot record the scan's options: " + e.getMessage(), e);
        }
    }

    /** Writes one input's result in one transaction. */
    public void write(long scanId, InputResult r) throws StoreException {
        try {
            c.setAutoCommit(false);
            long inputId;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO inputs(scan_id, name, kind, base, root, "
                    + "platform, places, errors, notes, millis, fingerprint, fortify_key, files_analysed, files_reused, "
                    + "files_not_read, whole_input_reused, facts_key, verdicts_reused, package_source) "
                    + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                ps.setLong(1, scanId);
                ps.setString(2, r.name());
                ps.setString(3, r.kind());
                ps.setString(4, r.base());
                ps.setString(5, r.root());
                ps.setString(6, r.platform());
                ps.setString(7, json(r.places()));
                ps.setString(8, json(r.errors()));
                ps.setString(9, json(r.notes()));
                ps.setLong(10, r.millis());
                ps.setString(11, r.reuse().fingerprint().orElse(null));
                ps.setString(12, r.reuse().fortifyKey().isEmpty() ? null : r.reuse().fortifyKey());
                ps.setInt(13, r.reuse().analysed());
                ps.setInt(14, r.reuse().reused());
                ps.setInt(15, r.reuse().notRead());
                ps.setInt(16, r.reuse().wholeInput() ? 1 : 0);
                ps.setString(17, r.reuse().factsKey().orElse(null));
                ps.setInt(18, r.reuse().verdictsReused());
                ps.setString(19, r.reuse().packageSource());
                ps.executeUpdate();
                try (ResultSet k = ps.getGeneratedKeys()) {
                    k.next();
                    inputId = k.getLong(1);
                }
            }
            try (PreparedStatement pf = c.prepareStatement("INSERT INTO files(input_id, path, size, mode, sha256, format, "
                    + "arch, os, type, interpreter, soname, glibc, problems, package, package_version, package_arch, purl, "
                    + "device, inode, mtime_ns, ctime_ns, own_reads) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    Statement.RETURN_GENERATED_KEYS);
                    PreparedStatement pv = c.prepareStatement("INSERT INTO verdicts VALUES (?,?,?,?,?)");
                    PreparedStatement pl = c.prepareStatement("INSERT INTO libraries VALUES (?,?,?)");
                    PreparedStatement pr = c.prepareStatement("INSERT INTO resolutions VALUES (?,?,?,?,?)");
                    PreparedStatement pg = c.prepareStatement("INSERT INTO go VALUES (?,?,?,?,?)");
                    PreparedStatement pm = c.prepareStatement("INSERT INTO modules VALUES (?,?,?,?)");
                    PreparedStatement ph = c.prepareStatement("INSERT INTO hardening(file_id, format, relro, canary, nx, "
                            + "pie, fortify, fortified, fortifiable, rpath, runpath, risky_paths, ibt, shstk, stripped, "
                            + "wx, exec_stack, dynamic_base, high_entropy_va, nx_compat, guard_cf, no_seh, "
                            + "force_integrity, signed, missing, nx_heap, arc, restrict_segment, encrypted, hardened_runtime) "
                            + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
                for (FileRecord f : r.files()) {
                    pf.setLong(1, inputId);
                    pf.setString(2, f.path());
                    pf.setLong(3, f.size());
                    pf.setInt(4, f.mode());
                    pf.setString(5, f.sha256());
                    pf.setString(6, f.format());
                    pf.setString(7, f.arch());
                    pf.setString(8, f.os());
                    pf.setString(9, f.type());
                    pf.setString(10, f.interpreter().orElse(null));
                    pf.setString(11, f.soname().orElse(null));
                    pf.setString(12, f.glibc().orElse(null));
                    pf.setString(13, json(f.problems()));
                    pf.setString(14, f.owner().map(OsPackage::name).orElse(null));
                    pf.setString(15, f.owner().map(OsPackage::version).orElse(null));
                    pf.setString(16, f.owner().map(OsPackage::arch).orElse(null));
                    pf.setString(17, f.owner().map(OsPackage::purl).orElse(null));
                    FileStamp st = r.reuse().stamps().get(f.path());
                    for (int i = 18; i <= 21; i++) {
                        pf.setNull(i, Types.INTEGER);
                    }
                    if (st != null) {
                        pf.setLong(18, st.device());
                        pf.setLong(19, st.inode());
                        pf.setLong(20, st.mtimeNanos());
                        pf.setLong(21, st.ctimeNanos());
                    }
                    List<String> reads = r.reuse().ownReads().get(f.path());
                    pf.setString(22, reads == null ? null : json(reads));
                    pf.executeUpdate();
                    long fileId;
                    try (ResultSet k = pf.getGeneratedKeys()) {
                        k.next();
                        fileId = k.getLong(1);
                    }
                    for (VerdictRecord v : f.verdicts()) {
                        pv.setLong(1, fileId);
                        pv.setString(2, v.place());
                        pv.setString(3, v.status());
                        pv.setString(4, v.reason());
                        pv.setString(5, v.errno().orElse(null));
                        pv.addBatch();
                    }
                    for (int i = 0; i < f.needed().size(); i++) {
                        pl.setLong(1, fileId);
                        pl.setInt(2, i);
                        pl.setString(3, f.needed().get(i));
                        pl.addBatch();
                    }
                    for (int i = 0; i < f.resolved().size(); i++) {
                        LibraryResolution lr = f.resolved().get(i);
                        pr.setLong(1, fileId);
                        pr.setInt(2, i);
                        pr.setString(3, lr.name());
                        pr.setString(4, lr.path().orElse(null));
                        pr.setString(5, lr.how());
                        pr.addBatch();
                    }
                    if (f.go().isPresent()) {
                        GoInfo g = f.go().get();
                        pg.setLong(1, fileId);
                        pg.setString(2, g.goVersion());
                        pg.setInt(3, g.recovered() ? 1 : 0);
                        pg.setString(4, g.mainPath());
                        pg.setString(5, g.mainVersion());
                        pg.addBatch();
                        for (GoInfo.Module m : g.modules()) {
                            pm.setLong(1, fileId);
                            pm.setString(2, m.path());
                            pm.setString(3, m.version());
                            pm.setString(4, m.sum());
                            pm.addBatch();
                        }
                    }
                    if (f.hardening().isPresent()) {
                        hardening(ph, fileId, f.hardening().get());
                        ph.addBatch();
                    }
                }
                pv.executeBatch();
                pl.executeBatch();
                pr.executeBatch();
                pg.executeBatch();
                pm.executeBatch();
                ph.executeBatch();
            }
            for (String table : List.of("verdict_deps", "package_deps", "quiet_dirs")) {
                try (PreparedStatement pd = c.prepareStatement("INSERT INTO " + table + " VALUES (?,?,?)")) {
                    for (Map.Entry<String, String> d : (table.equals("verdict_deps") ? r.reuse().deps()
                            : table.equals("package_deps") ? r.reuse().packageDeps() : r.reuse().quietDirs())
                            .entrySet()) {
                        pd.setLong(1, inputId);
                        pd.setString(2, d.getKey());
                        pd.setString(3, d.getValue());
                        pd.addBatch();
                    }
                    pd.executeBatch();
                }
            }
            c.commit();
        } catch (SQLException e) {
            try {
                c.rollback();
            } catch (SQLException ignored) {
                // the connection is gone: SQLite's journal undoes the transaction on next open
            }
            throw new StoreException("cannot write " + r.name() + ": " + e.getMessage(), e);
        } finally {
            try {
                c.setAutoCommit(true);
            } catch (SQLException ignored) {
                // closing the connection ends the transaction anyway
            }
        }
    }

    private static void hardening(PreparedStatement ph, long fileId, Hardening h) throws SQLException {
        for (int i = 3; i <= 30; i++) {
            ph.setNull(i, Types.NULL);
        }
        ph.setLong(1, fileId);
        if (h instanceof Hardening.Elf e) {
            ph.setString(2, "ELF");
            ph.setString(3, e.relro().label());
            ph.setInt(4, e.canary() ? 1 : 0);
            ph.setInt(5, e.nx() ? 1 : 0);
            ph.setString(6, e.pie().label());
            ph.setInt(7, e.fortify().any() ? 1 : 0);
            ph.setInt(8, e.fortify().fortified());
            ph.setInt(9, e.fortify().fortifiable());
            ph.setString(10, json(e.rpath()));
            ph.setString(11, json(e.runpath()));
            ph.setString(12, json(e.riskyPaths()));
            ph.setInt(13, e.ibt() ? 1 : 0);
            ph.setInt(14, e.shstk() ? 1 : 0);
            ph.setInt(15, e.stripped() ? 1 : 0);
            ph.setInt(16, e.writableExec() ? 1 : 0);
            ph.setInt(17, e.executableStack() ? 1 : 0);
        } else if (h instanceof Hardening.Pe p) {
            ph.setString(2, "PE");
            ph.setInt(18, p.dynamicBase() ? 1 : 0);
            ph.setInt(19, p.highEntropyVa() ? 1 : 0);
            ph.setInt(20, p.nxCompat() ? 1 : 0);
            ph.setInt(21, p.guardCf() ? 1 : 0);
            ph.setInt(22, p.noSeh() ? 1 : 0);
            ph.setInt(23, p.forceIntegrity() ? 1 : 0);
            ph.setInt(24, p.signed() ? 1 : 0);
        } else if (h instanceof Hardening.MachO m) {
            // the columns that mean the same as ELF's or PE's are shared: pie, canary, nx (the stack), fortified,
            // rpath, signed (a code signature is present); the rest are Mach-O's own (schema 3)
            ph.setString(2, "MACHO");
            ph.setString(6, m.pie().label());
            ph.setInt(4, m.canary() ? 1 : 0);
            ph.setInt(5, m.nxStack() ? 1 : 0);
            ph.setInt(8, m.fortified());
            ph.setString(10, json(m.rpath()));
            ph.setInt(24, m.codeSignature() ? 1 : 0);
            ph.setInt(26, m.nxHeap() ? 1 : 0);
            ph.setInt(27, m.arc() ? 1 : 0);
            ph.setInt(28, m.restrict() ? 1 : 0);
            ph.setInt(29, m.encrypted() ? 1 : 0);
            ph.setInt(30, m.hardenedRuntime() ? 1 : 0);
        }
        ph.setString(25, json(h.missing()));
    }

    // --- reading -----------------------------------------------------------------------------

    /** One row of {@code scans} with its totals. */
    public record ScanRow(long id, String started, String options, int inputs, int files, int failing) {
    }

    public List<ScanRow> scans() throws StoreException {
        List<ScanRow> out = new ArrayList<>();
        String sql = "SELECT s.id, s.started, s.options, (SELECT count(*) FROM inputs i WHERE i.scan_id = s.id), "
                + "(SELECT count(*) FROM files f JOIN inputs i ON f.input_id = i.id WHERE i.scan_id = s.id), "
                + "(SELECT count(DISTINCT v.file_id) FROM verdicts v JOIN files f ON v.file_id = f.id JOIN inputs i "
                + "ON f.input_id = i.id WHERE i.scan_id = s.id AND v.status = 'fails') FROM scans s ORDER BY s.id";
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(new ScanRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getInt(5),
                        rs.getInt(6)));
            }
        } catch (SQLException e) {
            throw new StoreException(e.getMessage(), e);
        }
        return out;
    }

    /** A scan named by its id, {@code latest} or {@code previous}. */
    public long resolve(String ref) throws StoreException {
        List<ScanRow> all = scans();
        if (all.isEmpty()) {
            throw new StoreException("the database holds no scan yet");
        }
        if (ref.equals("latest")) {
            return all.get(all.size() - 1).id();
        }
        if (ref.equals("previous")) {
            if (all.size() < 2) {
                throw new StoreException("there is no previous scan: the database holds one");
            }
            return all.get(all.size() - 2).id();
        }
        try {
            long id = Long.parseLong(ref);
            if (all.stream().anyMatch(r -> r.id() == id)) {
                return id;
            }
        } catch (NumberFormatException e) {
            throw new StoreException(ref + ": a scan is named by its number, latest or previous");
        }
        throw new StoreException("no scan " + ref + " (scans: 1.." + all.get(all.size() - 1).id() + ")");
    }

    /** Reads a scan back into the records it was written from. */
    public List<InputResult> load(long scanId) throws StoreException {
        return loadInputs("scan_id = ?", scanId);
    }

    /** A stored file with the input it belongs to. */
    private record Loaded(long inputId, FileRecord file) {
    }

    /** The files whose ids {@code idSet} (SQL with one parameter) selects, in id order. */
    private Map<Long, Loaded> loadFiles(String idSet, long param) throws SQLException {
        long scanId = param;
        {
            Map<Long, List<VerdictRecord>> verdicts = new HashMap<>();
            Map<Long, List<String>> libs = new HashMap<>();
            Map<Long, List<LibraryResolution>> resolved = new HashMap<>();
            Map<Long, GoInfo> go = new HashMap<>();
            Map<Long, List<GoInfo.Module>> mods = new HashMap<>();
            Map<Long, Hardening> hard = new HashMap<>();
            String ofScan = " IN (" + idSet + ")";
            try (PreparedStatement ps = c.prepareStatement("SELECT file_id, place, status, reason, errno FROM verdicts "
                    + "WHERE file_id" + ofScan + " ORDER BY rowid")) {
                ps.setLong(1, scanId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        verdicts.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new VerdictRecord(
                                rs.getString(2), rs.getString(3), rs.getString(4), Optional.ofNullable(rs.getString(5))));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT file_id, name FROM libraries WHERE file_id" + ofScan
                    + " ORDER BY file_id, position")) {
                ps.setLong(1, scanId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        libs.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT file_id, name, path, how FROM resolutions WHERE file_id"
                    + ofScan + " ORDER BY file_id, position")) {
                ps.setLong(1, scanId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        resolved.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new LibraryResolution(
                                rs.getString(2), Optional.ofNullable(rs.getString(3)), rs.getString(4)));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT file_id, path, version, sum FROM modules WHERE file_id"
                    + ofScan + " ORDER BY rowid")) {
                ps.setLong(1, scanId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        mods.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new GoInfo.Module(
                                rs.getString(2), rs.getString(3), rs.getString(4)));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM go WHERE file_id" + ofScan)) {
                ps.setLong(1, scanId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long id = rs.getLong("file_id");
                        go.put(id, new GoInfo(rs.getString("go_version"), rs.getInt("recovered") != 0,
                                rs.getString("main_path"), rs.getString("main_version"), mods.getOrDefault(id, List.of())));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM hardening WHERE file_id" + ofScan)) {
                ps.setLong(1, scanId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        hard.put(rs.getLong("file_id"), readHardening(rs));
                    }
                }
            }
            Map<Long, Loaded> out = new java.util.LinkedHashMap<>();
            try (PreparedStatement pf = c.prepareStatement("SELECT * FROM files WHERE id" + ofScan + " ORDER BY id")) {
                pf.setLong(1, scanId);
                try (ResultSet f = pf.executeQuery()) {
                    while (f.next()) {
                        long id = f.getLong("id");
                        out.put(id, new Loaded(f.getLong("input_id"), new FileRecord(f.getString("path"), f.getLong("size"),
                                f.getInt("mode"), f.getString("sha256"), f.getString("format"), f.getString("arch"),
                                f.getString("os"), f.getString("type"), Optional.ofNullable(f.getString("interpreter")),
                                Optional.ofNullable(f.getString("soname")), libs.getOrDefault(id, List.of()),
                                Optional.ofNullable(f.getString("glibc")), verdicts.getOrDefault(id, List.of()),
                                Optional.ofNullable(hard.get(id)), Optional.ofNullable(go.get(id)),
                                strings(f.getString("problems")), owner(f), resolved.getOrDefault(id, List.of()))));
                    }
                }
            }
            return out;
        }
    }

    /** The inputs {@code where} (SQL on {@code inputs} with one parameter) selects, in id order. */
    private List<InputResult> loadInputs(String where, long param) throws StoreException {
        try {
            Map<Long, Loaded> files = loadFiles("SELECT f.id FROM files f JOIN inputs i ON f.input_id = i.id WHERE i."
                    + where, param);
            List<InputResult> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM inputs WHERE " + where + " ORDER BY id")) {
                ps.setLong(1, param);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long inputId = rs.getLong("id");
                        List<FileRecord> fs = files.values().stream().filter(l -> l.inputId() == inputId)
                                .map(Loaded::file).toList();
                        ReuseStats reuse = rs.getObject("files_analysed") == null ? ReuseStats.fresh(fs.size())
                                : new ReuseStats(rs.getInt("files_analysed"), rs.getInt("files_reused"),
                                        rs.getInt("files_not_read"), rs.getInt("whole_input_reused") != 0,
                                        Optional.ofNullable(rs.getString("fingerprint")),
                                        Optional.ofNullable(rs.getString("fortify_key")).orElse(""), Map.of(),
                                        rs.getInt("verdicts_reused"), Optional.ofNullable(rs.getString("facts_key")),
                                        // what the verdicts and owners read is for the next scan (TreePrior)
                                        Map.of(), Map.of(), Map.of(),
                                        Optional.ofNullable(rs.getString("package_source")).orElse(""),
                                        Optional.empty(), Map.of());
                        out.add(new InputResult(rs.getString("name"), rs.getString("kind"), rs.getString("base"),
                                rs.getString("root"), rs.getString("platform"), strings(rs.getString("places")), fs,
                                strings(rs.getString("errors")), strings(rs.getString("notes")), rs.getLong("millis"),
                                reuse));
                    }
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("cannot read " + where.replace("?", Long.toString(param)) + ": " + e.getMessage(), e);
        }
    }

    // --- reuse -------------------------------------------------------------------------------

    /**
     * Earlier results of this store made by execray {@code toolVersion}, for {@link dev.execray.scan.ScanService}
     * (docs/scan.md, "Reuse of earlier results"). The store's connection is used by one thread at a time.
     */
    public PriorResults prior(String toolVersion) {
        return new PriorResults() {
            @Override
            public Optional<String> shaByStamp(FileStamp st) {
                synchronized (ScanStore.this) {
                    try (PreparedStatement ps = c.prepareStatement("SELECT f.sha256 FROM files f JOIN inputs i ON "
                            + "f.input_id = i.id JOIN scans s ON i.scan_id = s.id WHERE f.inode = ? AND f.ctime_ns = ? "
                            + "AND f.device = ? AND f.size = ? AND f.mtime_ns = ? AND s.tool_version = ? "
                            + "ORDER BY f.id DESC LIMIT 1")) {
                        ps.setLong(1, st.inode());
                        ps.setLong(2, st.ctimeNanos());
                        ps.setLong(3, st.device());
                        ps.setLong(4, st.size());
                        ps.setLong(5, st.mtimeNanos());
                        ps.setString(6, toolVersion);
                        try (ResultSet rs = ps.executeQuery()) {
                            return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                        }
                    } catch (SQLException e) {
                        return Optional.empty(); // no reuse: the file is read and analysed
                    }
                }
            }

            @Override
            public Optional<FileRecord> byBytes(String sha256, String fortifyKey) {
                synchronized (ScanStore.this) {
                    try (PreparedStatement ps = c.prepareStatement("SELECT f.id FROM files f JOIN inputs i ON "
                            + "f.input_id = i.id JOIN scans s ON i.scan_id = s.id WHERE f.sha256 = ? "
                            + "AND i.fortify_key = ? AND s.tool_version = ? ORDER BY f.id DESC LIMIT 1")) {
                        ps.setString(1, sha256);
                        ps.setString(2, fortifyKey);
                        ps.setString(3, toolVersion);
                        long id;
                        try (ResultSet rs = ps.executeQuery()) {
                            if (!rs.next()) {
                                return Optional.empty();
                            }
                            id = rs.getLong(1);
                        }
                        return loadFiles("SELECT ?", id).values().stream().map(Loaded::file).findFirst();
                    } catch (SQLException e) {
                        return Optional.empty();
                    }
                }
            }

            @Override
            public Optional<TreePrior> tree(String factsKey, String inputName) {
                synchronized (ScanStore.this) {
                    try {
                        return treePrior(factsKey, inputName, toolVersion);
                    } catch (SQLException | StoreException e) {
                        return Optional.empty(); // no reuse: every verdict is computed
                    }
                }
            }

            @Override
            public Optional<TreePrior> walk(String inputName) {
                synchronized (ScanStore.this) {
                    try {
                        return walkPrior(inputName, toolVersion);
                    } catch (SQLException e) {
                        return Optional.empty(); // the walk reads every file's magic, as on a first scan
                    }
                }
            }

            @Override
            public Optional<InputResult> byFingerprint(String fingerprint) {
                synchronized (ScanStore.this) {
                    try (PreparedStatement ps = c.prepareStatement("SELECT i.id FROM inputs i JOIN scans s ON "
                            + "i.scan_id = s.id WHERE i.fingerprint = ? AND s.tool_version = ? ORDER BY i.id DESC LIMIT 1")) {
                        ps.setString(1, fingerprint);
                        ps.setString(2, toolVersion);
                        long id;
                        try (ResultSet rs = ps.executeQuery()) {
                            if (!rs.next()) {
                                return Optional.empty();
                            }
                            id = rs.getLong(1);
                        }
                        return loadInputs("id = ?", id).stream().findFirst();
                    } catch (SQLException | StoreException e) {
                        return Optional.empty();
                    }
                }
            }
        };
    }

    /** The stamps of the candidates and the quiet directories of the latest input of this name, whatever its facts. */
    private Optional<TreePrior> walkPrior(String inputName, String toolVersion) throws SQLException {
        long id;
        try (PreparedStatement ps = c.prepareStatement("SELECT i.id FROM inputs i JOIN scans s ON i.scan_id = s.id "
                + "WHERE i.name = ? AND s.tool_version = ? AND i.facts_key IS NOT NULL ORDER BY i.id DESC LIMIT 1")) {
            ps.setString(1, inputName);
            ps.setString(2, toolVersion);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                id = rs.getLong(1);
            }
        }
        return Optional.of(new TreePrior(Map.of(), stamps(id), Map.of(), Map.of(), Map.of(), "", "",
                deps("quiet_dirs", id)));
    }

    private Map<String, FileStamp> stamps(long inputId) throws SQLException {
        Map<String, FileStamp> stamps = new java.util.HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT path, device, inode, size, mtime_ns, ctime_ns FROM files "
                + "WHERE input_id = ? AND device IS NOT NULL")) {
            ps.setLong(1, inputId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    stamps.put(rs.getString(1), new FileStamp(rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                            rs.getLong(6)));
                }
            }
        }
        return stamps;
    }

    /** The latest input judged under {@code factsKey} by this execray, with what its verdicts read. */
    private Optional<TreePrior> treePrior(String factsKey, String inputName, String toolVersion)
            throws SQLException, StoreException {
        long id;
        String fortify;
        String packageSource;
        try (PreparedStatement ps = c.prepareStatement("SELECT i.id, i.fortify_key, i.package_source FROM inputs i "
                + "JOIN scans s ON "
                + "i.scan_id = s.id WHERE i.facts_key = ? AND s.tool_version = ? ORDER BY i.name = ? DESC, i.id DESC "
                + "LIMIT 1")) {
            ps.setString(1, factsKey);
            ps.setString(2, toolVersion);
            ps.setString(3, inputName);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                id = rs.getLong(1);
                fortify = Optional.ofNullable(rs.getString(2)).orElse("");
                packageSource = Optional.ofNullable(rs.getString(3)).orElse("");
            }
        }
        Map<String, FileRecord> files = new java.util.HashMap<>();
        for (InputResult r : loadInputs("id = ?", id)) {
            r.files().forEach(f -> files.put(f.path(), f));
        }
        Map<String, FileStamp> stamps = new java.util.HashMap<>();
        Map<String, List<String>> reads = new java.util.HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT path, device, inode, size, mtime_ns, ctime_ns, own_reads "
                + "FROM files WHERE input_id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String path = rs.getString(1);
                    if (rs.getObject(2) != null) {
                        stamps.put(path, new FileStamp(rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                                rs.getLong(6)));
                    }
                    if (rs.getString(7) != null) {
                        reads.put(path, strings(rs.getString(7)));
                    }
                }
            }
        }
        return Optional.of(new TreePrior(files, stamps, deps("verdict_deps", id), reads, deps("package_deps", id),
                packageSource, fortify, deps("quiet_dirs", id)));
    }

    private Map<String, String> deps(String table, long inputId) throws SQLException {
        Map<String, String> deps = new java.util.HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT path, stamp FROM " + table + " WHERE input_id = ?")) {
            ps.setLong(1, inputId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    deps.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return deps;
    }

    private static Optional<OsPackage> owner(ResultSet f) throws SQLException {
        String name = f.getString("package");
        return name == null ? Optional.empty() : Optional.of(new OsPackage(name, f.getString("package_version"),
                f.getString("package_arch"), f.getString("purl")));
    }

    private static Hardening readHardening(ResultSet rs) throws SQLException {
        Pie pie = Pie.OTHER;
        for (Pie p : Pie.values()) {
            if (p.label().equals(rs.getString("pie"))) {
                pie = p;
            }
        }
        if ("MACHO".equals(rs.getString("format"))) {
            return new Hardening.MachO(pie, rs.getInt("canary") != 0, rs.getInt("nx") != 0, rs.getInt("nx_heap") != 0,
                    rs.getInt("arc") != 0, rs.getInt("fortified"), rs.getInt("restrict_segment") != 0,
                    rs.getInt("encrypted") != 0, rs.getInt("signed") != 0, rs.getInt("hardened_runtime") != 0,
                    strings(rs.getString("rpath")));
        }
        if ("PE".equals(rs.getString("format"))) {
            return new Hardening.Pe(rs.getInt("dynamic_base") != 0, rs.getInt("high_entropy_va") != 0,
                    rs.getInt("nx_compat") != 0, rs.getInt("guard_cf") != 0, rs.getInt("no_seh") != 0,
                    rs.getInt("force_integrity") != 0, rs.getInt("signed") != 0);
        }
        int fortified = rs.getInt("fortified");
        return new Hardening.Elf(Relro.of(rs.getString("relro")), rs.getInt("canary") != 0, rs.getInt("nx") != 0, pie,
                new Fortify(rs.getInt("fortify") != 0, fortified, rs.getInt("fortifiable") - fortified),
                strings(rs.getString("rpath")), strings(rs.getString("runpath")), strings(rs.getString("risky_paths")),
                rs.getInt("ibt") != 0, rs.getInt("shstk") != 0, rs.getInt("stripped") != 0, rs.getInt("wx") != 0,
                rs.getInt("exec_stack") != 0);
    }

    /** The answer of a read-only query: column names and rows as text. */
    public record QueryResult(List<String> columns, List<List<String>> rows) {
    }

    /**
     * Runs one SQL statement on a store opened with {@link #openReadOnly}: SQLite refuses any write, so the text
     * can come from the user as it is.
     */
    public QueryResult query(String sql, int maxRows) throws StoreException {
        try (Statement s = c.createStatement()) {
            s.setMaxRows(maxRows);
            try (ResultSet rs = s.executeQuery(sql)) {
                ResultSetMetaData md = rs.getMetaData();
                List<String> cols = new ArrayList<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    cols.add(md.getColumnLabel(i));
                }
                List<List<String>> rows = new ArrayList<>();
                while (rs.next()) {
                    List<String> row = new ArrayList<>();
                    for (int i = 1; i <= cols.size(); i++) {
                        row.add(rs.getString(i));
                    }
                    rows.add(row);
                }
                return new QueryResult(cols, rows);
            }
        } catch (SQLException e) {
            throw new StoreException("query refused: " + e.getMessage(), e);
        }
    }

    private static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> strings(String json) {
        if (json == null || json.isEmpty() || json.equals("[]")) {
            return List.of(); // most problem and missing lists: a re-scan reads thousands of them back
        }
        try {
            return JSON.readValue(json, new TypeReference<List<String>>() { });
        } catch (JsonProcessingException e) {
            return List.of(json);
        }
    }

    @Override
    public void close() throws StoreException {
        try {
            c.close();
        } catch (SQLException e) {
            throw new StoreException(e.getMessage(), e);
        }
    }
}

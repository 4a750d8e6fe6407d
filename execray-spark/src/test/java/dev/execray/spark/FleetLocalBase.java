package dev.execray.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.execray.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The fleet scan in local mode over a generated fleet of real images and trees (FleetFixtures), against
 * {@code execray scan} of the same inputs on one machine, in process: every row of every table — through the Parquet
 * tables and through {@code scan --import} into SQLite — must be the same row the single-machine scan stored.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class FleetLocalBase {
    Path tmp;

    List<String> inputs;
    Path out;
    Path single;
    Path imported;
    Path outSplit;
    Path importedSplit;
    String splitSummary;
    SparkSession spark;

    /** The fleet's size: at least this many inputs. */
    abstract int fleetSize();

    /** The same question, asked of each store: every table's rows by input name and path, ids and times left out. */
    static final Map<String, String> QUERIES = new LinkedHashMap<>();

    static {
        String fileKey = " FROM files f JOIN inputs i ON f.input_id = i.id";
        QUERIES.put("inputs", "SELECT name, kind, base, root, platform, places, errors, notes FROM inputs");
        QUERIES.put("files", "SELECT i.name, f.path, f.size, f.mode, f.sha256, f.format, f.arch, f.os, f.type, "
                + "f.interpreter, f.soname, f.glibc, f.problems, f.package, f.package_version, f.package_arch, f.purl"
                + fileKey);
        QUERIES.put("verdicts", "SELECT i.name, f.path, v.place, v.status, v.reason, v.errno FROM verdicts v "
                + "JOIN files f ON v.file_id = f.id JOIN inputs i ON f.input_id = i.id");
        QUERIES.put("hardening", "SELECT i.name, f.path, h.format, h.relro, h.canary, h.nx, h.pie, h.fortify, "
                + "h.fortified, h.fortifiable, h.rpath, h.runpath, h.risky_paths, h.ibt, h.shstk, h.stripped, h.wx, "
                + "h.exec_stack, h.dynamic_base, h.high_entropy_va, h.nx_compat, h.guard_cf, h.no_seh, "
                + "h.force_integrity, h.signed, h.missing, h.nx_heap, h.arc, h.restrict_segment, h.encrypted, "
                + "h.hardened_runtime FROM hardening h JOIN files f ON h.file_id = f.id "
                + "JOIN inputs i ON f.input_id = i.id");
        QUERIES.put("libraries", "SELECT i.name, f.path, l.position, l.name FROM libraries l "
                + "JOIN files f ON l.file_id = f.id JOIN inputs i ON f.input_id = i.id");
        QUERIES.put("resolutions", "SELECT i.name, f.path, r.position, r.name, r.path, r.how FROM resolutions r "
                + "JOIN files f ON r.file_id = f.id JOIN inputs i ON f.input_id = i.id");
        QUERIES.put("go", "SELECT i.name, f.path, g.go_version, g.recovered, g.main_path, g.main_version FROM go g "
                + "JOIN files f ON g.file_id = f.id JOIN inputs i ON f.input_id = i.id");
        QUERIES.put("modules", "SELECT i.name, f.path, m.path, m.version, m.sum FROM modules m "
                + "JOIN files f ON m.file_id = f.id JOIN inputs i ON f.input_id = i.id");
    }

    @BeforeAll
    void scanTwice() throws Exception {
        tmp = Files.createTempDirectory("execray-fleet-test");
        inputs = FleetFixtures.build(tmp.resolve("fleet"), fleetSize());
        single = tmp.resolve("single.db");
        List<String> args = new ArrayList<>(List.of("scan", "--db", single.toString(), "--threads", "2"));
        args.addAll(inputs);
        // 3: the hostile inputs cannot be read; the others are scanned and stored all the same
        assertThat(cli(args)).isEqualTo(3);

        out = tmp.resolve("out");
        List<String> fleet = new ArrayList<>(List.of("--master", "local[2]", "--out", out.toString(), "--scan-id", "t1"));
        fleet.addAll(inputs);
        assertThat(FleetMain.run(fleet.toArray(String[]::new))).isEqualTo(3);

        imported = tmp.resolve("imported.db");
        assertThat(cli(List.of("scan", "--import", out.toString(), "--db", imported.toString()))).isZero();

        // the same fleet again, every image split into three slices scanned by separate tasks and merged
        outSplit = tmp.resolve("out-split");
        List<String> split = new ArrayList<>(List.of("--master", "local[2]", "--out", outSplit.toString(),
                "--scan-id", "t1", "--split-above", "1", "--split-parts", "3", "--json"));
        split.addAll(inputs);
        StringWriter json = new StringWriter();
        assertThat(FleetMain.run(new PrintWriter(json), new PrintWriter(new StringWriter()),
                split.toArray(String[]::new))).isEqualTo(3);
        splitSummary = json.toString();
        importedSplit = tmp.resolve("imported-split.db");
        assertThat(cli(List.of("scan", "--import", outSplit.toString(), "--db", importedSplit.toString()))).isZero();
        spark = SparkSession.builder().master("local[1]").appName("fleet test").config("spark.ui.enabled", "false")
                .getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
    }

    @AfterAll
    void stop() {
        if (spark != null) {
            spark.stop();
        }
        if (tmp != null) {
            try (java.util.stream.Stream<Path> s = Files.walk(tmp)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (java.io.IOException e) {
                // a temp directory left behind
            }
        }
    }

    static int cli(List<String> args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        return Main.run(new PrintWriter(o), new PrintWriter(e), args.toArray(String[]::new));
    }

    static List<String> sqlite(Path db, String sql) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder b = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    b.append(rs.getString(i)).append('\u0001');
                }
                rows.add(b.toString());
            }
        }
        rows.sort(null);
        return rows;
    }

    List<String> parquet(String sql) {
        return parquet(out, sql);
    }

    List<String> parquet(Path dir, String sql) {
        for (String t : List.of("inputs", "files", "verdicts", "hardening", "libraries", "resolutions", "go",
                "modules")) {
            spark.read().parquet(dir.resolve(t).toString()).where("scan_id = 't1'").createOrReplaceTempView(t);
        }
        List<String> rows = new ArrayList<>();
        for (Row r : spark.sql(sql).collectAsList()) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < r.size(); i++) {
                b.append(r.isNullAt(i) ? "null" : r.get(i).toString()).append('\u0001');
            }
            rows.add(b.toString());
        }
        rows.sort(null);
        return rows;
    }

    @Test
    void everyTableOfTheImportedFleetScanEqualsTheSingleMachineScan() throws Exception {
        int total = 0;
        StringBuilder counts = new StringBuilder();
        for (Map.Entry<String, String> q : QUERIES.entrySet()) {
            List<String> a = sqlite(single, q.getValue());
            List<String> b = sqlite(imported, q.getValue());
            assertThat(b).as(q.getKey()).containsExactlyElementsOf(a);
            total += a.size();
            counts.append(q.getKey()).append('=').append(a.size()).append(' ');
        }
        System.out.println("fleet local import: " + inputs.size() + " inputs, rows equal: " + total + " (" + counts + ")");
        assertThat(inputs).hasSizeGreaterThanOrEqualTo(fleetSize());
        assertThat(sqlite(single, QUERIES.get("files")).size()).isGreaterThanOrEqualTo(fleetSize() * 2);
        assertThat(sqlite(single, QUERIES.get("verdicts")).stream().filter(r -> r.contains("\u0001fails\u0001")))
                .hasSizeGreaterThanOrEqualTo(5);
    }

    @Test
    void everyParquetTableEqualsTheSingleMachineScan() throws Exception {
        int total = 0;
        for (Map.Entry<String, String> q : QUERIES.entrySet()) {
            List<String> a = sqlite(single, q.getValue());
            assertThat(parquet(q.getValue())).as(q.getKey()).containsExactlyElementsOf(a);
            total += a.size();
        }
        System.out.println("fleet local parquet: rows equal: " + total);
        assertThat(total).isGreaterThan(fleetSize() * 10);
    }

    @Test
    void aSplitRunEqualsTheUnsplitRunAndTheSingleMachineScan() throws Exception {
        // every image was split (trees never are, a missing input has no size); the rest scanned whole beside them
        long images = inputs.stream().map(Path::of).filter(p -> Files.isRegularFile(p) || Files.exists(p.resolve(
                "oci-layout"))).count();
        assertThat(inputs).anyMatch(i -> i.endsWith("whiteouts.tar")).anyMatch(i -> i.endsWith("whiteouts.oci"));
        assertThat(splitSummary).contains("\"split\":" + images + ",").contains("\"slices\":" + images * 3 + "}");
        int total = 0;
        StringBuilder counts = new StringBuilder();
        for (Map.Entry<String, String> q : QUERIES.entrySet()) {
            List<String> a = sqlite(single, q.getValue());
            assertThat(parquet(outSplit, q.getValue())).as("parquet " + q.getKey()).containsExactlyElementsOf(a);
            assertThat(sqlite(importedSplit, q.getValue())).as("imported " + q.getKey()).containsExactlyElementsOf(a);
            total += a.size();
            counts.append(q.getKey()).append('=').append(a.size()).append(' ');
        }
        // the same ids as the unsplit run: files in the order of the whole walk, each written once
        String ids = "SELECT f.id, i.id, i.name, f.path FROM files f JOIN inputs i ON f.input_id = i.id";
        List<String> unsplitIds = parquet(out, ids);
        assertThat(parquet(outSplit, ids)).containsExactlyElementsOf(unsplitIds);
        assertThat(sqlite(importedSplit, "SELECT i.name, f.path FROM files f JOIN inputs i ON f.input_id = i.id "
                + "WHERE i.name LIKE '%whiteouts%'")).isNotEmpty()
                .noneMatch(r -> r.contains("/app/b\u0001") || r.contains("/old/x\u0001"));
        System.out.println("fleet local split (" + images + " images in 3 slices each): rows equal to the single "
                + "machine and to the unsplit run: " + total + " (" + counts + "), file ids equal: " + unsplitIds.size());
    }

    @Test
    void hostileAndFailedInputsAreRowsSayingWhyNotAFailedJob() throws Exception {
        List<String> rows = sqlite(imported, "SELECT name, errors FROM inputs WHERE name LIKE '%hostile-%'");
        assertThat(rows).hasSize(5);
        // a corrupt layer, a tar that is no image, a missing file: rows whose errors say why
        assertThat(rows).filteredOn(r -> !r.contains("\u0001[]\u0001")).hasSize(3);
        // traversal entries and links out of the root are dropped or stay links: nothing outside the root is read
        assertThat(sqlite(imported, "SELECT f.path FROM files f JOIN inputs i ON f.input_id = i.id WHERE i.name "
                + "LIKE '%hostile-%'")).allSatisfy(p -> assertThat(p).startsWith("/").doesNotContain(".."));
        assertThat(Files.exists(Path.of("/tmp/execray-escaped"))).isFalse();
        // the imported scan keeps the fleet's order of inputs
        assertThat(sqlite(imported, "SELECT count(*) FROM inputs")).containsExactly(inputs.size() + "\u0001");
    }

    @Test
    void reRunningAScanIdReplacesItsPartitionAndLeavesOthersAlone() throws Exception {
        List<String> few = inputs.subList(0, 4);
        for (int i = 0; i < 2; i++) {
            FleetJob.Summary s = FleetJob.run(spark, few, FleetOptions.of(List.of(), "", 1), "", out.toString(), "t2");
            assertThat(s.inputs()).isEqualTo(4);
        }
        long t2 = spark.read().parquet(out.resolve("files").toString()).where("scan_id = 't2'").count();
        long t1Few = spark.read().parquet(out.resolve("files").toString()).where("scan_id = 't1' AND input_id <= 4")
                .count();
        assertThat(t2).isEqualTo(t1Few).isPositive();
        assertThat(spark.read().parquet(out.resolve("inputs").toString()).where("scan_id = 't1'").count())
                .isEqualTo(inputs.size());
    }
}

package dev.execray.spark;

import dev.execray.scan.InputResult;
import dev.execray.scan.Policy;
import dev.execray.scan.ResultLines;
import java.io.IOException;
import java.io.Serializable;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * The fleet scan on Spark: one task per input (largest first, so a huge image starts early instead of holding the
 * end of the job), each running execray-core's ScanService; the results are kept once (as the portable JSON lines)
 * and written as the store's tables in Parquet, plus those lines for {@code execray scan --import}.
 *
 * <p>Layout under OUT, every table partitioned by scan id: {@code OUT/TABLE/scan_id=ID/part-*.parquet} for scans,
 * inputs, files, verdicts, hardening, libraries, go, modules, findings; {@code OUT/results/scan_id=ID/part-*.txt}.
 * Each partition is written with overwrite, through Spark's commit protocol: a retried or speculative task never
 * leaves a second copy of its rows, and re-running a scan id replaces that scan.
 */
public final class FleetJob {
    /** What a scan id may be: it names a directory. */
    public static final Pattern SCAN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    /**
     * Parquet's compression: zstd, not Spark's default snappy, whose native loader (snappy-java 1.1.10) picks its musl
     * build on a glibc machine that merely has musl installed, and then fails every write.
     */
    static final String CODEC = "zstd";

    private FleetJob() {
    }

    /**
     * The totals printed at the end.
     *
     * @param unreadable inputs of which nothing could be read (their errors are in the inputs table)
     * @param failing    files with a verdict {@code fails}
     * @param scanMillis wall time of the scan stage; {@code writeMillis} of writing the tables
     */
    public record Summary(String scanId, String out, long inputs, long unreadable, long files, long programs,
            long failing, long findings, List<String> errors, long scanMillis, long writeMillis) {
        public Summary {
            errors = List.copyOf(errors);
        }
    }

    public static Summary run(SparkSession spark, List<String> inputs, FleetOptions options, String failOn,
            String out, String scanId) throws IOException {
        if (!SCAN_ID.matcher(scanId).matches()) {
            throw new IllegalArgumentException("a scan id is letters, digits, '.', '_' and '-': " + scanId);
        }
        Policy.parse(failOn.isEmpty() ? "fails" : failOn); // refused here, on the driver, if malformed
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        Map<String, String> hadoop = new HashMap<>();
        conf.forEach(e -> hadoop.put(e.getKey(), e.getValue()));
        FleetTask task = new FleetTask(options, hadoop);

        List<Map.Entry<Integer, String>> work = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            work.add(new AbstractMap.SimpleImmutableEntry<>(i, inputs.get(i)));
        }
        // largest first: the longest tasks start at once and the small ones fill the gaps (Spark runs partitions
        // in order). The size is the archive's length; directories count as 0, they are read where they lie.
        Map<String, Long> sizes = new HashMap<>();
        for (String in : inputs) {
            sizes.put(in, sizeOf(in, conf));
        }
        work.sort(Comparator.comparingLong((Map.Entry<Integer, String> e) -> -sizes.get(e.getValue()))
                .thenComparing(Map.Entry::getKey));

        long t0 = System.nanoTime();
        JavaRDD<Map.Entry<Integer, String>> rdd = jsc.parallelize(work, Math.max(1, work.size()));
        JavaRDD<String> lines = rdd.mapPartitions(it -> task.scanAll(list(it)).iterator())
                .persist(StorageLevel.MEMORY_AND_DISK());
        long[] totals = lines.map(new Totals(failOn)).reduce(Totals::add);
        List<String> errors = lines.filter(l -> unreadable(ResultLines.read(l).result()))
                .map(l -> {
                    InputResult r = ResultLines.read(l).result();
                    return r.name() + ": " + String.join("; ", r.errors());
                }).take(100);
        long t1 = System.nanoTime();

        // fewer, larger files: the cached per-input partitions are merged without a shuffle
        int k = Math.max(1, Math.min(Math.min(work.size(), jsc.defaultParallelism()), 256));
        JavaRDD<String> merged = lines.coalesce(k);
        String part = "/scan_id=" + scanId;
        for (Tables t : Tables.values()) {
            JavaRDD<Row> rows = merged.flatMap(new RowsOf(t, failOn));
            spark.createDataFrame(rows, t.schema).write().mode(SaveMode.Overwrite).option("compression", CODEC).parquet(out + "/" + t.dir() + part);
        }
        StructType scans = DataTypes.createStructType(List.of(
                DataTypes.createStructField("started", DataTypes.StringType, false),
                DataTypes.createStructField("options", DataTypes.StringType, false),
                DataTypes.createStructField("tool_version", DataTypes.StringType, false)));
        Map<String, Object> o = new java.util.LinkedHashMap<>();
        o.put("inputs", inputs);
        o.put("targets", options.targets());
        o.put("fail_on", failOn);
        spark.createDataFrame(List.of(RowFactory.create(Instant.now().toString(), Tables.json(o), toolVersion())), scans)
                .coalesce(1).write().mode(SaveMode.Overwrite).option("compression", CODEC).parquet(out + "/scans" + part);
        // the portable form: each file sorted by input index, so the import merges them in the scan's order
        JavaRDD<String> sorted = merged.mapPartitions(it -> {
            List<String> l = list(it);
            l.sort(Comparator.comparingInt(FleetJob::indexOf));
            return l.iterator();
        });
        spark.createDataset(sorted.rdd(), Encoders.STRING()).write().mode(SaveMode.Overwrite)
                .text(out + "/results" + part);
        long t2 = System.nanoTime();
        lines.unpersist(false);
        return new Summary(scanId, out, totals[0], totals[1], totals[2], totals[3], totals[4], totals[5], errors,
                (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000);
    }

    static boolean unreadable(InputResult r) {
        return r.files().isEmpty() && !r.errors().isEmpty();
    }

    /** The index of a result line without reading the whole line: ResultLines writes it first. */
    static int indexOf(String line) {
        String p = "{\"index\":";
        if (line.startsWith(p)) {
            int end = p.length();
            while (end < line.length() && Character.isDigit(line.charAt(end))) {
                end++;
            }
            if (end > p.length() && end - p.length() < 10) {
                return Integer.parseInt(line.substring(p.length(), end));
            }
        }
        return ResultLines.read(line).index();
    }

    private static <T> List<T> list(Iterator<T> it) {
        List<T> l = new ArrayList<>();
        it.forEachRemaining(l::add);
        return l;
    }

    /** The archive's length on its file system; 0 for a directory or what cannot be asked (the task will say). */
    private static long sizeOf(String input, Configuration conf) {
        try {
            Path p = input.contains("://") || input.startsWith("file:") ? new Path(input)
                    : new Path(java.nio.file.Path.of(input).toAbsolutePath().toUri());
            FileSystem fs = p.getFileSystem(conf);
            org.apache.hadoop.fs.FileStatus st = fs.getFileStatus(p);
            return st.isFile() ? st.getLen() : 0;
        } catch (IOException | IllegalArgumentException e) {
            return 0;
        }
    }

    static String toolVersion() {
        String v = InputResult.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /** inputs, unreadable, files, programs, failing files, findings of one line; added up over the fleet. */
    private record Totals(String failOn) implements org.apache.spark.api.java.function.Function<String, long[]> {
        private static final long serialVersionUID = 1L;

        @Override
        public long[] call(String line) {
            InputResult r = ResultLines.read(line).result();
            long programs = r.files().stream().filter(f -> !f.verdicts().isEmpty()).count();
            long failing = r.files().stream().filter(f -> f.verdicts().stream().anyMatch(v -> v.fails())).count();
            long findings = failOn.isEmpty() ? 0 : Policy.parse(failOn).check(List.of(r), List.of()).size();
            return new long[] {1, unreadable(r) ? 1 : 0, r.files().size(), programs, failing, findings};
        }

        static long[] add(long[] a, long[] b) {
            long[] s = new long[a.length];
            for (int i = 0; i < a.length; i++) {
                s[i] = a[i] + b[i];
            }
            return s;
        }
    }

    /** One table's rows of each result line. */
    private record RowsOf(Tables table, String failOn)
            implements org.apache.spark.api.java.function.FlatMapFunction<String, Row>, Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public Iterator<Row> call(String line) {
            ResultLines.Line l = ResultLines.read(line);
            Policy policy = failOn.isEmpty() ? new Policy(List.of()) : Policy.parse(failOn);
            return table.rows(l.index(), l.result(), policy).iterator();
        }
    }
}

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
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * The fleet scan on Spark: the inputs dealt into a few partitions per core (largest first, so a huge image starts
 * early instead of holding the end of the job), each task running execray-core's ScanService on its inputs and
 * writing their rows itself (FleetOutputFormat): one Spark job scans and writes.
 *
 * <p>Layout under OUT, every table partitioned by scan id: {@code OUT/TABLE/scan_id=ID/part-*.parquet} for scans,
 * inputs, files, verdicts, hardening, libraries, go, modules, findings; {@code OUT/results/scan_id=ID/part-*.txt}.
 * Tasks write into {@code OUT/_staging/scan_id=ID} through Hadoop's FileOutputCommitter (v1): only the successful
 * attempt of each task is committed, so a retried or speculative task never leaves a second copy of its rows. Once
 * the job committed, each table's {@code scan_id=ID} directory replaces the one of an earlier run of that scan id.
 */
public final class FleetJob {
    /** What a scan id may be: it names a directory. */
    public static final Pattern SCAN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    private FleetJob() {
    }

    /**
     * The totals printed at the end.
     *
     * @param unreadable inputs of which nothing could be read (their errors are in the inputs table)
     * @param failing    files with a verdict {@code fails}
     * @param scanMillis wall time of the Spark job (scanning and writing); {@code writeMillis} of moving the
     *                   committed partitions into place
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

        // a partition holds several inputs (each task writes one file per table, so one input per task would mean
        // ten files per image); dealt largest first, back and forth, so partitions cost about the same and there
        // are four for each core, which keeps the cores busy to the end
        int cores = Math.max(1, jsc.defaultParallelism());
        int p = Math.max(1, Math.min(work.size(), Math.max(4 * cores, (work.size() + 15) / 16)));
        List<ArrayList<Map.Entry<Integer, String>>> parts = new ArrayList<>();
        for (int i = 0; i < p; i++) {
            parts.add(new ArrayList<>());
        }
        for (int i = 0; i < work.size(); i++) {
            int round = i / p;
            int slot = round % 2 == 0 ? i % p : p - 1 - i % p;
            parts.get(slot).add(work.get(i));
        }
        for (ArrayList<Map.Entry<Integer, String>> l : parts) {
            l.sort(Map.Entry.comparingByKey()); // each part file lists its inputs in the scan's order
        }

        org.apache.spark.util.LongAccumulator[] acc = new org.apache.spark.util.LongAccumulator[6];
        for (int i = 0; i < acc.length; i++) {
            acc[i] = spark.sparkContext().longAccumulator("execray-" + i);
        }
        org.apache.spark.util.CollectionAccumulator<String> errors = spark.sparkContext().collectionAccumulator("errors");
        Totals totals = new Totals(failOn);
        org.apache.spark.api.java.JavaPairRDD<Integer, String> lines = jsc.parallelize(parts, p).flatMapToPair(l -> {
            java.util.Iterator<String> done = task.scanAll(l);
            java.util.Iterator<Map.Entry<Integer, String>> keys = l.iterator();
            return new java.util.Iterator<scala.Tuple2<Integer, String>>() {
                @Override
                public boolean hasNext() {
                    return done.hasNext();
                }

                @Override
                public scala.Tuple2<Integer, String> next() {
                    String line = done.next();
                    // counted in the task that writes the rows: Spark merges the updates of one successful attempt
                    long[] t = totals.call(line);
                    for (int k = 0; k < t.length; k++) {
                        acc[k].add(t[k]);
                    }
                    if (t[1] > 0) {
                        InputResult r = ResultLines.read(line).result();
                        errors.add(r.name() + ": " + String.join("; ", r.errors()));
                    }
                    return new scala.Tuple2<>(keys.next().getKey(), line);
                }
            };
        });

        Configuration job = new Configuration(conf);
        job.set(FleetOutputFormat.SCAN_ID, scanId);
        job.set(FleetOutputFormat.FAIL_ON, failOn);
        job.set("mapreduce.fileoutputcommitter.algorithm.version", "1");
        job.setBoolean("mapreduce.fileoutputcommitter.marksuccessfuljobs", false);
        Path outDir = new Path(out);
        FileSystem fs = outDir.getFileSystem(conf);
        String part = "scan_id=" + scanId;
        Path staging = new Path(outDir, "_staging/" + part);
        fs.delete(staging, true);
        long t0 = System.nanoTime();
        lines.saveAsNewAPIHadoopFile(staging.toString(), Integer.class, String.class, FleetOutputFormat.class, job);
        long t1 = System.nanoTime();

        // the job committed: each table's partition replaces the one of a previous run of this scan id
        List<String> dirs = new ArrayList<>();
        for (Tables t : Tables.values()) {
            dirs.add(t.dir());
        }
        dirs.add("results");
        for (String d : dirs) {
            Path src = new Path(staging, d + "/" + part);
            Path dst = new Path(outDir, d + "/" + part);
            fs.delete(dst, true);
            fs.mkdirs(dst.getParent());
            if (!fs.exists(src)) {
                fs.mkdirs(dst);
            } else if (!fs.rename(src, dst)) {
                throw new IOException("cannot move " + src + " to " + dst);
            }
        }
        Map<String, Object> o = new java.util.LinkedHashMap<>();
        o.put("inputs", inputs);
        o.put("targets", options.targets());
        o.put("fail_on", failOn);
        Path scans = new Path(outDir, "scans/" + part);
        fs.delete(scans, true);
        FleetOutputFormat.writeScan(conf, new Path(scans, "part-00000.zstd.parquet"), Instant.now().toString(),
                Tables.json(o), toolVersion());
        fs.delete(staging, true);
        Path stagingRoot = staging.getParent();
        FileStatus[] left = fs.exists(stagingRoot) ? fs.listStatus(stagingRoot) : new FileStatus[0];
        if (left.length == 0) {
            fs.delete(stagingRoot, true);
        }
        long t2 = System.nanoTime();
        List<String> errs = errors.value();
        List<String> firstErrors = new ArrayList<>(errs.subList(0, Math.min(100, errs.size())));
        firstErrors.sort(null);
        return new Summary(scanId, out, acc[0].value(), acc[1].value(), acc[2].value(), acc[3].value(), acc[4].value(),
                acc[5].value(), firstErrors, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000);
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
    private record Totals(String failOn) implements Serializable {
        private static final long serialVersionUID = 1L;

        long[] call(String line) {
            InputResult r = ResultLines.read(line).result();
            long programs = r.files().stream().filter(f -> !f.verdicts().isEmpty()).count();
            long failing = r.files().stream().filter(f -> f.verdicts().stream().anyMatch(v -> v.fails())).count();
            long findings = failOn.isEmpty() ? 0 : Policy.parse(failOn).check(List.of(r), List.of()).size();
            return new long[] {1, unreadable(r) ? 1 : 0, r.files().size(), programs, failing, findings};
        }
    }

}

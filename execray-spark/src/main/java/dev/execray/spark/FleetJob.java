package dev.execray.spark;

import dev.execray.scan.FileSlice;
import dev.execray.scan.InputResult;
import dev.execray.scan.Policy;
import dev.execray.scan.ResultLines;
import dev.execray.scan.SliceResult;
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
 * writing their rows itself (FleetOutputFormat): one Spark job scans and writes. An image larger than
 * {@link Split#above()} is scanned in slices by several tasks ({@code ScanService.scanSlice}: the whole merged root
 * opened, a share of its files examined) and merged after a shuffle, one image at a time, into the one result the
 * whole scan would have given, written once by the merging task (docs/fleet.md, "How work is split").
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
     * @param split      inputs scanned in slices by several tasks; {@code slices} how many slices they made
     */
    public record Summary(String scanId, String out, long inputs, long unreadable, long files, long programs,
            long failing, long findings, List<String> errors, long scanMillis, long writeMillis, long split,
            long slices) {
        public Summary {
            errors = List.copyOf(errors);
        }
    }

    public static Summary run(SparkSession spark, List<String> inputs, FleetOptions options, String failOn,
            String out, String scanId) throws IOException {
        return run(spark, inputs, options, Split.defaults(), failOn, out, scanId);
    }

    /** One slice of one input to scan: the input's position and name, and which slice of how many. */
    record SliceWork(int index, String input, int part, int parts) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /**
     * One slice's result on its way to the task that merges its image: the result line of the slice's files and
     * their positions in the image's walk.
     */
    record SliceLine(int part, int parts, String line, int[] ordinals) implements Serializable {
        private static final long serialVersionUID = 1L;

        static SliceLine of(SliceResult r) {
            return new SliceLine(r.slice().part(), r.slice().parts(), ResultLines.write(0, r.result()),
                    r.ordinals().stream().mapToInt(Integer::intValue).toArray());
        }

        SliceResult result() {
            return new SliceResult(new FileSlice(part, parts), ResultLines.read(line).result(),
                    java.util.Arrays.stream(ordinals).boxed().toList());
        }
    }

    public static Summary run(SparkSession spark, List<String> inputs, FleetOptions options, Split split,
            String failOn, String out, String scanId) throws IOException {
        if (!SCAN_ID.matcher(scanId).matches()) {
            throw new IllegalArgumentException("a scan id is letters, digits, '.', '_' and '-': " + scanId);
        }
        Policy.parse(failOn.isEmpty() ? "fails" : failOn); // refused here, on the driver, if malformed
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        // the job's own copy of Spark's Hadoop configuration: local paths are written without a chmod process per
        // file and directory (FleetLocalFileSystem)
        Configuration conf = new Configuration(spark.sparkContext().hadoopConfiguration());
        FleetLocalFileSystem.use(conf);
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

        // an image larger than the split threshold is scanned by several tasks, one slice of its files each, and
        // merged by key after a shuffle; every other input is scanned whole by the task that writes its rows
        int cores = Math.max(1, jsc.defaultParallelism());
        List<Map.Entry<Integer, String>> whole = new ArrayList<>();
        List<SliceWork> slices = new ArrayList<>();
        for (Map.Entry<Integer, String> e : work) {
            int n = split.slicesFor(sizes.get(e.getValue()), cores);
            if (n == 1) {
                whole.add(e);
            }
            for (int k = 0; k < n && n > 1; k++) {
                slices.add(new SliceWork(e.getKey(), e.getValue(), k, n));
            }
        }

        // a partition holds several inputs (each task writes one file per table, so one input per task would mean
        // ten files per image); dealt largest first, back and forth, so partitions cost about the same and there
        // are four for each core, which keeps the cores busy to the end. A task costs ten Parquet writers and a
        // commit whatever it holds, so a large fleet is not cut finer than that: at most 256 inputs per partition,
        // only so that a retried task does not scan too much again (docs/perf.md, "Fleet scan on Spark")
        int p = Math.max(1, Math.min(whole.size(), Math.max(4 * cores, (whole.size() + 255) / 256)));
        List<ArrayList<Map.Entry<Integer, String>>> parts = new ArrayList<>();
        for (int i = 0; i < p; i++) {
            parts.add(new ArrayList<>());
        }
        for (int i = 0; i < whole.size(); i++) {
            int round = i / p;
            int slot = round % 2 == 0 ? i % p : p - 1 - i % p;
            parts.get(slot).add(whole.get(i));
        }
        for (ArrayList<Map.Entry<Integer, String>> l : parts) {
            l.sort(Map.Entry.comparingByKey()); // each part file lists its inputs in the scan's order
        }

        org.apache.spark.util.LongAccumulator[] acc = new org.apache.spark.util.LongAccumulator[6];
        for (int i = 0; i < acc.length; i++) {
            acc[i] = spark.sparkContext().longAccumulator("execray-" + i);
        }
        org.apache.spark.util.CollectionAccumulator<String> errors = spark.sparkContext().collectionAccumulator("errors");
        Counter counter = new Counter(new Totals(failOn), acc, errors);
        org.apache.spark.api.java.JavaPairRDD<Integer, InputResult> lines = jsc.parallelize(parts, p).flatMapToPair(l -> {
            java.util.Iterator<InputResult> done = task.scanAll(l);
            java.util.Iterator<Map.Entry<Integer, String>> keys = l.iterator();
            return new java.util.Iterator<scala.Tuple2<Integer, InputResult>>() {
                @Override
                public boolean hasNext() {
                    return done.hasNext();
                }

                @Override
                public scala.Tuple2<Integer, InputResult> next() {
                    return new scala.Tuple2<>(keys.next().getKey(), counter.count(done.next()));
                }
            };
        });
        if (!slices.isEmpty()) {
            // one task per slice (largest images first, as they were listed); the merging tasks get each image's
            // slices sorted by image, one image at a time, and write its rows once. A retried slice task replaces
            // its shuffle output, never adds to it; slices that do not fit together make the image a row saying so.
            int images = (int) slices.stream().map(SliceWork::index).distinct().count();
            org.apache.spark.api.java.JavaPairRDD<Integer, InputResult> merged = jsc.parallelize(slices, slices.size())
                    .mapToPair(w -> new scala.Tuple2<>(w.index(), SliceLine.of(task.scanSlice(w.input(),
                            new FileSlice(w.part(), w.parts())))))
                    .repartitionAndSortWithinPartitions(new org.apache.spark.HashPartitioner(
                            Math.min(images, 4 * cores)))
                    .mapPartitionsToPair(it -> new MergingIterator(it, counter));
            lines = lines.union(merged);
        }

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
        lines.saveAsNewAPIHadoopFile(staging.toString(), Integer.class, InputResult.class, FleetOutputFormat.class, job);
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
                acc[5].value(), firstErrors, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000,
                slices.stream().map(SliceWork::index).distinct().count(), slices.size());
    }

    static boolean unreadable(InputResult r) {
        return r.files().isEmpty() && !r.errors().isEmpty();
    }

    /**
     * The image's bytes on its file system: an archive's length, an OCI layout's files together; 0 for a tree (never
     * split: only images are) or what cannot be asked (the task will say).
     */
    private static long sizeOf(String input, Configuration conf) {
        try {
            Path p = input.contains("://") || input.startsWith("file:") ? new Path(input)
                    : new Path(java.nio.file.Path.of(input).toAbsolutePath().toUri());
            FileSystem fs = p.getFileSystem(conf);
            org.apache.hadoop.fs.FileStatus st = fs.getFileStatus(p);
            if (st.isFile()) {
                return st.getLen();
            }
            return fs.exists(new Path(p, "oci-layout")) ? fs.getContentSummary(p).getLength() : 0;
        } catch (IOException | IllegalArgumentException e) {
            return 0;
        }
    }

    static String toolVersion() {
        String v = InputResult.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /**
     * Counts a line in the task that writes its rows (Spark merges the accumulator updates of one successful
     * attempt) and passes it on.
     */
    private record Counter(Totals totals, org.apache.spark.util.LongAccumulator[] acc,
            org.apache.spark.util.CollectionAccumulator<String> errors) implements Serializable {
        private static final long serialVersionUID = 1L;

        InputResult count(InputResult r) {
            long[] t = totals.call(r);
            for (int k = 0; k < t.length; k++) {
                acc[k].add(t[k]);
            }
            if (t[1] > 0) {
                errors.add(r.name() + ": " + String.join("; ", r.errors()));
            }
            return r;
        }
    }

    /** The slices of each image, sorted by image, merged into its one result line, one image at a time. */
    private static final class MergingIterator implements java.util.Iterator<scala.Tuple2<Integer, InputResult>> {
        private final java.util.Iterator<scala.Tuple2<Integer, SliceLine>> in;
        private final Counter counter;
        private scala.Tuple2<Integer, SliceLine> ahead;

        MergingIterator(java.util.Iterator<scala.Tuple2<Integer, SliceLine>> in, Counter counter) {
            this.in = in;
            this.counter = counter;
            this.ahead = in.hasNext() ? in.next() : null;
        }

        @Override
        public boolean hasNext() {
            return ahead != null;
        }

        @Override
        public scala.Tuple2<Integer, InputResult> next() {
            if (ahead == null) {
                throw new java.util.NoSuchElementException();
            }
            int index = ahead._1();
            List<SliceResult> slices = new ArrayList<>();
            while (ahead != null && ahead._1() == index) {
                slices.add(ahead._2().result());
                ahead = in.hasNext() ? in.next() : null;
            }
            InputResult r;
            try {
                r = SliceResult.merge(slices);
            } catch (IllegalArgumentException e) {
                // slices that do not fit together (the image changed on its store between the slice tasks): the
                // image is a row saying so, never rows written twice or a failed job
                String name = slices.get(0).result().name();
                r = FleetTask.failed(name, name + ": its slices do not fit together (" + e.getMessage()
                        + "); was it changed during the scan?");
            }
            return new scala.Tuple2<>(index, counter.count(r));
        }
    }

    /** inputs, unreadable, files, programs, failing files, findings of one result; added up over the fleet. */
    private record Totals(String failOn) implements Serializable {
        private static final long serialVersionUID = 1L;

        long[] call(InputResult r) {
            long programs = r.files().stream().filter(f -> !f.verdicts().isEmpty()).count();
            long failing = r.files().stream().filter(f -> f.verdicts().stream().anyMatch(v -> v.fails())).count();
            long findings = failOn.isEmpty() ? 0 : Policy.parse(failOn).check(List.of(r), List.of()).size();
            return new long[] {1, unreadable(r) ? 1 : 0, r.files().size(), programs, failing, findings};
        }
    }

}

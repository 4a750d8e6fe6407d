package dev.execray.spark;

import dev.execray.place.TargetException;
import dev.execray.scan.Policy;
import dev.execray.scan.ScanService;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code execray fleet} and the job jar's main class: parses the scan's options, starts (or joins, under
 * spark-submit) a Spark session and runs {@link FleetJob}. docs/fleet.md.
 */
@Command(name = "execray fleet", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Scan many images and trees on Spark with the same engine as execray scan; write the scan's "
                + "tables as Parquet (and JSON lines for execray scan --import) under OUT, partitioned by scan id.",
                "An INPUT is a docker-save archive, an OCI layout or archive, or a directory tree, as a local path, "
                + "a path every worker mounts, or a Hadoop URI (hdfs://..., for images). An input that cannot be "
                + "read is a row saying why. Exit status 1 when --fail-on finds something, 3 when an input could "
                + "not be read at all, 2 for usage errors."})
public final class FleetMain implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "INPUT", arity = "0..*", description = "Images and trees.")
    List<String> inputs = new ArrayList<>();

    @Option(names = "--files-from", paramLabel = "LIST", description = "Also the inputs named in LIST, one a line.")
    Path filesFrom;

    @Option(names = "--out", paramLabel = "DIR", required = true,
            description = "Where the tables go (a local path or a Hadoop URI).")
    String out;

    @Option(names = "--master", paramLabel = "URL", description = "Spark master (default: the one spark-submit "
            + "gives, else local[*], Spark embedded in this JVM).")
    String master;

    @Option(names = "--scan-id", paramLabel = "ID", description = "The partition to (over)write (default: the "
            + "start time, UTC, e.g. 20261207T150000Z).")
    String scanId;

    @Option(names = "--targets", paramLabel = "T,T,...", split = ",",
            description = "Places to judge each program in besides its own root (as matrix names them).")
    List<String> targets = new ArrayList<>();

    @Option(names = "--platform", paramLabel = "OS/ARCH", description = "For multi-platform images.")
    String platform = "";

    @Option(names = "--threads", paramLabel = "N", description = "Workers per input inside a task (default: "
            + "${DEFAULT-VALUE}; Spark already runs one task per executor core).")
    int threads = 1;

    @Option(names = "--fail-on", paramLabel = "POLICY", description = "Rules, as execray scan takes them (fails, "
            + "glibc>X.Y, hardening:...); the findings table lists them.")
    String failOn = "";

    @Option(names = "--split-above", paramLabel = "BYTES", description = "Split an image larger than this (its "
            + "archive, or its OCI layout's files) across tasks, each examining a slice of its files over the whole "
            + "merged root; its rows are merged as one scan's (default: ${DEFAULT-VALUE}, 256 MiB).")
    long splitAbove = Split.DEFAULT_ABOVE;

    @Option(names = "--split-parts", paramLabel = "N", description = "At most N slices per split image, one per "
            + "--split-above bytes (default 0: as many as the job's cores; 1: never split).")
    int splitParts;

    @Option(names = "--json", description = "Print the totals as JSON.")
    boolean json;

    public static void main(String[] args) {
        int rc = run(args);
        // Spark leaves non-daemon threads behind in some cluster managers: the exit status must still come out
        System.exit(rc);
    }

    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return new CommandLine(new FleetMain()).setOut(out).setErr(err).setExecutionExceptionHandler((e, cl, pr) -> {
            cl.getErr().println("execray fleet: internal error: " + e);
            return 70;
        }).execute(args);
    }

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<String> all = new ArrayList<>(inputs);
        if (filesFrom != null) {
            try {
                for (String line : Files.readAllLines(filesFrom, StandardCharsets.UTF_8)) {
                    if (!line.isBlank()) {
                        all.add(line.strip());
                    }
                }
            } catch (IOException e) {
                err.println("execray fleet: " + filesFrom + ": " + e.getMessage());
                return 3;
            }
        }
        if (all.isEmpty()) {
            err.println("execray fleet: give at least one INPUT or --files-from LIST");
            return 2;
        }
        FleetOptions options;
        Split split;
        try {
            options = FleetOptions.of(targets, platform, threads);
            split = new Split(splitAbove, splitParts);
            if (!failOn.isEmpty()) {
                Policy.parse(failOn);
            }
            try (ScanService s = new ScanService(options.scanOptions())) {
                // the places resolve here, so a misspelt target is a usage error, not one error row per input
            }
        } catch (TargetException | IllegalArgumentException e) {
            err.println("execray fleet: " + e.getMessage());
            return 2;
        }
        String id = scanId != null ? scanId
                : ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'"));
        if (!FleetJob.SCAN_ID.matcher(id).matches()) {
            err.println("execray fleet: --scan-id: letters, digits, '.', '_' and '-' only");
            return 2;
        }
        SparkSession.Builder b = SparkSession.builder().appName("execray fleet " + id)
                // the classic committer: a task's files appear only when the task commits, so a retried or
                // speculative attempt never leaves a second copy
                .config("spark.hadoop.mapreduce.fileoutputcommitter.algorithm.version", "1")
                .config("spark.ui.enabled", "false");
        if (master != null) {
            b.master(master);
        } else if (System.getProperty("spark.master") == null) {
            b.master("local[*]");
        }
        SparkSession spark = b.getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        FleetJob.Summary s;
        try {
            s = FleetJob.run(spark, all, options, split, failOn, out, id);
        } catch (IOException e) {
            err.println("execray fleet: " + e.getMessage());
            return 3;
        } finally {
            spark.stop();
        }
        s.errors().forEach(e -> err.println("execray fleet: " + e));
        if (json) {
            o.println(Tables.json(s));
        } else {
            o.printf("fleet scan %s: %d inputs (%d unreadable), %d files, %d programs, %d files would not start "
                    + "somewhere%s%s%n  tables under %s (scan %d ms, write %d ms); load with: execray scan --import "
                    + "%s --db FILE%n", s.scanId(), s.inputs(), s.unreadable(), s.files(), s.programs(), s.failing(),
                    failOn.isEmpty() ? "" : "; " + s.findings() + " --fail-on findings",
                    s.split() == 0 ? "" : "; " + s.split() + " large images split into " + s.slices() + " slices",
                    s.out(), s.scanMillis(),
                    s.writeMillis(), s.out());
        }
        o.flush();
        if (s.findings() > 0) {
            return 1;
        }
        return s.unreadable() > 0 ? 3 : 0;
    }
}

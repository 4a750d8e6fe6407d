package dev.execray.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The fleet scan on a real standalone Spark cluster started here — a master and two workers, each its own JVM (the
 * classes spark-class would start), executors launched by the workers — reading the images from an HDFS
 * MiniDFSCluster (trees stay on the local file system, which every worker of this machine shares). Every row of
 * every table must equal {@code execray scan} of the same images on one machine, the HDFS URI in place of the local
 * path. Tagged oracle: the cluster takes a minute or two to start on two cores.
 */
@Tag("oracle")
class FleetClusterTest {
    @Test
    void aStandaloneClusterReadingHdfsGivesTheSingleMachineRows() throws Exception {
        Path tmp = Files.createTempDirectory("execray-fleet-cluster");
        List<Process> jvms = new ArrayList<>();
        MiniDFSCluster dfs = null;
        SparkSession spark = null;
        try {
            Path fleetDir = tmp.resolve("fleet");
            List<String> local = new ArrayList<>(FleetFixtures.build(fleetDir, 12));
            local.removeIf(p -> p.endsWith("hostile-missing.tar")); // HDFS words its absence its own way

            Configuration conf = new Configuration();
            conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, tmp.resolve("hdfs").toString());
            dfs = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
            dfs.waitActive();
            FileSystem fs = dfs.getFileSystem();
            String hdfsFleet = fs.getUri() + "/fleet";
            List<String> inputs = new ArrayList<>();
            int onHdfs = 0;
            for (String p : local) {
                if (Files.isDirectory(Path.of(p)) && !Files.exists(Path.of(p, "oci-layout"))) {
                    inputs.add(p); // a tree: read where it lies
                } else {
                    String name = Path.of(p).getFileName().toString();
                    fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(p), new org.apache.hadoop.fs.Path(hdfsFleet + "/"
                            + name));
                    inputs.add(hdfsFleet + "/" + name);
                    onHdfs++;
                }
            }

            // the single machine: execray scan of the local copies
            Path single = tmp.resolve("single.db");
            List<String> args = new ArrayList<>(List.of("scan", "--db", single.toString(), "--threads", "2"));
            args.addAll(local);
            assertThat(FleetLocalBase.cli(args)).isEqualTo(3);

            // the cluster: a master and two workers of one core each, as separate JVMs
            String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            Path sparkHome = Files.createDirectories(tmp.resolve("spark-home/jars"));
            int port = freePort();
            List<String> opens = Arrays.asList(System.getProperty("spark.opens", "").split(" "));
            jvms.add(start(tmp, "master", cp, opens, sparkHome.getParent(), "org.apache.spark.deploy.master.Master",
                    "--host", "127.0.0.1", "--port", Integer.toString(port), "--webui-port", "0"));
            for (int w = 0; w < 2; w++) {
                jvms.add(start(tmp, "worker" + w, cp, opens, sparkHome.getParent(), "org.apache.spark.deploy.worker.Worker",
                        "--host", "127.0.0.1", "--cores", "1", "--memory", "700m", "--webui-port", "0",
                        "--work-dir", tmp.resolve("work" + w).toString(), "spark://127.0.0.1:" + port));
            }
            spark = SparkSession.builder().master("spark://127.0.0.1:" + port).appName("execray fleet cluster test")
                    .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.ui.enabled", "false").config("spark.executor.cores", "1")
                    .config("spark.executor.memory", "512m").config("spark.cores.max", "2")
                    .config("spark.executor.extraClassPath", cp)
                    .config("spark.executor.extraJavaOptions", System.getProperty("spark.opens", ""))
                    .config("spark.hadoop.fs.defaultFS", fs.getUri().toString())
                    .config("spark.hadoop.mapreduce.fileoutputcommitter.algorithm.version", "1").getOrCreate();
            spark.sparkContext().setLogLevel("WARN");
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
            while (spark.sparkContext().getExecutorMemoryStatus().size() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(500); // the driver and both workers' executors
            }
            assertThat(spark.sparkContext().getExecutorMemoryStatus().size()).as("executors registered").isEqualTo(3);

            String out = hdfsFleet + "-out";
            FleetJob.Summary s = FleetJob.run(spark, inputs, FleetOptions.of(List.of(), "", 1), "", out, "c1");
            assertThat(s.inputs()).isEqualTo(inputs.size());
            // again, every image on HDFS split into two slices, each scanned by its own task on either worker
            FleetJob.Summary split = FleetJob.run(spark, inputs, FleetOptions.of(List.of(), "", 1), new Split(1, 2),
                    "", out, "c2");
            assertThat(split.split()).isEqualTo(onHdfs);
            assertThat(split.slices()).isEqualTo(2L * onHdfs);

            // the fleet's tables, read back from HDFS, against the single machine's store
            String localFleet = fleetDir.toString();
            int total = 0;
            for (String scanId : List.of("c1", "c2")) {
                for (String t : List.of("inputs", "files", "verdicts", "hardening", "libraries", "resolutions", "go",
                        "modules")) {
                    spark.read().parquet(out + "/" + t).where("scan_id = '" + scanId + "'").createOrReplaceTempView(t);
                }
                total = 0;
                StringBuilder counts = new StringBuilder();
                for (Map.Entry<String, String> q : FleetLocalBase.QUERIES.entrySet()) {
                    List<String> want = new ArrayList<>();
                    for (String r : FleetLocalBase.sqlite(single, q.getValue())) {
                        want.add(hdfsNames(r, localFleet, hdfsFleet, local));
                    }
                    want.sort(null);
                    List<String> got = new ArrayList<>();
                    for (Row r : spark.sql(q.getValue()).collectAsList()) {
                        StringBuilder b = new StringBuilder();
                        for (int i = 0; i < r.size(); i++) {
                            b.append(r.isNullAt(i) ? "null" : r.get(i).toString()).append('\u0001');
                        }
                        got.add(b.toString());
                    }
                    got.sort(null);
                    assertThat(got).as(scanId + " " + q.getKey()).containsExactlyElementsOf(want);
                    total += want.size();
                    counts.append(q.getKey()).append('=').append(want.size()).append(' ');
                }
                System.out.println("fleet cluster (master + 2 workers, " + onHdfs + " of " + inputs.size()
                        + " inputs on HDFS" + (scanId.equals("c2") ? ", each image split in 2 slices" : "")
                        + "): rows equal: " + total + " (" + counts + ")");
            }
            assertThat(onHdfs).isGreaterThanOrEqualTo(10);
            assertThat(total).isGreaterThan(100);
        } finally {
            if (spark != null) {
                spark.stop();
            }
            for (Process p : jvms) {
                p.destroy();
            }
            for (Process p : jvms) {
                if (!p.waitFor(20, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
            if (dfs != null) {
                dfs.shutdown();
            }
            try (Stream<Path> s = Files.walk(tmp)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** A single-machine row as the fleet names it: each image's local path replaced by its HDFS URI. */
    private static String hdfsNames(String row, String localFleet, String hdfsFleet, List<String> local) {
        String r = row;
        for (String p : local) {
            if (!(Files.isDirectory(Path.of(p)) && !Files.exists(Path.of(p, "oci-layout")))) {
                r = r.replace(p, hdfsFleet + "/" + Path.of(p).getFileName());
            }
        }
        return r;
    }

    private static Process start(Path tmp, String name, String cp, List<String> opens, Path sparkHome, String main,
            String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx512m");
        opens.stream().filter(o -> !o.isBlank()).forEach(cmd::add);
        cmd.add("-cp");
        cmd.add(cp);
        cmd.add(main);
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(tmp.resolve(name + ".log").toFile());
        // a worker starts executors from SPARK_HOME's jars (none here: the classpath comes from the driver's
        // spark.executor.extraClassPath) and needs the Scala version named when there is no distribution
        pb.environment().put("SPARK_HOME", sparkHome.toString());
        pb.environment().put("SPARK_SCALA_VERSION", "2.13");
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        return pb.start();
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}

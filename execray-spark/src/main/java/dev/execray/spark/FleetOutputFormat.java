package dev.execray.spark;

import dev.execray.scan.InputResult;
import dev.execray.scan.Policy;
import dev.execray.scan.ResultLines;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.JobContext;
import org.apache.hadoop.mapreduce.RecordWriter;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.lib.output.FileOutputCommitter;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/**
 * Writes every table of a fleet scan in the task that scanned the inputs: each task attempt writes, into its Hadoop
 * work directory, one Parquet file per table ({@code TABLE/scan_id=ID/part-NNNNN.zstd.parquet}) and one file of
 * result lines ({@code results/scan_id=ID/part-NNNNN.txt}, in input order). Hadoop's FileOutputCommitter then moves
 * the files of the one successful attempt of each task into the job's output, and only when the job commits: a
 * failed, retried or speculative attempt leaves nothing behind. One Spark job thus scans and writes — the ten
 * separate DataFrame writes this replaces cost more than the scan itself on a small fleet (docs/perf.md).
 */
public final class FleetOutputFormat extends FileOutputFormat<Integer, InputResult> {
    /** The configuration keys the driver sets. */
    static final String SCAN_ID = "execray.fleet.scan-id";
    static final String FAIL_ON = "execray.fleet.fail-on";

    @Override
    public void checkOutputSpecs(JobContext job) {
        // the driver writes into a staging directory of its own and moves each table's partition into place
    }

    @Override
    public RecordWriter<Integer, InputResult> getRecordWriter(TaskAttemptContext ctx) throws IOException {
        Configuration conf = ctx.getConfiguration();
        Path work = ((FileOutputCommitter) getOutputCommitter(ctx)).getWorkPath();
        String part = String.format(Locale.ROOT, "part-%05d", ctx.getTaskAttemptID().getTaskID().getId());
        return new Writer(conf, work, "scan_id=" + conf.get(SCAN_ID), part, conf.get(FAIL_ON, ""));
    }

    /** The Parquet schema of a table: Spark reads INT64 as long, INT32 as int, UTF-8 BINARY as string. */
    static MessageType parquetSchema(Tables t) {
        Types.MessageTypeBuilder b = Types.buildMessage();
        for (StructField f : t.schema.fields()) {
            if (f.dataType().equals(DataTypes.LongType)) {
                b.optional(PrimitiveTypeName.INT64).named(f.name());
            } else if (f.dataType().equals(DataTypes.IntegerType)) {
                b.optional(PrimitiveTypeName.INT32).named(f.name());
            } else {
                b.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(f.name());
            }
        }
        return b.named(t.dir());
    }

    /** The scans table's one row, written by the driver once the job committed. */
    static void writeScan(Configuration conf, Path file, String started, String options, String version)
            throws IOException {
        MessageType schema = Types.buildMessage()
                .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("started")
                .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("options")
                .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("tool_version")
                .named("scans");
        try (ParquetWriter<Group> w = ExampleParquetWriter.builder(HadoopOutputFile.fromPath(file, conf)).withConf(conf)
                .withType(schema).withCompressionCodec(CompressionCodecName.ZSTD).build()) {
            w.write(new SimpleGroupFactory(schema).newGroup().append("started", started).append("options", options)
                    .append("tool_version", version));
        }
    }

    private static final class Writer extends RecordWriter<Integer, InputResult> {
        private final Map<Tables, ParquetWriter<Group>> tables = new EnumMap<>(Tables.class);
        private final Map<Tables, SimpleGroupFactory> groups = new EnumMap<>(Tables.class);
        private final OutputStream results;
        private final Policy policy;
        private int last = -1;

        Writer(Configuration conf, Path work, String partition, String part, String failOn) throws IOException {
            this.policy = failOn.isEmpty() ? new Policy(List.of()) : Policy.parse(failOn);
            for (Tables t : Tables.values()) {
                MessageType schema = parquetSchema(t);
                Path file = new Path(work, t.dir() + "/" + partition + "/" + part + ".zstd.parquet");
                tables.put(t, ExampleParquetWriter.builder(HadoopOutputFile.fromPath(file, conf)).withConf(conf)
                        .withType(schema).withCompressionCodec(CompressionCodecName.ZSTD).build());
                groups.put(t, new SimpleGroupFactory(schema));
            }
            Path lines = new Path(work, "results/" + partition + "/" + part + ".txt");
            FileSystem fs = lines.getFileSystem(conf);
            results = fs.create(lines, false);
        }

        @Override
        public void write(Integer index, InputResult result) throws IOException {
            if (index <= last) {
                throw new IOException("inputs out of order: " + index + " after " + last);
            }
            last = index;
            for (Tables t : Tables.values()) {
                ParquetWriter<Group> w = tables.get(t);
                SimpleGroupFactory g = groups.get(t);
                StructField[] fields = t.schema.fields();
                for (Row r : t.rows(index, result, policy)) {
                    Group row = g.newGroup();
                    for (int i = 0; i < fields.length; i++) {
                        if (r.isNullAt(i)) {
                            continue;
                        }
                        Object v = r.get(i);
                        if (v instanceof Long x) {
                            row.add(i, x);
                        } else if (v instanceof Integer x) {
                            row.add(i, x);
                        } else {
                            row.add(i, v.toString());
                        }
                    }
                    w.write(row);
                }
            }
            results.write(ResultLines.write(index, result).getBytes(StandardCharsets.UTF_8));
            results.write('\n');
        }

        @Override
        public void close(TaskAttemptContext ctx) throws IOException {
            IOException first = null;
            for (ParquetWriter<Group> w : tables.values()) {
                try {
                    w.close();
                } catch (IOException e) {
                    first = first == null ? e : first;
                }
            }
            results.close();
            if (first != null) {
                throw first;
            }
        }
    }
}

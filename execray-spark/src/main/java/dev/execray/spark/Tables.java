package dev.execray.spark;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.execray.hardening.Hardening;
import dev.execray.scan.FileRecord;
import dev.execray.scan.GoInfo;
import dev.execray.scan.InputResult;
import dev.execray.scan.LibraryResolution;
import dev.execray.scan.Policy;
import dev.execray.scan.VerdictRecord;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The store's tables (execray-core's Schema, docs/scan.md) as Parquet rows. Ids are not SQLite's autoincrement but
 * computed from the input's position, so a retried or re-run task writes the same ids: {@code inputs.id = index + 1},
 * {@code files.id = inputs.id << 24 | ordinal}. JSON-valued columns hold the same JSON text the store holds.
 */
enum Tables {
    INPUTS(schema("id", DataTypes.LongType, "input_index", DataTypes.IntegerType, "name", DataTypes.StringType,
            "kind", DataTypes.StringType, "base", DataTypes.StringType, "root", DataTypes.StringType,
            "platform", DataTypes.StringType, "places", DataTypes.StringType, "errors", DataTypes.StringType,
            "notes", DataTypes.StringType, "millis", DataTypes.LongType)),
    FILES(schema("id", DataTypes.LongType, "input_id", DataTypes.LongType, "path", DataTypes.StringType,
            "size", DataTypes.LongType, "mode", DataTypes.IntegerType, "sha256", DataTypes.StringType,
            "format", DataTypes.StringType, "arch", DataTypes.StringType, "os", DataTypes.StringType,
            "type", DataTypes.StringType, "interpreter", DataTypes.StringType, "soname", DataTypes.StringType,
            "glibc", DataTypes.StringType, "problems", DataTypes.StringType, "package", DataTypes.StringType,
            "package_version", DataTypes.StringType, "package_arch", DataTypes.StringType, "purl", DataTypes.StringType)),
    VERDICTS(schema("file_id", DataTypes.LongType, "position", DataTypes.IntegerType, "place", DataTypes.StringType,
            "status", DataTypes.StringType, "reason", DataTypes.StringType, "errno", DataTypes.StringType)),
    HARDENING(schema("file_id", DataTypes.LongType, "format", DataTypes.StringType, "relro", DataTypes.StringType,
            "canary", DataTypes.IntegerType, "nx", DataTypes.IntegerType, "pie", DataTypes.StringType,
            "fortify", DataTypes.IntegerType, "fortified", DataTypes.IntegerType, "fortifiable", DataTypes.IntegerType,
            "rpath", DataTypes.StringType, "runpath", DataTypes.StringType, "risky_paths", DataTypes.StringType,
            "ibt", DataTypes.IntegerType, "shstk", DataTypes.IntegerType, "stripped", DataTypes.IntegerType,
            "wx", DataTypes.IntegerType, "exec_stack", DataTypes.IntegerType, "dynamic_base", DataTypes.IntegerType,
            "high_entropy_va", DataTypes.IntegerType, "nx_compat", DataTypes.IntegerType, "guard_cf", DataTypes.IntegerType,
            "no_seh", DataTypes.IntegerType, "force_integrity", DataTypes.IntegerType, "signed", DataTypes.IntegerType,
            "missing", DataTypes.StringType, "nx_heap", DataTypes.IntegerType, "arc", DataTypes.IntegerType,
            "restrict_segment", DataTypes.IntegerType, "encrypted", DataTypes.IntegerType,
            "hardened_runtime", DataTypes.IntegerType)),
    LIBRARIES(schema("file_id", DataTypes.LongType, "position", DataTypes.IntegerType, "name", DataTypes.StringType)),
    RESOLUTIONS(schema("file_id", DataTypes.LongType, "position", DataTypes.IntegerType, "name", DataTypes.StringType,
            "path", DataTypes.StringType, "how", DataTypes.StringType)),
    GO(schema("file_id", DataTypes.LongType, "go_version", DataTypes.StringType, "recovered", DataTypes.IntegerType,
            "main_path", DataTypes.StringType, "main_version", DataTypes.StringType)),
    MODULES(schema("file_id", DataTypes.LongType, "position", DataTypes.IntegerType, "path", DataTypes.StringType,
            "version", DataTypes.StringType, "sum", DataTypes.StringType)),
    /** The --fail-on findings, per input (not a store table: the store computes them when asked). */
    FINDINGS(schema("input_id", DataTypes.LongType, "rule", DataTypes.StringType, "path", DataTypes.StringType,
            "message", DataTypes.StringType));

    private static final ObjectMapper JSON = new ObjectMapper();

    final StructType schema;

    Tables(StructType schema) {
        this.schema = schema;
    }

    String dir() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    static long inputId(int index) {
        return index + 1L;
    }

    static long fileId(int index, int ordinal) {
        return inputId(index) << FleetOptions.FILE_BITS | ordinal;
    }

    /** This table's rows of one input. */
    List<Row> rows(int index, InputResult r, Policy policy) {
        List<Row> out = new ArrayList<>();
        long inputId = inputId(index);
        if (this == INPUTS) {
            out.add(RowFactory.create(inputId, index, r.name(), r.kind(), r.base(), r.root(), r.platform(),
                    json(r.places()), json(r.errors()), json(r.notes()), r.millis()));
            return out;
        }
        if (this == FINDINGS) {
            for (Policy.Finding f : policy.check(List.of(r), List.of())) {
                out.add(RowFactory.create(inputId, f.rule(), f.path(), f.message()));
            }
            return out;
        }
        for (int i = 0; i < r.files().size(); i++) {
            FileRecord f = r.files().get(i);
            long id = fileId(index, i);
            switch (this) {
                case FILES -> out.add(RowFactory.create(id, inputId, f.path(), f.size(), f.mode(), f.sha256(),
                        f.format(), f.arch(), f.os(), f.type(), f.interpreter().orElse(null), f.soname().orElse(null),
                        f.glibc().orElse(null), json(f.problems()), f.owner().map(p -> p.name()).orElse(null),
                        f.owner().map(p -> p.version()).orElse(null), f.owner().map(p -> p.arch()).orElse(null),
                        f.owner().map(p -> p.purl()).orElse(null)));
                case VERDICTS -> {
                    for (int k = 0; k < f.verdicts().size(); k++) {
                        VerdictRecord v = f.verdicts().get(k);
                        out.add(RowFactory.create(id, k, v.place(), v.status(), v.reason(), v.errno().orElse(null)));
                    }
                }
                case HARDENING -> f.hardening().ifPresent(h -> out.add(hardening(id, h)));
                case LIBRARIES -> {
                    for (int k = 0; k < f.needed().size(); k++) {
                        out.add(RowFactory.create(id, k, f.needed().get(k)));
                    }
                }
                case RESOLUTIONS -> {
                    for (int k = 0; k < f.resolved().size(); k++) {
                        LibraryResolution l = f.resolved().get(k);
                        out.add(RowFactory.create(id, k, l.name(), l.path().orElse(null), l.how()));
                    }
                }
                case GO -> f.go().ifPresent(g -> out.add(RowFactory.create(id, g.goVersion(), g.recovered() ? 1 : 0,
                        g.mainPath(), g.mainVersion())));
                case MODULES -> f.go().ifPresent(g -> {
                    for (int k = 0; k < g.modules().size(); k++) {
                        GoInfo.Module m = g.modules().get(k);
                        out.add(RowFactory.create(id, k, m.path(), m.version(), m.sum()));
                    }
                });
                default -> throw new IllegalStateException(this.name());
            }
        }
        return out;
    }

    /** The same columns and values ScanStore writes. */
    private static Row hardening(long id, Hardening h) {
        Object[] v = new Object[30];
        v[0] = id;
        if (h instanceof Hardening.Elf e) {
            v[1] = "ELF";
            v[2] = e.relro().label();
            v[3] = bit(e.canary());
            v[4] = bit(e.nx());
            v[5] = e.pie().label();
            v[6] = bit(e.fortify().any());
            v[7] = e.fortify().fortified();
            v[8] = e.fortify().fortifiable();
            v[9] = json(e.rpath());
            v[10] = json(e.runpath());
            v[11] = json(e.riskyPaths());
            v[12] = bit(e.ibt());
            v[13] = bit(e.shstk());
            v[14] = bit(e.stripped());
            v[15] = bit(e.writableExec());
            v[16] = bit(e.executableStack());
        } else if (h instanceof Hardening.Pe p) {
            v[1] = "PE";
            v[17] = bit(p.dynamicBase());
            v[18] = bit(p.highEntropyVa());
            v[19] = bit(p.nxCompat());
            v[20] = bit(p.guardCf());
            v[21] = bit(p.noSeh());
            v[22] = bit(p.forceIntegrity());
            v[23] = bit(p.signed());
        } else if (h instanceof Hardening.MachO m) {
            // shared columns as ScanStore writes them: pie, canary, nx (the stack), fortified, rpath, signed
            v[1] = "MACHO";
            v[5] = m.pie().label();
            v[3] = bit(m.canary());
            v[4] = bit(m.nxStack());
            v[7] = m.fortified();
            v[9] = json(m.rpath());
            v[23] = bit(m.codeSignature());
            v[25] = bit(m.nxHeap());
            v[26] = bit(m.arc());
            v[27] = bit(m.restrict());
            v[28] = bit(m.encrypted());
            v[29] = bit(m.hardenedRuntime());
        }
        v[24] = json(h.missing());
        return RowFactory.create(v);
    }

    private static Integer bit(boolean b) {
        return b ? 1 : 0;
    }

    static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static StructType schema(Object... nameType) {
        List<StructField> fields = new ArrayList<>();
        for (int i = 0; i < nameType.length; i += 2) {
            fields.add(DataTypes.createStructField((String) nameType[i], (DataType) nameType[i + 1], true));
        }
        return DataTypes.createStructType(fields);
    }
}

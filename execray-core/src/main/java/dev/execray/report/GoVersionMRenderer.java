package dev.execray.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.execray.golang.BuildSetting;
import dev.execray.golang.GoBuildInfo;
import dev.execray.golang.GoModule;
import dev.execray.golang.GoStrconv;
import dev.execray.golang.GoVersionMScan;
import dev.execray.golang.ModuleInfo;

/**
 * The text of {@code go version -m} (cmd/go/internal/version scanFile), as byte strings: the
 * "FILE: go1.x" line, then BuildInfo.String() with a tab before every line; and the error lines it writes
 * to stderr. Callers print the results as ISO-8859-1 bytes.
 */
public final class GoVersionMRenderer {
    private GoVersionMRenderer() {
    }

    /** Standard output for one readable Go binary; {@code file} is the name exactly as given. */
    public static String stdout(String file, GoBuildInfo bi, boolean withModules) {
        StringBuilder sb = new StringBuilder();
        sb.append(file).append(": ").append(bi.goVersion()).append('\n');
        String mod = bi.modules().toGoString();
        if (withModules && !mod.isEmpty()) {
            sb.append('\t').append(mod.substring(0, mod.length() - 1).replace("\n", "\n\t")).append('\n');
        }
        return sb.toString();
    }

    /** The stderr line go version writes for a file it could not report. */
    public static String problem(GoVersionMScan.Problem p) {
        return switch (p.kind()) {
            case NO_SUCH_FILE -> "stat " + p.name() + ": no such file or directory\n";
            case SYMLINK -> p.name() + ": symlink\n";
            case NOT_EXECUTABLE -> notExecutable(p.name());
            case UNOPENABLE -> p.name() + "\n"; // Go prints only the name for an os.PathError on the file itself
            case NO_BUILD_INFO -> readError(p.name(), p.goMessage());
        };
    }

    public static String notExecutable(String file) {
        return file + ": not executable file\n";
    }

    public static String readError(String file, String goMessage) {
        return file + ": could not read Go build info from " + file + ": " + goMessage + "\n";
    }

    public static ObjectNode json(String file, GoBuildInfo bi) {
        ObjectNode o = Json.object();
        o.put("file", file);
        o.put("goVersion", GoStrconv.toText(bi.goVersion()));
        o.put("provenance", bi.provenance().name().toLowerCase(java.util.Locale.ROOT));
        o.put("recovered", bi.recovered());
        ModuleInfo m = bi.modules();
        o.put("path", GoStrconv.toText(m.path()));
        if (!m.main().isZero()) {
            o.set("main", module(m.main()));
        }
        ArrayNode deps = o.putArray("deps");
        m.deps().forEach(d -> deps.add(module(d)));
        ArrayNode settings = o.putArray("settings");
        for (BuildSetting s : m.settings()) {
            settings.addObject().put("key", GoStrconv.toText(s.key())).put("value", GoStrconv.toText(s.value()));
        }
        ArrayNode notes = o.putArray("notes");
        bi.notes().forEach(notes::add);
        return o;
    }

    static ObjectNode module(GoModule m) {
        ObjectNode o = Json.object();
        o.put("path", GoStrconv.toText(m.path()));
        o.put("version", GoStrconv.toText(m.version()));
        o.put("sum", GoStrconv.toText(m.sum()));
        m.replace().ifPresent(r -> o.set("replace", module(r)));
        return o;
    }
}

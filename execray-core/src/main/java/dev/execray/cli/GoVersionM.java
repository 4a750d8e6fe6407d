package dev.execray.cli;

import dev.execray.golang.BuildInfoReader.Dialect;
import dev.execray.golang.GoVersionMScan;
import dev.execray.report.GoVersionMOutput;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code execray go --modinfo}: {@link GoVersionMScan} (the walk of {@code go version -m}) written by
 * {@link GoVersionMOutput}. Go's exit status changes only for a missing file; execray's follows its own contract:
 * 3 whenever a file named or walked produced an error line (unreadable, not executable, not a Go binary).
 */
final class GoVersionM {
    private final GoVersionMScan scan;
    private final GoVersionMOutput output;

    GoVersionM(OutputStream out, OutputStream err, Dialect dialect, boolean json) {
        this.scan = new GoVersionMScan(dialect);
        this.output = new GoVersionMOutput(out, err, json);
    }

    /** Returns true when some argument could not be stat'ed or read (an error line was printed for it). */
    boolean run(List<String> args) {
        scan.scan(args, output);
        return output.finish();
    }

    /**
     * {@code execray go --modinfo FILE...} without picocli: the common invocation (files, optionally
     * --go-reader) is parsed here so that a run over hundreds of files does not load and initialise the
     * command framework or Jackson. Anything else (--json, --help, an option it does not know, a file name
     * starting with '-') returns -1 and goes through picocli as usual.
     */
    static int fastPath(String[] args) {
        if (args.length < 3 || !args[0].equals("go")) {
            return -1;
        }
        boolean modinfo = false;
        String reader = "auto";
        List<String> files = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--modinfo")) {
                modinfo = true;
            } else if (a.equals("--go-reader") && i + 1 < args.length) {
                reader = args[++i];
            } else if (a.startsWith("--go-reader=")) {
                reader = a.substring("--go-reader=".length());
            } else if (a.startsWith("-") || a.isEmpty()) {
                return -1;
            } else {
                files.add(a);
            }
        }
        Optional<Dialect> d = GoVersionMScan.dialectNamed(reader);
        if (!modinfo || files.isEmpty() || d.isEmpty()) {
            return -1;
        }
        boolean failed = new GoVersionM(GoCommand.rawOut, GoCommand.rawErr, d.get(), false).run(files);
        return failed ? ExitCode.BAD_INPUT : ExitCode.OK;
    }
}

package dev.execray.cli;

import java.io.StringWriter;
import java.io.PrintWriter;

/** Runs the command line in-process and keeps what it printed. */
record CliRun(int exit, String out, String err) {
    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        try (PrintWriter o = new PrintWriter(out); PrintWriter e = new PrintWriter(err)) {
            int code = Main.run(o, e, args);
            o.flush();
            e.flush();
            return new CliRun(code, out.toString(), err.toString());
        }
    }
}

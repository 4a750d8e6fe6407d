package dev.execray.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code execray} command. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        // go --modinfo over many files: no picocli, no Jackson (GoVersionM.fastPath says when it applies)
        int fast = GoVersionM.fastPath(args);
        if (fast >= 0) {
            System.exit(fast);
        }
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code; tests call this instead of {@link #main}. */
    public static int run(String... args) {
        // a large buffer on stdout: inspect writes megabytes of tables and JSON for big trees
        PrintWriter out = StdoutWriter.create();
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        try {
            return run(out, err, args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** Runs the command line writing to {@code out} and {@code err}; returns the exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cmd = new CommandLine(new ExecrayCommand());
        String invoked = args.length > 0 ? args[0] : "";
        List<Class<?>> named = ExecrayCommand.SUBCOMMANDS.stream()
                .filter(c -> c.getAnnotation(Command.class).name().equals(invoked)).toList();
        // help, --version and unknown names need every subcommand (to list them, or to say which exist)
        for (Class<?> c : named.isEmpty() ? ExecrayCommand.SUBCOMMANDS : named) {
            cmd.addSubcommand(c);
        }
        cmd.setOut(out);
        cmd.setErr(err);
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        cmd.setExitCodeExceptionMapper(e -> ExitCode.USAGE);
        cmd.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("execray: " + ex.getMessage());
            ex.getCommandLine().getErr().println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName()
                    + " --help' for more information.");
            return ExitCode.USAGE;
        });
        cmd.setExecutionExceptionHandler((ex, c, parseResult) -> {
            // No stack traces for users: one line saying what broke, and a distinct code for our own bugs.
            c.getErr().println("execray: internal error: " + ex);
            StackTraceElement[] st = ex.getStackTrace();
            if (st.length > 0) {
                c.getErr().println("  at " + st[0]);
            }
            return ExitCode.INTERNAL;
        });
        return cmd.execute(args);
    }
}

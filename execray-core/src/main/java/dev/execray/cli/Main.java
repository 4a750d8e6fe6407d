package dev.execray.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import dev.execray.report.Escape;
import dev.execray.rootfs.Bound;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code execray} command. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        // go --modinfo over many files: no picocli, no Jackson (GoVersionM.fastPath says when it applies)
        int fast;
        try {
            fast = GoVersionM.fastPath(args);
        } catch (OutOfMemoryError | StackOverflowError | RuntimeException e) {
            // the same contract as every other command: one line, exit 70, no stack trace
            System.err.println("execray: internal error: " + e + " (please report it)");
            System.exit(ExitCode.INTERNAL);
            return;
        }
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
    public static int run(PrintWriter rawOut, PrintWriter rawErr, String... args) {
        // Text output passes through the terminal-safety filter (control characters from inspected files escaped);
        // JSON is escaped by its generator and goes straight through, bytes and all.
        boolean json = Arrays.stream(args).anyMatch(a -> a.equals("--json") || a.startsWith("--json=") || a.equals("--jsonl"));
        PrintWriter out = json ? rawOut : Escape.terminalSafe(rawOut);
        PrintWriter err = Escape.terminalSafe(rawErr);
        try {
            return runSafely(out, err, args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    private static int runSafely(PrintWriter out, PrintWriter err, String... args) {
        try {
            List<String> rest = new ArrayList<>();
            // --limit NAME=VALUE is taken by every command, anywhere on the line: the bounds are the process's
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (a.equals("--")) {
                    rest.addAll(Arrays.asList(args).subList(i, args.length));
                    break;
                }
                if (a.equals("--limit") || a.startsWith("--limit=")) {
                    String v = a.equals("--limit") ? (i + 1 < args.length ? args[++i] : "") : a.substring(8);
                    try {
                        Bound.apply(v);
                    } catch (IllegalArgumentException e) {
                        err.println("execray: " + Escape.text(e.getMessage()));
                        return ExitCode.USAGE;
                    }
                    continue;
                }
                rest.add(a);
            }
            return execute(out, err, rest.toArray(String[]::new));
        } catch (OutOfMemoryError | StackOverflowError e) {
            // an input took more memory or depth than we bounded: our bug, reported in one line, never a trace
            out.flush();
            err.println("execray: internal error: " + (e instanceof OutOfMemoryError ? "out of memory" : "stack overflow")
                    + " (" + Escape.text(String.valueOf(e.getMessage())) + "); please report this with the input that"
                    + " caused it; -Xmx (EXECRAY_JAVA_OPTS) or --limit may get past it");
            return ExitCode.INTERNAL;
        } catch (RuntimeException | Error e) {
            err.println("execray: internal error: " + CommandLineErrors.oneLine(e) + "; please report this");
            return ExitCode.INTERNAL;
        }
    }

    /**
     * The command line with the subcommand {@code invoked} registered, or every subcommand when it names none
     * of them: help, --version, unknown names (to say which exist), the completion script and the man pages.
     */
    static CommandLine commandLine(String invoked) {
        CommandLine cmd = new CommandLine(new ExecrayCommand());
        List<Class<?>> named = ExecrayCommand.SUBCOMMANDS.stream()
                .filter(c -> c.getAnnotation(Command.class).name().equals(invoked))
                .filter(c -> c != picocli.AutoComplete.GenerateCompletion.class).toList();
        for (Class<?> c : named.isEmpty() ? ExecrayCommand.SUBCOMMANDS : named) {
            cmd.addSubcommand(c);
        }
        return cmd;
    }

    private static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cmd = commandLine(args.length > 0 ? args[0] : "");
        cmd.setOut(out);
        cmd.setErr(err);
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        cmd.setExitCodeExceptionMapper(e -> ExitCode.USAGE);
        cmd.setParameterExceptionHandler(CommandLineErrors::usage);
        cmd.setExecutionExceptionHandler(CommandLineErrors::failure);
        return cmd.execute(args);
    }
}

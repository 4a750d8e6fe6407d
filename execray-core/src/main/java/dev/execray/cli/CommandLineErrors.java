package dev.execray.cli;

import dev.execray.report.Escape;
import dev.execray.rootfs.BoundExceededException;
import dev.execray.rootfs.RootRefusedException;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;

/** What every command says when its command line is wrong (exit 2) or when it fails (3 for refused input, 70 for a bug). */
final class CommandLineErrors {
    private CommandLineErrors() {
    }

    /** A command line picocli cannot parse: the error, the close names for a mistyped one ("did you mean"), --help. */
    static int usage(CommandLine.ParameterException ex, String[] args) {
        PrintWriter e = ex.getCommandLine().getErr();
        e.println("execray: " + ex.getMessage());
        // a mistyped command or option: say which existing ones are close ("did you mean")
        if (ex instanceof CommandLine.UnmatchedArgumentException unmatched) {
            String typed = unmatched.getUnmatched().isEmpty() ? "" : unmatched.getUnmatched().get(0);
            // picocli ranks every name; keep those a typo away (a transposition or two letters off)
            List<String> close = unmatched.getSuggestions().stream()
                    .filter(s -> editDistance(typed.replaceFirst("=.*", ""), s) <= Math.max(2, s.length() / 3))
                    .toList();
            if (!close.isEmpty()) {
                e.println("Did you mean: " + String.join(" or ", close) + "?");
            }
        }
        e.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for more information.");
        return ExitCode.USAGE;
    }

    /** An exception out of a command. */
    static int failure(Exception ex, CommandLine c, CommandLine.ParseResult parseResult) {
        // Inputs refused deep inside (a root that is not there, a bound exceeded) are bad input: exit 3, one line.
        if (ex instanceof BoundExceededException || ex instanceof RootRefusedException) {
            c.getErr().println("execray: " + Escape.text(ex.getMessage()));
            return ExitCode.BAD_INPUT;
        }
        // No stack traces for users: one line saying what broke, and a distinct code for our own bugs.
        c.getErr().println("execray: internal error: " + oneLine(ex) + "; please report this");
        return ExitCode.INTERNAL;
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and adjacent transpositions. */
    static int editDistance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            for (int j = 0; j <= b.length(); j++) {
                if (i == 0 || j == 0) {
                    d[i][j] = i + j;
                    continue;
                }
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    /** An exception in one line: what it is and where it was thrown, control characters escaped. */
    static String oneLine(Throwable e) {
        StackTraceElement[] st = e.getStackTrace();
        return Escape.text(e.toString()) + (st.length > 0 ? " at " + st[0] : "");
    }
}

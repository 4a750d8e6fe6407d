package dev.execray.report;

import dev.execray.binary.FormatProblem;
import java.io.PrintWriter;
import java.util.List;

/** The malformations met while reading, after everything that could still be shown. */
final class TextProblems {
    private TextProblems() {
    }

    static void print(List<FormatProblem> problems, PrintWriter out) {
        if (problems.isEmpty()) {
            return;
        }
        out.println();
        out.println("Problems (what is shown above is what could still be read):");
        for (FormatProblem p : problems) {
            out.println("  ! " + Escape.text(p.message()));
        }
    }
}

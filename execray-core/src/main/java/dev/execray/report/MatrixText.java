package dev.execray.report;

import dev.execray.exec.places.Place;
import dev.execray.exec.places.PlaceVerdict;
import dev.execray.exec.places.PlaceVerdict.Status;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code execray matrix} as text, written row by row as the verdicts come (nothing of a row is kept but the
 * reasons of its cells that do not run): the grid, then every reason once with the cells it explains, then a
 * count. With {@code onlyFails}, only rows with a failing cell and only the reasons of failures are printed.
 */
public final class MatrixText {
    /** A reason as the grouping key; what a user would see names the file, so the first one is shown. */
    private record Reason(Status status, String reason) {
    }

    private record Example(String file, String says) {
    }

    /** A reason met by a whole tree would otherwise list it all: the first files, then how many more. */
    static final int MAX_FILES_PER_REASON = 10;

    private final PrintWriter out;
    private final List<Place> places;
    private final Style style;
    private final boolean onlyFails;
    private final int fileWidth;
    private final int[] widths;
    /** reason -> file -> the places where that file meets it, in order of first appearance. */
    private final Map<Reason, Map<String, List<String>>> reasons = new LinkedHashMap<>();
    private final Map<Reason, Example> examples = new LinkedHashMap<>();
    private final long[] counts = new long[Status.values().length];
    private long files;

    public MatrixText(PrintWriter out, List<Place> places, List<String> fileNames, Style style, boolean onlyFails) {
        this.out = out;
        this.places = List.copyOf(places);
        this.style = style;
        this.onlyFails = onlyFails;
        this.fileWidth = Math.max(4, fileNames.stream().mapToInt(String::length).max().orElse(4));
        this.widths = places.stream().mapToInt(p -> Math.max(9, p.name().length())).toArray();
        StringBuilder b = new StringBuilder(pad("", fileWidth));
        for (int i = 0; i < places.size(); i++) {
            b.append("  ").append(pad(places.get(i).name(), widths[i]));
        }
        out.println(b.toString().stripTrailing());
    }

    /** One file's verdicts, in the order of the places. */
    public void row(String file, List<PlaceVerdict> cells) {
        files++;
        boolean fails = false;
        for (int i = 0; i < cells.size(); i++) {
            PlaceVerdict v = cells.get(i);
            counts[v.status().ordinal()]++;
            fails |= v.status() == Status.FAILS;
            if (v.status() == Status.RUNS || (onlyFails && v.status() != Status.FAILS)) {
                continue;
            }
            Reason key = new Reason(v.status(), v.reason());
            reasons.computeIfAbsent(key, k -> new LinkedHashMap<>())
                    .computeIfAbsent(file, k -> new ArrayList<>()).add(places.get(i).name());
            v.says().ifPresent(says -> examples.putIfAbsent(key, new Example(file, says)));
        }
        if (onlyFails && !fails) {
            return;
        }
        StringBuilder b = new StringBuilder(pad(file, fileWidth));
        for (int i = 0; i < cells.size(); i++) {
            PlaceVerdict v = cells.get(i);
            String shown = pad(MatrixReport.mark(v.status()) + " " + v.status().label(), widths[i]);
            b.append("  ").append(switch (v.status()) {
                case RUNS -> style.good(shown);
                case DEPENDS -> style.bold(shown);
                case FAILS -> style.bad(shown);
            });
        }
        out.println(b.toString().stripTrailing());
        out.flush();
    }

    /** Each reason once, with the cells it explains; then the counts. */
    public void finish() {
        for (Map.Entry<Reason, Map<String, List<String>>> e : reasons.entrySet()) {
            Reason r = e.getKey();
            int cells = e.getValue().values().stream().mapToInt(List::size).sum();
            out.println();
            String head = MatrixReport.mark(r.status()) + " " + r.reason();
            out.println((r.status() == Status.FAILS ? style.bad(head) : style.bold(head))
                    + " (" + cells + (cells == 1 ? " cell)" : " cells)"));
            int shown = 0;
            for (Map.Entry<String, List<String>> f : e.getValue().entrySet()) {
                if (shown++ == MAX_FILES_PER_REASON) {
                    out.println("    ... and " + (e.getValue().size() - MAX_FILES_PER_REASON)
                            + " more files (--json lists every cell)");
                    break;
                }
                out.println("    " + f.getKey() + " on " + String.join(", ", f.getValue()));
            }
            Example x = examples.get(r);
            if (x != null) {
                out.println("    they would see" + (e.getValue().size() > 1 ? " (" + x.file() + ")" : "") + ": " + x.says());
            }
        }
        long fails = counts[Status.FAILS.ordinal()];
        long depends = counts[Status.DEPENDS.ordinal()];
        long runs = counts[Status.RUNS.ordinal()];
        out.println();
        out.println(runs + " run, " + depends + " depend on what execray cannot see, " + fails + " fail (" + files
                + " files × " + places.size() + " places)");
        out.flush();
    }

    private static String pad(String s, int w) {
        return s.length() >= w ? s : s + " ".repeat(w - s.length());
    }
}

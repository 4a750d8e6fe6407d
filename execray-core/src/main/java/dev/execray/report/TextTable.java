package dev.execray.report;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Rows of text columns printed aligned, each column as wide as its widest cell; the last is not padded. */
final class TextTable {
    private final String indent;
    private final List<String[]> rows = new ArrayList<>();

    TextTable(String indent) {
        this.indent = indent;
    }

    TextTable row(String... cells) {
        String[] safe = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            safe[i] = Escape.text(cells[i]); // cells hold names from the file: one line each, no control characters
        }
        rows.add(safe);
        return this;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    void print(PrintWriter out) {
        int columns = rows.stream().mapToInt(r -> r.length).max().orElse(0);
        int[] width = new int[columns];
        for (String[] r : rows) {
            for (int i = 0; i < r.length - 1; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        for (String[] r : rows) {
            StringBuilder sb = new StringBuilder(indent);
            for (int i = 0; i < r.length; i++) {
                sb.append(r[i]);
                if (i < r.length - 1) {
                    sb.append(" ".repeat(width[i] - r[i].length() + 2));
                }
            }
            out.println(sb.toString().stripTrailing());
        }
    }
}

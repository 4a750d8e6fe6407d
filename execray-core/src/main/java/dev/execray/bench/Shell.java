package dev.execray.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Quoting for /bin/sh, and splitting a command string into words when no shell is needed for it. */
public final class Shell {
    private Shell() {
    }

    /** {@code s} as one word for sh: single-quoted unless it is plainly safe. */
    public static String quote(String s) {
        if (!s.isEmpty() && s.chars().allMatch(c -> Character.isLetterOrDigit(c) || "/._-+=:,@%".indexOf(c) >= 0)) {
            return s;
        }
        return "'" + s.replace("'", "'\\''") + "'";
    }

    /**
     * The words of a command string with sh's quoting rules (single quotes, double quotes, backslash), or empty
     * when it uses anything only a shell can do (pipes, redirections, variables, globs, separators); such a
     * command is run with /bin/sh -c, and the output says so.
     */
    public static Optional<List<String>> words(String command) {
        List<String> out = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean inWord = false;
        int i = 0;
        int n = command.length();
        while (i < n) {
            char c = command.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n') {
                if (inWord) {
                    out.add(w.toString());
                    w.setLength(0);
                    inWord = false;
                }
                i++;
            } else if (c == '\'') {
                int j = command.indexOf('\'', i + 1);
                if (j < 0) {
                    return Optional.empty();
                }
                w.append(command, i + 1, j);
                inWord = true;
                i = j + 1;
            } else if (c == '"') {
                int j = i + 1;
                while (j < n && command.charAt(j) != '"') {
                    char d = command.charAt(j);
                    if (d == '$' || d == '`') {
                        return Optional.empty();
                    }
                    if (d == '\\' && j + 1 < n && "\"\\$`".indexOf(command.charAt(j + 1)) >= 0) {
                        j++;
                    }
                    w.append(command.charAt(j));
                    j++;
                }
                if (j >= n) {
                    return Optional.empty();
                }
                inWord = true;
                i = j + 1;
            } else if (c == '\\') {
                if (i + 1 >= n) {
                    return Optional.empty();
                }
                w.append(command.charAt(i + 1));
                inWord = true;
                i += 2;
            } else if ("|&;<>()$`*?[]{}~#!".indexOf(c) >= 0) {
                return Optional.empty();
            } else {
                w.append(c);
                inWord = true;
                i++;
            }
        }
        if (inWord) {
            out.add(w.toString());
        }
        // NAME=value first is an assignment for sh, not a program
        if (out.isEmpty() || out.get(0).matches("[A-Za-z_][A-Za-z0-9_]*=.*")) {
            return Optional.empty();
        }
        return Optional.of(out);
    }
}

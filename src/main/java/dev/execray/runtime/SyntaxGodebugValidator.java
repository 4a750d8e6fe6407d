package dev.execray.runtime;

import java.util.ArrayList;
import java.util.List;

/**
 * GODEBUG syntax as the runtime reads it (runtime1.go parsedebugvars, internal/godebug): items
 * separated by commas, each {@code key=value}. The runtime silently ignores an item without '=' or
 * with an empty key, and a space is part of the key or value, never trimmed: so each of these is a
 * setting the user believes is on and is not.
 */
public final class SyntaxGodebugValidator implements GodebugValidator {
    @Override
    public List<GodebugProblem> validate(String godebug) {
        List<GodebugProblem> out = new ArrayList<>();
        if (godebug.isEmpty()) {
            return out;
        }
        String[] items = godebug.split(",", -1);
        for (int i = 0; i < items.length; i++) {
            String it = items[i];
            if (it.isEmpty()) {
                out.add(new GodebugProblem(i, it, "empty item (two commas in a row, or a comma at an end)"));
                continue;
            }
            int eq = it.indexOf('=');
            if (eq < 0) {
                out.add(new GodebugProblem(i, it, "no '=': the runtime ignores items that are not key=value"));
                continue;
            }
            String key = it.substring(0, eq);
            String value = it.substring(eq + 1);
            if (key.isEmpty()) {
                out.add(new GodebugProblem(i, it, "empty key"));
            } else if (!key.chars().allMatch(c -> (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '_' || c == '.')) {
                out.add(new GodebugProblem(i, it, "key has characters no GODEBUG setting uses (letters, digits, '_' and '.' only)"));
            }
            if (value.isEmpty()) {
                out.add(new GodebugProblem(i, it, "empty value"));
            } else if (value.chars().anyMatch(c -> c == ' ' || c == '\t' || c == '=')) {
                out.add(new GodebugProblem(i, it, "value contains a space or '=': the runtime does not trim or split it"));
            }
        }
        return out;
    }
}

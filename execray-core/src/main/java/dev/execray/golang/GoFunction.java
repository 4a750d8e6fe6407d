package dev.execray.golang;

import java.util.Optional;

/**
 * One function of a Go binary's function table.
 *
 * @param size  bytes to the next function's entry (the table is sorted by entry), when derivable
 * @param file  source file of the entry, from the pcfile table
 * @param line  source line of the entry, from the pcln table; 0 when unknown
 */
public record GoFunction(String name, long entry, Optional<Long> size, String file, int line) {
    /** The import path of the package that defines the function ("net/http" for "net/http.(*Server).Serve"). */
    public String packagePath() {
        return packageOf(name);
    }

    static String packageOf(String name) {
        int slash = name.lastIndexOf('/');
        // generic instantiations carry brackets with paths inside: look only before the first '['
        int bracket = name.indexOf('[');
        if (bracket >= 0) {
            slash = name.lastIndexOf('/', bracket);
        }
        int dot = name.indexOf('.', slash + 1);
        if (dot < 0) {
            return "";
        }
        return name.substring(0, dot);
    }
}

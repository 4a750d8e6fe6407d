package dev.execray.scan;

import java.util.Optional;

/**
 * How one library of a program resolved in the input's own root, as its dynamic loader would load it (ldd's list:
 * every object loaded, directly needed or not, the interpreter included).
 *
 * @param name the name asked for (a DT_NEEDED entry, or the interpreter's path)
 * @param path the file the loader would open, as ldd prints it; empty when it is not found
 * @param how  where it was found (ld.so.cache, RUNPATH, a default directory ...), or why not
 */
public record LibraryResolution(String name, Optional<String> path, String how) {
    public boolean found() {
        return path.isPresent();
    }
}

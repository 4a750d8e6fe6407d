package dev.execray.exec.lookup;

import dev.execray.rootfs.Errno;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of one PATH search: the path the program would run (if any), every candidate
 * considered, the error the program reports when nothing is found (as it prints it), and whether
 * the result is relative to the current directory (Go's ErrDot).
 */
public record LookupResult(String name, LookupRule rule, Optional<String> found, List<LookupCandidate> candidates,
        Optional<Errno> errno, Optional<String> error, List<String> notes) {

    public LookupResult {
        candidates = List.copyOf(candidates);
        notes = List.copyOf(notes);
    }
}

package dev.execray.exec.verdict;

import java.util.Optional;

/**
 * What the people and programs starting the file would see: bash's message and exit status, Go's
 * os/exec error, and Python's subprocess exception — each exactly as printed, or empty when that
 * program would run the file without complaint.
 */
public record UserMessages(Optional<String> bash, int bashStatus, Optional<String> go, Optional<String> python,
        Optional<String> bashNote) {
}

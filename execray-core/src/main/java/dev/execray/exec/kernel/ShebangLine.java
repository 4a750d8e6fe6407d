package dev.execray.exec.kernel;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/** What the kernel's script handler makes of the first line of a file. */
public sealed interface ShebangLine {

    /** The file does not start with {@code #!}: the script handler returns ENOEXEC silently. */
    record NotAScript() implements ShebangLine {
    }

    /** It starts with {@code #!} but the kernel refuses the line (ENOEXEC), and why. */
    record Refused(String reason) implements ShebangLine {
    }

    /**
     * The interpreter and its optional single argument, as raw bytes (they are C strings to the
     * kernel), with notes on anything surprising (a carriage return, a truncated argument).
     */
    record Parsed(byte[] name, Optional<byte[]> arg, List<String> notes) implements ShebangLine {
        public Parsed {
            notes = List.copyOf(notes);
        }

        public String nameText() {
            return new String(name, StandardCharsets.UTF_8);
        }

        public Optional<String> argText() {
            return arg.map(a -> new String(a, StandardCharsets.UTF_8));
        }
    }
}

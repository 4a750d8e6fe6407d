package dev.execray.place;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * One binfmt_misc entry as the kernel keeps it: a name, a magic (bytes at an offset, optionally
 * masked) or a file-name extension, the interpreter, the flags, and whether it is enabled.
 *
 * @param magic for {@link Kind#EXTENSION} entries the extension without the dot
 */
public record BinfmtEntry(String name, Kind kind, int offset, Bytes magic, Optional<Bytes> mask,
        String interpreter, Set<BinfmtFlag> flags, boolean enabled) {

    public enum Kind {
        MAGIC('M'), EXTENSION('E');

        private final char letter;

        Kind(char letter) {
            this.letter = letter;
        }

        public char letter() {
            return letter;
        }
    }

    public BinfmtEntry {
        flags = flags.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(flags));
    }

    public boolean has(BinfmtFlag f) {
        return flags.contains(f);
    }

    public BinfmtEntry withEnabled(boolean on) {
        return new BinfmtEntry(name, kind, offset, magic, mask, interpreter, flags, on);
    }

    /**
     * The registration string that would create this entry, every magic and mask byte escaped; the
     * delimiter is {@code :} unless a field contains one.
     */
    public String toRegistration() {
        char del = ':';
        String fields = name + interpreter + (kind == Kind.EXTENSION ? magic.utf8() : "");
        if (fields.indexOf(del) >= 0) {
            for (char c : ",;|#!%@=+~^".toCharArray()) {
                if (fields.indexOf(c) < 0) {
                    del = c;
                    break;
                }
            }
        }
        StringBuilder b = new StringBuilder();
        b.append(del).append(name).append(del).append(kind.letter()).append(del);
        if (kind == Kind.MAGIC) {
            if (offset != 0) {
                b.append(offset);
            }
            b.append(del).append(magic.toEscaped()).append(del);
            mask.ifPresent(m -> b.append(m.toEscaped()));
        } else {
            b.append(del).append(magic.utf8()).append(del);
        }
        b.append(del).append(interpreter).append(del).append(BinfmtFlag.letters(flags));
        return b.toString();
    }

    /** The text of this entry's file under /proc/sys/fs/binfmt_misc (K: entry_status()). */
    public String toStatusFile() {
        StringBuilder b = new StringBuilder();
        b.append(enabled ? "enabled" : "disabled").append('\n');
        b.append("interpreter ").append(interpreter).append('\n');
        b.append("flags: ").append(BinfmtFlag.letters(flags)).append('\n');
        if (kind == Kind.EXTENSION) {
            b.append("extension .").append(magic.utf8()).append('\n');
        } else {
            b.append("offset ").append(offset).append('\n');
            b.append("magic ").append(magic.toHex());
            mask.ifPresent(m -> b.append("\nmask ").append(m.toHex()));
            b.append('\n');
        }
        return b.toString();
    }
}

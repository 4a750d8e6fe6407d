package dev.execray.binary.elf;

import java.util.Optional;

/**
 * The version a dynamic symbol is bound to, from its .gnu.version (versym) entry: {@code index} is the
 * entry without the hidden bit. Index 0 is {@link Kind#LOCAL}, 1 {@link Kind#GLOBAL} (unversioned);
 * others name a version this file defines ({@link Kind#DEFINED}, {@code sym@@V} or, when hidden,
 * {@code sym@V}) or one it needs from {@code file} ({@link Kind#NEEDED}).
 */
public record SymbolVersion(int index, boolean hidden, Kind kind, String name, Optional<String> file) {
    public enum Kind {
        LOCAL,
        GLOBAL,
        DEFINED,
        NEEDED,
        /** The index matches no version definition or need: the file is inconsistent. */
        UNKNOWN
    }

    public static final int VERSYM_HIDDEN = 0x8000;
    public static final int VERSYM_VERSION = 0x7fff;
}

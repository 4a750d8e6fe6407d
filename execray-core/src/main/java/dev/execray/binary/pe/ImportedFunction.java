package dev.execray.binary.pe;

/** One entry of an import lookup table: a function imported by name (with its hint) or by ordinal. */
public sealed interface ImportedFunction {
    record ByName(int hint, String name) implements ImportedFunction {
    }

    record ByOrdinal(int ordinal) implements ImportedFunction {
    }

    /** The name, or {@code #ordinal}: how dumpers show an import in one word. */
    default String display() {
        if (this instanceof ByName n) {
            return n.name();
        }
        return "#" + ((ByOrdinal) this).ordinal();
    }
}

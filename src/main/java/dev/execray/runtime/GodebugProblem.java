package dev.execray.runtime;

/** Something wrong with a GODEBUG string: which item (0-based) and what. */
public record GodebugProblem(int item, String text, String message) {
    @Override
    public String toString() {
        return "item " + (item + 1) + " \"" + text + "\": " + message;
    }
}

package dev.execray.binary.wasm;

/**
 * One section: its id, where its payload lies in the file (after the id byte and the size), and for a custom
 * section its name, with {@code contentOffset} then pointing after the name; for other sections content and
 * payload are the same bytes.
 */
public record WasmSection(int id, String name, long headerOffset, long payloadOffset, long payloadSize,
        long contentOffset, long contentSize) {
    public String idName() {
        return WasmSectionId.nameOf(id);
    }
}

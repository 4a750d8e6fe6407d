package dev.execray.binary.wasm;

/**
 * One section: its id, where its contents lie in the file (after the id byte and the size), and for a custom
 * section its name ({@code contentOffset} then points after the name).
 */
public record WasmSection(int id, String name, long headerOffset, long contentOffset, long contentSize) {
    public String idName() {
        return WasmSectionId.nameOf(id);
    }
}

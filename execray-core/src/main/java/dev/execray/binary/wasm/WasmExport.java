package dev.execray.binary.wasm;

/** An export: its name, kind and the index in that kind's index space. */
public record WasmExport(String name, WasmImport.Kind kind, long index) {
}

package dev.execray.binary.wasm;

/**
 * What a module needs around it to run, decided by the modules it imports from: Go's js/wasm imports "gojs"
 * (Go 1.21+) or "go" (earlier), provided by wasm_exec.js in a browser or Node.js; WASI preview 1 modules
 * import "wasi_snapshot_preview1", the older preview 0 "wasi_unstable"; a WebAssembly component (layer 1)
 * targets WASI 0.2.
 */
public enum WasmHost {
    GO_JS("JavaScript host with Go's wasm_exec.js (browser or Node.js; imports \"gojs\", Go 1.21+)"),
    GO_JS_LEGACY("JavaScript host with Go's wasm_exec.js (browser or Node.js; imports \"go\", Go before 1.21)"),
    WASI_PREVIEW1("WASI runtime, preview 1 (wasi_snapshot_preview1: wasmtime, wasmer, WasmEdge, wazero, Node's WASI)"),
    WASI_PREVIEW0("WASI runtime, preview 0 (wasi_unstable: older runtimes)"),
    WASI_COMPONENT("WASI 0.2 component runtime (component model binary)"),
    EMBEDDER("an embedder that provides its imports"),
    NONE("any WebAssembly engine (no imports)");

    private final String description;

    WasmHost(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}

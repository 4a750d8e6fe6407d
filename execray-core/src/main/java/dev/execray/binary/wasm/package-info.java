/**
 * WebAssembly modules: sections, imports, exports, data segments and the name section.
 */
package dev.execray.binary.wasm;

/**
 * Stage 1, the file: identifying a file by its magic and reading it as what it is (ELF, PE, Mach-O, fat, XCOFF,
 * wasm, COFF objects, static archives, scripts), through bounded reads of a {@link dev.execray.binary.ByteSource};
 * malformations become recorded problems with structure and offset. Knows nothing of places, loaders or verdicts.
 */
package dev.execray.binary;

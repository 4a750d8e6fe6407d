package dev.execray.binary.wasm;

import java.util.Optional;

/**
 * A data segment. Active segments are copied into memory {@code memory} at {@code memoryOffset} when the
 * offset expression is a constant (i32.const / i64.const); passive ones are copied by memory.init.
 *
 * @param fileOffset where the segment's bytes lie in the file
 */
public record WasmDataSegment(int index, boolean active, long memory, Optional<Long> memoryOffset, long fileOffset,
        long size) {
}

package dev.execray.golang;

import dev.execray.binary.ByteSource;
import dev.execray.binary.ExecutableImage;
import dev.execray.binary.FileFormat;
import dev.execray.binary.ImageSection;
import dev.execray.binary.ImageSegment;
import dev.execray.binary.wasm.WasmFile;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Optional;

/**
 * A WebAssembly module as the Go readers see it. GOARCH=wasm is a 64-bit architecture inside 32-bit linear
 * memory: uintptr and int are 8 bytes (cmd/internal/sys ArchWasm, PtrSize 8), so a Go string header in a data
 * segment is two little-endian 8-byte words. The module itself, as a format, has 4-byte addresses.
 */
final class GoWasmImage implements ExecutableImage {
    private final WasmFile wasm;

    GoWasmImage(WasmFile wasm) {
        this.wasm = wasm;
    }

    WasmFile wasm() {
        return wasm;
    }

    @Override
    public ByteSource source() {
        return wasm.source();
    }

    @Override
    public ByteOrder byteOrder() {
        return ByteOrder.LITTLE_ENDIAN;
    }

    @Override
    public int pointerSize() {
        return 8;
    }

    @Override
    public List<ImageSection> sections() {
        return wasm.sections();
    }

    @Override
    public Optional<Long> fileOffsetOf(long address) {
        return wasm.fileOffsetOf(address);
    }

    @Override
    public FileFormat format() {
        return FileFormat.WASM;
    }

    @Override
    public List<ImageSegment> loadSegments() {
        return wasm.loadSegments();
    }

    @Override
    public String machine() {
        return wasm.machine();
    }

    @Override
    public List<String> neededLibraries() {
        return wasm.neededLibraries();
    }
}

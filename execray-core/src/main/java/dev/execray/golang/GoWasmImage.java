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

    /** Linear memory spans up to this many bytes are rebuilt for the function table; a Go module's data is ~1-20 MiB. */
    static final long MAX_MEMORY = 512L << 20;

    /**
     * The module's initial linear memory from its lowest to its highest active data byte, as the runtime sees it
     * after instantiation: every active segment copied at its offset in order, the gaps zero. Go's wasm linker
     * leaves runs of zeros out of its data segments (a 1 MiB module has ~16,000 segments), so a table that spans
     * several of them (the pclntab) is only whole in memory, never in the file. The image's "file offset" of an
     * address is its distance from the lowest address.
     */
    ExecutableImage memory() {
        List<ImageSegment> segs = wasm.loadSegments();
        if (segs.isEmpty()) {
            throw new dev.execray.binary.BinaryFormatException("data section", 0, "no active data segments");
        }
        long lo = Long.MAX_VALUE;
        long hi = 0;
        for (ImageSegment g : segs) {
            lo = Math.min(lo, g.address());
            hi = Math.max(hi, g.address() + g.fileSize());
        }
        lo &= ~7L; // keep 8-byte alignment: the table's magic is searched at aligned offsets
        long present = 0;
        for (ImageSegment g : segs) {
            present += g.fileSize();
        }
        // Go's zero runs are a fraction of its data (hello: 1.3 MiB of memory from 0.45 MiB of segments); a span
        // far beyond the bytes present is a hostile module asking for memory it does not fill
        long limit = Math.min(MAX_MEMORY, Math.max(16L << 20, 16 * present));
        if (hi - lo > limit) {
            throw new dev.execray.binary.BinaryFormatException("data section", 0, "data segments span "
                    + (hi - lo) + " bytes of linear memory for " + present + " bytes of data, more than the " + limit
                    + " read");
        }
        byte[] mem = new byte[(int) (hi - lo)];
        ByteSource src = wasm.source();
        for (ImageSegment g : segs) {
            byte[] b = src.bytes(g.fileOffset(), (int) g.fileSize(), "data segment");
            System.arraycopy(b, 0, mem, (int) (g.address() - lo), b.length);
        }
        ByteSource m = ByteSource.of(mem);
        long base = lo;
        ImageSegment all = new ImageSegment("linear memory", base, mem.length, 0, mem.length, true, true, false, 0);
        return new ExecutableImage() {
            @Override
            public ByteSource source() {
                return m;
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
                return List.of();
            }

            @Override
            public Optional<Long> fileOffsetOf(long address) {
                return all.containsFileBackedAddress(address) ? Optional.of(address - base) : Optional.empty();
            }

            @Override
            public FileFormat format() {
                return FileFormat.WASM;
            }

            @Override
            public List<ImageSegment> loadSegments() {
                return List.of(all);
            }

            @Override
            public String machine() {
                return wasm.machine();
            }
        };
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

package dev.execray.golang;

import dev.execray.binary.BinaryFile;
import dev.execray.binary.BinaryFormatException;
import dev.execray.binary.ByteSource;
import dev.execray.binary.ExecutableImage;

/**
 * Opens bytes as the {@link ExecutableImage} the Go readers work on, through the format readers of
 * dev.execray.binary. A universal Mach-O file is read by its first architecture, as debug/buildinfo does.
 */
public final class GoImages {
    private GoImages() {
    }

    public static ExecutableImage open(ByteSource src) {
        if (src.size() < 16) {
            throw new BinaryFormatException("file header", 0, "file of " + src.size() + " bytes is too short");
        }
        BinaryFile f = BinaryFile.read(src);
        if (f instanceof BinaryFile.Elf e) {
            return e.elf();
        }
        if (f instanceof BinaryFile.Pe p) {
            return p.pe();
        }
        if (f instanceof BinaryFile.MachO m) {
            return m.macho();
        }
        if (f instanceof BinaryFile.Xcoff x) {
            return x.xcoff();
        }
        if (f instanceof BinaryFile.Wasm w) {
            return new GoWasmImage(w.wasm());
        }
        if (f instanceof BinaryFile.Fat fat) {
            if (fat.fat().arches().isEmpty()) {
                throw new BinaryFormatException("fat_header", 4, "no architectures");
            }
            return fat.fat().slice(0);
        }
        String why = f instanceof BinaryFile.Unknown u ? u.reason() : "a script, not an executable image";
        throw new BinaryFormatException("file header", 0, "not ELF, PE, Mach-O, XCOFF or WebAssembly: " + why);
    }
}

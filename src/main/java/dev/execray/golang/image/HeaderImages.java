package dev.execray.golang.image;

import dev.execray.binary.BinaryFormatException;
import dev.execray.binary.ByteSource;
import dev.execray.binary.ExecutableImage;

/**
 * Opens an ELF, PE or (fat) Mach-O file as an {@link ExecutableImage} from its header tables only: what the
 * Go readers need (sections, segments, byte order, pointer size, address translation) and a few facts for
 * the Go summary. It exists so that the Go readers work before the full format readers (binary.elf,
 * binary.pe, binary.macho) are merged; they implement the same interface and replace it.
 */
public final class HeaderImages {
    private HeaderImages() {
    }

    /** The image in {@code src}; throws BinaryFormatException when it is not ELF, PE or Mach-O or is broken. */
    public static ExecutableImage open(ByteSource src) {
        if (src.size() < 16) {
            throw new BinaryFormatException("file header", 0, "file of " + src.size() + " bytes is too short");
        }
        int b0 = src.u8(0, "magic");
        int b1 = src.u8(1, "magic");
        int b2 = src.u8(2, "magic");
        int b3 = src.u8(3, "magic");
        if (b0 == 0x7f && b1 == 'E' && b2 == 'L' && b3 == 'F') {
            return ElfHeaderImage.read(src);
        }
        if (b0 == 'M' && b1 == 'Z') {
            return PeHeaderImage.read(src);
        }
        long be = ((long) b0 << 24) | (b1 << 16) | (b2 << 8) | b3;
        if (be == 0xfeedfaceL || be == 0xfeedfacfL || be == 0xcefaedfeL || be == 0xcffaedfeL) {
            return MachoHeaderImage.read(src, 0, src.size());
        }
        if (be == 0xcafebabeL || be == 0xcafebabfL) {
            return MachoHeaderImage.readFat(src, be == 0xcafebabfL);
        }
        throw new BinaryFormatException("file header", 0, String.format("not ELF, PE or Mach-O (magic %02x %02x %02x %02x)",
                b0, b1, b2, b3));
    }
}

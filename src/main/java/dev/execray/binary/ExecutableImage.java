package dev.execray.binary;

import java.nio.ByteOrder;
import java.util.List;
import java.util.Optional;

/**
 * What every executable format (ELF, PE, Mach-O) can answer in the same words: its sections, its
 * byte order and pointer size, and where a virtual address lies in the file. The Go readers work on
 * this alone, so they need not know which format they are reading.
 */
public interface ExecutableImage {
    ByteSource source();

    ByteOrder byteOrder();

    /** 4 or 8. */
    int pointerSize();

    List<ImageSection> sections();

    default Optional<ImageSection> section(String name) {
        return sections().stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** The file offset holding the byte at virtual address {@code address}, if the file holds it. */
    Optional<Long> fileOffsetOf(long address);
}

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

    /** ELF, PE or Mach-O. */
    default FileFormat format() {
        return FileFormat.UNKNOWN;
    }

    /** What the loader maps, in file order (see {@link ImageSegment}); empty when the reader has none. */
    default List<ImageSegment> loadSegments() {
        return List.of();
    }

    /** The machine in the format's own words ("x86-64", "AArch64", "i386"); empty when unknown. */
    default String machine() {
        return "";
    }

    /** ELF ET_DYN executables, Mach-O MH_PIE, PE with DYNAMIC_BASE: loaded at a random address. */
    default boolean positionIndependent() {
        return false;
    }

    /** The program interpreter the image asks for (ELF PT_INTERP), if any. */
    default Optional<String> interpreter() {
        return Optional.empty();
    }

    /** Shared libraries the image needs (ELF DT_NEEDED, Mach-O LC_LOAD_DYLIB, PE imports). */
    default List<String> neededLibraries() {
        return List.of();
    }

    /** The address of a symbol from the image's symbol table, when it has one. */
    default Optional<Long> symbolAddress(String name) {
        return Optional.empty();
    }

    /** Whether the image still has a symbol table (ELF .symtab, Mach-O LC_SYMTAB entries, PE COFF symbols). */
    default boolean hasSymbolTable() {
        return false;
    }
}

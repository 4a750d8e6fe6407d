package dev.execray.exec.ld;

import dev.execray.binary.ByteSource;

/** Turns the bytes of an ELF file into the loader's view of it. */
@FunctionalInterface
public interface DynamicObjectReader {
    /**
     * @param path where the file is, for messages
     * @throws dev.execray.binary.BinaryFormatException when even the parts a loader needs are unreadable
     */
    DynamicObject read(ByteSource bytes, String path);
}

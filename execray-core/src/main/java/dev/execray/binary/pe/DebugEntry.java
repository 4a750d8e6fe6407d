package dev.execray.binary.pe;

import java.util.Optional;

/** One IMAGE_DEBUG_DIRECTORY entry, and the CodeView record it holds when its type is CODEVIEW. */
public record DebugEntry(long characteristics, long timeDateStamp, int majorVersion, int minorVersion, long type,
        long sizeOfData, long addressOfRawData, long pointerToRawData, Optional<CodeViewInfo> codeView) {
    public static final int SIZE = 28;

    public String typeName() {
        return DebugType.describe(type);
    }
}

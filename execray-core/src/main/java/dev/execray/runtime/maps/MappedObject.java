package dev.execray.runtime.maps;

import java.util.Optional;

/**
 * Everything mapped from one object, added up. RSS and PSS (and the other smaps figures) are present
 * when the snapshot came from smaps; PSS divides each shared page among the processes mapping it, so
 * the PSS of all processes adds up to what they really use.
 */
public record MappedObject(
        String name,
        MappingKind kind,
        int mappings,
        long sizeKiB,
        long rssKiB,
        long pssKiB,
        long privateDirtyKiB,
        long swapKiB,
        boolean elf,
        int writableExecutableMappings,
        /** why the object's segments could not be read, if they could not */
        Optional<String> problem) {
}

package dev.execray.binary.elf;

import java.util.List;

/**
 * One Elf_Verneed record of .gnu.version_r: the versions this file needs from the library
 * {@code file} (a DT_NEEDED name). {@code offset} is its offset within the section.
 */
public record VersionNeed(long offset, int version, String file, List<VersionNeedAux> versions) {
}

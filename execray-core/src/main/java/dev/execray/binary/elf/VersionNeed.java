package dev.execray.binary.elf;

import java.util.List;

/**
 * One Elf_Verneed record of .gnu.version_r: the versions this file needs from the library
 * {@code file} (a DT_NEEDED name). {@code offset} is relative to the section start; {@code cnt} is
 * vn_cnt as stored.
 */
public record VersionNeed(long offset, int version, String file, int cnt, List<VersionNeedAux> versions) {
}

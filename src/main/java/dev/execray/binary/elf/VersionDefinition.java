package dev.execray.binary.elf;

import java.util.List;

/**
 * One Elf_Verdef record of .gnu.version_d: a version this file defines. {@code ndx} is the versym
 * index that refers to it; {@code names} holds the version name first and then the names of the
 * versions it inherits from. The entry with VER_FLG_BASE names the file itself.
 */
public record VersionDefinition(long offset, int version, int flags, int ndx, long hash, List<String> names) {
    public static final int VER_FLG_BASE = 0x1;

    public String name() {
        return names.isEmpty() ? "" : names.get(0);
    }

    public boolean isBase() {
        return (flags & VER_FLG_BASE) != 0;
    }
}

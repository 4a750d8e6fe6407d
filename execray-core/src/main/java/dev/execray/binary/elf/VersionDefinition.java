package dev.execray.binary.elf;

import java.util.ArrayList;
import java.util.List;

/**
 * One Elf_Verdef record of .gnu.version_d: a version this file defines. {@code ndx} is the versym
 * index that refers to it; {@code aux} holds the version name first and then the versions it
 * inherits from; {@code cnt} is vd_cnt as stored. The entry with VER_FLG_BASE names the file itself.
 */
public record VersionDefinition(long offset, int version, int flags, int ndx, int cnt, long hash,
        List<VersionDefinitionAux> aux) {
    public static final int VER_FLG_BASE = 0x1;

    public String name() {
        return aux.isEmpty() ? "" : aux.get(0).name();
    }

    /** The version name followed by the names of its parents. */
    public List<String> names() {
        List<String> out = new ArrayList<>(aux.size());
        for (VersionDefinitionAux a : aux) {
            out.add(a.name());
        }
        return out;
    }

    public boolean isBase() {
        return (flags & VER_FLG_BASE) != 0;
    }
}

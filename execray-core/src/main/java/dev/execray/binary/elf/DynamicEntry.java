package dev.execray.binary.elf;

import java.util.Optional;

/**
 * One entry of the dynamic section (Elf32_Dyn / Elf64_Dyn). {@code string} holds the name a string
 * tag (DT_NEEDED, DT_SONAME, DT_RPATH, DT_RUNPATH, DT_AUXILIARY, DT_FILTER, DT_CONFIG, DT_DEPAUDIT,
 * DT_AUDIT, DT_USED) points at in the dynamic string table, when it could be read.
 */
public record DynamicEntry(int index, Coded<DynamicTag> tag, long value, Optional<String> string) {

    /** Tags whose value is an offset into the dynamic string table. */
    static boolean isStringTag(long tag) {
        return tag == DynamicTag.NEEDED.value() || tag == DynamicTag.SONAME.value()
                || tag == DynamicTag.RPATH.value() || tag == DynamicTag.RUNPATH.value()
                || tag == DynamicTag.AUXILIARY.value() || tag == DynamicTag.FILTER.value()
                || tag == DynamicTag.CONFIG.value() || tag == DynamicTag.DEPAUDIT.value()
                || tag == DynamicTag.AUDIT.value() || tag == DynamicTag.USED.value();
    }
}

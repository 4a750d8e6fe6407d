package dev.execray.runtime.maps;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * One line of /proc/PID/maps, with the smaps fields that follow it when read from smaps. Addresses
 * and offsets are unsigned 64-bit values held in longs ({@link Long#toUnsignedString}).
 */
public record Mapping(
        long line,
        long start,
        long end,
        Perms perms,
        long offset,
        int devMajor,
        int devMinor,
        long inode,
        /** the name column as printed: a path (newlines escaped as \012), a [pseudo] name, or empty */
        String name,
        MappingKind kind,
        boolean deleted,
        /** smaps "Key: value kB" fields in kB, in the kernel's order; empty when read from maps */
        Map<String, Long> smapsKiB,
        List<String> vmFlags) {

    public long size() {
        return end - start;
    }

    /** The path without the " (deleted)" suffix the kernel adds to unlinked files. */
    public String path() {
        return deleted ? name.substring(0, name.length() - " (deleted)".length()) : name;
    }

    public boolean hasSmaps() {
        return !smapsKiB.isEmpty();
    }

    public OptionalLong kib(String key) {
        Long v = smapsKiB.get(key);
        return v == null ? OptionalLong.empty() : OptionalLong.of(v);
    }

    public long rssKiB() {
        return kib("Rss").orElse(0);
    }

    public long pssKiB() {
        return kib("Pss").orElse(0);
    }

    public String range() {
        return Long.toHexString(start) + "-" + Long.toHexString(end);
    }
}

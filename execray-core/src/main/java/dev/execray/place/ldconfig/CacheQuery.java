package dev.execray.place.ldconfig;

import java.util.List;
import java.util.OptionalInt;

/**
 * What a particular ld.so accepts when it looks a name up in ld.so.cache ({@code elf/dl-cache.c}
 * {@code search_cache}): its entry flags, the glibc-hwcaps subdirectories the CPU supports (best
 * first), the CPU's x86 ISA level for entries that carry one, and whether the glibc is old enough
 * (before 2.37) to still take entries tagged with legacy hwcap bits.
 *
 * @param defaultId        {@code _DL_CACHE_DEFAULT_ID}: a match with exactly these flags ends the search
 * @param acceptedFlags    every flags value {@code _dl_cache_check_flags} accepts (includes defaultId)
 * @param hwcapsPriority   glibc-hwcaps subdirectory names the CPU supports, highest priority first
 * @param isaLevel         x86 only: the CPU's ISA level (0 baseline, 1 v2, 2 v3, 3 v4)
 * @param legacyHwcapMask  glibc before 2.37: legacy hwcap bits this CPU has (bit 63 is "tls"); an entry
 *                         with any other bit is skipped. Empty for 2.37 and later, which skip every
 *                         legacy-tagged entry.
 */
public record CacheQuery(int defaultId, List<Integer> acceptedFlags, List<String> hwcapsPriority,
                         OptionalInt isaLevel, java.util.OptionalLong legacyHwcapMask) {

    /** Bit 63 of a legacy hwcap value: the entry came from a {@code tls/} subdirectory. */
    public static final long HWCAP_TLS = 1L << 63;

    public CacheQuery {
        acceptedFlags = List.copyOf(acceptedFlags);
        hwcapsPriority = List.copyOf(hwcapsPriority);
    }

    public boolean accepts(int flags) {
        return acceptedFlags.contains(flags);
    }
}

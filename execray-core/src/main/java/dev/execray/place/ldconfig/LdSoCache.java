package dev.execray.place.ldconfig;

import dev.execray.binary.BinaryFormatException;
import dev.execray.binary.ByteSource;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * {@code /etc/ld.so.cache} as glibc's ld.so reads it ({@code sysdeps/generic/dl-cache.h},
 * {@code elf/dl-cache.c}): the libc5-era format ({@code "ld.so-1.7.0"}, 12-byte entries), the glibc 2.2
 * format ({@code "glibc-ld.so.cache1.1"}, 24-byte entries with an hwcap word, the only one ldconfig
 * writes by default since 2.32), and the combined file that embeds the new format after the old table.
 *
 * <p>{@link #parse} accepts exactly the files ld.so would use and throws {@link BinaryFormatException}
 * (structure, offset, why) for the ones it would silently ignore, so the loader can say "cache ignored"
 * instead of resolving differently from the real loader. {@link #lookup} is ld.so's binary search,
 * including its behaviour on unsorted or partly bogus tables: it never reads outside the file.
 */
public final class LdSoCache {
    public enum Format {
        /** libc5 / glibc 2.0-2.1: {@code "ld.so-1.7.0"} only. */
        OLD,
        /** {@code "glibc-ld.so.cache1.1"} only (ldconfig's default since glibc 2.32). */
        NEW,
        /** The old table followed by an embedded new-format cache (ldconfig -c compat). */
        COMBINED
    }

    /**
     * One cache entry. {@code hwcapsSubdir} names the glibc-hwcaps subdirectory the library came from
     * when the entry uses the hwcaps extension; {@code problem} says why a field could not be read.
     */
    public record Entry(int index, int flags, String soname, String path, long hwcap,
                        Optional<String> hwcapsSubdir, Optional<String> problem) {
        public boolean usesHwcapsExtension() {
            return isHwcapsExtension(hwcap);
        }
    }

    /** The entry ld.so would take for a name, and why this one among entries with that name. */
    public record Hit(Entry entry, String reason) {
        public String path() {
            return entry.path();
        }
    }

    static final byte[] MAGIC_OLD = "ld.so-1.7.0".getBytes(StandardCharsets.US_ASCII);
    static final byte[] MAGIC_NEW = "glibc-ld.so.cache1.1".getBytes(StandardCharsets.US_ASCII);
    static final int OLD_HEADER = 16;
    static final int OLD_ENTRY = 12;
    static final int NEW_HEADER = 48;
    static final int NEW_ENTRY = 24;
    static final long EXTENSION_MAGIC = 0xEAA42174L;
    static final int TAG_GENERATOR = 0;
    static final int TAG_GLIBC_HWCAPS = 1;
    /** {@code DL_CACHE_HWCAP_EXTENSION}: bit 62 marks an entry whose low 32 bits index the hwcaps names. */
    static final long HWCAP_EXTENSION = 1L << 62;
    static final int ISA_LEVEL_MASK = (1 << 10) - 1;
    /** A cache larger than this is not an ld.so.cache anyone wrote; refuse before copying it. */
    static final long MAX_SIZE = 256L << 20;

    private final byte[] data;
    private final ByteOrder order;
    private final Format format;
    private final int entriesOffset;
    private final int entrySize;
    private final int count;
    /** Offset in {@link #data} that string offsets of entries are relative to. */
    private final int stringBase;
    private final List<Integer> hwcapsNameOffsets;
    private final Optional<String> generator;
    private final List<String> problems;

    private LdSoCache(byte[] data, ByteOrder order, Format format, int entriesOffset, int entrySize, int count,
                      int stringBase, List<Integer> hwcapsNameOffsets, Optional<String> generator,
                      List<String> problems) {
        this.data = data;
        this.order = order;
        this.format = format;
        this.entriesOffset = entriesOffset;
        this.entrySize = entrySize;
        this.count = count;
        this.stringBase = stringBase;
        this.hwcapsNameOffsets = List.copyOf(hwcapsNameOffsets);
        this.generator = generator;
        this.problems = List.copyOf(problems);
    }

    /**
     * Reads a cache the way an ld.so of byte order {@code loaderOrder} would. {@code combinedAlignment} is
     * {@code __alignof__ (struct cache_file_new)} on the target: 8 on most ABIs, 4 on i386, where the
     * embedded new-format header of a combined file starts.
     *
     * @throws BinaryFormatException when ld.so would ignore the whole file
     */
    public static LdSoCache parse(ByteSource src, ByteOrder loaderOrder, int combinedAlignment) {
        if (src.size() > MAX_SIZE) {
            throw new BinaryFormatException("ld.so.cache", 0, "file of " + src.size() + " bytes is too large");
        }
        byte[] data = src.bytes(0, (int) src.size(), "ld.so.cache");
        ByteSource bytes = ByteSource.of(data).withOrder(loaderOrder);
        long size = data.length;
        if (startsWith(data, 0, MAGIC_NEW)) {
            if (size <= NEW_HEADER) {
                throw new BinaryFormatException("ld.so.cache header", 0,
                        "new-format header needs more than " + NEW_HEADER + " bytes, file has " + size);
            }
            // ld.so checks the count before the byte order; both make it ignore the file, and a count read
            // in the wrong byte order is nonsense, so the byte order is the clearer reason to give
            checkEndian(bytes, 0, loaderOrder);
            long nlibs = bytes.u32(20, "ld.so.cache nlibs");
            if ((size - NEW_HEADER) / NEW_ENTRY < nlibs) {
                throw new BinaryFormatException("ld.so.cache nlibs", 20, nlibs + " entries of " + NEW_ENTRY
                        + " bytes do not fit in a file of " + size + " bytes");
            }
            return withExtensions(data, bytes, loaderOrder, Format.NEW, 0, (int) nlibs);
        }
        if (startsWith(data, 0, MAGIC_OLD)) {
            if (size <= OLD_HEADER) {
                throw new BinaryFormatException("ld.so.cache header", 0,
                        "old-format header needs more than " + OLD_HEADER + " bytes, file has " + size);
            }
            long nlibs = bytes.u32(12, "ld.so.cache nlibs");
            if ((size - OLD_HEADER) / OLD_ENTRY < nlibs) {
                throw new BinaryFormatException("ld.so.cache nlibs", 12, nlibs + " entries of " + OLD_ENTRY
                        + " bytes do not fit in a file of " + size + " bytes");
            }
            long end = OLD_HEADER + nlibs * OLD_ENTRY;
            long newOffset = (end + combinedAlignment - 1) & -(long) combinedAlignment;
            if (size >= newOffset + NEW_HEADER && startsWith(data, (int) newOffset, MAGIC_NEW)) {
                // ld.so trusts the embedded header's count only as far as its own table goes; it checks the
                // string indices while searching, so a short embedded table is caught per entry, not here.
                checkEndian(bytes, (int) newOffset, loaderOrder);
                long newLibs = bytes.u32(newOffset + 20, "ld.so.cache embedded nlibs");
                long room = (size - newOffset - NEW_HEADER) / NEW_ENTRY;
                List<String> problems = new ArrayList<>();
                if (newLibs > room) {
                    problems.add("embedded new-format table claims " + newLibs + " entries, only " + room
                            + " fit; entries past the end are not read");
                    newLibs = room;
                }
                LdSoCache c = withExtensions(data, bytes, loaderOrder, Format.COMBINED, (int) newOffset,
                        (int) newLibs);
                problems.addAll(c.problems);
                return new LdSoCache(data, loaderOrder, Format.COMBINED, c.entriesOffset, NEW_ENTRY, c.count,
                        c.stringBase, c.hwcapsNameOffsets, c.generator, problems);
            }
            return new LdSoCache(data, loaderOrder, Format.OLD, OLD_HEADER, OLD_ENTRY, (int) nlibs, (int) end,
                    List.of(), Optional.empty(), List.of());
        }
        throw new BinaryFormatException("ld.so.cache magic", 0,
                "neither \"glibc-ld.so.cache1.1\" nor \"ld.so-1.7.0\"");
    }

    private static void checkEndian(ByteSource bytes, int headerOffset, ByteOrder loaderOrder) {
        int flags = bytes.u8(headerOffset + 28, "ld.so.cache flags");
        int wanted = loaderOrder == ByteOrder.LITTLE_ENDIAN ? 2 : 3;
        // cache_file_new_matches_endian: 0 means "written before endianness was recorded" and is trusted
        if (flags != 0 && (flags & 3) != wanted) {
            String found = switch (flags & 3) {
                case 1 -> "marked invalid";
                case 2 -> "little-endian";
                case 3 -> "big-endian";
                default -> "flags 0x" + Integer.toHexString(flags);
            };
            throw new BinaryFormatException("ld.so.cache flags", headerOffset + 28, "cache is " + found
                    + ", the loader is " + (wanted == 2 ? "little" : "big") + "-endian");
        }
    }

    private static LdSoCache withExtensions(byte[] data, ByteSource bytes, ByteOrder order, Format format,
                                            int header, int nlibs) {
        List<String> problems = new ArrayList<>();
        List<Integer> hwcaps = new ArrayList<>();
        Optional<String> generator = Optional.empty();
        long extOffset = bytes.u32(header + 32, "ld.so.cache extension_offset");
        long size = data.length;
        // cache_extension_load: any inconsistency drops all extensions, the cache itself stays usable
        if (extOffset != 0) {
            String bad = null;
            if (extOffset % 4 != 0) {
                bad = "extension offset 0x" + Long.toHexString(extOffset) + " is not a multiple of 4";
            } else if (extOffset + 8 > size) {
                bad = "extension directory at 0x" + Long.toHexString(extOffset) + " is past the end of the file";
            } else if (bytes.u32(extOffset, "ld.so.cache extension magic") != EXTENSION_MAGIC) {
                bad = "extension directory at 0x" + Long.toHexString(extOffset) + " has the wrong magic";
            } else {
                long n = bytes.u32(extOffset + 4, "ld.so.cache extension count");
                if (extOffset + 8 + n * 16 > size) {
                    bad = n + " extension sections do not fit in the file";
                } else {
                    long hwOff = -1;
                    long hwSize = 0;
                    for (long i = 0; i < n && bad == null; i++) {
                        long at = extOffset + 8 + i * 16;
                        long tag = bytes.u32(at, "ld.so.cache extension tag");
                        long off = bytes.u32(at + 8, "ld.so.cache extension offset");
                        long len = bytes.u32(at + 12, "ld.so.cache extension size");
                        if (off + len > size) {
                            bad = "extension section " + i + " (tag " + tag + ") ends past the end of the file";
                        } else if (tag == TAG_GENERATOR) {
                            generator = Optional.of(new String(data, (int) off, (int) len, StandardCharsets.UTF_8));
                        } else if (tag == TAG_GLIBC_HWCAPS) {
                            hwOff = off;
                            hwSize = len;
                        }
                    }
                    if (bad == null && hwOff >= 0) {
                        if (hwSize == 0 || hwOff % 4 != 0 || hwSize % 4 != 0) {
                            problems.add("glibc-hwcaps extension section is empty or misaligned; ignored");
                        } else {
                            for (long i = 0; i < hwSize / 4; i++) {
                                hwcaps.add((int) bytes.u32(hwOff + i * 4, "ld.so.cache glibc-hwcaps index"));
                            }
                        }
                    }
                }
            }
            if (bad != null) {
                problems.add(bad + "; extensions ignored, hwcaps entries unusable");
                generator = Optional.empty();
                hwcaps.clear();
            }
        }
        return new LdSoCache(data, order, format, header + NEW_HEADER, NEW_ENTRY, nlibs, header, hwcaps,
                generator, problems);
    }

    public Format format() {
        return format;
    }

    public ByteOrder order() {
        return order;
    }

    public int size() {
        return count;
    }

    /** The {@code ldconfig} version string recorded in the generator extension, if any. */
    public Optional<String> generator() {
        return generator.map(s -> s.indexOf('\0') >= 0 ? s.substring(0, s.indexOf('\0')) : s);
    }

    /** Things wrong with the file that ld.so tolerates (and that change what it can find). */
    public List<String> problems() {
        return problems;
    }

    /** The glibc-hwcaps subdirectory names of the extension, in file order (sorted by strcmp). */
    public List<String> hwcapsNames() {
        List<String> out = new ArrayList<>(hwcapsNameOffsets.size());
        for (int off : hwcapsNameOffsets) {
            out.add(string(0, off).orElse("?"));
        }
        return out;
    }

    /** Every entry in file order, as {@code ldconfig -p} lists them. */
    public List<Entry> entries() {
        List<Entry> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(entry(i));
        }
        return Collections.unmodifiableList(out);
    }

    public Entry entry(int i) {
        int at = entriesOffset + i * entrySize;
        int flags = s32(at);
        long key = u32(at + 4);
        long value = u32(at + 8);
        long hwcap = entrySize >= NEW_ENTRY ? u64(at + 16) : 0;
        Optional<String> soname = string(stringBase, key);
        Optional<String> path = string(stringBase, value);
        Optional<String> sub = Optional.empty();
        if (isHwcapsExtension(hwcap)) {
            long idx = hwcap & 0xffffffffL;
            if (idx < hwcapsNameOffsets.size()) {
                sub = string(0, hwcapsNameOffsets.get((int) idx));
            }
        }
        String problem = soname.isEmpty() ? "name offset 0x" + Long.toHexString(key) + " is outside the file"
                : path.isEmpty() ? "path offset 0x" + Long.toHexString(value) + " is outside the file" : null;
        return new Entry(i, flags, soname.orElse(""), path.orElse(""), hwcap, sub, Optional.ofNullable(problem));
    }

    /**
     * The path ld.so takes from the cache for {@code name}, or empty. Follows {@code search_cache}:
     * binary search with {@code _dl_cache_libcmp}; among entries of that name, glibc-hwcaps entries (which
     * ldconfig sorts first) compete by subdirectory priority, then the first acceptable plain entry wins
     * unless a hwcaps entry already did.
     */
    public Optional<Hit> lookup(String name, CacheQuery q) {
        byte[] want = name.getBytes(StandardCharsets.UTF_8);
        int left = 0;
        int right = count - 1;
        while (left <= right) {
            int middle = (left + right) >>> 1;
            long key = u32(entriesOffset + middle * entrySize + 4);
            if (!validString(key)) {
                return Optional.empty();
            }
            int cmp = libcmp(want, data, stringBase + (int) key);
            if (cmp == 0) {
                return pickAmongEqual(want, middle, right, q);
            }
            if (cmp < 0) {
                left = middle + 1;
            } else {
                right = middle - 1;
            }
        }
        return Optional.empty();
    }

    private Optional<Hit> pickAmongEqual(byte[] want, int found, int right, CacheQuery q) {
        int first = found;
        while (first > 0) {
            long key = u32(entriesOffset + (first - 1) * entrySize + 4);
            if (!validString(key) || libcmp(want, data, stringBase + (int) key) != 0) {
                break;
            }
            first--;
        }
        Entry best = null;
        String bestReason = null;
        int bestPriority = 0;
        for (int i = first; i <= right; i++) {
            int at = entriesOffset + i * entrySize;
            if (i > found) {
                long key = u32(at + 4);
                if (!validString(key) || libcmp(want, data, stringBase + (int) key) != 0) {
                    break;
                }
            }
            int flags = s32(at);
            long value = u32(at + 8);
            if (!q.accepts(flags) || !validString(value)) {
                continue;
            }
            boolean named = false;
            int priority = 0;
            if (entrySize >= NEW_ENTRY) {
                long hwcap = u64(at + 16);
                named = isHwcapsExtension(hwcap);
                if (named && q.isaLevel().isPresent()
                        && ((hwcap >>> 32) & ISA_LEVEL_MASK) > q.isaLevel().getAsInt()) {
                    continue;
                }
                if (!named && best != null) {
                    break;
                }
                if (!named && hwcap != 0) {
                    if (q.legacyHwcapMask().isEmpty() || (hwcap & ~q.legacyHwcapMask().getAsLong()) != 0) {
                        continue;
                    }
                }
                if (named) {
                    priority = hwcapsPriority(hwcap & 0xffffffffL, q);
                    if (priority == 0 || (best != null && priority >= bestPriority)) {
                        continue;
                    }
                    bestPriority = priority;
                }
            }
            best = entry(i);
            bestReason = named ? "glibc-hwcaps/" + best.hwcapsSubdir().orElse("?") + " entry (best supported subdirectory)"
                    : flags == q.defaultId() ? "entry with flags " + CacheFlags.describe(flags)
                    : "entry with flags " + CacheFlags.describe(flags) + " (accepted, not the loader's own tag)";
            if (!named && flags == q.defaultId()) {
                break;
            }
        }
        return best == null ? Optional.empty() : Optional.of(new Hit(best, bestReason));
    }

    /** 1-based priority of the hwcaps name at {@code index} among the CPU's supported ones; 0 = unusable. */
    private int hwcapsPriority(long index, CacheQuery q) {
        if (index >= hwcapsNameOffsets.size()) {
            return 0;
        }
        Optional<String> n = string(0, hwcapsNameOffsets.get((int) index));
        if (n.isEmpty()) {
            return 0;
        }
        int p = q.hwcapsPriority().indexOf(n.get());
        return p < 0 ? 0 : p + 1;
    }

    static boolean isHwcapsExtension(long hwcap) {
        return ((hwcap >>> 32) & ~(long) ISA_LEVEL_MASK) == (HWCAP_EXTENSION >>> 32);
    }

    /**
     * {@code _dl_cache_libcmp}: like strcmp, but runs of digits compare by numeric value, and a digit sorts
     * after any non-digit. ld.so compares the looked-up name on the left with the cache key on the right.
     */
    static int libcmp(byte[] a, byte[] b, int bStart) {
        int i = 0;
        int j = bStart;
        while (i < a.length) {
            int ca = a[i] & 0xff;
            int cb = j < b.length ? b[j] & 0xff : 0;
            if (isDigit(ca)) {
                if (isDigit(cb)) {
                    long va = 0;
                    long vb = 0;
                    // ld.so accumulates in an int; long keeps the comparison sane for absurd runs
                    while (i < a.length && isDigit(a[i] & 0xff)) {
                        va = Math.min(va * 10 + ((a[i++] & 0xff) - '0'), Integer.MAX_VALUE);
                    }
                    while (j < b.length && isDigit(b[j] & 0xff)) {
                        vb = Math.min(vb * 10 + ((b[j++] & 0xff) - '0'), Integer.MAX_VALUE);
                    }
                    if (va != vb) {
                        return va < vb ? -1 : 1;
                    }
                } else {
                    return 1;
                }
            } else if (isDigit(cb)) {
                return -1;
            } else if (ca != cb) {
                return ca - cb;
            } else {
                i++;
                j++;
            }
        }
        int cb = j < b.length ? b[j] & 0xff : 0;
        return -cb;
    }

    static int libcmp(String a, String b) {
        byte[] bb = (b + "\0").getBytes(StandardCharsets.UTF_8);
        return libcmp(a.getBytes(StandardCharsets.UTF_8), bb, 0);
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private boolean validString(long offset) {
        return stringBase + offset < data.length;
    }

    private Optional<String> string(int base, long offset) {
        long start = base + offset;
        if (offset < 0 || start >= data.length) {
            return Optional.empty();
        }
        int end = (int) start;
        while (end < data.length && data[end] != 0) {
            end++;
        }
        if (end == data.length) {
            return Optional.empty();
        }
        return Optional.of(new String(data, (int) start, end - (int) start, StandardCharsets.UTF_8));
    }

    private static boolean startsWith(byte[] data, int at, byte[] magic) {
        if (at < 0 || at + magic.length > data.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (data[at + i] != magic[i]) {
                return false;
            }
        }
        return true;
    }

    private int s32(int at) {
        return (int) u32(at);
    }

    private long u32(int at) {
        int a = data[at] & 0xff;
        int b = data[at + 1] & 0xff;
        int c = data[at + 2] & 0xff;
        int d = data[at + 3] & 0xff;
        return (order == ByteOrder.LITTLE_ENDIAN ? (d << 24) | (c << 16) | (b << 8) | a
                : (a << 24) | (b << 16) | (c << 8) | d) & 0xffffffffL;
    }

    private long u64(int at) {
        long lo = u32(at);
        long hi = u32(at + 4);
        return order == ByteOrder.LITTLE_ENDIAN ? (hi << 32) | lo : (lo << 32) | hi;
    }
}

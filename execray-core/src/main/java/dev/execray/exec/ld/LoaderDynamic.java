package dev.execray.exec.ld;

import dev.execray.binary.BinaryFormatException;
import dev.execray.binary.ByteSource;
import dev.execray.binary.elf.ElfFile;
import dev.execray.binary.elf.ProgramHeader;
import dev.execray.binary.elf.SegmentType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The dynamic segment exactly as the loaders read it ({@code elf/get-dynamic-info.h}, musl's
 * {@code decode_vec}): the PT_DYNAMIC entries up to DT_NULL, a tag's last entry wins (DT_NEEDED keeps all,
 * in order), strings come from DT_STRTAB bounded by DT_STRSZ through the PT_LOAD segments, and the version
 * tables from DT_VERNEED and DT_VERDEF. Section headers are never consulted: ld.so does not have them.
 */
final class LoaderDynamic {
    static final long DT_NULL = 0;
    static final long DT_NEEDED = 1;
    static final long DT_STRTAB = 5;
    static final long DT_STRSZ = 10;
    static final long DT_SONAME = 14;
    static final long DT_RPATH = 15;
    static final long DT_RUNPATH = 29;
    static final long DT_FLAGS = 30;
    static final long DT_BIND_NOW = 24;
    static final long DT_FLAGS_1 = 0x6ffffffbL;
    static final long DT_VERDEF = 0x6ffffffcL;
    static final long DT_VERDEFNUM = 0x6ffffffdL;
    static final long DT_VERNEED = 0x6ffffffeL;
    static final long DT_VERNEEDNUM = 0x6fffffffL;
    /** More entries than this is a corrupt file: no real object has a dynamic section that large. */
    static final int MAX_ENTRIES = 1 << 16;
    static final int MAX_VERSIONS = 1 << 16;

    private final ElfFile elf;
    private final ByteSource src;
    private final boolean present;
    private final Map<Long, Long> last = new HashMap<>();
    private final List<Long> needed = new ArrayList<>();
    private final int entries;
    private long strtab = -1;
    private long strsz;
    private final List<String> problems;

    LoaderDynamic(ElfFile elf, List<String> problems) {
        this.elf = elf;
        this.src = elf.source().withOrder(elf.byteOrder());
        this.problems = problems;
        ProgramHeader dyn = null;
        for (ProgramHeader ph : elf.programHeaders()) {
            if (ph.type().is(SegmentType.DYNAMIC)) {
                dyn = ph;
                break;
            }
        }
        int n = 0;
        boolean ok = false;
        if (dyn != null) {
            int w = elf.header().is64() ? 8 : 4;
            long max = Math.min(dyn.filesz() / (2L * w), MAX_ENTRIES);
            try {
                for (long i = 0; i < max; i++) {
                    long at = dyn.offset() + i * 2 * w;
                    long tag = src.word(at, w, "dynamic entry");
                    long val = src.word(at + w, w, "dynamic entry");
                    n++;
                    if (tag == DT_NULL) {
                        break;
                    }
                    if (tag == DT_NEEDED) {
                        needed.add(val);
                    }
                    last.put(tag, val);
                }
                ok = n > 0;
            } catch (BinaryFormatException e) {
                problems.add(e.getMessage());
                ok = n > 0;
            }
        }
        this.present = ok;
        this.entries = n;
        OptionalLong st = value(DT_STRTAB);
        if (st.isPresent()) {
            Optional<Long> off = elf.fileOffsetOf(st.getAsLong());
            if (off.isPresent()) {
                strtab = off.get();
                strsz = Math.max(0, Math.min(value(DT_STRSZ).orElse(src.size() - strtab), src.size() - strtab));
            } else {
                problems.add("DT_STRTAB 0x" + Long.toHexString(st.getAsLong())
                        + " is not held in the file by any PT_LOAD segment");
            }
        }
    }

    /** Whether the file has a PT_DYNAMIC segment with at least one entry. */
    boolean present() {
        return present;
    }

    int entries() {
        return entries;
    }

    OptionalLong value(long tag) {
        Long v = last.get(tag);
        return v == null ? OptionalLong.empty() : OptionalLong.of(v);
    }

    boolean has(long tag) {
        return last.containsKey(tag);
    }

    /** File offset of the address a tag holds, if a PT_LOAD maps it. */
    long offsetOf(long tag) {
        OptionalLong v = value(tag);
        if (v.isEmpty()) {
            return -1;
        }
        return elf.fileOffsetOf(v.getAsLong()).orElse(-1L);
    }

    /** A string of the dynamic string table, or empty when the offset lies outside it. */
    Optional<String> string(long offset) {
        if (strtab < 0 || offset < 0 || offset >= strsz) {
            return Optional.empty();
        }
        long at = strtab + offset;
        long end = strtab + strsz;
        long z = at;
        while (z < end && src.u8(z, "dynamic string") != 0) {
            z++;
        }
        if (z == end) {
            problems.add("dynamic string at 0x" + Long.toHexString(offset) + " is not NUL-terminated");
            return Optional.empty();
        }
        return Optional.of(new String(src.bytes(at, (int) (z - at), "dynamic string"), StandardCharsets.UTF_8));
    }

    List<String> needed() {
        List<String> out = new ArrayList<>(needed.size());
        for (long off : needed) {
            string(off).ifPresent(out::add);
        }
        return out;
    }

    Optional<String> stringOf(long tag) {
        OptionalLong v = value(tag);
        return v.isPresent() ? string(v.getAsLong()) : Optional.empty();
    }

    long strtabOffset() {
        return strtab;
    }

    long strtabSize() {
        return strsz;
    }

    /** .gnu.version_r through DT_VERNEED: a chain of Verneed records, each with its Vernaux chain. */
    List<DynamicObject.VersionRequirement> versionRequirements() {
        List<DynamicObject.VersionRequirement> out = new ArrayList<>();
        long off = offsetOf(DT_VERNEED);
        if (off < 0) {
            return out;
        }
        long count = value(DT_VERNEEDNUM).orElse(MAX_VERSIONS);
        try {
            for (long i = 0; i < Math.min(count, MAX_VERSIONS); i++) {
                int vnCnt = src.u16(off + 2, "Verneed");
                long file = src.u32(off + 4, "Verneed");
                long aux = src.u32(off + 8, "Verneed");
                long next = src.u32(off + 12, "Verneed");
                String fileName = string(file).orElse("");
                long a = off + aux;
                for (int k = 0; k < Math.min(vnCnt, MAX_VERSIONS); k++) {
                    long hash = src.u32(a, "Vernaux");
                    int flags = src.u16(a + 4, "Vernaux");
                    int other = src.u16(a + 6, "Vernaux");
                    long name = src.u32(a + 8, "Vernaux");
                    long anext = src.u32(a + 12, "Vernaux");
                    out.add(new DynamicObject.VersionRequirement(fileName, string(name).orElse(""), hash,
                            (flags & 2) != 0, other));
                    if (anext == 0) {
                        break;
                    }
                    a += anext;
                }
                if (next == 0) {
                    break;
                }
                off += next;
            }
        } catch (BinaryFormatException e) {
            problems.add(e.getMessage());
        }
        return out;
    }

    /** .gnu.version_d through DT_VERDEF: Verdef records, each named by its first Verdaux. */
    List<DynamicObject.VersionDefinition> versionDefinitions() {
        List<DynamicObject.VersionDefinition> out = new ArrayList<>();
        long off = offsetOf(DT_VERDEF);
        if (off < 0) {
            return out;
        }
        long count = value(DT_VERDEFNUM).orElse(MAX_VERSIONS);
        try {
            for (long i = 0; i < Math.min(count, MAX_VERSIONS); i++) {
                int flags = src.u16(off + 2, "Verdef");
                int ndx = src.u16(off + 4, "Verdef");
                int cnt = src.u16(off + 6, "Verdef");
                long hash = src.u32(off + 8, "Verdef");
                long aux = src.u32(off + 12, "Verdef");
                long next = src.u32(off + 16, "Verdef");
                if (cnt > 0) {
                    long name = src.u32(off + aux, "Verdaux");
                    out.add(new DynamicObject.VersionDefinition(string(name).orElse(""), hash, ndx, (flags & 1) != 0));
                }
                if (next == 0) {
                    break;
                }
                off += next;
            }
        } catch (BinaryFormatException e) {
            problems.add(e.getMessage());
        }
        return out;
    }
}

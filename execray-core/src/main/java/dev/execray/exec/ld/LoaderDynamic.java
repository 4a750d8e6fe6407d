package dev.execray.exec.ld;

import dev.execray.binary.BinaryFormatException;
import dev.execray.binary.ByteSource;
import dev.execray.binary.elf.DynamicTag;
import dev.execray.binary.elf.ElfField;
import dev.execray.binary.elf.ElfFile;
import dev.execray.binary.elf.ProgramHeader;
import dev.execray.binary.elf.SegmentType;
import dev.execray.binary.elf.VersionDefinition;
import dev.execray.binary.elf.VersionNeedAux;
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
            boolean is64 = elf.header().is64();
            int ent = ElfField.Struct.DYN.size(is64);
            long max = Math.min(dyn.filesz() / ent, MAX_ENTRIES);
            try {
                for (long i = 0; i < max; i++) {
                    long at = dyn.offset() + i * ent;
                    long tag = ElfField.D_TAG.read(src, at, is64, "dynamic entry");
                    long val = ElfField.D_VAL.read(src, at, is64, "dynamic entry");
                    n++;
                    if (tag == DynamicTag.NULL.value()) {
                        break;
                    }
                    if (tag == DynamicTag.NEEDED.value()) {
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
        OptionalLong st = value(DynamicTag.STRTAB);
        if (st.isPresent()) {
            Optional<Long> off = elf.fileOffsetOf(st.getAsLong());
            if (off.isPresent()) {
                strtab = off.get();
                strsz = Math.max(0, Math.min(value(DynamicTag.STRSZ).orElse(src.size() - strtab), src.size() - strtab));
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

    OptionalLong value(DynamicTag tag) {
        Long v = last.get(tag.value());
        return v == null ? OptionalLong.empty() : OptionalLong.of(v);
    }

    boolean has(DynamicTag tag) {
        return last.containsKey(tag.value());
    }

    /** File offset of the address a tag holds, if a PT_LOAD maps it. */
    long offsetOf(DynamicTag tag) {
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

    Optional<String> stringOf(DynamicTag tag) {
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
        long off = offsetOf(DynamicTag.VERNEED);
        if (off < 0) {
            return out;
        }
        long count = value(DynamicTag.VERNEEDNUM).orElse(MAX_VERSIONS);
        try {
            for (long i = 0; i < Math.min(count, MAX_VERSIONS); i++) {
                int vnCnt = (int) ElfField.VN_CNT.read(src, off, false, "Verneed");
                long file = ElfField.VN_FILE.read(src, off, false, "Verneed");
                long aux = ElfField.VN_AUX.read(src, off, false, "Verneed");
                long next = ElfField.VN_NEXT.read(src, off, false, "Verneed");
                String fileName = string(file).orElse("");
                long a = off + aux;
                for (int k = 0; k < Math.min(vnCnt, MAX_VERSIONS); k++) {
                    long hash = ElfField.VNA_HASH.read(src, a, false, "Vernaux");
                    int flags = (int) ElfField.VNA_FLAGS.read(src, a, false, "Vernaux");
                    int other = (int) ElfField.VNA_OTHER.read(src, a, false, "Vernaux");
                    long name = ElfField.VNA_NAME.read(src, a, false, "Vernaux");
                    long anext = ElfField.VNA_NEXT.read(src, a, false, "Vernaux");
                    out.add(new DynamicObject.VersionRequirement(fileName, string(name).orElse(""), hash,
                            (flags & VersionNeedAux.VER_FLG_WEAK) != 0, other));
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
        long off = offsetOf(DynamicTag.VERDEF);
        if (off < 0) {
            return out;
        }
        long count = value(DynamicTag.VERDEFNUM).orElse(MAX_VERSIONS);
        try {
            for (long i = 0; i < Math.min(count, MAX_VERSIONS); i++) {
                int flags = (int) ElfField.VD_FLAGS.read(src, off, false, "Verdef");
                int ndx = (int) ElfField.VD_NDX.read(src, off, false, "Verdef");
                int cnt = (int) ElfField.VD_CNT.read(src, off, false, "Verdef");
                long hash = ElfField.VD_HASH.read(src, off, false, "Verdef");
                long aux = ElfField.VD_AUX.read(src, off, false, "Verdef");
                long next = ElfField.VD_NEXT.read(src, off, false, "Verdef");
                if (cnt > 0) {
                    long name = ElfField.VDA_NAME.read(src, off + aux, false, "Verdaux");
                    out.add(new DynamicObject.VersionDefinition(string(name).orElse(""), hash, ndx,
                            (flags & VersionDefinition.VER_FLG_BASE) != 0));
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

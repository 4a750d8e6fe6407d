package dev.execray.binary.macho;

import dev.execray.binary.BinaryFormatException;
import dev.execray.binary.ByteSource;
import dev.execray.binary.FormatProblem;
import dev.execray.binary.archive.ArchiveFile;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A universal ("fat") file: a big-endian header listing slices, each a complete Mach-O file for one
 * architecture. FAT_MAGIC has 32-bit offsets; FAT_MAGIC_64 (for slices past 4 GiB) 64-bit ones.
 *
 * <p>The arch table is validated at once (its size against the file); each slice's bounds are
 * checked when it is opened, so one bad entry does not hide the good ones. Overlapping slices are
 * recorded as a problem, as Apple's and LLVM's tools reject them.
 */
public final class FatMachOFile {
    public static final long FAT_MAGIC = 0xcafebabeL;
    public static final long FAT_MAGIC_64 = 0xcafebabfL;
    /** LLVM's MaxSectionAlignment: 2^15, the largest alignment a slice may ask for. */
    static final long MAX_SECTION_ALIGNMENT = 15;

    private final ByteSource source;
    private final long magic;
    private final List<FatArch> arches;
    private final List<FormatProblem> problems;

    private FatMachOFile(ByteSource source, long magic, List<FatArch> arches, List<FormatProblem> problems) {
        this.source = source;
        this.magic = magic;
        this.arches = List.copyOf(arches);
        this.problems = List.copyOf(problems);
    }

    public static FatMachOFile read(ByteSource src) {
        ByteSource s = src.withOrder(ByteOrder.BIG_ENDIAN);
        long magic = s.u32(0, "fat header");
        if (magic != FAT_MAGIC && magic != FAT_MAGIC_64) {
            throw new BinaryFormatException("fat header", 0, String.format("not a universal-binary magic: 0x%08x", magic));
        }
        boolean wide = magic == FAT_MAGIC_64;
        int entry = wide ? 32 : 20;
        long nfat = s.u32(4, "fat header");
        int n = s.checkTable(8, nfat, entry, "fat_arch table (nfat_arch " + nfat + ")");
        List<FatArch> arches = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long a = 8 + (long) i * entry;
            String what = "fat_arch " + i;
            if (wide) {
                arches.add(new FatArch(s.s32(a, what), s.s32(a + 4, what), s.u64(a + 8, what), s.u64(a + 16, what),
                        s.u32(a + 24, what)));
            } else {
                arches.add(new FatArch(s.s32(a, what), s.s32(a + 4, what), s.u32(a + 8, what), s.u32(a + 12, what),
                        s.u32(a + 16, what)));
            }
        }
        List<FormatProblem> problems = new ArrayList<>();
        if (n == 0) {
            // LLVM MachOUniversalBinary: "contains zero architecture types"
            problems.add(new FormatProblem("fat header", 4, "nfat_arch is 0: the universal file holds no slice"));
        }
        long tableEnd = 8 + (long) n * entry;
        for (int i = 0; i < n; i++) {
            FatArch a = arches.get(i);
            long at = 8 + (long) i * entry;
            // LLVM MachOUniversalBinary: "align (2^N) too large for cputype ... (maximum 2^15)", and a slice
            // offset "not aligned on it's alignment (2^N)"
            if (a.align() > MAX_SECTION_ALIGNMENT) {
                problems.add(new FormatProblem("fat_arch " + i, at, "align 2^" + a.align() + " is above the maximum 2^"
                        + MAX_SECTION_ALIGNMENT));
            } else if (a.offset() % (1L << a.align()) != 0) {
                problems.add(new FormatProblem("fat_arch " + i, at, "slice offset 0x" + Long.toHexString(a.offset())
                        + " is not aligned to 2^" + a.align()));
            }
            // LLVM MachOUniversalBinary: "offset plus size of cputype ... extends past the end of the file"
            long sliceEnd = a.offset() + a.size();
            if (a.offset() < 0 || a.size() < 0 || sliceEnd < a.offset() || sliceEnd > s.size()) {
                problems.add(new FormatProblem("fat_arch " + i, at, "slice at 0x" + Long.toHexString(a.offset())
                        + " of 0x" + Long.toHexString(a.size()) + " bytes extends past the end of the file (0x"
                        + Long.toHexString(s.size()) + " bytes)"));
            }
            if (Long.compareUnsigned(a.offset(), tableEnd) < 0 && a.size() != 0) {
                problems.add(new FormatProblem("fat_arch " + i, 8 + (long) i * entry, "slice at 0x"
                        + Long.toHexString(a.offset()) + " overlaps the fat header"));
            }
            for (int j = 0; j < i; j++) {
                FatArch b = arches.get(j);
                if (overlaps(a, b)) {
                    problems.add(new FormatProblem("fat_arch " + i, 8 + (long) i * entry, "slice " + a.arch()
                            + " overlaps slice " + j + " (" + b.arch() + ")"));
                }
            }
        }
        return new FatMachOFile(s, magic, arches, problems);
    }

    private static boolean overlaps(FatArch a, FatArch b) {
        if (a.size() == 0 || b.size() == 0 || a.offset() < 0 || b.offset() < 0 || a.size() < 0 || b.size() < 0) {
            return false;
        }
        return a.offset() < b.offset() + b.size() && b.offset() < a.offset() + a.size();
    }

    public long magic() {
        return magic;
    }

    public boolean is64BitHeader() {
        return magic == FAT_MAGIC_64;
    }

    public List<FatArch> arches() {
        return arches;
    }

    public List<FormatProblem> problems() {
        return problems;
    }

    public ByteSource source() {
        return source;
    }

    /**
     * The slice of entry {@code index} read as a Mach-O file over its own bytes. Throws
     * {@link BinaryFormatException} when the entry points outside the file or at no Mach-O header.
     */
    public MachOFile slice(int index) {
        FatArch a = arches.get(index);
        String what = "fat_arch " + index + " slice (" + a.arch() + ")";
        if (a.offset() < 0 || a.size() < 0) {
            throw new BinaryFormatException(what, 8, "offset or size beyond 2^63");
        }
        ByteSource bytes = source.slice(a.offset(), a.size(), what);
        try {
            return MachOFile.read(bytes, a.offset());
        } catch (BinaryFormatException e) {
            // the slice's header is read at slice offsets; the problem is reported at the file's
            throw new BinaryFormatException(e.structure(), e.offset() + a.offset(), e.detail());
        }
    }

    /**
     * Each slice in table order: the file, a static archive (lipo joins per-architecture {@code .a} files into one
     * universal archive, as LLVM's MachOUniversalBinary reads it), or the problem that kept it from being read.
     */
    public List<Slice> slices() {
        List<Slice> out = new ArrayList<>(arches.size());
        for (int i = 0; i < arches.size(); i++) {
            try {
                Optional<ArchiveFile> archive = archiveSlice(i);
                if (archive.isPresent()) {
                    out.add(new Slice(arches.get(i), Optional.empty(), Optional.empty(), archive));
                    continue;
                }
                out.add(new Slice(arches.get(i), Optional.of(slice(i)), Optional.empty()));
            } catch (BinaryFormatException e) {
                out.add(new Slice(arches.get(i), Optional.empty(), Optional.of(FormatProblem.of(e))));
            }
        }
        return out;
    }

    /** The slice of entry {@code index} read as a static archive, offsets in the file; empty if it is no archive. */
    private Optional<ArchiveFile> archiveSlice(int index) {
        FatArch a = arches.get(index);
        if (a.offset() < 0 || a.size() < 8 || a.offset() > source.size() - 8) {
            return Optional.empty();
        }
        if (!ArchiveFile.isArchive(source.bytes(a.offset(), 8, "fat_arch " + index + " slice"))) {
            return Optional.empty();
        }
        ByteSource bytes = source.slice(a.offset(), a.size(), "fat_arch " + index + " slice (" + a.arch() + ")");
        return Optional.of(ArchiveFile.read(bytes).relocated(a.offset()));
    }

    /**
     * A fat table entry and what reading its slice gave: a Mach-O file, a static archive (offsets in the universal
     * file; its members are the source's bytes at those offsets), or the problem.
     */
    public record Slice(FatArch arch, Optional<MachOFile> file, Optional<FormatProblem> problem,
            Optional<ArchiveFile> archive) {
        public Slice(FatArch arch, Optional<MachOFile> file, Optional<FormatProblem> problem) {
            this(arch, file, problem, Optional.empty());
        }

        /** The slice header's cputype disagrees with the fat table's: a loader choosing by the table is misled. */
        public boolean archMismatch() {
            return file.map(f -> f.header().cputype() != arch.cputype()).orElse(false);
        }
    }
}

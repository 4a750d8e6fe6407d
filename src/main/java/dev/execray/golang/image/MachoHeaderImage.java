package dev.execray.golang.image;

import dev.execray.binary.BinaryFormatException;
import dev.execray.binary.ByteSource;
import dev.execray.binary.ExecutableImage;
import dev.execray.binary.FileFormat;
import dev.execray.binary.ImageSection;
import dev.execray.binary.ImageSegment;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Mach-O: header, LC_SEGMENT(_64) with their sections, LC_SYMTAB count, LC_LOAD_DYLIB names; fat files by first arch. */
final class MachoHeaderImage implements ExecutableImage {
    private static final int LC_SEGMENT = 0x1;
    private static final int LC_SYMTAB = 0x2;
    private static final int LC_LOAD_DYLIB = 0xc;
    private static final int LC_SEGMENT_64 = 0x19;

    private final ByteSource src;
    private final boolean is64;
    private final int cputype;
    private final int flags;
    private final List<ImageSection> sections;
    private final List<ImageSegment> segments;
    private final List<String> dylibs;
    private final boolean symtab;

    private MachoHeaderImage(ByteSource src, boolean is64, int cputype, int flags, List<ImageSection> sections,
            List<ImageSegment> segments, List<String> dylibs, boolean symtab) {
        this.src = src;
        this.is64 = is64;
        this.cputype = cputype;
        this.flags = flags;
        this.sections = sections;
        this.segments = segments;
        this.dylibs = dylibs;
        this.symtab = symtab;
    }

    /** The first architecture of a universal binary, as Go's debug/buildinfo reads it. */
    static MachoHeaderImage readFat(ByteSource raw, boolean fat64) {
        ByteSource s = raw.withOrder(ByteOrder.BIG_ENDIAN);
        long n = s.u32(4, "fat_header nfat_arch");
        if (n == 0) {
            throw new BinaryFormatException("fat_header", 4, "no architectures");
        }
        long off = fat64 ? s.u64(16, "fat_arch_64 offset") : s.u32(16, "fat_arch offset");
        long size = fat64 ? s.u64(24, "fat_arch_64 size") : s.u32(20, "fat_arch size");
        raw.check(off, size, "fat_arch slice");
        return read(raw.slice(off, size, "fat_arch slice"), 0, size);
    }

    static MachoHeaderImage read(ByteSource raw, long unusedBase, long unusedSize) {
        long m = raw.withOrder(ByteOrder.BIG_ENDIAN).u32(0, "mach_header magic");
        boolean le = m == 0xcefaedfeL || m == 0xcffaedfeL;
        boolean is64 = m == 0xfeedfacfL || m == 0xcffaedfeL;
        ByteSource s = raw.withOrder(le ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        int cputype = s.s32(4, "cputype");
        long ncmds = s.u32(16, "ncmds");
        long sizeofcmds = s.u32(20, "sizeofcmds");
        int flags = s.s32(24, "flags");
        long p = is64 ? 32 : 28;
        s.check(p, sizeofcmds, "load commands");
        long end = p + sizeofcmds;
        List<ImageSection> secs = new ArrayList<>();
        List<ImageSegment> segs = new ArrayList<>();
        List<String> libs = new ArrayList<>();
        boolean symtab = false;
        // bounded: each command advances by cmdsize >= 8 inside sizeofcmds
        for (long i = 0; i < ncmds && p + 8 <= end; i++) {
            long cmd = s.u32(p, "load command");
            long cmdsize = s.u32(p + 4, "cmdsize");
            if (cmdsize < 8 || p + cmdsize > end) {
                throw new BinaryFormatException("load command", p, "cmdsize " + cmdsize + " leaves the load commands");
            }
            if (cmd == LC_SEGMENT || cmd == LC_SEGMENT_64) {
                boolean s64 = cmd == LC_SEGMENT_64;
                int w = s64 ? 8 : 4;
                String segname = s.fixedString(p + 8, 16, "segname");
                long vmaddr = s.word(p + 24, w, "vmaddr");
                long vmsize = s.word(p + 24 + w, w, "vmsize");
                long fileoff = s.word(p + 24 + 2L * w, w, "fileoff");
                long filesize = s.word(p + 24 + 3L * w, w, "filesize");
                long q = p + 24 + 4L * w;
                int maxprot = s.s32(q, "maxprot");
                int initprot = s.s32(q + 4, "initprot");
                long nsects = s.u32(q + 8, "nsects");
                segs.add(new ImageSegment(segname, vmaddr, vmsize, fileoff, filesize, (initprot & 1) != 0,
                        (initprot & 2) != 0, (initprot & 4) != 0, (initprot & 0xff) | ((long) (maxprot & 0xff) << 8)));
                long sp = q + 16;
                int sectSize = s64 ? 80 : 68;
                int ns = s.checkTable(sp, nsects, sectSize, "section table");
                if (sp + (long) ns * sectSize > p + cmdsize) {
                    throw new BinaryFormatException("section table", sp, ns + " sections overflow their segment command");
                }
                for (int k = 0; k < ns; k++) {
                    long o = sp + (long) k * sectSize;
                    String name = s.fixedString(o, 16, "sectname");
                    long addr = s.word(o + 32, w, "section addr");
                    long size = s.word(o + 32 + w, w, "section size");
                    long off = s.u32(o + 32 + 2L * w, "section offset");
                    long sflags = s.u32(o + 32 + 2L * w + 16, "section flags");
                    int stype = (int) (sflags & 0xff);
                    boolean zerofill = stype == 1 || stype == 0xc || stype == 0x12;
                    secs.add(new ImageSection(name, addr, size, off, zerofill ? 0 : size));
                }
            } else if (cmd == LC_SYMTAB) {
                symtab = s.u32(p + 12, "nsyms") > 0;
            } else if (cmd == LC_LOAD_DYLIB) {
                long nameOff = s.u32(p + 8, "dylib name offset");
                if (nameOff < cmdsize) {
                    libs.add(s.cString(p + nameOff, p + cmdsize, "dylib name"));
                }
            }
            p += cmdsize;
        }
        return new MachoHeaderImage(s, is64, cputype, flags, List.copyOf(secs), List.copyOf(segs), List.copyOf(libs),
                symtab);
    }

    @Override
    public ByteSource source() {
        return src;
    }

    @Override
    public ByteOrder byteOrder() {
        return src.order();
    }

    @Override
    public int pointerSize() {
        return is64 ? 8 : 4;
    }

    @Override
    public List<ImageSection> sections() {
        return sections;
    }

    @Override
    public List<ImageSegment> loadSegments() {
        return segments;
    }

    @Override
    public Optional<Long> fileOffsetOf(long address) {
        for (ImageSegment seg : segments) {
            if (!seg.name().equals("__PAGEZERO") && seg.containsFileBackedAddress(address)) {
                return Optional.of(seg.fileOffset() + (address - seg.address()));
            }
        }
        return Optional.empty();
    }

    @Override
    public FileFormat format() {
        return FileFormat.MACHO;
    }

    @Override
    public String machine() {
        return switch (cputype) {
            case 7 -> "i386";
            case 0x01000007 -> "x86-64";
            case 12 -> "ARM";
            case 0x0100000c -> "ARM64";
            case 18 -> "PowerPC";
            case 0x01000012 -> "PowerPC64";
            default -> "cputype " + cputype;
        };
    }

    @Override
    public boolean positionIndependent() {
        return (flags & 0x200000) != 0; // MH_PIE
    }

    @Override
    public List<String> neededLibraries() {
        return dylibs;
    }

    @Override
    public boolean hasSymbolTable() {
        return symtab;
    }
}

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

/** ELF header, program headers, section headers and the dynamic table's DT_NEEDED; nothing more. */
final class ElfHeaderImage implements ExecutableImage {
    private static final int PT_LOAD = 1;
    private static final int PT_DYNAMIC = 2;
    private static final int PT_INTERP = 3;
    private static final int SHT_NOBITS = 8;
    private static final int SHT_SYMTAB = 2;

    private final ByteSource src;
    private final boolean is64;
    private final int type;
    private final int machine;
    private final List<ImageSection> sections;
    private final List<ImageSegment> segments;
    private final Optional<String> interp;
    private final List<String> needed;
    private final boolean symtab;

    private ElfHeaderImage(ByteSource src, boolean is64, int type, int machine, List<ImageSection> sections,
            List<ImageSegment> segments, Optional<String> interp, List<String> needed, boolean symtab) {
        this.src = src;
        this.is64 = is64;
        this.type = type;
        this.machine = machine;
        this.sections = sections;
        this.segments = segments;
        this.interp = interp;
        this.needed = needed;
        this.symtab = symtab;
    }

    static ElfHeaderImage read(ByteSource raw) {
        int cls = raw.u8(4, "e_ident[EI_CLASS]");
        int data = raw.u8(5, "e_ident[EI_DATA]");
        if (cls != 1 && cls != 2) {
            throw new BinaryFormatException("ELF header", 4, "EI_CLASS " + cls + " is neither ELFCLASS32 nor ELFCLASS64");
        }
        if (data != 1 && data != 2) {
            throw new BinaryFormatException("ELF header", 5, "EI_DATA " + data + " is neither LSB nor MSB");
        }
        ByteSource s = raw.withOrder(data == 1 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        boolean is64 = cls == 2;
        int w = is64 ? 8 : 4;
        int type = s.u16(16, "e_type");
        int machine = s.u16(18, "e_machine");
        long phoff = s.word(is64 ? 32 : 28, w, "e_phoff");
        long shoff = s.word(is64 ? 40 : 32, w, "e_shoff");
        int base = is64 ? 52 : 40;
        int phentsize = s.u16(base + 2, "e_phentsize");
        int phnum = s.u16(base + 4, "e_phnum");
        int shentsize = s.u16(base + 6, "e_shentsize");
        long shnum = s.u16(base + 8, "e_shnum");
        int shstrndx = s.u16(base + 10, "e_shstrndx");

        List<ImageSegment> segs = new ArrayList<>();
        Optional<String> interp = Optional.empty();
        long dynOff = -1;
        long dynSize = 0;
        if (phoff != 0 && phnum > 0) {
            if (phentsize < (is64 ? 56 : 32)) {
                throw new BinaryFormatException("program header table", phoff, "e_phentsize " + phentsize + " too small");
            }
            int n = s.checkTable(phoff, phnum, phentsize, "program header table");
            for (int i = 0; i < n; i++) {
                long o = phoff + (long) i * phentsize;
                int ptype = (int) s.u32(o, "p_type");
                long flags;
                long off;
                long vaddr;
                long filesz;
                long memsz;
                if (is64) {
                    flags = s.u32(o + 4, "p_flags");
                    off = s.u64(o + 8, "p_offset");
                    vaddr = s.u64(o + 16, "p_vaddr");
                    filesz = s.u64(o + 32, "p_filesz");
                    memsz = s.u64(o + 40, "p_memsz");
                } else {
                    off = s.u32(o + 4, "p_offset");
                    vaddr = s.u32(o + 8, "p_vaddr");
                    filesz = s.u32(o + 16, "p_filesz");
                    memsz = s.u32(o + 20, "p_memsz");
                    flags = s.u32(o + 24, "p_flags");
                }
                if (ptype == PT_LOAD) {
                    segs.add(new ImageSegment("LOAD", vaddr, memsz, off, filesz, (flags & 4) != 0, (flags & 2) != 0,
                            (flags & 1) != 0, flags));
                } else if (ptype == PT_INTERP && s.contains(off, filesz) && filesz > 0 && filesz < 4096) {
                    interp = Optional.of(s.cString(off, off + filesz, "PT_INTERP"));
                } else if (ptype == PT_DYNAMIC && s.contains(off, filesz)) {
                    dynOff = off;
                    dynSize = filesz;
                }
            }
        }

        List<ImageSection> secs = new ArrayList<>();
        boolean symtab = false;
        long dynstrOff = -1;
        long dynstrSize = 0;
        if (shoff != 0) {
            if (shentsize < (is64 ? 64 : 40)) {
                throw new BinaryFormatException("section header table", shoff, "e_shentsize " + shentsize + " too small");
            }
            if (shnum == 0) { // extended numbering: the real count is in section 0's sh_size
                shnum = s.word(shoff + (is64 ? 32 : 20), w, "section header 0 sh_size");
            }
            if (shstrndx == 0xffff) {
                shstrndx = (int) s.u32(shoff + (is64 ? 40 : 24), "section header 0 sh_link");
            }
            int n = s.checkTable(shoff, shnum, shentsize, "section header table");
            long strOff = -1;
            long strSize = 0;
            if (shstrndx < n) {
                long o = shoff + (long) shstrndx * shentsize;
                strOff = s.word(o + (is64 ? 24 : 16), w, "shstrtab sh_offset");
                strSize = s.word(o + (is64 ? 32 : 20), w, "shstrtab sh_size");
            }
            for (int i = 0; i < n; i++) {
                long o = shoff + (long) i * shentsize;
                long nameOff = s.u32(o, "sh_name");
                int stype = (int) s.u32(o + 4, "sh_type");
                long addr = s.word(o + (is64 ? 16 : 12), w, "sh_addr");
                long off = s.word(o + (is64 ? 24 : 16), w, "sh_offset");
                long size = s.word(o + (is64 ? 32 : 20), w, "sh_size");
                String name = "";
                if (strOff >= 0 && nameOff < strSize && s.contains(strOff, strSize)) {
                    name = s.cString(strOff + nameOff, strOff + strSize, "section name");
                }
                if (stype == SHT_SYMTAB && size > 0) {
                    symtab = true;
                }
                if (name.equals(".dynstr")) {
                    dynstrOff = off;
                    dynstrSize = size;
                }
                secs.add(new ImageSection(name, addr, size, off, stype == SHT_NOBITS ? 0 : size));
            }
        }
        List<String> needed = dynOff >= 0 ? neededLibraries(s, is64, dynOff, dynSize, dynstrOff, dynstrSize, segs)
                : List.of();
        return new ElfHeaderImage(s, is64, type, machine, List.copyOf(secs), List.copyOf(segs), interp, needed, symtab);
    }

    private static List<String> neededLibraries(ByteSource s, boolean is64, long off, long size, long strOff,
            long strSize, List<ImageSegment> segs) {
        int w = is64 ? 8 : 4;
        List<Long> offsets = new ArrayList<>();
        long strtabAddr = -1;
        long strsz = 0;
        // bounded by the segment size: at most size / (2*w) entries
        for (long p = off; p + 2L * w <= off + size; p += 2L * w) {
            long tag = s.word(p, w, "dynamic entry");
            long val = s.word(p + w, w, "dynamic entry");
            if (tag == 0) {
                break;
            } else if (tag == 1) {
                offsets.add(val);
            } else if (tag == 5) {
                strtabAddr = val;
            } else if (tag == 10) {
                strsz = val;
            }
        }
        if (strOff < 0 && strtabAddr >= 0) {
            for (ImageSegment seg : segs) {
                if (seg.containsFileBackedAddress(strtabAddr)) {
                    strOff = seg.fileOffset() + (strtabAddr - seg.address());
                    strSize = strsz;
                }
            }
        }
        List<String> out = new ArrayList<>();
        if (strOff < 0) {
            return out;
        }
        for (long o : offsets) {
            if (o >= 0 && o < strSize) {
                out.add(s.cString(strOff + o, strOff + strSize, "DT_NEEDED name"));
            }
        }
        return List.copyOf(out);
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
            if (seg.containsFileBackedAddress(address)) {
                return Optional.of(seg.fileOffset() + (address - seg.address()));
            }
        }
        return Optional.empty();
    }

    @Override
    public FileFormat format() {
        return FileFormat.ELF;
    }

    @Override
    public String machine() {
        return switch (machine) {
            case 3 -> "i386";
            case 8 -> "MIPS";
            case 20 -> "PowerPC";
            case 21 -> "PowerPC64";
            case 22 -> "S/390";
            case 40 -> "ARM";
            case 62 -> "x86-64";
            case 183 -> "AArch64";
            case 243 -> "RISC-V";
            case 258 -> "LoongArch";
            default -> "machine " + machine;
        };
    }

    @Override
    public boolean positionIndependent() {
        return type == 3; // ET_DYN
    }

    @Override
    public Optional<String> interpreter() {
        return interp;
    }

    @Override
    public List<String> neededLibraries() {
        return needed;
    }

    @Override
    public boolean hasSymbolTable() {
        return symtab;
    }
}

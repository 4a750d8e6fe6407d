package dev.execray.testing;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes small ELF files for tests, valid or deliberately broken: the one ELF writer of the tests, with its
 * own layouts written from the specification (not taken from the reader it tests). Two levels:
 *
 * <ul>
 * <li>section level ({@link #elf64()}, {@link #ElfBuilder(boolean, boolean)}), for the readers: sections
 * added with {@link #section}, a section table, and one PT_LOAD over the whole file at virtual address 0,
 * so every address equals its file offset (which keeps dynamic tags, holding addresses, easy to write).
 * Layout: ELF header, program headers, PT_INTERP's string, section contents in the order added,
 * .shstrtab, section headers.
 * <li>program-header level ({@link #x8664()}, {@link #of}, {@link #empty()}), for the kernel's and the
 * loader's checks: only the ELF header, the program headers given ({@link #load}, {@link #relro},
 * {@link #segment}) and PT_INTERP's string, in a file of {@link #totalSize} bytes (at least a page past
 * the headers, unless {@link #size} makes it exact); no section table.
 * </ul>
 *
 * <p>Program headers are written in this order: the whole-file PT_LOAD (section level), PT_INTERP, those given
 * with {@link #load}/{@link #relro}/{@link #segment}, PT_DYNAMIC ({@link #dynamicSegment}), PT_GNU_STACK
 * ({@link #gnuStack}), then those over sections ({@link #extraSegments}). The public fields and overrides
 * (-1: the right value) make broken files.
 */
public final class ElfBuilder {
    public static final int SHT_PROGBITS = 1;
    public static final int SHT_SYMTAB = 2;
    public static final int SHT_STRTAB = 3;
    public static final int SHT_DYNAMIC = 6;
    public static final int SHT_NOTE = 7;
    public static final int SHT_DYNSYM = 11;
    public static final int SHT_SYMTAB_SHNDX = 18;
    public static final int SHT_GNU_VERSYM = 0x6fffffff;
    public static final int SHT_GNU_VERNEED = 0x6ffffffe;
    public static final int SHT_GNU_VERDEF = 0x6ffffffd;

    public final boolean is64;
    public final ByteOrder order;
    /** Whether the file has a section table and the whole-file PT_LOAD (section level). */
    private final boolean sectionLevel;
    public int type = 3;
    public int machine = 62;
    public int osAbi = 0;
    public long entry = 0;
    /** e_ident[EI_CLASS] and e_ident[EI_DATA] as written, when not the file's own. */
    public int identClass = -1;
    public int identData = -1;
    private int phentsizeOverride = -1;
    private int phnumOverride = -1;

    public String interp;
    public boolean interpNulTerminated = true;
    /** PT_INTERP's p_filesz, when not the string's length. */
    public int interpFileszOverride = -1;
    public boolean gnuStack = true;
    public boolean stackExecutable;
    /** Whether a PT_DYNAMIC segment for the ".dynamic" section is written; set before computing offsets. */
    public boolean dynamicSegment;
    /** Program headers given as they are: {type, flags, offset, vaddr, filesz, memsz, align}. */
    public final List<long[]> segments = new ArrayList<>();
    /** Program headers over a section's bytes (section level): {type, flags, sectionIndex}. */
    public final List<long[]> extraSegments = new ArrayList<>();
    /** The file's size at least (program-header level), or exactly, after {@link #size}. */
    public int totalSize = 0;
    private boolean exactSize;

    private final List<Section> sections = new ArrayList<>();
    private final Map<String, Integer> byName = new LinkedHashMap<>();

    public record Section(String name, int type, long flags, byte[] content, int link, int info, long align,
            long entsize) {
    }

    /** A section-level file. */
    public ElfBuilder(boolean is64, boolean littleEndian) {
        this(is64, littleEndian ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN, true);
    }

    private ElfBuilder(boolean is64, ByteOrder order, boolean sectionLevel) {
        this.is64 = is64;
        this.order = order;
        this.sectionLevel = sectionLevel;
        sections.add(new Section("", 0, 0, new byte[0], 0, 0, 0, 0));
    }

    /** A section-level ELF64 little-endian file. */
    public static ElfBuilder elf64() {
        return new ElfBuilder(true, true);
    }

    /** A program-header-level x86-64 ET_DYN with no program header yet (and no PT_GNU_STACK), 16 KiB long. */
    public static ElfBuilder empty() {
        ElfBuilder e = new ElfBuilder(true, ByteOrder.LITTLE_ENDIAN, false);
        e.entry = 0x1000;
        e.gnuStack = false;
        e.totalSize = 0x4000;
        return e;
    }

    /** A program-header-level x86-64 ET_DYN: a text PT_LOAD, a data PT_LOAD, PT_GNU_STACK; 12 KiB long. */
    public static ElfBuilder x8664() {
        return of(64, 62, ByteOrder.LITTLE_ENDIAN);
    }

    /** {@link #x8664()}'s layout for another class, machine and byte order. */
    public static ElfBuilder of(int elfClass, int machine, ByteOrder order) {
        ElfBuilder e = new ElfBuilder(elfClass == 64, order, false);
        e.machine = machine;
        e.entry = 0x1000;
        e.totalSize = 0x3000;
        e.load(0, 0, 0x800, 0x800, 5, 0x1000);
        e.load(0x1000, 0x1000, 0x100, 0x200, 6, 0x1000);
        return e;
    }

    public ElfBuilder load(long offset, long vaddr, long filesz, long memsz, long pflags, long align) {
        segments.add(new long[] {1, pflags, offset, vaddr, filesz, memsz, align});
        return this;
    }

    /** PT_GNU_RELRO over [vaddr, vaddr + memsz). */
    public ElfBuilder relro(long vaddr, long memsz) {
        segments.add(new long[] {0x6474e552L, 4, 0, vaddr, memsz, memsz, 1});
        return this;
    }

    /** Any other program header, empty. */
    public ElfBuilder segment(long type, long pflags) {
        segments.add(new long[] {type, pflags, 0, 0, 0, 0, 0});
        return this;
    }

    /** The file is exactly this long; program headers that do not fit are left out (e_phnum still counts them). */
    public ElfBuilder size(int bytes) {
        totalSize = bytes;
        exactSize = true;
        return this;
    }

    /** e_phnum as written. */
    public ElfBuilder phnum(int n) {
        phnumOverride = n;
        return this;
    }

    /** e_phentsize as written; the program headers keep their own size. */
    public ElfBuilder phentsize(int n) {
        phentsizeOverride = n;
        return this;
    }

    public ElfBuilder interp(String path) {
        this.interp = path;
        return this;
    }

    public int word() {
        return is64 ? 8 : 4;
    }

    public int ehsize() {
        return is64 ? 64 : 52;
    }

    public int phentsize() {
        return is64 ? 56 : 32;
    }

    public int shentsize() {
        return is64 ? 64 : 40;
    }

    public int symsize() {
        return is64 ? 24 : 16;
    }

    /** Adds a section; returns its index. */
    public int section(String name, int type, long flags, byte[] content, int link, int info, long align,
            long entsize) {
        sections.add(new Section(name, type, flags, content, link, info, align, entsize));
        byName.put(name, sections.size() - 1);
        return sections.size() - 1;
    }

    public int index(String name) {
        return byName.get(name);
    }

    /** Index of the next section to be added. */
    public int next() {
        return sections.size();
    }

    public int programHeaderCount() {
        return (sectionLevel ? 1 : 0) + (interp != null ? 1 : 0) + segments.size() + (dynamicSegment ? 1 : 0)
                + (gnuStack ? 1 : 0) + extraSegments.size();
    }

    private byte[] interpBytes() {
        return (interpNulTerminated ? interp + "\0" : interp).getBytes(StandardCharsets.UTF_8);
    }

    private int interpLength() {
        return interp == null ? 0 : interpBytes().length;
    }

    public long contentOffset(int index) {
        long off = interpOffset() + interpLength();
        for (int i = 1; i < index; i++) {
            off = align(off, Math.max(1, sections.get(i).align)) + sections.get(i).content.length;
        }
        return align(off, Math.max(1, sections.get(index).align));
    }

    /** The file offset (and address) the INTERP string gets. */
    public long interpOffset() {
        return ehsize() + (long) programHeaderCount() * phentsize();
    }

    public static long align(long v, long a) {
        return (v + a - 1) / a * a;
    }

    public byte[] build() {
        long interpOff = interpOffset();
        // the section table (section level)
        StringTable shstr = new StringTable();
        int[] nameOff = new int[sections.size() + 1];
        long[] offs = new long[sections.size()];
        long shstrOff = 0;
        byte[] shstrBytes = new byte[0];
        long shoff = 0;
        int shnum = 0;
        long end;
        if (sectionLevel) {
            for (int i = 0; i < sections.size(); i++) {
                nameOff[i] = shstr.add(sections.get(i).name);
            }
            nameOff[sections.size()] = shstr.add(".shstrtab");
            shstrBytes = shstr.bytes();
            shstrOff = interpOff + interpLength();
            for (int i = 1; i < sections.size(); i++) {
                offs[i] = contentOffset(i);
                shstrOff = offs[i] + sections.get(i).content.length;
            }
            shoff = align(shstrOff + shstrBytes.length, 8);
            shnum = sections.size() + 1;
            end = shoff + (long) shnum * shentsize();
        } else {
            end = interpOff + 4096;
        }
        int total = exactSize ? Math.max(totalSize, ehsize()) : (int) Math.max(totalSize, end);
        ByteBuffer b = ByteBuffer.allocate(total).order(order);
        // e_ident
        b.put(new byte[] {0x7f, 'E', 'L', 'F'});
        b.put((byte) (identClass >= 0 ? identClass : is64 ? 2 : 1));
        b.put((byte) (identData >= 0 ? identData : order == ByteOrder.LITTLE_ENDIAN ? 1 : 2));
        b.put((byte) 1).put((byte) osAbi);
        b.position(16);
        b.putShort((short) type).putShort((short) machine).putInt(1);
        putWord(b, entry);
        putWord(b, ehsize());
        putWord(b, shoff);
        b.putInt(0).putShort((short) ehsize()).putShort((short) (phentsizeOverride >= 0 ? phentsizeOverride
                : phentsize())).putShort((short) (phnumOverride >= 0 ? phnumOverride : programHeaderCount()))
                .putShort((short) shentsize()).putShort((short) shnum).putShort((short) (sectionLevel ? shnum - 1 : 0));
        // program headers
        List<long[]> ph = new ArrayList<>();
        if (sectionLevel) {
            ph.add(new long[] {1, 5, 0, 0, total, total, 0x1000});
        }
        if (interp != null) {
            int len = interpLength();
            ph.add(new long[] {3, 4, interpOff, interpOff, interpFileszOverride >= 0 ? interpFileszOverride : len, len,
                1});
        }
        ph.addAll(segments);
        if (dynamicSegment) {
            int d = index(".dynamic");
            long len = sections.get(d).content.length;
            ph.add(new long[] {2, 6, offs[d], offs[d], len, len, word()});
        }
        if (gnuStack) {
            ph.add(new long[] {0x6474e551L, stackExecutable ? 7 : 6, 0, 0, 0, 0, 16});
        }
        for (long[] seg : extraSegments) {
            int s = (int) seg[2];
            long len = sections.get(s).content.length;
            ph.add(new long[] {seg[0], seg[1], offs[s], offs[s], len, len, Math.max(1, sections.get(s).align)});
        }
        for (int i = 0; i < ph.size(); i++) {
            int at = ehsize() + i * phentsize();
            if (at + phentsize() > total) {
                break;
            }
            b.position(at);
            long[] p = ph.get(i);
            phdr(b, p[0], p[1], p[2], p[3], p[4], p[5], p[6]);
        }
        if (interp != null && interpOff + interpLength() <= total) {
            b.position((int) interpOff);
            b.put(interpBytes());
        }
        if (sectionLevel) {
            for (int i = 1; i < sections.size(); i++) {
                b.position((int) offs[i]);
                b.put(sections.get(i).content);
            }
            b.position((int) shstrOff);
            b.put(shstrBytes);
            b.position((int) shoff);
            for (int i = 0; i < sections.size(); i++) {
                Section s = sections.get(i);
                shdr(b, i == 0 ? 0 : nameOff[i], s.type, s.flags, i == 0 ? 0 : offs[i], i == 0 ? 0 : offs[i],
                        s.content.length, s.link, s.info, s.align, s.entsize);
            }
            shdr(b, nameOff[sections.size()], 3, 0, 0, shstrOff, shstrBytes.length, 0, 0, 1, 0);
        }
        return b.array();
    }

    private void phdr(ByteBuffer b, long type, long flags, long off, long vaddr, long filesz, long memsz, long align) {
        if (is64) {
            b.putInt((int) type).putInt((int) flags).putLong(off).putLong(vaddr).putLong(vaddr).putLong(filesz)
                    .putLong(memsz).putLong(align);
        } else {
            b.putInt((int) type).putInt((int) off).putInt((int) vaddr).putInt((int) vaddr).putInt((int) filesz)
                    .putInt((int) memsz).putInt((int) flags).putInt((int) align);
        }
    }

    private void shdr(ByteBuffer b, int name, int type, long flags, long addr, long off, long size, int link, int info,
            long align, long entsize) {
        b.putInt(name).putInt(type);
        putWord(b, flags);
        putWord(b, addr);
        putWord(b, off);
        putWord(b, size);
        b.putInt(link).putInt(info);
        putWord(b, align);
        putWord(b, entsize);
    }

    private void putWord(ByteBuffer b, long v) {
        if (is64) {
            b.putLong(v);
        } else {
            b.putInt((int) v);
        }
    }

    // ------------------------------------------------------------------ content helpers

    /** A string table that hands out offsets; offset 0 is the empty string. */
    public static final class StringTable {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final Map<String, Integer> offsets = new LinkedHashMap<>();

        public StringTable() {
            out.write(0);
            offsets.put("", 0);
        }

        public int add(String s) {
            Integer o = offsets.get(s);
            if (o != null) {
                return o;
            }
            int at = out.size();
            out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
            out.write(0);
            offsets.put(s, at);
            return at;
        }

        public byte[] bytes() {
            return out.toByteArray();
        }
    }

    /** Writes values of the file's byte order and width into a growing buffer. */
    public final class Bytes {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        public Bytes u8(int v) {
            out.write(v);
            return this;
        }

        public Bytes u16(int v) {
            ByteBuffer b = ByteBuffer.allocate(2).order(order).putShort((short) v);
            out.writeBytes(b.array());
            return this;
        }

        public Bytes u32(long v) {
            ByteBuffer b = ByteBuffer.allocate(4).order(order).putInt((int) v);
            out.writeBytes(b.array());
            return this;
        }

        public Bytes u64(long v) {
            ByteBuffer b = ByteBuffer.allocate(8).order(order).putLong(v);
            out.writeBytes(b.array());
            return this;
        }

        public Bytes word(long v) {
            return is64 ? u64(v) : u32(v);
        }

        public Bytes raw(byte[] bytes) {
            out.writeBytes(bytes);
            return this;
        }

        public Bytes pad(int alignment) {
            while (out.size() % alignment != 0) {
                out.write(0);
            }
            return this;
        }

        public byte[] bytes() {
            return out.toByteArray();
        }
    }

    public Bytes bytes() {
        return new Bytes();
    }

    /** One symbol entry in the file's layout. */
    public Bytes symbol(Bytes b, long name, long value, long size, int info, int other, int shndx) {
        if (is64) {
            return b.u32(name).u8(info).u8(other).u16(shndx).u64(value).u64(size);
        }
        return b.u32(name).u32(value).u32(size).u8(info).u8(other).u16(shndx);
    }

    /** One note with 4-byte alignment. */
    public Bytes note(Bytes b, String name, int type, byte[] desc) {
        byte[] n = (name + "\0").getBytes(StandardCharsets.UTF_8);
        b.u32(n.length).u32(desc.length).u32(type).raw(n).pad(4).raw(desc).pad(4);
        return b;
    }

    // ------------------------------------------------------------------ patching a built file

    public static void put16(byte[] f, int off, int v, ByteOrder order) {
        ByteBuffer.wrap(f).order(order).putShort(off, (short) v);
    }

    public static void put32(byte[] f, int off, long v, ByteOrder order) {
        ByteBuffer.wrap(f).order(order).putInt(off, (int) v);
    }

    public static void put64(byte[] f, int off, long v, ByteOrder order) {
        ByteBuffer.wrap(f).order(order).putLong(off, v);
    }

    public void putWord(byte[] f, int off, long v) {
        if (is64) {
            put64(f, off, v, order);
        } else {
            put32(f, off, v, order);
        }
    }

    /** Offset of e_shoff, e_shnum, e_shstrndx, e_phnum in this class's header. */
    public int eShoff() {
        return is64 ? 40 : 32;
    }

    public int ePhnum() {
        return is64 ? 56 : 44;
    }

    public int eShnum() {
        return is64 ? 60 : 48;
    }

    public int eShstrndx() {
        return is64 ? 62 : 50;
    }

    public long shoff(byte[] f) {
        ByteBuffer b = ByteBuffer.wrap(f).order(order);
        return is64 ? b.getLong(eShoff()) : b.getInt(eShoff()) & 0xffffffffL;
    }

    /** File offset of section header {@code i} in a built file. */
    public int shdrOffset(byte[] f, int i) {
        return (int) (shoff(f) + (long) i * shentsize());
    }
}

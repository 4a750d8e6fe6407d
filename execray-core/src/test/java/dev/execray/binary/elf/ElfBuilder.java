package dev.execray.binary.elf;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes small ELF files for tests, valid or deliberately broken. The whole file is one PT_LOAD
 * segment at virtual address 0, so every address in it equals its file offset; that keeps dynamic
 * tags (which hold addresses) easy to write. Layout: ELF header, program headers, section contents
 * in the order added, .shstrtab, section headers.
 */
final class ElfBuilder {
    static final int SHT_PROGBITS = 1;
    static final int SHT_SYMTAB = 2;
    static final int SHT_STRTAB = 3;
    static final int SHT_DYNAMIC = 6;
    static final int SHT_NOTE = 7;
    static final int SHT_DYNSYM = 11;
    static final int SHT_SYMTAB_SHNDX = 18;
    static final int SHT_GNU_VERSYM = 0x6fffffff;
    static final int SHT_GNU_VERNEED = 0x6ffffffe;
    static final int SHT_GNU_VERDEF = 0x6ffffffd;

    final boolean is64;
    final ByteOrder order;
    int type = 3;
    int machine = 62;
    int osAbi = 0;
    String interp;
    boolean gnuStack = true;
    boolean stackExecutable;
    /** Whether a PT_DYNAMIC segment for the ".dynamic" section is written; set before computing offsets. */
    boolean dynamicSegment;
    /** Program headers added by tests beyond LOAD, INTERP, DYNAMIC, GNU_STACK: {type, flags, sectionIndex}. */
    final List<long[]> extraSegments = new ArrayList<>();

    private final List<Section> sections = new ArrayList<>();
    private final Map<String, Integer> byName = new LinkedHashMap<>();

    record Section(String name, int type, long flags, byte[] content, int link, int info, long align, long entsize) {
    }

    ElfBuilder(boolean is64, boolean littleEndian) {
        this.is64 = is64;
        this.order = littleEndian ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
        sections.add(new Section("", 0, 0, new byte[0], 0, 0, 0, 0));
    }

    static ElfBuilder elf64() {
        return new ElfBuilder(true, true);
    }

    int word() {
        return is64 ? 8 : 4;
    }

    int ehsize() {
        return is64 ? 64 : 52;
    }

    int phentsize() {
        return is64 ? 56 : 32;
    }

    int shentsize() {
        return is64 ? 64 : 40;
    }

    int symsize() {
        return is64 ? 24 : 16;
    }

    /** Adds a section; returns its index. */
    int section(String name, int type, long flags, byte[] content, int link, int info, long align, long entsize) {
        sections.add(new Section(name, type, flags, content, link, info, align, entsize));
        byName.put(name, sections.size() - 1);
        return sections.size() - 1;
    }

    int index(String name) {
        return byName.get(name);
    }

    /** Index of the next section to be added. */
    int next() {
        return sections.size();
    }

    int programHeaderCount() {
        int n = 1 + (interp != null ? 1 : 0) + (dynamicSegment ? 1 : 0) + (gnuStack ? 1 : 0);
        return n + extraSegments.size();
    }

    long contentOffset(int index) {
        long off = ehsize() + (long) programHeaderCount() * phentsize();
        if (interp != null) {
            off += interp.length() + 1;
        }
        for (int i = 1; i < index; i++) {
            off = align(off, Math.max(1, sections.get(i).align)) + sections.get(i).content.length;
        }
        return align(off, Math.max(1, sections.get(index).align));
    }

    /** The file offset (and address) the INTERP string gets. */
    long interpOffset() {
        return ehsize() + (long) programHeaderCount() * phentsize();
    }

    static long align(long v, long a) {
        return (v + a - 1) / a * a;
    }

    byte[] build() {
        StringTable shstr = new StringTable();
        int[] nameOff = new int[sections.size() + 1];
        for (int i = 0; i < sections.size(); i++) {
            nameOff[i] = shstr.add(sections.get(i).name);
        }
        nameOff[sections.size()] = shstr.add(".shstrtab");
        byte[] shstrBytes = shstr.bytes();
        long[] offs = new long[sections.size()];
        long end = interpOffset() + (interp != null ? interp.length() + 1 : 0);
        for (int i = 1; i < sections.size(); i++) {
            offs[i] = contentOffset(i);
            end = offs[i] + sections.get(i).content.length;
        }
        long shstrOff = end;
        long shoff = align(shstrOff + shstrBytes.length, 8);
        int shnum = sections.size() + 1;
        long total = shoff + (long) shnum * shentsize();
        ByteBuffer b = ByteBuffer.allocate((int) total).order(order);
        // e_ident
        b.put(new byte[] {0x7f, 'E', 'L', 'F', (byte) (is64 ? 2 : 1), (byte) (order == ByteOrder.LITTLE_ENDIAN ? 1 : 2),
            1, (byte) osAbi});
        b.position(16);
        b.putShort((short) type).putShort((short) machine).putInt(1);
        putWord(b, 0); // entry
        putWord(b, ehsize());
        putWord(b, shoff);
        b.putInt(0).putShort((short) ehsize()).putShort((short) phentsize()).putShort((short) programHeaderCount())
                .putShort((short) shentsize()).putShort((short) shnum).putShort((short) (shnum - 1));
        // program headers
        b.position(ehsize());
        phdr(b, 1, 5, 0, 0, total, total, 0x1000);
        if (interp != null) {
            phdr(b, 3, 4, interpOffset(), interpOffset(), interp.length() + 1, interp.length() + 1, 1);
        }
        if (dynamicSegment) {
            int d = index(".dynamic");
            long len = sections.get(d).content.length;
            phdr(b, 2, 6, offs[d], offs[d], len, len, word());
        }
        if (gnuStack) {
            phdr(b, 0x6474e551L, stackExecutable ? 7 : 6, 0, 0, 0, 0, 16);
        }
        for (long[] seg : extraSegments) {
            int s = (int) seg[2];
            long len = sections.get(s).content.length;
            phdr(b, seg[0], seg[1], offs[s], offs[s], len, len, Math.max(1, sections.get(s).align));
        }
        if (interp != null) {
            b.position((int) interpOffset());
            b.put(interp.getBytes(StandardCharsets.UTF_8)).put((byte) 0);
        }
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
    static final class StringTable {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final Map<String, Integer> offsets = new LinkedHashMap<>();

        StringTable() {
            out.write(0);
            offsets.put("", 0);
        }

        int add(String s) {
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

        byte[] bytes() {
            return out.toByteArray();
        }
    }

    /** Writes values of the file's byte order and width into a growing buffer. */
    final class Bytes {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Bytes u8(int v) {
            out.write(v);
            return this;
        }

        Bytes u16(int v) {
            ByteBuffer b = ByteBuffer.allocate(2).order(order).putShort((short) v);
            out.writeBytes(b.array());
            return this;
        }

        Bytes u32(long v) {
            ByteBuffer b = ByteBuffer.allocate(4).order(order).putInt((int) v);
            out.writeBytes(b.array());
            return this;
        }

        Bytes u64(long v) {
            ByteBuffer b = ByteBuffer.allocate(8).order(order).putLong(v);
            out.writeBytes(b.array());
            return this;
        }

        Bytes word(long v) {
            return is64 ? u64(v) : u32(v);
        }

        Bytes raw(byte[] bytes) {
            out.writeBytes(bytes);
            return this;
        }

        Bytes pad(int alignment) {
            while (out.size() % alignment != 0) {
                out.write(0);
            }
            return this;
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }

    Bytes bytes() {
        return new Bytes();
    }

    /** One symbol entry in the file's layout. */
    Bytes symbol(Bytes b, long name, long value, long size, int info, int other, int shndx) {
        if (is64) {
            return b.u32(name).u8(info).u8(other).u16(shndx).u64(value).u64(size);
        }
        return b.u32(name).u32(value).u32(size).u8(info).u8(other).u16(shndx);
    }

    /** One note with 4-byte alignment. */
    Bytes note(Bytes b, String name, int type, byte[] desc) {
        byte[] n = (name + "\0").getBytes(StandardCharsets.UTF_8);
        b.u32(n.length).u32(desc.length).u32(type).raw(n).pad(4).raw(desc).pad(4);
        return b;
    }

    // ------------------------------------------------------------------ patching a built file

    static void put16(byte[] f, int off, int v, ByteOrder order) {
        ByteBuffer.wrap(f).order(order).putShort(off, (short) v);
    }

    static void put32(byte[] f, int off, long v, ByteOrder order) {
        ByteBuffer.wrap(f).order(order).putInt(off, (int) v);
    }

    static void put64(byte[] f, int off, long v, ByteOrder order) {
        ByteBuffer.wrap(f).order(order).putLong(off, v);
    }

    void putWord(byte[] f, int off, long v) {
        if (is64) {
            put64(f, off, v, order);
        } else {
            put32(f, off, v, order);
        }
    }

    /** Offset of e_shoff, e_shnum, e_shstrndx, e_phnum in this class's header. */
    int eShoff() {
        return is64 ? 40 : 32;
    }

    int ePhnum() {
        return is64 ? 56 : 44;
    }

    int eShnum() {
        return is64 ? 60 : 48;
    }

    int eShstrndx() {
        return is64 ? 62 : 50;
    }

    long shoff(byte[] f) {
        ByteBuffer b = ByteBuffer.wrap(f).order(order);
        return is64 ? b.getLong(eShoff()) : b.getInt(eShoff()) & 0xffffffffL;
    }

    /** File offset of section header {@code i} in a built file. */
    int shdrOffset(byte[] f, int i) {
        return (int) (shoff(f) + (long) i * shentsize());
    }
}

package dev.execray.binary.macho;

import dev.execray.binary.ByteLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds Mach-O files for tests, command by command, in either byte order and word size, plus
 * universal files around them. Symbols, when given, are laid out after the load commands with
 * an LC_SYMTAB pointing at them.
 */
public final class MachOBuilder {
    public static final int LC_SEGMENT = 0x1;
    public static final int LC_SEGMENT_64 = 0x19;
    public static final int LC_LOAD_DYLIB = 0xc;
    public static final int LC_ID_DYLIB = 0xd;
    public static final int LC_LOAD_WEAK_DYLIB = 0x80000018;
    public static final int LC_REEXPORT_DYLIB = 0x8000001f;
    public static final int LC_LAZY_LOAD_DYLIB = 0x20;
    public static final int LC_LOAD_UPWARD_DYLIB = 0x80000023;
    public static final int LC_RPATH = 0x8000001c;
    public static final int LC_VERSION_MIN_MACOSX = 0x24;
    public static final int LC_VERSION_MIN_IPHONEOS = 0x25;
    public static final int LC_BUILD_VERSION = 0x32;
    public static final int LC_MAIN = 0x80000028;
    public static final int LC_UUID = 0x1b;
    public static final int LC_CODE_SIGNATURE = 0x1d;
    public static final int LC_DYLD_INFO_ONLY = 0x80000022;
    public static final int LC_DYLD_CHAINED_FIXUPS = 0x80000034;
    public static final int LC_ENCRYPTION_INFO_64 = 0x2c;
    public static final int LC_LOAD_DYLINKER = 0xe;

    /** A section inside a segment command. */
    public record Sect(String sectname, String segname, long addr, long size, long offset, long flags) {
    }

    /** A symbol table entry to write. */
    public record Sym(String name, int type, int sect, int desc, long value) {
    }

    private final boolean is64;
    private final boolean bigEndian;
    private int cputype;
    private int cpusubtype;
    private long filetype = 2;
    private long flags = 0x200085;
    private final List<byte[]> commands = new ArrayList<>();
    private List<Sym> symbols;
    private long ncmdsOverride = -1;
    private long fileSize;

    public MachOBuilder(boolean is64, boolean bigEndian) {
        this.is64 = is64;
        this.bigEndian = bigEndian;
        this.cputype = is64 ? 0x01000007 : 7;
        this.cpusubtype = 3;
    }

    public static MachOBuilder x86_64() {
        return new MachOBuilder(true, false);
    }

    public MachOBuilder cpu(int type, int subtype) {
        cputype = type;
        cpusubtype = subtype;
        return this;
    }

    public MachOBuilder filetype(long t) {
        filetype = t;
        return this;
    }

    public MachOBuilder flags(long f) {
        flags = f;
        return this;
    }

    /** Zero-pads the file to {@code size} bytes, for segments whose bytes must exist. */
    public MachOBuilder fileSize(long size) {
        fileSize = size;
        return this;
    }

    /** Claims {@code n} commands in the header whatever was added. */
    public MachOBuilder ncmds(long n) {
        ncmdsOverride = n;
        return this;
    }

    private ByteLayout layout() {
        return new ByteLayout(bigEndian);
    }

    private int align() {
        return is64 ? 8 : 4;
    }

    /** A command with its header; {@code body} is written after cmd and cmdsize and padded. */
    private MachOBuilder add(long cmd, ByteLayout body, int bodySize) {
        int size = roundUp(8 + bodySize, align());
        ByteLayout c = layout().u32(0, cmd).u32(4, size);
        c.bytes(8, java.util.Arrays.copyOf(body.toBytes(), bodySize));
        c.padTo(size);
        commands.add(c.toBytes());
        return this;
    }

    /** A raw command, cmdsize as given (for hostile tests), body zero-filled to {@code totalSize}. */
    public MachOBuilder rawCommand(long cmd, long cmdsize, int totalSize) {
        ByteLayout c = layout().u32(0, cmd).u32(4, cmdsize);
        c.padTo(totalSize);
        commands.add(c.toBytes());
        return this;
    }

    public MachOBuilder segment(String name, long vmaddr, long vmsize, long fileoff, long filesize, int maxprot,
            int initprot, Sect... sections) {
        ByteLayout b = layout();
        int sectSize = is64 ? 80 : 68;
        int p;
        b.fixed(0, name, 16);
        if (is64) {
            b.u64(16, vmaddr).u64(24, vmsize).u64(32, fileoff).u64(40, filesize);
            p = 48;
        } else {
            b.u32(16, vmaddr).u32(20, vmsize).u32(24, fileoff).u32(28, filesize);
            p = 32;
        }
        b.u32(p, maxprot).u32(p + 4, initprot).u32(p + 8, sections.length).u32(p + 12, 0);
        int head = p + 16;
        for (int i = 0; i < sections.length; i++) {
            Sect s = sections[i];
            long at = head + (long) i * sectSize;
            b.fixed(at, s.sectname(), 16).fixed(at + 16, s.segname(), 16);
            if (is64) {
                b.u64(at + 32, s.addr()).u64(at + 40, s.size()).u32(at + 48, s.offset()).u32(at + 52, 4)
                        .u32(at + 64, s.flags()).u32(at + 76, 0);
            } else {
                b.u32(at + 32, s.addr()).u32(at + 36, s.size()).u32(at + 40, s.offset()).u32(at + 44, 2)
                        .u32(at + 56, s.flags()).u32(at + 64, 0);
            }
        }
        return add(is64 ? LC_SEGMENT_64 : LC_SEGMENT, b, head + sections.length * sectSize);
    }

    public MachOBuilder dylib(long cmd, String name, long current, long compat) {
        ByteLayout b = layout().u32(0, 24).u32(4, 2).u32(8, current).u32(12, compat).cString(16, name);
        return add(cmd, b, 16 + name.length() + 1);
    }

    public MachOBuilder dylinker(String name) {
        ByteLayout b = layout().u32(0, 12).cString(4, name);
        return add(LC_LOAD_DYLINKER, b, 4 + name.length() + 1);
    }

    public MachOBuilder rpath(String path) {
        ByteLayout b = layout().u32(0, 12).cString(4, path);
        return add(LC_RPATH, b, 4 + path.length() + 1);
    }

    public MachOBuilder buildVersion(int platform, long minos, long sdk, long... toolVersionPairs) {
        ByteLayout b = layout().u32(0, platform).u32(4, minos).u32(8, sdk).u32(12, toolVersionPairs.length / 2);
        for (int i = 0; i < toolVersionPairs.length; i++) {
            b.u32(16 + 4L * i, toolVersionPairs[i]);
        }
        return add(LC_BUILD_VERSION, b, 16 + 4 * toolVersionPairs.length);
    }

    public MachOBuilder versionMin(long cmd, long version, long sdk) {
        return add(cmd, layout().u32(0, version).u32(4, sdk), 8);
    }

    public MachOBuilder main(long entryoff, long stacksize) {
        return add(LC_MAIN, layout().u64(0, entryoff).u64(8, stacksize), 16);
    }

    public MachOBuilder uuid(byte[] uuid16) {
        return add(LC_UUID, layout().bytes(0, uuid16), 16);
    }

    public MachOBuilder linkedit(long cmd, long dataoff, long datasize) {
        return add(cmd, layout().u32(0, dataoff).u32(4, datasize), 8);
    }

    public MachOBuilder dyldInfoOnly() {
        return add(LC_DYLD_INFO_ONLY, layout().padTo(40), 40);
    }

    public MachOBuilder encryption(long cryptoff, long cryptsize, long cryptid) {
        return add(LC_ENCRYPTION_INFO_64, layout().u32(0, cryptoff).u32(4, cryptsize).u32(8, cryptid).u32(12, 0), 16);
    }

    public MachOBuilder symbols(Sym... syms) {
        symbols = List.of(syms);
        return this;
    }

    public byte[] build() {
        int headerSize = is64 ? 32 : 28;
        List<byte[]> cmds = new ArrayList<>(commands);
        int symtabIndex = -1;
        if (symbols != null) {
            symtabIndex = cmds.size();
            cmds.add(new byte[24]); // placeholder, written below once offsets are known
        }
        long sizeofcmds = cmds.stream().mapToLong(c -> c.length).sum();
        ByteLayout f = layout();
        f.u32(0, is64 ? 0xfeedfacfL : 0xfeedfaceL).u32(4, cputype).u32(8, cpusubtype).u32(12, filetype)
                .u32(16, ncmdsOverride >= 0 ? ncmdsOverride : cmds.size()).u32(20, sizeofcmds).u32(24, flags);
        if (is64) {
            f.u32(28, 0);
        }
        long at = headerSize;
        long tables = roundUp((int) (headerSize + sizeofcmds), 8);
        for (int i = 0; i < cmds.size(); i++) {
            if (i == symtabIndex) {
                int entry = is64 ? 16 : 12;
                long symoff = tables;
                long stroff = symoff + (long) entry * symbols.size();
                ByteLayout strings = layout().u8(0, ' ').u8(1, 0);
                long strx = 2;
                for (int k = 0; k < symbols.size(); k++) {
                    Sym s = symbols.get(k);
                    long e = symoff + (long) k * entry;
                    f.u32(e, s.name().isEmpty() ? 0 : strx).u8(e + 4, s.type()).u8(e + 5, s.sect()).u16(e + 6, s.desc());
                    f.word(e + 8, s.value(), is64 ? 8 : 4);
                    if (!s.name().isEmpty()) {
                        strings.cString(strx, s.name());
                        strx += s.name().getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 1;
                    }
                }
                f.bytes(stroff, strings.toBytes());
                f.u32(at, 0x2).u32(at + 4, 24).u32(at + 8, symoff).u32(at + 12, symbols.size()).u32(at + 16, stroff)
                        .u32(at + 20, strings.size());
            } else {
                f.bytes(at, cmds.get(i));
            }
            at += cmds.get(i).length;
        }
        f.padTo(Math.max(Math.max(f.size(), at), fileSize));
        return f.toBytes();
    }

    /** A universal file holding {@code slices} (each a whole Mach-O file), 4 KiB aligned. */
    public static byte[] fat(boolean wide, byte[]... slices) {
        ByteLayout f = new ByteLayout(true);
        int entry = wide ? 32 : 20;
        f.u32(0, wide ? 0xcafebabfL : 0xcafebabeL).u32(4, slices.length);
        long offset = 0x1000;
        for (int i = 0; i < slices.length; i++) {
            java.nio.ByteOrder order = slices[i][0] == (byte) 0xfe ? java.nio.ByteOrder.BIG_ENDIAN
                    : java.nio.ByteOrder.LITTLE_ENDIAN;
            long cputype = java.nio.ByteBuffer.wrap(slices[i]).order(order).getInt(4);
            long subtype = java.nio.ByteBuffer.wrap(slices[i]).order(order).getInt(8);
            long a = 8 + (long) i * entry;
            f.u32(a, cputype).u32(a + 4, subtype);
            if (wide) {
                f.u64(a + 8, offset).u64(a + 16, slices[i].length).u32(a + 24, 12).u32(a + 28, 0);
            } else {
                f.u32(a + 8, offset).u32(a + 12, slices[i].length).u32(a + 16, 12);
            }
            f.bytes(offset, slices[i]);
            offset = roundUp((int) (offset + slices[i].length), 0x1000);
        }
        return f.toBytes();
    }

    private static int roundUp(int v, int a) {
        return (v + a - 1) / a * a;
    }
}

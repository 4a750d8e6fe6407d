package dev.execray.exec;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds small ELF files byte by byte for tests: valid ones with the layout a linker would produce,
 * and deliberately broken ones (wrong machine, bad entry sizes, misaligned segments, truncated).
 * Only the ELF header and program headers are written: that is all the kernel reads.
 */
public final class TestElf {
    int elfClass = 64;
    int identClass = -1;
    int identData = -1;
    ByteOrder order = ByteOrder.LITTLE_ENDIAN;
    int type = 3;
    int machine = 62;
    long flags = 0;
    long entry = 0x1000;
    int phentsize = -1;
    int phnumOverride = -1;
    long phoffOverride = -1;
    String interp;
    int interpFileszOverride = -1;
    boolean interpNulTerminated = true;
    /** Program headers after PT_INTERP, in order: {type, flags, offset, vaddr, filesz, memsz, align}. */
    final List<long[]> segments = new ArrayList<>();
    boolean exactSize;
    boolean gnuStack = true;
    int osabi = 0;
    int totalSize = 0x3000;

    /** An x86-64 ET_DYN with no program header yet (and no PT_GNU_STACK), 16 KiB long. */
    public static TestElf empty() {
        TestElf e = new TestElf();
        e.gnuStack = false;
        e.totalSize = 0x4000;
        return e;
    }

    public static TestElf x8664() {
        TestElf e = new TestElf();
        e.load(0, 0, 0x800, 0x800, 5, 0x1000);
        e.load(0x1000, 0x1000, 0x100, 0x200, 6, 0x1000);
        return e;
    }

    public static TestElf of(int elfClass, int machine, ByteOrder order) {
        TestElf e = x8664();
        e.elfClass = elfClass;
        e.machine = machine;
        e.order = order;
        return e;
    }

    public TestElf load(long offset, long vaddr, long filesz, long memsz, long pflags, long align) {
        segments.add(new long[] {1, pflags, offset, vaddr, filesz, memsz, align});
        return this;
    }

    /** PT_GNU_RELRO over [vaddr, vaddr + memsz). */
    public TestElf relro(long vaddr, long memsz) {
        segments.add(new long[] {0x6474e552L, 4, 0, vaddr, memsz, memsz, 1});
        return this;
    }

    /** Any other program header, empty. */
    public TestElf segment(long type, long pflags) {
        segments.add(new long[] {type, pflags, 0, 0, 0, 0, 0});
        return this;
    }

    /** The file is exactly this long; program headers that do not fit are left out (e_phnum still counts them). */
    public TestElf size(int bytes) {
        totalSize = bytes;
        exactSize = true;
        return this;
    }

    public TestElf phnum(int n) {
        phnumOverride = n;
        return this;
    }

    public TestElf phentsize(int n) {
        phentsize = n;
        return this;
    }

    public TestElf interp(String path) {
        this.interp = path;
        return this;
    }

    public byte[] build() {
        int ehsize = elfClass == 64 ? 64 : 52;
        int phsz = elfClass == 64 ? 56 : 32;
        List<long[]> ph = new ArrayList<>();
        byte[] interpBytes = interp == null ? null
                : (interpNulTerminated ? interp + "\0" : interp).getBytes(StandardCharsets.UTF_8);
        int nph = segments.size() + (interp != null ? 1 : 0) + (gnuStack ? 1 : 0);
        long phoff = phoffOverride >= 0 ? phoffOverride : ehsize;
        long interpOff = ehsize + (long) nph * phsz;
        if (interp != null) {
            ph.add(new long[] {3, 4, interpOff, interpOff,
                    interpFileszOverride >= 0 ? interpFileszOverride : interpBytes.length, interpBytes.length, 1});
        }
        ph.addAll(segments);
        if (gnuStack) {
            ph.add(new long[] {0x6474e551L, 6, 0, 0, 0, 0, 16});
        }
        ByteBuffer b = ByteBuffer.allocate(exactSize ? Math.max(totalSize, ehsize)
                : Math.max(totalSize, (int) interpOff + 4096)).order(order);
        b.put(new byte[] {0x7f, 'E', 'L', 'F'});
        b.put((byte) (identClass >= 0 ? identClass : elfClass == 64 ? 2 : 1));
        b.put((byte) (identData >= 0 ? identData : order == ByteOrder.LITTLE_ENDIAN ? 1 : 2));
        b.put((byte) 1);
        b.put((byte) osabi);
        b.position(16);
        b.putShort((short) type);
        b.putShort((short) machine);
        b.putInt(1);
        if (elfClass == 64) {
            b.putLong(entry);
            b.putLong(phoff);
            b.putLong(0);
            b.putInt((int) flags);
            b.putShort((short) ehsize);
            b.putShort((short) (phentsize >= 0 ? phentsize : phsz));
            b.putShort((short) (phnumOverride >= 0 ? phnumOverride : ph.size()));
            b.putShort((short) 64);
            b.putShort((short) 0);
            b.putShort((short) 0);
        } else {
            b.putInt((int) entry);
            b.putInt((int) phoff);
            b.putInt(0);
            b.putInt((int) flags);
            b.putShort((short) ehsize);
            b.putShort((short) (phentsize >= 0 ? phentsize : phsz));
            b.putShort((short) (phnumOverride >= 0 ? phnumOverride : ph.size()));
            b.putShort((short) 40);
            b.putShort((short) 0);
            b.putShort((short) 0);
        }
        for (int i = 0; i < ph.size(); i++) {
            long[] p = ph.get(i);
            int at = (int) (ehsize + (long) i * phsz);
            if (at + phsz > b.capacity()) {
                break;
            }
            b.position(at);
            if (elfClass == 64) {
                b.putInt((int) p[0]).putInt((int) p[1]).putLong(p[2]).putLong(p[3]).putLong(p[3]).putLong(p[4])
                        .putLong(p[5]).putLong(p[6]);
            } else {
                b.putInt((int) p[0]).putInt((int) p[2]).putInt((int) p[3]).putInt((int) p[3]).putInt((int) p[4])
                        .putInt((int) p[5]).putInt((int) p[1]).putInt((int) p[6]);
            }
        }
        if (interp != null && interpOff + interpBytes.length <= b.capacity()) {
            b.position((int) interpOff);
            b.put(interpBytes);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(b.array(), 0, b.capacity());
        return out.toByteArray();
    }
}

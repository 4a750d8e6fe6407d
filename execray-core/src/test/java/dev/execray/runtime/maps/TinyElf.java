package dev.execray.runtime.maps;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/** Builds small ELF64 little-endian files with chosen program headers, valid or deliberately broken. */
final class TinyElf {
    record Phdr(long type, long flags, long offset, long vaddr, long filesz, long memsz) {
    }

    private final List<Phdr> phdrs = new ArrayList<>();
    private int size = 0x4000;
    private int phnumOverride = -1;
    private int phentsizeOverride = -1;

    TinyElf load(long flags, long offset, long vaddr, long filesz, long memsz) {
        phdrs.add(new Phdr(1, flags, offset, vaddr, filesz, memsz));
        return this;
    }

    TinyElf relro(long vaddr, long memsz) {
        phdrs.add(new Phdr(0x6474e552L, 4, 0, vaddr, memsz, memsz));
        return this;
    }

    TinyElf other(long type) {
        phdrs.add(new Phdr(type, 4, 0, 0, 0, 0));
        return this;
    }

    TinyElf size(int bytes) {
        size = bytes;
        return this;
    }

    TinyElf phnum(int n) {
        phnumOverride = n;
        return this;
    }

    TinyElf phentsize(int n) {
        phentsizeOverride = n;
        return this;
    }

    byte[] bytes() {
        ByteBuffer b = ByteBuffer.allocate(Math.max(size, 64)).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0});
        b.putShort(16, (short) 3); // ET_DYN
        b.putShort(18, (short) 62); // EM_X86_64
        b.putInt(20, 1);
        b.putLong(32, 64); // e_phoff
        b.putShort(52, (short) 64);
        b.putShort(54, (short) (phentsizeOverride >= 0 ? phentsizeOverride : 56));
        b.putShort(56, (short) (phnumOverride >= 0 ? phnumOverride : phdrs.size()));
        for (int i = 0; i < phdrs.size(); i++) {
            int at = 64 + i * 56;
            if (at + 56 > b.capacity()) {
                break;
            }
            Phdr p = phdrs.get(i);
            b.putInt(at, (int) p.type());
            b.putInt(at + 4, (int) p.flags());
            b.putLong(at + 8, p.offset());
            b.putLong(at + 16, p.vaddr());
            b.putLong(at + 24, p.vaddr());
            b.putLong(at + 32, p.filesz());
            b.putLong(at + 40, p.memsz());
            b.putLong(at + 48, 0x1000);
        }
        return b.array();
    }
}

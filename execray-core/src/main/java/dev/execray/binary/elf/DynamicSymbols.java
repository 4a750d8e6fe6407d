package dev.execray.binary.elf;

import dev.execray.binary.BinaryFormatException;
import dev.execray.binary.ByteSource;
import dev.execray.binary.FormatProblem;
import java.util.List;
import java.util.Optional;

/**
 * How many dynamic symbols there are when no section header says so: the dynamic section gives
 * DT_SYMTAB but no size, so the count comes from the hash tables, as the loader's own lookups bound
 * it: DT_HASH's nchain, or the highest symbol index reachable in DT_GNU_HASH's buckets and chains.
 */
final class DynamicSymbols {
    private DynamicSymbols() {
    }

    static long countFromHash(ElfFile elf, DynamicSection dynamic, List<FormatProblem> problems) {
        long count = 0;
        ByteSource src = elf.source();
        if (dynamic.has(DynamicTag.HASH)) {
            long addr = dynamic.value(DynamicTag.HASH).getAsLong();
            // 64-bit Alpha and s390 use 8-byte hash entries
            int machine = elf.machineValue();
            int ent = elf.header().is64() && (machine == ElfMachine.ALPHA.value() || machine == ElfMachine.S390.value()
                    || machine == ElfMachine.S390_OLD.value()) ? 8 : 4;
            Optional<Long> off = elf.fileOffsetOf(addr, 2L * ent);
            if (off.isPresent()) {
                try {
                    // a PT_LOAD may claim more file bytes than the file has
                    count = src.word(off.get() + ent, ent, "DT_HASH");
                } catch (BinaryFormatException e) {
                    problems.add(FormatProblem.of(e));
                }
            } else {
                problems.add(FormatProblem.of(unmapped("DT_HASH", addr)));
            }
        }
        if (dynamic.has(DynamicTag.GNU_HASH)) {
            try {
                count = Math.max(count, gnuHashCount(elf, dynamic.value(DynamicTag.GNU_HASH).getAsLong()));
            } catch (BinaryFormatException e) {
                problems.add(FormatProblem.of(e));
            }
        }
        return count;
    }

    /**
     * The number of symbols covered by a GNU hash table: one past the last symbol of the longest
     * reachable chain. Chains run forward only and end at a value with bit 0 set; the walk is bounded
     * by the end of the file, so a table without terminators cannot loop.
     */
    static long gnuHashCount(ElfFile elf, long addr) {
        ByteSource src = elf.source();
        long off = elf.fileOffsetOf(addr, 16).orElseThrow(() -> unmapped("DT_GNU_HASH", addr));
        long nbuckets = src.u32(off, "DT_GNU_HASH");
        long symoffset = src.u32(off + 4, "DT_GNU_HASH");
        long bloomWords = src.u32(off + 8, "DT_GNU_HASH");
        long buckets = off + 16 + bloomWords * elf.wordSize();
        int n = src.checkTable(buckets, nbuckets, 4, "DT_GNU_HASH buckets");
        long max = -1;
        for (int i = 0; i < n; i++) {
            long b = src.u32(buckets + 4L * i, "DT_GNU_HASH buckets");
            if (b != 0) {
                if (b < symoffset) {
                    throw new BinaryFormatException("DT_GNU_HASH buckets", buckets + 4L * i,
                            "bucket " + i + " starts at symbol " + b + ", below symoffset " + symoffset);
                }
                max = Math.max(max, b);
            }
        }
        if (max < 0) {
            return symoffset;
        }
        long chains = buckets + 4L * n;
        long idx = max;
        while (true) {
            long at = chains + 4 * (idx - symoffset);
            if (!src.contains(at, 4)) {
                throw new BinaryFormatException("DT_GNU_HASH chains", at,
                        "chain from symbol " + max + " runs past the end of the file without a terminator");
            }
            long v = src.u32(at, "DT_GNU_HASH chains");
            if ((v & 1) != 0) {
                return idx + 1;
            }
            idx++;
        }
    }

    static BinaryFormatException unmapped(String what, long addr) {
        return new BinaryFormatException(what, addr,
                "address 0x" + Long.toHexString(addr) + " is not held in the file by any PT_LOAD segment");
    }
}

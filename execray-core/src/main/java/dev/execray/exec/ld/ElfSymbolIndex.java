package dev.execray.exec.ld;

import dev.execray.binary.BinaryFormatException;
import dev.execray.binary.ByteSource;
import dev.execray.binary.elf.DynamicTag;
import dev.execray.binary.elf.ElfField;
import dev.execray.binary.elf.ElfFile;
import dev.execray.binary.elf.ElfMachine;
import dev.execray.binary.elf.Symbol;
import dev.execray.binary.elf.SymbolBinding;
import dev.execray.binary.elf.SymbolType;
import dev.execray.binary.elf.SymbolVisibility;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Dynamic symbols read in place, the way the loaders use them: lookups go through the object's own
 * DT_GNU_HASH (bloom filter, buckets, chains) or DT_HASH table, so a library with 50,000 symbols costs
 * nothing until a name is asked for, and nothing is copied. The undefined references and how relocations
 * use them (DT_JMPREL slots bound lazily, everything else at startup) are read once, on first use.
 * Every read is bounded by the file; a table that does not fit is reported and treated as empty.
 */
final class ElfSymbolIndex implements SymbolIndex {
    /** The symbol types glibc's check_match accepts (ALLOWED_STT), as a bit set of st_info's type. */
    private static final int GLIBC_TYPES = typeSet(SymbolType.NOTYPE, SymbolType.OBJECT, SymbolType.FUNC,
            SymbolType.COMMON, SymbolType.TLS, SymbolType.GNU_IFUNC);
    /** musl's OK_TYPES: the same without IFUNC. */
    private static final int MUSL_TYPES = typeSet(SymbolType.NOTYPE, SymbolType.OBJECT, SymbolType.FUNC,
            SymbolType.COMMON, SymbolType.TLS);
    /** Enough for any real table; a larger count is a corrupt file. */
    static final int MAX_SYMBOLS = 1 << 24;

    private final ElfFile elf;
    private final LoaderDynamic dynamic;
    private final boolean program;
    private final ByteSource src;
    private final boolean is64;
    private final int syment;
    // Elf_Sym field offsets of the file's class, taken once: the lookups read them for every candidate
    private final int stNameAt;
    private final int stInfoAt;
    private final int stOtherAt;
    private final int stShndxAt;
    private final int stValueAt;
    private final int pltRelocType;
    private final int copyRelocType;
    private final List<String> problems;
    private long symtab = -1;
    private long strtab = -1;
    private long strsz;
    private long versym = -1;
    private int count;
    // DT_GNU_HASH
    private long gnuOff = -1;
    private int gnuBuckets;
    private int gnuSymOffset;
    private int gnuBloomSize;
    private int gnuBloomShift;
    private long gnuBloom;
    private long gnuBucketTable;
    private long gnuChains;
    // DT_HASH
    private long sysvOff = -1;
    private int sysvBuckets;
    private int sysvChains;
    // l_versions: the version name and hash for each versym index
    private final String[] versionNames;
    private final long[] versionHashes;
    private final List<VersionRef> versionRefs;
    private List<Reference> references;

    /**
     * @param program whether the file is an executable (only executables have copy relocations, so only
     *                their relocations are read before any reference is found unbound)
     */
    ElfSymbolIndex(ElfFile elf, LoaderDynamic dynamic, List<DynamicObject.VersionRequirement> requirements,
                   List<DynamicObject.VersionDefinition> definitions, int pltRelocType, int copyRelocType,
                   boolean program, List<String> problems) {
        this.elf = elf;
        this.program = program;
        this.dynamic = dynamic;
        this.src = elf.source().withOrder(elf.byteOrder());
        this.is64 = elf.header().is64();
        this.syment = ElfField.Struct.SYM.size(is64);
        this.stNameAt = ElfField.ST_NAME.offset(is64);
        this.stInfoAt = ElfField.ST_INFO.offset(is64);
        this.stOtherAt = ElfField.ST_OTHER.offset(is64);
        this.stShndxAt = ElfField.ST_SHNDX.offset(is64);
        this.stValueAt = ElfField.ST_VALUE.offset(is64);
        this.pltRelocType = pltRelocType;
        this.copyRelocType = copyRelocType;
        this.problems = problems;
        int maxIndex = 1;
        for (DynamicObject.VersionRequirement r : requirements) {
            maxIndex = Math.max(maxIndex, r.index() & 0x7fff);
        }
        for (DynamicObject.VersionDefinition d : definitions) {
            maxIndex = Math.max(maxIndex, d.index() & 0x7fff);
        }
        versionNames = new String[maxIndex + 1];
        versionHashes = new long[maxIndex + 1];
        List<VersionRef> refs = new ArrayList<>(Collections.nCopies(maxIndex + 1, (VersionRef) null));
        for (DynamicObject.VersionRequirement r : requirements) {
            int ndx = r.index() & 0x7fff;
            versionNames[ndx] = r.version();
            versionHashes[ndx] = r.hash();
            refs.set(ndx, new VersionRef(r.version(), r.hash(), (r.index() & 0x8000) != 0, r.file(), ndx));
        }
        for (DynamicObject.VersionDefinition d : definitions) {
            // the base entry names the file itself and is not a version symbols can have
            if (!d.base()) {
                int ndx = d.index() & 0x7fff;
                versionNames[ndx] = d.name();
                versionHashes[ndx] = d.hash();
            }
        }
        this.versionRefs = refs;
        try {
            locateTables();
        } catch (BinaryFormatException e) {
            problems.add(e.getMessage());
            symtab = -1;
            gnuOff = -1;
            sysvOff = -1;
            count = 0;
        }
    }

    private void locateTables() {
        symtab = dynamic.offsetOf(DynamicTag.SYMTAB);
        strtab = dynamic.strtabOffset();
        strsz = dynamic.strtabSize();
        versym = dynamic.offsetOf(DynamicTag.VERSYM);
        long gnu = dynamic.offsetOf(DynamicTag.GNU_HASH);
        if (gnu >= 0) {
            int w = is64 ? 8 : 4;
            int nb = (int) Math.min(ElfField.GH_NBUCKETS.read(src, gnu, is64, "DT_GNU_HASH"), Integer.MAX_VALUE);
            int so = (int) Math.min(ElfField.GH_SYMOFFSET.read(src, gnu, is64, "DT_GNU_HASH"), Integer.MAX_VALUE);
            int bs = (int) Math.min(ElfField.GH_BLOOM_SIZE.read(src, gnu, is64, "DT_GNU_HASH"), Integer.MAX_VALUE);
            int sh = (int) ElfField.GH_BLOOM_SHIFT.read(src, gnu, is64, "DT_GNU_HASH");
            long bloom = gnu + ElfField.Struct.GNU_HASH.size(is64);
            src.checkTable(bloom, bs, w, "DT_GNU_HASH bloom filter");
            long buckets = bloom + (long) bs * w;
            src.checkTable(buckets, nb, 4, "DT_GNU_HASH buckets");
            if (nb > 0 && bs > 0 && Integer.bitCount(bs) == 1) {
                gnuOff = gnu;
                gnuBuckets = nb;
                gnuSymOffset = so;
                gnuBloomSize = bs;
                gnuBloomShift = sh;
                gnuBloom = bloom;
                gnuBucketTable = buckets;
                gnuChains = buckets + 4L * nb;
            }
        }
        long sysv = dynamic.offsetOf(DynamicTag.HASH);
        int ent = elf.header().is64() && isS390OrAlpha() ? 8 : 4;
        if (sysv >= 0 && ent == 4) {
            int nb = (int) Math.min(ElfField.H_NBUCKET.read(src, sysv, is64, "DT_HASH"), Integer.MAX_VALUE);
            int nc = (int) Math.min(ElfField.H_NCHAIN.read(src, sysv, is64, "DT_HASH"), Integer.MAX_VALUE);
            src.checkTable(sysv + ElfField.Struct.HASH.size(is64), (long) nb + nc, 4, "DT_HASH");
            if (nb > 0) {
                sysvOff = sysv;
                sysvBuckets = nb;
                sysvChains = nc;
            }
        }
        // without DT_SYMTAB in the file there are no symbols, whatever a hash table claims; a count read from a
        // hash table (DT_GNU_HASH's symoffset can say 2^31) is only believed as far as the symbol table fits
        count = symtab < 0 ? 0 : symbolCount();
        if (symtab >= 0) {
            count = src.checkTable(symtab, count, syment, "dynamic symbol table") == count ? count : 0;
        }
    }

    private boolean isS390OrAlpha() {
        var m = elf.header().machine();
        return m.is(ElfMachine.S390) || m.is(ElfMachine.ALPHA) || m.is(ElfMachine.S390_OLD);
    }

    /** The number of dynamic symbols, from the hash tables as the loaders bound it (no section headers). */
    private int symbolCount() {
        if (sysvOff >= 0) {
            return Math.min(sysvChains, MAX_SYMBOLS);
        }
        if (gnuOff >= 0) {
            long max = -1;
            for (int i = 0; i < gnuBuckets; i++) {
                max = Math.max(max, src.u32(gnuBucketTable + 4L * i, "DT_GNU_HASH buckets"));
            }
            if (max < gnuSymOffset) {
                return Math.min(gnuSymOffset, MAX_SYMBOLS);
            }
            long idx = max;
            while (idx < MAX_SYMBOLS) {
                long at = gnuChains + 4 * (idx - gnuSymOffset);
                if ((src.u32(at, "DT_GNU_HASH chains") & 1) != 0) {
                    return (int) idx + 1;
                }
                idx++;
            }
            throw new BinaryFormatException("DT_GNU_HASH chains", gnuChains, "no chain terminator");
        }
        return 0;
    }

    // ---- reading one symbol

    private long stName(int i) {
        return src.u32(symtab + (long) i * syment + stNameAt, "dynamic symbol");
    }

    private int stInfo(int i) {
        return src.u8(symtab + (long) i * syment + stInfoAt, "dynamic symbol");
    }

    private int stOther(int i) {
        return src.u8(symtab + (long) i * syment + stOtherAt, "dynamic symbol");
    }

    private int stShndx(int i) {
        return src.u16(symtab + (long) i * syment + stShndxAt, "dynamic symbol");
    }

    private long stValue(int i) {
        return is64 ? src.u64(symtab + (long) i * syment + stValueAt, "dynamic symbol")
                : src.u32(symtab + (long) i * syment + stValueAt, "dynamic symbol");
    }

    private int versymOf(int i) {
        return versym < 0 ? -1 : src.u16(versym + 2L * i, "versym");
    }

    private boolean nameEquals(int i, byte[] name) {
        long off = stName(i);
        return off < strsz && src.cStringEquals(strtab + off, name, strtab + strsz);
    }

    private byte[] nameBytes(int i) {
        long off = stName(i);
        if (off >= strsz) {
            return new byte[0];
        }
        long at = strtab + off;
        long end = strtab + strsz;
        long z = at;
        while (z < end && src.u8(z, "dynamic string") != 0) {
            z++;
        }
        return src.bytes(at, (int) (z - at), "dynamic string");
    }

    // ---- references

    @Override
    public List<Reference> references() {
        if (references == null) {
            List<Reference> out = new ArrayList<>();
            try {
                byte[] use = program ? uses() : null;
                // linkers put every symbol a GNU hash table does not cover (the undefined ones) before its
                // symoffset; only a program's copy-relocated definitions lie beyond
                int end = gnuOff >= 0 && !program ? Math.min(count, Math.max(gnuSymOffset, 1)) : count;
                for (int i = 1; i < end; i++) {
                    // undefined symbols, and defined ones a copy relocation fills from a library
                    if ((stShndx(i) != Symbol.SHN_UNDEF && (use == null || use[i] != 2)) || stName(i) == 0) {
                        continue;
                    }
                    int info = stInfo(i);
                    int bind = info >> 4;
                    if (bind == SymbolBinding.LOCAL.value()) {
                        continue;
                    }
                    Optional<VersionRef> v = Optional.empty();
                    int vs = versymOf(i);
                    if (vs >= 0) {
                        int ndx = vs & 0x7fff;
                        if (ndx >= 2 && ndx < versionRefs.size() && versionRefs.get(ndx) != null) {
                            VersionRef r = versionRefs.get(ndx);
                            v = Optional.of(new VersionRef(r.name(), r.hash(), (vs & 0x8000) != 0, r.file(), ndx));
                        }
                    }
                    Use u = use == null ? Use.UNKNOWN : useOf(use[i]);
                    out.add(new Reference(i, SymbolName.ofBytes(nameBytes(i)), bind == SymbolBinding.WEAK.value(), v, u,
                            (info & 0xf) == SymbolType.TLS.value()));
                }
            } catch (BinaryFormatException e) {
                problems.add(e.getMessage());
            }
            references = List.copyOf(out);
        }
        return references;
    }

    private byte[] uses;

    @Override
    public Use useOf(Reference r) {
        if (r.use() != Use.UNKNOWN) {
            return r.use();
        }
        try {
            byte[] u = uses();
            return r.index() < u.length ? useOf(u[r.index()]) : Use.NONE;
        } catch (BinaryFormatException e) {
            problems.add(e.getMessage());
            return Use.EAGER;
        }
    }

    private static Use useOf(byte b) {
        return switch (b) {
            case 1 -> Use.PLT;
            case 2 -> Use.COPY;
            case 3 -> Use.EAGER;
            default -> Use.NONE;
        };
    }

    private byte[] uses() {
        if (uses == null) {
            uses = relocationUses();
        }
        return uses;
    }

    /** Per symbol index: 0 unused, 1 PLT slot only, 2 copy relocation, 3 bound at startup. */
    private byte[] relocationUses() {
        byte[] use = new byte[count];
        long rela = DynamicTag.RELA.value();
        boolean pltRela = dynamic.value(DynamicTag.PLTREL).orElse(rela) == rela;
        scan(DynamicTag.JMPREL, DynamicTag.PLTRELSZ, pltRela, true, use);
        scan(DynamicTag.RELA, DynamicTag.RELASZ, true, false, use);
        scan(DynamicTag.REL, DynamicTag.RELSZ, false, false, use);
        return use;
    }

    private void scan(DynamicTag table, DynamicTag sizeTag, boolean rela, boolean plt, byte[] use) {
        long off = dynamic.offsetOf(table);
        long size = dynamic.value(sizeTag).orElse(0);
        if (off < 0 || size <= 0) {
            return;
        }
        int w = is64 ? 8 : 4;
        // an Elf_Rela is an Elf_Rel and one word of addend
        int ent = ElfField.Struct.REL.size(is64) + (rela ? w : 0);
        int n = src.checkTable(off, size / ent, ent, "relocation table");
        // ld -z combreloc puts the DT_RELACOUNT/DT_RELCOUNT relative relocations (no symbol) first
        int first = 0;
        if (!plt) {
            long relative = dynamic.value(rela ? DynamicTag.RELACOUNT : DynamicTag.RELCOUNT).orElse(0);
            first = (int) Math.max(0, Math.min(relative, n));
        }
        for (int k = first; k < n; k++) {
            long info = ElfField.R_INFO.read(src, off + (long) k * ent, is64, "relocation");
            int sym = (int) (is64 ? info >>> 32 : info >>> 8);
            int type = (int) (is64 ? info & 0xffffffffL : info & 0xff);
            if (sym <= 0 || sym >= use.length) {
                continue;
            }
            byte u;
            if (type == copyRelocType) {
                u = 2;
            } else if (plt && type == pltRelocType) {
                u = 1;
            } else {
                u = 3;
            }
            if (u > use[sym]) {
                use[sym] = u;
            }
        }
    }

    // ---- lookups

    private static final int NO = 0;
    private static final int MATCH = 1;
    private static final int OTHER_VERSION = 2;

    /**
     * Walks the symbols whose hash matches {@code name}: the GNU table (bloom filter first), else the SysV
     * table, else every symbol. {@code glibc} selects the check; returns the symbol chosen or -1. Written
     * as one loop without allocation: it runs for every reference of every object against every object
     * of a scope.
     */
    private int search(SymbolName name, Optional<VersionRef> version, boolean glibc) {
        if (symtab < 0 || count == 0) {
            return -1;
        }
        int versioned = -1;
        int numVersions = 0;
        if (gnuOff >= 0) {
            long h = Integer.toUnsignedLong(name.gnuHash());
            int bits = is64 ? 64 : 32;
            long wordAt = gnuBloom + (long) (bits / 8) * ((h / bits) % gnuBloomSize);
            long word = is64 ? src.u64(wordAt, "bloom") : src.u32(wordAt, "bloom");
            if (((word >>> (h % bits)) & (word >>> ((h >>> (gnuBloomShift & 31)) % bits)) & 1) == 0) {
                return -1;
            }
            long bucket = src.u32(gnuBucketTable + 4L * (h % gnuBuckets), "bucket");
            if (bucket == 0 || bucket < gnuSymOffset) {
                return -1;
            }
            for (long i = bucket; i < count; i++) {
                long at = gnuChains + 4 * (i - gnuSymOffset);
                if (!src.contains(at, 4)) {
                    break;
                }
                long v = src.u32(at, "chain");
                if (((v ^ h) >>> 1) == 0) {
                    int r = glibc ? glibcCheck((int) i, name, version) : muslCheck((int) i, name);
                    if (r == MATCH) {
                        return (int) i;
                    }
                    if (r == OTHER_VERSION && numVersions++ == 0) {
                        versioned = (int) i;
                    }
                }
                if ((v & 1) != 0) {
                    break;
                }
            }
        } else if (sysvOff >= 0) {
            long idx = src.u32(sysvOff + 8 + 4 * (name.elfHash() % sysvBuckets), "DT_HASH bucket");
            int steps = 0;
            while (idx != 0 && idx < count && idx < sysvChains && steps++ <= sysvChains) {
                int r = glibc ? glibcCheck((int) idx, name, version) : muslCheck((int) idx, name);
                if (r == MATCH) {
                    return (int) idx;
                }
                if (r == OTHER_VERSION && numVersions++ == 0) {
                    versioned = (int) idx;
                }
                idx = src.u32(sysvOff + 8 + 4L * sysvBuckets + 4 * idx, "DT_HASH chain");
            }
        } else {
            for (int i = 1; i < count; i++) {
                int r = glibc ? glibcCheck(i, name, version) : muslCheck(i, name);
                if (r == MATCH) {
                    return i;
                }
                if (r == OTHER_VERSION && numVersions++ == 0) {
                    versioned = i;
                }
            }
        }
        // glibc: exactly one default version of an unversioned request is taken, there is no ambiguity
        return glibc && version.isEmpty() && numVersions == 1 ? versioned : -1;
    }

    /** {@code check_match} for one symbol. */
    private int glibcCheck(int i, SymbolName name, Optional<VersionRef> version) {
        int info = stInfo(i);
        int stt = info & 0xf;
        int shndx = stShndx(i);
        if ((stValue(i) == 0 && shndx != Symbol.SHN_ABS && stt != SymbolType.TLS.value())
                || shndx == Symbol.SHN_UNDEF) {
            return NO;
        }
        if (((1 << stt) & GLIBC_TYPES) == 0 || !nameEquals(i, name.bytes())) {
            return NO;
        }
        int vs = versymOf(i);
        if (version.isPresent()) {
            if (vs >= 0) {
                int ndx = vs & 0x7fff;
                String vn = ndx < versionNames.length ? versionNames[ndx] : null;
                long vh = ndx < versionHashes.length ? versionHashes[ndx] : 0;
                VersionRef want = version.get();
                boolean same = vh == want.hash() && want.name().equals(vn);
                if (!same && (want.hidden() || vh != 0 || (vs & 0x8000) != 0)) {
                    return NO;
                }
            }
        } else if (vs >= 0 && (vs & 0x7fff) >= 3) {
            // not the base version: counted, used only if it is the single non-hidden one
            return (vs & 0x8000) == 0 ? OTHER_VERSION : NO;
        }
        return MATCH;
    }

    /** musl's lookup takes the first entry of the name that is not a hidden version. */
    private int muslCheck(int i, SymbolName name) {
        int vs = versymOf(i);
        if (vs >= 0 && (vs & 0x8000) != 0) {
            return NO;
        }
        return nameEquals(i, name.bytes()) ? MATCH : NO;
    }

    @Override
    public boolean hasVersionSymbols() {
        return versym >= 0;
    }

    @Override
    public Optional<Definition> lookupGlibc(SymbolName name, Optional<VersionRef> version) {
        int i = glibcDefinition(name, version);
        return i < 0 ? Optional.empty() : Optional.of(definition(i, name));
    }

    @Override
    public boolean definesGlibc(SymbolName name, Optional<VersionRef> version) {
        return glibcDefinition(name, version) >= 0;
    }

    private int glibcDefinition(SymbolName name, Optional<VersionRef> version) {
        try {
            int i = search(name, version, true);
            if (i < 0) {
                return -1;
            }
            int vis = stOther(i) & 3;
            int bind = stInfo(i) >> 4;
            // hidden and internal symbols bind locally; a local binding is no definition for others
            if (vis == SymbolVisibility.INTERNAL.value() || vis == SymbolVisibility.HIDDEN.value() || !exported(bind)) {
                return -1;
            }
            return i;
        } catch (BinaryFormatException e) {
            return -1;
        }
    }

    @Override
    public Optional<Definition> lookupMusl(SymbolName name, boolean needDefinition) {
        try {
            int i = search(name, Optional.empty(), false);
            if (i < 0) {
                return Optional.empty();
            }
            int info = stInfo(i);
            int stt = info & 0xf;
            int bind = info >> 4;
            if (stShndx(i) == Symbol.SHN_UNDEF && (needDefinition || stt == SymbolType.TLS.value())) {
                return Optional.empty();
            }
            if (stValue(i) == 0 && stt != SymbolType.TLS.value()) {
                return Optional.empty();
            }
            if (((1 << stt) & MUSL_TYPES) == 0 || !exported(bind)) {
                return Optional.empty();
            }
            return Optional.of(definition(i, name));
        } catch (BinaryFormatException e) {
            return Optional.empty();
        }
    }

    private Definition definition(int i, SymbolName name) {
        int vs = versymOf(i);
        Optional<String> v = Optional.empty();
        if (vs >= 0) {
            int ndx = vs & 0x7fff;
            if (ndx < versionNames.length && versionNames[ndx] != null) {
                v = Optional.of(versionNames[ndx]);
            }
        }
        return new Definition(name.text(), v, (stInfo(i) >> 4) == SymbolBinding.WEAK.value());
    }

    /** STB_GLOBAL, STB_WEAK or STB_GNU_UNIQUE: a binding other objects can bind to. */
    private static boolean exported(int bind) {
        return bind == SymbolBinding.GLOBAL.value() || bind == SymbolBinding.WEAK.value()
                || bind == SymbolBinding.GNU_UNIQUE.value();
    }

    private static int typeSet(SymbolType... types) {
        int set = 0;
        for (SymbolType t : types) {
            set |= 1 << t.value();
        }
        return set;
    }
}

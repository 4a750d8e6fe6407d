package dev.execray.binary.pe;

import dev.execray.binary.ByteLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Builds small, valid PE images for tests: a .text section and one data section holding whatever
 * tables were asked for (imports, delay imports, exports, a CodeView debug record), optionally
 * extra sections with long names and the COFF string table they need. {@link Built} tells where
 * each table landed so hostile-input tests can break exactly one field.
 */
public final class PeBuilder {
    public static final long TEXT_RVA = 0x1000;
    public static final long TEXT_OFFSET = 0x400;
    public static final long DATA_RVA = 0x2000;
    public static final long DATA_OFFSET = 0x600;

    /** An import lookup table entry to write. */
    public record Fn(String name, int hint, int ordinal) {
        public static Fn byName(String name, int hint) {
            return new Fn(name, hint, -1);
        }

        public static Fn byOrdinal(int ordinal) {
            return new Fn("", 0, ordinal);
        }
    }

    /** One export address table slot: named or not, code or forwarder, or an unused gap. */
    public record Exp(String name, String forwarder, boolean used) {
        public static Exp named(String name) {
            return new Exp(name, "", true);
        }

        public static Exp ordinalOnly() {
            return new Exp("", "", true);
        }

        public static Exp forwarded(String name, String target) {
            return new Exp(name, target, true);
        }

        public static Exp gap() {
            return new Exp("", "", false);
        }
    }

    private record Dll(String name, List<Fn> functions) {
    }

    private final boolean plus;
    private int machine;
    private int characteristics = 0x0022;
    private int subsystem = 3;
    private int[] subsystemVersion = {6, 0};
    private int[] osVersion = {6, 0};
    private int[] imageVersion = {0, 0};
    private int dllCharacteristics = 0x8160;
    private long imageBase;
    private final List<Dll> imports = new ArrayList<>();
    private final List<Dll> delayImports = new ArrayList<>();
    private String exportName;
    private long ordinalBase = 1;
    private List<Exp> exports;
    private byte[] guid;
    private int age;
    private String pdb;
    private final List<String> longSections = new ArrayList<>();
    private boolean importTerminator = true;
    private long certificateSize;
    private int dataPadding;
    private boolean delayVas;

    public PeBuilder(boolean pe32plus) {
        this.plus = pe32plus;
        this.machine = pe32plus ? 0x8664 : 0x14c;
        this.imageBase = pe32plus ? 0x140000000L : 0x400000L;
    }

    public PeBuilder machine(int m) {
        machine = m;
        return this;
    }

    public PeBuilder characteristics(int c) {
        characteristics = c;
        return this;
    }

    public PeBuilder subsystem(int s, int major, int minor) {
        subsystem = s;
        subsystemVersion = new int[] {major, minor};
        return this;
    }

    public PeBuilder osVersion(int major, int minor) {
        osVersion = new int[] {major, minor};
        return this;
    }

    public PeBuilder imageVersion(int major, int minor) {
        imageVersion = new int[] {major, minor};
        return this;
    }

    public PeBuilder dllCharacteristics(int d) {
        dllCharacteristics = d;
        return this;
    }

    public PeBuilder importDll(String name, Fn... functions) {
        imports.add(new Dll(name, List.of(functions)));
        return this;
    }

    public PeBuilder delayImportDll(String name, Fn... functions) {
        delayImports.add(new Dll(name, List.of(functions)));
        return this;
    }

    public PeBuilder exports(String dllName, long base, Exp... entries) {
        exportName = dllName;
        ordinalBase = base;
        exports = List.of(entries);
        return this;
    }

    public PeBuilder codeView(byte[] guid16, int age, String pdbPath) {
        guid = guid16;
        this.age = age;
        pdb = pdbPath;
        return this;
    }

    public PeBuilder longSection(String name) {
        longSections.add(name);
        return this;
    }

    /** Puts the import descriptors last in the data section, with no null descriptor after them. */
    public PeBuilder withoutImportTerminator() {
        importTerminator = false;
        return this;
    }

    /** Writes delay-load descriptors as old linkers did: attributes 0 and VAs instead of RVAs. */
    public PeBuilder delayImportsAsVas() {
        delayVas = true;
        return this;
    }

    /** Zero bytes appended to the data section, after every table. */
    public PeBuilder dataPadding(int bytes) {
        dataPadding = bytes;
        return this;
    }

    /** A certificate table of {@code size} bytes at the end of the file (contents not meaningful). */
    public PeBuilder certificate(long size) {
        certificateSize = size;
        return this;
    }

    /** The image, and where its parts are. */
    public record Built(byte[] bytes, long coffOffset, long optionalOffset, long sectionTableOffset,
            long importDirectoryRva, long delayImportDirectoryRva, long exportDirectoryRva, long debugDirectoryRva) {
        public static long offsetOfDataRva(long rva) {
            return rva - DATA_RVA + DATA_OFFSET;
        }
    }

    public Built build() {
        int w = plus ? 8 : 4;
        ByteLayout d = ByteLayout.littleEndian(); // the data section's contents, at DATA_RVA
        long[] cursor = {0};
        TreeMap<Integer, long[]> dirs = new TreeMap<>();

        long importRva = 0;
        if (!imports.isEmpty()) {
            List<long[]> descriptors = new ArrayList<>();
            for (Dll dll : imports) {
                long[] tables = writeDll(d, cursor, dll, w);
                descriptors.add(tables);
            }
            importRva = DATA_RVA + align(cursor, 4);
            for (int i = 0; i < descriptors.size(); i++) {
                long at = cursor[0] + 20L * i;
                long[] t = descriptors.get(i);
                d.u32(at, t[1]).u32(at + 4, 0).u32(at + 8, 0).u32(at + 12, t[0]).u32(at + 16, t[2]);
            }
            cursor[0] += 20L * descriptors.size();
            if (importTerminator) {
                d.padTo(cursor[0] + 20);
                cursor[0] += 20;
            }
            dirs.put(1, new long[] {importRva, 20L * (descriptors.size() + 1)});
        }
        long delayRva = 0;
        if (!delayImports.isEmpty() && importTerminator) {
            List<long[]> descriptors = new ArrayList<>();
            for (Dll dll : delayImports) {
                long[] t = writeDll(d, cursor, dll, w);
                long handle = DATA_RVA + align(cursor, 8);
                d.padTo(cursor[0] + 8);
                cursor[0] += 8;
                descriptors.add(new long[] {t[0], handle, t[2], t[1]});
            }
            delayRva = DATA_RVA + align(cursor, 4);
            for (int i = 0; i < descriptors.size(); i++) {
                long at = cursor[0] + 32L * i;
                long[] t = descriptors.get(i);
                long va = delayVas ? imageBase : 0;
                d.u32(at, delayVas ? 0 : 1).u32(at + 4, va + t[0]).u32(at + 8, va + t[1]).u32(at + 12, va + t[2])
                        .u32(at + 16, va + t[3]).u32(at + 20, 0).u32(at + 24, 0).u32(at + 28, 0);
            }
            cursor[0] += 32L * (descriptors.size() + 1);
            d.padTo(cursor[0]);
            dirs.put(13, new long[] {delayRva, 32L * (descriptors.size() + 1)});
        }
        long exportRva = 0;
        if (exports != null && importTerminator) {
            long start = align(cursor, 4);
            exportRva = DATA_RVA + start;
            cursor[0] += 40;
            long eat = cursor[0];
            cursor[0] += 4L * exports.size();
            TreeMap<String, Integer> names = new TreeMap<>();
            for (int i = 0; i < exports.size(); i++) {
                if (!exports.get(i).name().isEmpty()) {
                    names.put(exports.get(i).name(), i);
                }
            }
            long npt = cursor[0];
            cursor[0] += 4L * names.size();
            long ot = cursor[0];
            cursor[0] += 2L * names.size();
            long nameRva = DATA_RVA + cursor[0];
            d.cString(cursor[0], exportName);
            cursor[0] += exportName.length() + 1;
            int j = 0;
            for (var e : names.entrySet()) {
                d.u32(npt + 4L * j, DATA_RVA + cursor[0]).u16(ot + 2L * j, e.getValue());
                d.cString(cursor[0], e.getKey());
                cursor[0] += e.getKey().length() + 1;
                j++;
            }
            for (int i = 0; i < exports.size(); i++) {
                Exp e = exports.get(i);
                long rva = 0;
                if (!e.forwarder().isEmpty()) {
                    rva = DATA_RVA + cursor[0];
                    d.cString(cursor[0], e.forwarder());
                    cursor[0] += e.forwarder().length() + 1;
                } else if (e.used()) {
                    rva = TEXT_RVA + 16L * i;
                }
                d.u32(eat + 4L * i, rva);
            }
            d.u32(start + 12, nameRva).u32(start + 16, ordinalBase).u32(start + 20, exports.size())
                    .u32(start + 24, names.size()).u32(start + 28, DATA_RVA + eat).u32(start + 32, DATA_RVA + npt)
                    .u32(start + 36, DATA_RVA + ot);
            dirs.put(0, new long[] {exportRva, cursor[0] - start});
        }
        long debugRva = 0;
        if (guid != null && importTerminator) {
            long entry = align(cursor, 4);
            debugRva = DATA_RVA + entry;
            cursor[0] += 28;
            long rec = cursor[0];
            d.fixed(rec, "RSDS", 4).bytes(rec + 4, guid).u32(rec + 20, age).cString(rec + 24, pdb);
            long size = 24 + pdb.length() + 1;
            cursor[0] += size;
            d.u32(entry + 12, 2).u32(entry + 16, size).u32(entry + 20, DATA_RVA + rec)
                    .u32(entry + 24, DATA_OFFSET + rec);
            dirs.put(6, new long[] {debugRva, 28});
        }
        d.padTo(Math.max(cursor[0] + dataPadding, 1));
        long dataRaw = roundUp(d.size(), 0x200);

        // headers
        ByteLayout f = ByteLayout.littleEndian();
        f.u16(0, 0x5a4d).u32(0x3c, 0x40).u32(0x40, 0x00004550L);
        long coff = 0x44;
        int optSize = plus ? 240 : 224;
        int nsections = 2 + longSections.size();
        long opt = coff + 20;
        long table = opt + optSize;
        List<String> strings = new ArrayList<>();
        long stringTableSize = 4;
        for (String n : longSections) {
            strings.add(n);
            stringTableSize += n.length() + 1;
        }
        long longRva = roundUp(DATA_RVA + dataRaw, 0x1000);
        long longOffset = DATA_OFFSET + dataRaw;
        long stringTable = longOffset + 0x200L * longSections.size();
        long fileEnd = stringTable + (longSections.isEmpty() ? 0 : stringTableSize);
        long certOffset = roundUp(fileEnd, 8);
        if (certificateSize > 0) {
            dirs.put(4, new long[] {certOffset, certificateSize});
        }
        f.u16(coff, machine).u16(coff + 2, nsections).u32(coff + 4, 0x5f000000L)
                .u32(coff + 8, longSections.isEmpty() ? 0 : stringTable).u32(coff + 12, 0)
                .u16(coff + 16, optSize).u16(coff + 18, characteristics);
        f.u16(opt, plus ? 0x20b : 0x10b).u8(opt + 2, 14).u8(opt + 3, 29).u32(opt + 4, 0x200).u32(opt + 8, dataRaw)
                .u32(opt + 16, TEXT_RVA).u32(opt + 20, TEXT_RVA);
        if (plus) {
            f.u64(opt + 24, imageBase);
        } else {
            f.u32(opt + 24, DATA_RVA).u32(opt + 28, imageBase);
        }
        f.u32(opt + 32, 0x1000).u32(opt + 36, 0x200).u16(opt + 40, osVersion[0]).u16(opt + 42, osVersion[1])
                .u16(opt + 44, imageVersion[0]).u16(opt + 46, imageVersion[1]).u16(opt + 48, subsystemVersion[0])
                .u16(opt + 50, subsystemVersion[1]).u32(opt + 56, longRva + 0x1000L * longSections.size())
                .u32(opt + 60, 0x400).u16(opt + 68, subsystem).u16(opt + 70, dllCharacteristics);
        long stack = opt + 72;
        f.word(stack, 0x100000, w).word(stack + w, 0x1000, w).word(stack + 2L * w, 0x100000, w)
                .word(stack + 3L * w, 0x1000, w);
        long dirsAt = stack + 4L * w + 8;
        f.u32(stack + 4L * w + 4, 16);
        for (var e : dirs.entrySet()) {
            f.u32(dirsAt + 8L * e.getKey(), e.getValue()[0]).u32(dirsAt + 8L * e.getKey() + 4, e.getValue()[1]);
        }
        section(f, table, ".text", 0x100, TEXT_RVA, 0x200, TEXT_OFFSET, 0x60000020L);
        section(f, table + 40, ".rdata", d.size(), DATA_RVA, dataRaw, DATA_OFFSET, 0xC0000040L);
        long strOff = 4;
        for (int i = 0; i < longSections.size(); i++) {
            section(f, table + 40L * (2 + i), "/" + strOff, 0x100, longRva + 0x1000L * i, 0x200,
                    longOffset + 0x200L * i, 0x42100040L);
            strOff += longSections.get(i).length() + 1;
        }
        f.padTo(TEXT_OFFSET + 0x200);
        f.u8(TEXT_OFFSET, 0xc3);
        f.bytes(DATA_OFFSET, d.toBytes());
        f.padTo(DATA_OFFSET + dataRaw + 0x200L * longSections.size());
        if (!longSections.isEmpty()) {
            f.u32(stringTable, stringTableSize);
            long at = stringTable + 4;
            for (String s : strings) {
                f.cString(at, s);
                at += s.length() + 1;
            }
        }
        if (certificateSize > 0) {
            f.padTo(certOffset + certificateSize);
        }
        return new Built(f.toBytes(), coff, opt, table, importRva, delayRva, exportRva, debugRva);
    }

    /** Writes a DLL's name, hint/name entries and lookup + address tables; returns {nameRva, iltRva, iatRva}. */
    private static long[] writeDll(ByteLayout d, long[] cursor, Dll dll, int w) {
        long nameRva = DATA_RVA + cursor[0];
        d.cString(cursor[0], dll.name());
        cursor[0] += dll.name().length() + 1;
        List<Long> thunks = new ArrayList<>();
        for (Fn fn : dll.functions()) {
            if (fn.ordinal() >= 0) {
                thunks.add((w == 8 ? Long.MIN_VALUE : 0x80000000L) | fn.ordinal());
            } else {
                long at = align(cursor, 2);
                d.u16(at, fn.hint()).cString(at + 2, fn.name());
                cursor[0] += 2 + fn.name().length() + 1;
                thunks.add(DATA_RVA + at);
            }
        }
        long[] tables = new long[2];
        for (int k = 0; k < 2; k++) {
            long at = align(cursor, w);
            tables[k] = DATA_RVA + at;
            for (int i = 0; i < thunks.size(); i++) {
                d.word(at + (long) w * i, thunks.get(i), w);
            }
            d.word(at + (long) w * thunks.size(), 0, w);
            cursor[0] += (long) w * (thunks.size() + 1);
        }
        return new long[] {nameRva, tables[0], tables[1]};
    }

    private static void section(ByteLayout f, long at, String name, long vsize, long rva, long rawSize, long rawPtr,
            long characteristics) {
        f.fixed(at, name, 8).u32(at + 8, vsize).u32(at + 12, rva).u32(at + 16, rawSize).u32(at + 20, rawPtr)
                .u32(at + 36, characteristics);
    }

    private static long align(long[] cursor, int a) {
        cursor[0] = roundUp(cursor[0], a);
        return cursor[0];
    }

    private static long roundUp(long v, long a) {
        return (v + a - 1) / a * a;
    }
}

package dev.execray.hardening;

import dev.execray.binary.BinaryFile;
import dev.execray.binary.BinaryFormatException;
import dev.execray.binary.ByteSource;
import dev.execray.binary.elf.DynamicFlags;
import dev.execray.binary.elf.DynamicTag;
import dev.execray.binary.elf.ElfFile;
import dev.execray.binary.elf.ElfType;
import dev.execray.binary.elf.GnuProperty;
import dev.execray.binary.elf.ProgramHeader;
import dev.execray.binary.elf.SectionType;
import dev.execray.binary.elf.SegmentType;
import dev.execray.binary.elf.Symbol;
import dev.execray.binary.pe.DllCharacteristic;
import dev.execray.binary.pe.OptionalHeader;
import dev.execray.binary.pe.PeFile;
import dev.execray.binary.macho.LoadCommand;
import dev.execray.binary.macho.MachFileType;
import dev.execray.binary.macho.MachFlag;
import dev.execray.binary.macho.MachOFile;
import dev.execray.binary.macho.MachSymbol;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Hardening of a file already read: every answer comes from the reader's model (program headers, dynamic section,
 * symbol tables, GNU property notes, PE optional header). Nothing is parsed twice and nothing is executed.
 */
public final class HardeningCheck {
    private HardeningCheck() {
    }

    /** The hardening of any file the readers know; empty for scripts, unknown formats and fat files (per slice). */
    public static Optional<Hardening> of(BinaryFile bin, FortifyCatalogue libc) {
        if (bin instanceof BinaryFile.Elf e) {
            return Optional.of(elf(e.elf(), libc));
        }
        if (bin instanceof BinaryFile.Pe p) {
            return Optional.of(pe(p.pe()));
        }
        if (bin instanceof BinaryFile.MachO m) {
            return Optional.of(macho(m.macho()));
        }
        return Optional.empty();
    }

    public static Hardening.Elf elf(ElfFile elf, FortifyCatalogue libc) {
        boolean relroSegment = false;
        boolean gnuStack = false;
        boolean stackExec = false;
        boolean wx = false;
        for (ProgramHeader ph : elf.programHeaders()) {
            if (ph.type().is(SegmentType.GNU_RELRO)) {
                relroSegment = true;
            } else if (ph.type().is(SegmentType.GNU_STACK)) {
                gnuStack = true;
                stackExec |= ph.executable();
            } else if (ph.isLoad() && ph.writable() && ph.executable()) {
                wx = true;
            }
        }
        var dyn = elf.dynamic();
        Relro relro = !relroSegment ? Relro.NONE : dyn.bindNow() ? Relro.FULL : Relro.PARTIAL;

        Pie pie;
        if (elf.header().type().is(ElfType.EXEC)) {
            pie = Pie.NO;
        } else if (elf.header().type().is(ElfType.DYN)) {
            // linkers emit DT_DEBUG for executables only; DF_1_PIE is the modern marker
            pie = (dyn.flags1() & DynamicFlags.DF_1_PIE) != 0 || dyn.has(DynamicTag.DEBUG) ? Pie.PIE : Pie.DSO;
        } else if (elf.header().type().is(ElfType.REL)) {
            pie = Pie.REL;
        } else {
            pie = Pie.OTHER;
        }

        boolean canary = hasCanary(elf.dynamicSymbols()) || hasCanary(elf.symbols());
        Fortify fortify = fortify(elf.dynamicSymbols(), libc);

        boolean ibt = false;
        boolean shstk = false;
        int machine = (int) elf.header().machine().value();
        for (GnuProperty p : elf.gnuProperties()) {
            if (machine == 62 || machine == 3) { // x86-64, i386
                if (p.type() == GnuProperty.X86_FEATURE_1_AND) {
                    ibt |= (p.u32() & GnuProperty.X86_FEATURE_1_IBT) != 0;
                    shstk |= (p.u32() & GnuProperty.X86_FEATURE_1_SHSTK) != 0;
                }
            } else if (machine == 183 && p.type() == GnuProperty.AARCH64_FEATURE_1_AND) {
                ibt |= (p.u32() & GnuProperty.AARCH64_FEATURE_1_BTI) != 0;
                shstk |= (p.u32() & GnuProperty.AARCH64_FEATURE_1_PAC) != 0;
            }
        }
        boolean stripped = elf.sectionHeaders().stream().noneMatch(s -> s.type().is(SectionType.SYMTAB));
        List<String> risky = new ArrayList<>();
        for (String p : concat(dyn.rpath(), dyn.runpath())) {
            if (p.isEmpty() || (!p.startsWith("/") && !p.startsWith("$ORIGIN") && !p.startsWith("${ORIGIN}"))) {
                risky.add(p.isEmpty() ? "(empty: the current directory)" : p);
            }
        }
        return new Hardening.Elf(relro, canary, gnuStack && !stackExec, pie, fortify, dyn.rpath(), dyn.runpath(), risky,
                ibt, shstk, stripped, wx, !gnuStack || stackExec);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static boolean hasCanary(List<Symbol> symbols) {
        for (Symbol s : symbols) {
            String n = s.name();
            if (n.contains("__stack_chk_fail") || n.contains("__stack_chk_guard") || n.contains("__intel_security_cookie")) {
                return true;
            }
        }
        return false;
    }

    /**
     * checksec's count: each dynamic symbol, leading underscores removed, is "fortified" when it is a checked
     * function of the C library and "unchecked" when it is the plain function a checked one exists for.
     */
    static Fortify fortify(List<Symbol> dynsyms, FortifyCatalogue libc) {
        boolean any = false;
        int fortified = 0;
        int unchecked = 0;
        for (Symbol s : dynsyms) {
            String n = s.name();
            int i = 0;
            while (i < n.length() && n.charAt(i) == '_') {
                i++;
            }
            String bare = n.substring(i);
            if (bare.isEmpty()) {
                continue;
            }
            if (bare.endsWith("_chk")) {
                any = true;
            }
            if (libc.checked().contains(bare)) {
                fortified++;
            } else if (libc.checked().contains(bare + "_chk")) {
                unchecked++;
            }
        }
        return new Fortify(any, fortified, unchecked);
    }

    public static Hardening.Pe pe(PeFile pe) {
        OptionalHeader oh = pe.optionalHeader();
        boolean signed = pe.certificateTable().map(d -> d.size() > 0).orElse(false);
        return new Hardening.Pe(oh.has(DllCharacteristic.DYNAMIC_BASE), oh.has(DllCharacteristic.HIGH_ENTROPY_VA),
                oh.has(DllCharacteristic.NX_COMPAT), oh.has(DllCharacteristic.GUARD_CF), oh.has(DllCharacteristic.NO_SEH),
                oh.has(DllCharacteristic.FORCE_INTEGRITY), signed);
    }

    /** CodeDirectory flag: the hardened runtime (codesign -o runtime). */
    static final long CS_RUNTIME = 0x10000;
    private static final long CSMAGIC_EMBEDDED_SIGNATURE = 0xfade0cc0L;
    private static final long CSMAGIC_CODEDIRECTORY = 0xfade0c02L;
    private static final long CSSLOT_CODEDIRECTORY = 0;
    /** A superblob with more entries than this is not a signature (Apple's have a handful). */
    private static final long MAX_BLOBS = 64;

    public static Hardening.MachO macho(MachOFile m) {
        long type = m.header().filetype();
        Pie pie = type == MachFileType.EXECUTE.value() ? (m.header().has(MachFlag.PIE) ? Pie.PIE : Pie.NO)
                : type == MachFileType.DYLIB.value() || type == MachFileType.BUNDLE.value() ? Pie.DSO
                : type == MachFileType.OBJECT.value() ? Pie.REL : Pie.OTHER;
        boolean canary = false;
        boolean arc = false;
        java.util.Set<String> chk = new java.util.TreeSet<>();
        List<MachSymbol> syms = m.symbols().entries();
        for (MachSymbol s : syms) {
            if (s.isStab()) {
                continue;
            }
            String n = s.name();
            if (n.equals("___stack_chk_guard") || n.equals("___stack_chk_fail")) {
                canary = true;
            } else if (n.equals("_objc_release")) {
                arc = true;
            } else if (s.isUndefined() && n.startsWith("___") && n.endsWith("_chk")) {
                chk.add(n);
            }
        }
        boolean restrict = m.segments().stream().anyMatch(g -> g.segname().equals("__RESTRICT"));
        Optional<LoadCommand.LinkeditData> sig = m.codeSignature();
        boolean runtime = sig.map(c -> (codeDirectoryFlags(m.source(), c.dataoff(), c.datasize()) & CS_RUNTIME) != 0)
                .orElse(false);
        return new Hardening.MachO(pie, canary, !m.header().has(MachFlag.ALLOW_STACK_EXECUTION),
                m.header().has(MachFlag.NO_HEAP_EXECUTION), arc, chk.size(), restrict, m.isEncrypted(),
                sig.isPresent(), runtime, m.rpaths());
    }

    /**
     * The flags of the embedded signature's code directory (xnu's cs_blobs.h: a big-endian superblob of
     * {type, offset} entries; the CodeDirectory's flags are its fourth 32-bit word). 0 when the signature is absent,
     * out of the file or malformed: a signature that cannot be read asks for no runtime.
     */
    static long codeDirectoryFlags(ByteSource src, long off, long size) {
        ByteSource be = src.withOrder(java.nio.ByteOrder.BIG_ENDIAN);
        try {
            if (size < 12 || !be.contains(off, size) || be.u32(off, "signature") != CSMAGIC_EMBEDDED_SIGNATURE) {
                return 0;
            }
            long count = be.u32(off + 8, "signature count");
            for (long i = 0; i < Math.min(count, MAX_BLOBS) && 12 + i * 8 + 8 <= size; i++) {
                long slot = be.u32(off + 12 + i * 8, "signature index");
                long blob = be.u32(off + 16 + i * 8, "signature index");
                if (slot == CSSLOT_CODEDIRECTORY && blob + 16 <= size
                        && be.u32(off + blob, "code directory") == CSMAGIC_CODEDIRECTORY) {
                    return be.u32(off + blob + 12, "code directory flags");
                }
            }
        } catch (BinaryFormatException e) {
            return 0;
        }
        return 0;
    }
}

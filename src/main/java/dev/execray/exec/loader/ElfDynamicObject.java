package dev.execray.exec.loader;

import dev.execray.binary.BinaryFormatException;
import dev.execray.binary.ByteSource;
import dev.execray.binary.elf.DynamicEntry;
import dev.execray.binary.elf.DynamicSection;
import dev.execray.binary.elf.DynamicTag;
import dev.execray.binary.elf.ElfFile;
import dev.execray.binary.elf.ElfHeader;
import dev.execray.binary.elf.ProgramHeader;
import dev.execray.binary.elf.SegmentType;
import dev.execray.binary.elf.VersionNeed;
import dev.execray.binary.elf.VersionNeedAux;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The loader's view of an ELF file read with {@link ElfFile}: header, PT_INTERP, the dynamic section
 * (single-valued tags take their last entry, as ld.so's {@code l_info} and musl's {@code decode_vec} do),
 * versions, and a lazily built {@link ElfSymbolIndex}.
 */
public final class ElfDynamicObject implements DynamicObject {
    private final ElfFile elf;
    private final ElfIdentity identity;
    private final DynamicSection dynamic;
    private final List<String> needed;
    private final Optional<String> soname;
    private final Optional<String> rpath;
    private final Optional<String> runpath;
    private final long flags;
    private final long flags1;
    private final int pltRelocType;
    private final int copyRelocType;
    private List<VersionRequirement> requirements;
    private List<VersionDefinition> definitions;
    private ElfSymbolIndex symbols;
    private final List<String> problems = new ArrayList<>();

    private ElfDynamicObject(ElfFile elf, int pltRelocType, int copyRelocType) {
        this.elf = elf;
        this.pltRelocType = pltRelocType;
        this.copyRelocType = copyRelocType;
        ElfHeader h = elf.header();
        byte[] ident = h.ident();
        boolean pad = true;
        for (int i = 9; i < 16; i++) {
            pad &= ident[i] == 0;
        }
        this.identity = new ElfIdentity(ident[4] & 0xff, ident[5] & 0xff, ident[6] & 0xff, ident[7] & 0xff,
                ident[8] & 0xff, pad, (int) h.type().value(), (int) h.machine().value(), h.flags(),
                (int) h.version(), h.phentsize());
        this.dynamic = elf.dynamic();
        List<String> n = new ArrayList<>();
        String so = null;
        String rp = null;
        String rn = null;
        for (DynamicEntry e : dynamic.entries()) {
            if (e.string().isEmpty()) {
                continue;
            }
            long tag = e.tag().value();
            if (tag == DynamicTag.NEEDED.value()) {
                n.add(e.string().get());
            } else if (tag == DynamicTag.SONAME.value()) {
                so = e.string().get();
            } else if (tag == DynamicTag.RPATH.value()) {
                rp = e.string().get();
            } else if (tag == DynamicTag.RUNPATH.value()) {
                rn = e.string().get();
            }
        }
        this.needed = List.copyOf(n);
        this.soname = Optional.ofNullable(so);
        this.rpath = Optional.ofNullable(rp);
        this.runpath = Optional.ofNullable(rn);
        long f = 0;
        long f1 = 0;
        for (DynamicEntry e : dynamic.entries()) {
            if (e.tag().value() == DynamicTag.FLAGS.value()) {
                f = e.value();
            } else if (e.tag().value() == DynamicTag.FLAGS_1.value()) {
                f1 = e.value();
            }
        }
        this.flags = f;
        this.flags1 = f1;
        for (BinaryFormatException p : elf.headerProblems()) {
            problems.add(p.getMessage());
        }
        for (BinaryFormatException p : dynamic.problems()) {
            problems.add(p.getMessage());
        }
    }

    /**
     * Reads what a loader needs from an ELF file.
     *
     * @param pltRelocType  the architecture's JUMP_SLOT relocation type (lazily bound by glibc)
     * @param copyRelocType the architecture's COPY relocation type
     */
    public static ElfDynamicObject read(ByteSource bytes, int pltRelocType, int copyRelocType) {
        return new ElfDynamicObject(ElfFile.read(bytes), pltRelocType, copyRelocType);
    }

    public ElfFile elf() {
        return elf;
    }

    @Override
    public ElfIdentity identity() {
        return identity;
    }

    @Override
    public Optional<String> interpreter() {
        return elf.interpreter();
    }

    @Override
    public boolean isDynamic() {
        // a PT_DYNAMIC without entries (debug-only files have segments with no file bytes) is no
        // dynamic section to ld.so
        for (ProgramHeader ph : elf.programHeaders()) {
            if (ph.type().is(SegmentType.DYNAMIC)) {
                return !dynamic.entries().isEmpty();
            }
        }
        return false;
    }

    @Override
    public List<String> needed() {
        return needed;
    }

    @Override
    public Optional<String> soname() {
        return soname;
    }

    @Override
    public Optional<String> rpath() {
        return rpath;
    }

    @Override
    public Optional<String> runpath() {
        return runpath;
    }

    @Override
    public long flags() {
        return flags;
    }

    @Override
    public long flags1() {
        return flags1;
    }

    @Override
    public boolean bindNow() {
        return dynamic.bindNow();
    }

    @Override
    public boolean hasVersionDefinitions() {
        return dynamic.has(DynamicTag.VERDEF);
    }

    @Override
    public List<VersionRequirement> versionRequirements() {
        if (requirements == null) {
            List<VersionRequirement> out = new ArrayList<>();
            try {
                for (VersionNeed vn : elf.versionNeeds()) {
                    for (VersionNeedAux a : vn.versions()) {
                        out.add(new VersionRequirement(vn.file(), a.name(), a.hash(), a.weak(), a.other()));
                    }
                }
            } catch (BinaryFormatException e) {
                problems.add(e.getMessage());
            }
            requirements = List.copyOf(out);
        }
        return requirements;
    }

    @Override
    public List<VersionDefinition> versionDefinitions() {
        if (definitions == null) {
            List<VersionDefinition> out = new ArrayList<>();
            try {
                for (dev.execray.binary.elf.VersionDefinition d : elf.versionDefinitions()) {
                    if (!d.names().isEmpty()) {
                        out.add(new VersionDefinition(d.name(), d.hash(), d.ndx(), d.isBase()));
                    }
                }
            } catch (BinaryFormatException e) {
                problems.add(e.getMessage());
            }
            definitions = List.copyOf(out);
        }
        return definitions;
    }

    @Override
    public SymbolIndex symbols() {
        if (symbols == null) {
            symbols = new ElfSymbolIndex(elf, dynamic, versionRequirements(), versionDefinitions(), pltRelocType,
                    copyRelocType, problems);
        }
        return symbols;
    }

    @Override
    public List<String> problems() {
        return List.copyOf(problems);
    }
}

package dev.execray.exec.ld;

import dev.execray.binary.ByteSource;
import dev.execray.binary.FormatProblem;
import dev.execray.binary.elf.DynamicFlags;
import dev.execray.binary.elf.DynamicTag;
import dev.execray.binary.elf.ElfField;
import dev.execray.binary.elf.ElfFile;
import dev.execray.binary.elf.ElfHeader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The loader's view of an ELF file: {@link ElfFile} for the header, program headers, PT_INTERP and address
 * mapping, and {@link LoaderDynamic} for the dynamic segment and versions as ld.so reads them; symbols
 * through a lazily built {@link ElfSymbolIndex}.
 */
public final class ElfDynamicObject implements DynamicObject {
    private final ElfFile elf;
    private final ElfIdentity identity;
    private final LoaderDynamic dynamic;
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
        for (int i = ElfField.EI_PAD; i < ElfField.EI_NIDENT; i++) {
            pad &= ident[i] == 0;
        }
        this.identity = new ElfIdentity(ident[ElfField.EI_CLASS] & 0xff, ident[ElfField.EI_DATA] & 0xff,
                ident[ElfField.EI_VERSION] & 0xff, ident[ElfField.EI_OSABI] & 0xff, ident[ElfField.EI_ABIVERSION] & 0xff, pad, (int) h.type().value(), (int) h.machine().value(), h.flags(),
                (int) h.version(), h.phentsize());
        for (FormatProblem p : elf.headerProblems()) {
            problems.add(p.message());
        }
        this.dynamic = new LoaderDynamic(elf, problems);
        this.needed = List.copyOf(dynamic.needed());
        this.soname = dynamic.stringOf(DynamicTag.SONAME);
        this.rpath = dynamic.stringOf(DynamicTag.RPATH);
        this.runpath = dynamic.stringOf(DynamicTag.RUNPATH);
        this.flags = dynamic.value(DynamicTag.FLAGS).orElse(0);
        this.flags1 = dynamic.value(DynamicTag.FLAGS_1).orElse(0);
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
        // a PT_DYNAMIC without entries (debug-only files have segments with no file bytes) is no dynamic
        // section to ld.so
        return dynamic.present();
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
        return dynamic.has(DynamicTag.BIND_NOW) || (flags & DynamicFlags.DF_BIND_NOW) != 0
                || (flags1 & DynamicFlags.DF_1_NOW) != 0;
    }

    @Override
    public boolean hasVersionDefinitions() {
        return dynamic.has(DynamicTag.VERDEF);
    }

    @Override
    public List<VersionRequirement> versionRequirements() {
        if (requirements == null) {
            requirements = List.copyOf(dynamic.versionRequirements());
        }
        return requirements;
    }

    @Override
    public List<VersionDefinition> versionDefinitions() {
        if (definitions == null) {
            definitions = List.copyOf(dynamic.versionDefinitions());
        }
        return definitions;
    }

    @Override
    public SymbolIndex symbols() {
        if (symbols == null) {
            symbols = new ElfSymbolIndex(elf, dynamic, versionRequirements(), versionDefinitions(), pltRelocType,
                    copyRelocType, identity.isExec()
                    || (flags1 & DynamicFlags.DF_1_PIE) != 0, problems);
        }
        return symbols;
    }

    @Override
    public List<String> problems() {
        return List.copyOf(problems);
    }
}

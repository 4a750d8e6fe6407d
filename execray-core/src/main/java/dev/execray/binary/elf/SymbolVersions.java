package dev.execray.binary.elf;

import dev.execray.binary.BinaryFormatException;
import dev.execray.binary.ByteSource;
import dev.execray.binary.FormatProblem;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * GNU symbol versioning: the versions a file needs (.gnu.version_r), defines (.gnu.version_d) and the
 * version index of every dynamic symbol (.gnu.version). Read from the sections when the section
 * table names them, else through DT_VERNEED/DT_VERNEEDNUM, DT_VERDEF/DT_VERDEFNUM and DT_VERSYM,
 * the way ld.so finds them.
 */
public final class SymbolVersions {
    // the version structures are the same in both classes; their layout is ElfField's, as the loader stage reads it
    private static final int VERNEED_SIZE = ElfField.Struct.VERNEED.size(false);
    private static final int VERNAUX_SIZE = ElfField.Struct.VERNAUX.size(false);
    private static final int VERDEF_SIZE = ElfField.Struct.VERDEF.size(false);
    private static final int VERDAUX_SIZE = ElfField.Struct.VERDAUX.size(false);

    private final List<VersionNeed> needs;
    private final List<VersionDefinition> definitions;
    private final int[] versym;
    private final Optional<SectionHeader> versymSection;
    private final Optional<SectionHeader> needSection;
    private final Optional<SectionHeader> definitionSection;
    private final List<FormatProblem> problems;
    /** Resolved versions by raw versym value and definedness; versym indexes are small in practice. */
    private Optional<SymbolVersion>[] cache;

    private SymbolVersions(List<VersionNeed> needs, List<VersionDefinition> definitions, int[] versym,
            Optional<SectionHeader> versymSection, Optional<SectionHeader> needSection,
            Optional<SectionHeader> definitionSection, List<FormatProblem> problems) {
        this.needs = needs;
        this.definitions = definitions;
        this.versym = versym;
        this.versymSection = versymSection;
        this.needSection = needSection;
        this.definitionSection = definitionSection;
        this.problems = problems;
    }

    static SymbolVersions read(ElfFile elf, DynamicSection dynamic) {
        List<FormatProblem> problems = new ArrayList<>();
        ByteSource src = elf.source();
        List<SectionHeader> sections = elf.sectionHeaders();
        SectionHeader needSec = null;
        SectionHeader defSec = null;
        SectionHeader symSec = null;
        for (SectionHeader sh : sections) {
            if (sh.type().is(SectionType.GNU_VERNEED) && needSec == null) {
                needSec = sh;
            } else if (sh.type().is(SectionType.GNU_VERDEF) && defSec == null) {
                defSec = sh;
            } else if (sh.type().is(SectionType.GNU_VERSYM) && symSec == null) {
                symSec = sh;
            }
        }

        List<VersionNeed> needs = List.of();
        List<VersionDefinition> defs = List.of();
        int[] versym = new int[0];
        try {
            if (needSec != null) {
                needs = readNeeds(src, needSec.offset(), needSec.offset() + needSec.size(), needSec.info(),
                        linkedStrings(elf, needSec), problems);
            } else if (dynamic.has(DynamicTag.VERNEED)) {
                long addr = dynamic.value(DynamicTag.VERNEED).getAsLong();
                long count = dynamic.value(DynamicTag.VERNEEDNUM).orElse(0);
                long off = mapped(elf, addr, "DT_VERNEED");
                needs = readNeeds(src, off, src.size(), count, dynamic.stringTable(), problems);
            }
        } catch (BinaryFormatException e) {
            problems.add(FormatProblem.of(e));
        }
        try {
            if (defSec != null) {
                defs = readDefinitions(src, defSec.offset(), defSec.offset() + defSec.size(), defSec.info(),
                        linkedStrings(elf, defSec), problems);
            } else if (dynamic.has(DynamicTag.VERDEF)) {
                long addr = dynamic.value(DynamicTag.VERDEF).getAsLong();
                long count = dynamic.value(DynamicTag.VERDEFNUM).orElse(0);
                long off = mapped(elf, addr, "DT_VERDEF");
                defs = readDefinitions(src, off, src.size(), count, dynamic.stringTable(), problems);
            }
        } catch (BinaryFormatException e) {
            problems.add(FormatProblem.of(e));
        }
        try {
            if (symSec != null) {
                long n = symSec.size() / 2;
                int count = src.checkTable(symSec.offset(), n, 2, "version symbol table");
                versym = readVersym(src, symSec.offset(), count);
            } else if (dynamic.has(DynamicTag.VERSYM)) {
                long off = mapped(elf, dynamic.value(DynamicTag.VERSYM).getAsLong(), "DT_VERSYM");
                long n = DynamicSymbols.countFromHash(elf, dynamic, problems);
                int count = src.checkTable(off, n, 2, "version symbol table");
                versym = readVersym(src, off, count);
            }
        } catch (BinaryFormatException e) {
            problems.add(FormatProblem.of(e));
        }
        return new SymbolVersions(needs, defs, versym, Optional.ofNullable(symSec), Optional.ofNullable(needSec),
                Optional.ofNullable(defSec), List.copyOf(problems));
    }

    private static long mapped(ElfFile elf, long addr, String tag) {
        return elf.fileOffsetOf(addr).orElseThrow(() -> new BinaryFormatException(tag, addr,
                "address 0x" + Long.toHexString(addr) + " is not held in the file by any PT_LOAD segment"));
    }

    private static Optional<StringTable> linkedStrings(ElfFile elf, SectionHeader sh) {
        List<SectionHeader> all = elf.sectionHeaders();
        if (sh.link() <= 0 || sh.link() >= all.size()) {
            throw new BinaryFormatException("section " + sh.index() + " (" + sh.name() + ")", sh.offset(),
                    "sh_link " + sh.link() + " names no section");
        }
        SectionHeader str = all.get((int) sh.link());
        return Optional.of(new StringTable(elf.source(), str.offset(), str.size(), "string table " + str.name()));
    }

    private static int[] readVersym(ByteSource src, long off, int count) {
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
            out[i] = src.u16(off + 2L * i, "version symbol table");
        }
        return out;
    }

    private static String name(Optional<StringTable> strings, long index, List<FormatProblem> problems) {
        if (strings.isEmpty()) {
            return "";
        }
        try {
            return strings.get().at(index);
        } catch (BinaryFormatException e) {
            problems.add(FormatProblem.of(e));
            return "";
        }
    }

    static List<VersionNeed> readNeeds(ByteSource src, long start, long end, long count,
            Optional<StringTable> strings, List<FormatProblem> problems) {
        List<VersionNeed> out = new ArrayList<>();
        long off = start;
        // vn_next only moves forward and every record must lie before end: the loop ends within the section
        for (long i = 0; i < count; i++) {
            if (off + VERNEED_SIZE > end) {
                problems.add(new FormatProblem("version need", off, "record " + i + " of " + count
                        + " lies beyond the end of its section"));
                break;
            }
            int version = (int) ElfField.VN_VERSION.read(src, off, false, "version need");
            int cnt = (int) ElfField.VN_CNT.read(src, off, false, "version need");
            long file = ElfField.VN_FILE.read(src, off, false, "version need");
            long aux = ElfField.VN_AUX.read(src, off, false, "version need");
            long next = ElfField.VN_NEXT.read(src, off, false, "version need");
            List<VersionNeedAux> auxes = new ArrayList<>(Math.min(cnt, 64));
            long a = off + aux;
            for (int j = 0; j < cnt; j++) {
                if (aux == 0 || a + VERNAUX_SIZE > end) {
                    problems.add(new FormatProblem("version need aux", a,
                            "entry " + j + " of " + cnt + " lies beyond the end of its section"));
                    break;
                }
                long hash = ElfField.VNA_HASH.read(src, a, false, "version need aux");
                int flags = (int) ElfField.VNA_FLAGS.read(src, a, false, "version need aux");
                int other = (int) ElfField.VNA_OTHER.read(src, a, false, "version need aux");
                long name = ElfField.VNA_NAME.read(src, a, false, "version need aux");
                long anext = ElfField.VNA_NEXT.read(src, a, false, "version need aux");
                auxes.add(new VersionNeedAux(a - start, hash, flags, other, name(strings, name, problems)));
                if (anext == 0) {
                    break;
                }
                a += anext;
            }
            out.add(new VersionNeed(off - start, version, name(strings, file, problems), cnt,
                    Collections.unmodifiableList(auxes)));
            if (next == 0) {
                if (i + 1 < count) {
                    problems.add(new FormatProblem("version need", off, "the chain ends after " + (i + 1)
                            + " of " + count + " records"));
                }
                break;
            }
            off += next;
        }
        return Collections.unmodifiableList(out);
    }

    static List<VersionDefinition> readDefinitions(ByteSource src, long start, long end, long count,
            Optional<StringTable> strings, List<FormatProblem> problems) {
        List<VersionDefinition> out = new ArrayList<>();
        long off = start;
        for (long i = 0; i < count; i++) {
            if (off + VERDEF_SIZE > end) {
                problems.add(new FormatProblem("version definition", off, "record " + i + " of " + count
                        + " lies beyond the end of its section"));
                break;
            }
            int version = (int) ElfField.VD_VERSION.read(src, off, false, "version definition");
            int flags = (int) ElfField.VD_FLAGS.read(src, off, false, "version definition");
            int ndx = (int) ElfField.VD_NDX.read(src, off, false, "version definition");
            int cnt = (int) ElfField.VD_CNT.read(src, off, false, "version definition");
            long hash = ElfField.VD_HASH.read(src, off, false, "version definition");
            long aux = ElfField.VD_AUX.read(src, off, false, "version definition");
            long next = ElfField.VD_NEXT.read(src, off, false, "version definition");
            List<VersionDefinitionAux> names = new ArrayList<>(Math.min(cnt, 8));
            long a = off + aux;
            for (int j = 0; j < cnt; j++) {
                if (a + VERDAUX_SIZE > end) {
                    problems.add(new FormatProblem("version definition aux", a,
                            "entry " + j + " of " + cnt + " lies beyond the end of its section"));
                    break;
                }
                long name = ElfField.VDA_NAME.read(src, a, false, "version definition aux");
                long anext = ElfField.VDA_NEXT.read(src, a, false, "version definition aux");
                names.add(new VersionDefinitionAux(a - start, name, name(strings, name, problems)));
                if (anext == 0) {
                    break;
                }
                a += anext;
            }
            out.add(new VersionDefinition(off - start, version, flags, ndx, cnt, hash,
                    Collections.unmodifiableList(names)));
            if (next == 0) {
                if (i + 1 < count) {
                    problems.add(new FormatProblem("version definition", off, "the chain ends after "
                            + (i + 1) + " of " + count + " records"));
                }
                break;
            }
            off += next;
        }
        return Collections.unmodifiableList(out);
    }

    public List<VersionNeed> needs() {
        return needs;
    }

    public List<VersionDefinition> definitions() {
        return definitions;
    }

    /** The number of .gnu.version entries. */
    public int versymCount() {
        return versym.length;
    }

    /** The raw .gnu.version entry {@code i} (version index with the hidden bit 0x8000). */
    public int versym(int i) {
        return versym[i];
    }

    public Optional<SectionHeader> versymSection() {
        return versymSection;
    }

    public Optional<SectionHeader> needSection() {
        return needSection;
    }

    public Optional<SectionHeader> definitionSection() {
        return definitionSection;
    }

    public List<FormatProblem> problems() {
        return problems;
    }

    /** The version of dynamic symbol {@code i}; empty when the file has no versym entry for it. */
    @SuppressWarnings("unchecked")
    Optional<SymbolVersion> versionOf(int i, boolean undefined) {
        if (i < 0 || i >= versym.length) {
            return Optional.empty();
        }
        int raw = versym[i];
        int index = raw & SymbolVersion.VERSYM_VERSION;
        if (index >= 1024) {
            return Optional.of(resolve(raw, undefined));
        }
        if (cache == null) {
            cache = new Optional[4 * 1024];
        }
        int key = (index << 2) | ((raw >>> 14) & 2) | (undefined ? 1 : 0);
        Optional<SymbolVersion> v = cache[key];
        if (v == null) {
            v = Optional.of(resolve(raw, undefined));
            cache[key] = v;
        }
        return v;
    }

    /** Resolves a raw versym value, preferring definitions for defined symbols and needs for undefined ones. */
    public SymbolVersion resolve(int raw, boolean undefined) {
        boolean hidden = (raw & SymbolVersion.VERSYM_HIDDEN) != 0;
        int index = raw & SymbolVersion.VERSYM_VERSION;
        if (index == 0) {
            return new SymbolVersion(0, hidden, SymbolVersion.Kind.LOCAL, "*local*", Optional.empty());
        }
        if (index == 1) {
            return new SymbolVersion(1, hidden, SymbolVersion.Kind.GLOBAL, "*global*", Optional.empty());
        }
        Optional<SymbolVersion> def = definitionFor(index)
                .map(d -> new SymbolVersion(index, hidden, SymbolVersion.Kind.DEFINED, d.name(), Optional.empty()));
        Optional<SymbolVersion> need = needFor(index);
        Optional<SymbolVersion> need2 = need.map(n -> new SymbolVersion(index, hidden, n.kind(), n.name(), n.file()));
        Optional<SymbolVersion> first = undefined ? need2.or(() -> def) : def.or(() -> need2);
        return first.orElse(new SymbolVersion(index, hidden, SymbolVersion.Kind.UNKNOWN, "", Optional.empty()));
    }

    /** The version definition whose vd_ndx (without the hidden bit) is {@code index}. */
    public Optional<VersionDefinition> definitionFor(int index) {
        for (VersionDefinition d : definitions) {
            if ((d.ndx() & SymbolVersion.VERSYM_VERSION) == index) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    /** The needed version whose vna_other is exactly {@code other}, with the file it is needed from. */
    public Optional<SymbolVersion> needWithOther(int other) {
        for (VersionNeed n : needs) {
            for (VersionNeedAux a : n.versions()) {
                if (a.other() == other) {
                    return Optional.of(new SymbolVersion(other & SymbolVersion.VERSYM_VERSION, false,
                            SymbolVersion.Kind.NEEDED, a.name(), Optional.of(n.file())));
                }
            }
        }
        return Optional.empty();
    }

    private Optional<SymbolVersion> needFor(int index) {
        for (VersionNeed n : needs) {
            for (VersionNeedAux a : n.versions()) {
                if ((a.other() & SymbolVersion.VERSYM_VERSION) == index) {
                    return Optional.of(new SymbolVersion(index, false, SymbolVersion.Kind.NEEDED, a.name(),
                            Optional.of(n.file())));
                }
            }
        }
        return Optional.empty();
    }
}

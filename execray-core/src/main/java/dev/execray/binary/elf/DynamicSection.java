package dev.execray.binary.elf;

import dev.execray.binary.BinaryFormatException;
import dev.execray.binary.ByteSource;
import dev.execray.binary.FormatProblem;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The dynamic section: what the dynamic loader reads. Found the way readelf finds it (the .dynamic
 * section when the section table names one, else the PT_DYNAMIC segment), so it is read even from
 * files whose section headers are stripped or broken; its strings come from DT_STRTAB/DT_STRSZ
 * mapped through the PT_LOAD segments, as ld.so reads them.
 */
public final class DynamicSection {
    private static final DynamicSection ABSENT = new DynamicSection(-1, List.of(), Optional.empty(), List.of());

    private final long fileOffset;
    private final List<DynamicEntry> entries;
    private final Optional<StringTable> strings;
    private final List<FormatProblem> problems;

    private DynamicSection(long fileOffset, List<DynamicEntry> entries, Optional<StringTable> strings,
            List<FormatProblem> problems) {
        this.fileOffset = fileOffset;
        this.entries = entries;
        this.strings = strings;
        this.problems = problems;
    }

    static DynamicSection read(ElfFile elf) {
        ProgramHeader segment = null;
        for (ProgramHeader ph : elf.programHeaders()) {
            if (ph.type().is(SegmentType.DYNAMIC)) {
                segment = ph;
                break;
            }
        }
        if (segment == null) {
            return ABSENT;
        }
        List<FormatProblem> problems = new ArrayList<>();
        ByteSource src = elf.source();
        long offset = segment.offset();
        long size = segment.filesz();
        for (SectionHeader sh : elf.sectionHeaders()) {
            if (sh.name().equals(".dynamic")) {
                if (sh.size() == 0 || sh.type().is(SectionType.NOBITS)) {
                    return ABSENT;
                }
                offset = sh.offset();
                size = sh.size();
                break;
            }
        }
        if (!src.contains(offset, size)) {
            problems.add(new FormatProblem("dynamic section", offset,
                    Long.toUnsignedString(size) + " bytes do not lie within the file (size " + src.size() + ")"));
            return new DynamicSection(offset, List.of(), Optional.empty(), List.copyOf(problems));
        }
        int w = elf.wordSize();
        int entrySize = 2 * w;
        long max = size / entrySize;
        long[] tags = new long[(int) Math.min(max, 1024)];
        long[] values = new long[tags.length];
        int n = 0;
        for (long i = 0; i < max; i++) {
            long at = offset + i * entrySize;
            long tag = src.word(at, w, "dynamic entry");
            long val = src.word(at + w, w, "dynamic entry");
            if (n == tags.length) {
                tags = java.util.Arrays.copyOf(tags, n * 2);
                values = java.util.Arrays.copyOf(values, n * 2);
            }
            tags[n] = tag;
            values[n] = val;
            n++;
            if (tag == 0) {
                break;
            }
        }
        Optional<StringTable> strings = stringTable(elf, tags, values, n, problems);
        int machine = elf.machineValue();
        List<DynamicEntry> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Optional<String> s = Optional.empty();
            if (DynamicEntry.isStringTag(tags[i]) && strings.isPresent()) {
                try {
                    s = Optional.of(strings.get().at(values[i]));
                } catch (BinaryFormatException e) {
                    problems.add(FormatProblem.of(e));
                }
            }
            out.add(new DynamicEntry(i, DynamicTag.of(tags[i], machine, elf.osAbiValue()), values[i], s));
        }
        return new DynamicSection(offset, Collections.unmodifiableList(out), strings, List.copyOf(problems));
    }

    private static Optional<StringTable> stringTable(ElfFile elf, long[] tags, long[] values, int n,
            List<FormatProblem> problems) {
        long strtab = 0;
        long strsz = -1;
        boolean hasStrtab = false;
        for (int i = 0; i < n; i++) {
            if (tags[i] == DynamicTag.STRTAB.value()) {
                strtab = values[i];
                hasStrtab = true;
            } else if (tags[i] == DynamicTag.STRSZ.value()) {
                strsz = values[i];
            }
        }
        if (!hasStrtab) {
            return Optional.empty();
        }
        ByteSource src = elf.source();
        Optional<Long> off = strsz >= 0 ? elf.fileOffsetOf(strtab, strsz) : elf.fileOffsetOf(strtab);
        if (off.isPresent()) {
            long size = strsz >= 0 ? strsz : src.size() - off.get();
            if (src.contains(off.get(), size)) {
                return Optional.of(new StringTable(src, off.get(), size, "dynamic string table"));
            }
        }
        FormatProblem unmapped = new FormatProblem("dynamic string table", strtab,
                "DT_STRTAB 0x" + Long.toHexString(strtab) + " (DT_STRSZ " + strsz
                        + ") is not held in the file by any PT_LOAD segment");
        // fall back to the string table the .dynamic section links to
        for (SectionHeader sh : elf.sectionHeaders()) {
            if (sh.type().is(SectionType.DYNAMIC) && sh.link() > 0 && sh.link() < elf.sectionHeaders().size()) {
                SectionHeader str = elf.sectionHeaders().get((int) sh.link());
                if (str.type().is(SectionType.STRTAB) && src.contains(str.offset(), str.size())) {
                    problems.add(unmapped);
                    return Optional.of(new StringTable(src, str.offset(), str.size(), "dynamic string table"));
                }
            }
        }
        problems.add(unmapped);
        return Optional.empty();
    }

    /** True when the file has a dynamic section (a PT_DYNAMIC segment). */
    public boolean present() {
        return fileOffset >= 0;
    }

    /** File offset the entries were read from; -1 when there is no dynamic section. */
    public long fileOffset() {
        return fileOffset;
    }

    /** The entries up to and including the first DT_NULL, as the loader reads them. */
    public List<DynamicEntry> entries() {
        return entries;
    }

    public List<FormatProblem> problems() {
        return problems;
    }

    /** The value of the first entry with {@code tag}. */
    public OptionalLong value(DynamicTag tag) {
        for (DynamicEntry e : entries) {
            if (e.tag().is(tag)) {
                return OptionalLong.of(e.value());
            }
        }
        return OptionalLong.empty();
    }

    public boolean has(DynamicTag tag) {
        return value(tag).isPresent();
    }

    /** DT_NEEDED names in order: the libraries the loader loads for this file. */
    public List<String> needed() {
        return strings(DynamicTag.NEEDED);
    }

    public Optional<String> soname() {
        List<String> s = strings(DynamicTag.SONAME);
        return s.isEmpty() ? Optional.empty() : Optional.of(s.get(0));
    }

    /** DT_RPATH directories (split at ':'), in order. */
    public List<String> rpath() {
        return paths(DynamicTag.RPATH);
    }

    /** DT_RUNPATH directories (split at ':'), in order. */
    public List<String> runpath() {
        return paths(DynamicTag.RUNPATH);
    }

    /** DT_FLAGS, 0 when absent. */
    public long flags() {
        return value(DynamicTag.FLAGS).orElse(0);
    }

    /** DT_FLAGS_1, 0 when absent. */
    public long flags1() {
        return value(DynamicTag.FLAGS_1).orElse(0);
    }

    public List<String> flagNames() {
        return DynamicFlags.flagNames(flags());
    }

    public List<String> flags1Names() {
        return DynamicFlags.flags1Names(flags1());
    }

    /** BIND_NOW requested by DT_BIND_NOW, DF_BIND_NOW or DF_1_NOW. */
    public boolean bindNow() {
        return has(DynamicTag.BIND_NOW) || (flags() & DynamicFlags.DF_BIND_NOW) != 0
                || (flags1() & DynamicFlags.DF_1_NOW) != 0;
    }

    /** The string at {@code offset} in the dynamic string table. */
    public Optional<String> string(long offset) {
        if (strings.isEmpty() || !strings.get().contains(offset)) {
            return Optional.empty();
        }
        try {
            return Optional.of(strings.get().at(offset));
        } catch (BinaryFormatException e) {
            return Optional.empty();
        }
    }

    Optional<StringTable> stringTable() {
        return strings;
    }

    private List<String> strings(DynamicTag tag) {
        List<String> out = new ArrayList<>();
        for (DynamicEntry e : entries) {
            if (e.tag().is(tag) && e.string().isPresent()) {
                out.add(e.string().get());
            }
        }
        return out;
    }

    private List<String> paths(DynamicTag tag) {
        List<String> out = new ArrayList<>();
        for (String s : strings(tag)) {
            for (String part : s.split(":", -1)) {
                out.add(part);
            }
        }
        return out;
    }
}

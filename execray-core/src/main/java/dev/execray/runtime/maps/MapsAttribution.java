package dev.execray.runtime.maps;

import dev.execray.binary.BinaryFormatException;
import dev.execray.binary.ByteSource;
import dev.execray.runtime.Finding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Attributes each mapping to the object it came from and, for ELF files, to the PT_LOAD program
 * header whose bytes it holds; adds up size, RSS and PSS per object; flags writable-and-executable
 * mappings.
 *
 * <p>How a mapping is matched to a segment: the loader maps each PT_LOAD from the page holding
 * {@code p_offset} to the address of the page holding {@code p_vaddr} plus one load bias per object
 * (0 for ET_EXEC). For every segment whose file pages overlap the mapping's file range, the mapping
 * implies a bias; the bias most mappings of the object agree on is the object's, and picks the
 * segment where a page is shared by two. mprotect splits (RELRO) keep offset and address in step, so
 * they match the same way. Anonymous mappings right after an object, inside a segment's memsz but
 * past its file bytes, are its .bss.
 */
public final class MapsAttribution {

    /** Opens the file behind a mapping, or says why it cannot. */
    @FunctionalInterface
    public interface FileOpener {
        ByteSource open(Mapping m) throws IOException;
    }

    private MapsAttribution() {
    }

    /** Files by the path in the name column, checked to be the mapped file by inode. */
    public static FileOpener host() {
        return m -> openChecked(Path.of(m.path()), m);
    }

    /**
     * For a live process: /proc/PID/map_files/START-END first (the very file mapped, even if deleted
     * or in another mount namespace; needs the same rights as ptrace), then the path.
     */
    public static FileOpener liveProcess(long pid) {
        return m -> {
            Path mf = Path.of("/proc", Long.toString(pid), "map_files",
                    Long.toHexString(m.start()) + "-" + Long.toHexString(m.end()));
            try {
                if (Files.isRegularFile(mf)) {
                    return ByteSource.open(mf);
                }
            } catch (IOException | SecurityException e) {
                // not allowed or gone: fall back to the path
            }
            return openChecked(Path.of(m.path()), m);
        };
    }

    private static ByteSource openChecked(Path p, Mapping m) throws IOException {
        if (m.deleted()) {
            throw new IOException("the mapped file was deleted");
        }
        if (!Files.isRegularFile(p)) {
            throw new IOException("not a regular file on this machine");
        }
        if (m.inode() != 0) {
            Object ino = Files.getAttribute(p, "unix:ino");
            if (ino instanceof Long l && l != m.inode()) {
                throw new IOException("the file at this path is not the mapped one (inode " + l + ", mapped " + m.inode() + ")");
            }
        }
        return ByteSource.open(p);
    }

    public static MapsReport attribute(MapsSnapshot snap, FileOpener opener, long pageSize) {
        List<Mapping> ms = snap.mappings();
        Map<String, Object> segmentsByFile = new HashMap<>(); // ElfLoadSegments or String (problem)
        Map<String, List<Integer>> byFile = new LinkedHashMap<>();
        for (int i = 0; i < ms.size(); i++) {
            Mapping m = ms.get(i);
            if (m.kind() == MappingKind.FILE) {
                byFile.computeIfAbsent(fileKey(m), k -> new ArrayList<>()).add(i);
            }
        }
        AttributedMapping[] out = new AttributedMapping[ms.size()];
        long[] bias = new long[ms.size()];
        boolean[] hasBias = new boolean[ms.size()];
        String[] keys = new String[ms.size()];
        for (Map.Entry<String, List<Integer>> e : byFile.entrySet()) {
            Mapping first = ms.get(e.getValue().get(0));
            Object segs = segmentsByFile.computeIfAbsent(e.getKey(), k -> readSegments(opener, first));
            if (segs instanceof String problem) {
                for (int i : e.getValue()) {
                    out[i] = new AttributedMapping(ms.get(i), ms.get(i).path(), Optional.empty(), problem);
                }
                continue;
            }
            ElfLoadSegments elf = (ElfLoadSegments) segs;
            if (elf.loads().isEmpty()) {
                for (int i : e.getValue()) {
                    out[i] = new AttributedMapping(ms.get(i), ms.get(i).path(), Optional.empty(), "not an ELF file");
                }
                continue;
            }
            attributeFile(ms, e.getValue(), elf, pageSize, out, bias, hasBias);
            for (int i : e.getValue()) {
                keys[i] = e.getKey();
            }
        }
        // anonymous mappings: .bss of the object just before, or their own kind
        for (int i = 0; i < ms.size(); i++) {
            if (out[i] != null) {
                continue;
            }
            Mapping m = ms.get(i);
            if (m.kind() == MappingKind.ANONYMOUS && i > 0 && hasBias[i - 1] && ms.get(i - 1).end() == m.start()) {
                Optional<AttributedMapping> bss = bss(m, out[i - 1], bias[i - 1], segmentsByFile.get(keys[i - 1]), pageSize);
                if (bss.isPresent()) {
                    out[i] = bss.get();
                    keys[i] = keys[i - 1];
                    bias[i] = bias[i - 1];
                    hasBias[i] = true;
                    continue;
                }
            }
            String object = m.kind() == MappingKind.ANONYMOUS ? "[anon]" : m.name();
            out[i] = new AttributedMapping(m, object, Optional.empty(), roleOf(m.kind()));
        }
        return report(snap, pageSize, List.of(out), segmentsByFile);
    }

    private static String fileKey(Mapping m) {
        return m.devMajor() + ":" + m.devMinor() + ":" + m.inode() + ":" + m.name();
    }

    private static Object readSegments(FileOpener opener, Mapping m) {
        try {
            ByteSource s = opener.open(m);
            if (!ElfLoadSegments.isElf(s)) {
                return ElfLoadSegments.none();
            }
            return ElfLoadSegments.read(s);
        } catch (BinaryFormatException e) {
            return "unreadable ELF: " + e.getMessage();
        } catch (IOException | SecurityException e) {
            return "file not read: " + e.getMessage();
        }
    }

    private static long down(long v, long page) {
        return v & -page;
    }

    private static long up(long v, long page) {
        return (v + page - 1) & -page;
    }

    private static void attributeFile(List<Mapping> ms, List<Integer> idx, ElfLoadSegments elf, long page,
            AttributedMapping[] out, long[] bias, boolean[] hasBias) {
        // candidate (segment, implied bias) pairs per mapping, and votes for each bias
        Map<Long, Integer> votes = new HashMap<>();
        List<List<long[]>> cands = new ArrayList<>();
        boolean[] overlaps = new boolean[idx.size()];
        for (int j = 0; j < idx.size(); j++) {
            int i = idx.get(j);
            Mapping m = ms.get(i);
            List<long[]> c = new ArrayList<>();
            long mEnd = m.offset() + m.size();
            for (int k = 0; k < elf.loads().size(); k++) {
                LoadSegment s = elf.loads().get(k);
                if (s.filesz() == 0) {
                    continue;
                }
                long fStart = down(s.offset(), page);
                long fEnd = up(s.offset() + s.filesz(), page);
                if (Long.compareUnsigned(m.offset(), fEnd) < 0 && Long.compareUnsigned(fStart, mEnd) < 0) {
                    overlaps[j] = true;
                    // a loader mapping never holds bytes of two segments; a file mapped whole as data does
                    if (Long.compareUnsigned(m.offset(), fStart) >= 0 && Long.compareUnsigned(mEnd, fEnd) <= 0) {
                        long b = m.start() - down(s.vaddr(), page) - (m.offset() - fStart);
                        c.add(new long[] {k, b});
                    }
                }
            }
            java.util.Set<Long> seen = new java.util.HashSet<>();
            for (long[] x : c) {
                if (seen.add(x[1])) {
                    votes.merge(x[1], 1, Integer::sum);
                }
            }
            cands.add(c);
        }
        long objectBias = votes.entrySet().stream().max(Map.Entry.<Long, Integer>comparingByValue()
                .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder()))).map(Map.Entry::getKey).orElse(0L);
        for (int j = 0; j < idx.size(); j++) {
            int i = idx.get(j);
            Mapping m = ms.get(i);
            LoadSegment best = null;
            boolean bestPermsMatch = false;
            for (long[] x : cands.get(j)) {
                if (x[1] != objectBias) {
                    continue;
                }
                LoadSegment s = elf.loads().get((int) x[0]);
                boolean match = s.readable() == m.perms().read() && s.writable() == m.perms().write()
                        && s.executable() == m.perms().execute();
                if (best == null || (match && !bestPermsMatch)) {
                    best = s;
                    bestPermsMatch = match;
                }
            }
            if (best == null) {
                String why;
                if (!overlaps[j]) {
                    why = "no PT_LOAD holds these file bytes (mapped as data, not by the loader)";
                } else if (cands.get(j).isEmpty()) {
                    why = "spans the bytes of several segments (the file mapped whole, as data, not by the loader)";
                } else if (!m.perms().read() && !m.perms().write() && !m.perms().execute()) {
                    why = "gap reserved by the loader between segments (PROT_NONE)";
                } else {
                    why = "PT_LOAD bytes at another load address (a second mapping of the file)";
                }
                out[i] = new AttributedMapping(m, m.path(), Optional.empty(), why);
                continue;
            }
            bias[i] = objectBias;
            hasBias[i] = true;
            long v = m.start() - objectBias;
            String role = "PT_LOAD";
            if (best.writable() && !m.perms().write() && elf.hasRelro()
                    && Long.compareUnsigned(v, down(elf.relroStart(), page)) >= 0
                    && Long.compareUnsigned(m.end() - objectBias, up(elf.relroEnd(), page)) <= 0) {
                role = "PT_LOAD, RELRO (made read-only after relocation)";
            } else if (!bestPermsMatch) {
                role = "PT_LOAD, permissions changed at run time (segment " + best.flagString().trim() + ")";
            }
            out[i] = new AttributedMapping(m, m.path(), Optional.of(best), role);
        }
    }

    private static Optional<AttributedMapping> bss(Mapping m, AttributedMapping prev, long objectBias, Object segs,
            long page) {
        if (!(segs instanceof ElfLoadSegments elf)) {
            return Optional.empty();
        }
        long v = m.start() - objectBias;
        long vEnd = m.end() - objectBias;
        for (LoadSegment s : elf.loads()) {
            long fileEnd = up(s.vaddr() + s.filesz(), page);
            long memEnd = up(s.vaddr() + s.memsz(), page);
            if (s.memsz() > s.filesz() && Long.compareUnsigned(v, fileEnd) >= 0 && Long.compareUnsigned(vEnd, memEnd) <= 0) {
                return Optional.of(new AttributedMapping(m, prev.object(), Optional.of(s),
                        ".bss (anonymous zero pages past the segment's file bytes)"));
            }
        }
        return Optional.empty();
    }

    private static String roleOf(MappingKind k) {
        switch (k) {
            case ANONYMOUS:
                return "anonymous memory (runtime heaps, thread stacks, JIT code)";
            case HEAP:
                return "brk heap";
            case STACK:
                return "main thread stack";
            case NAMED_ANONYMOUS:
                return "named anonymous memory";
            default:
                return "kernel special mapping";
        }
    }

    private static MapsReport report(MapsSnapshot snap, long pageSize, List<AttributedMapping> all,
            Map<String, Object> segmentsByFile) {
        Map<String, long[]> totals = new LinkedHashMap<>(); // mappings, size, rss, pss, privDirty, swap, wx
        Map<String, MappingKind> kinds = new HashMap<>();
        Map<String, String> problems = new HashMap<>();
        Map<String, Boolean> elfs = new HashMap<>();
        List<AttributedMapping> wx = new ArrayList<>();
        long size = 0;
        long rss = 0;
        long pss = 0;
        for (AttributedMapping a : all) {
            Mapping m = a.mapping();
            long[] t = totals.computeIfAbsent(a.object(), k -> new long[7]);
            kinds.putIfAbsent(a.object(), m.kind() == MappingKind.ANONYMOUS && a.segment().isPresent() ? MappingKind.FILE : m.kind());
            t[0]++;
            t[1] += m.size() / 1024;
            t[2] += m.rssKiB();
            t[3] += m.pssKiB();
            t[4] += m.kib("Private_Dirty").orElse(0);
            t[5] += m.kib("Swap").orElse(0);
            if (m.perms().writableAndExecutable()) {
                t[6]++;
                wx.add(a);
            }
            size += m.size() / 1024;
            rss += m.rssKiB();
            pss += m.pssKiB();
            if (m.kind() == MappingKind.FILE) {
                Object segs = segmentsByFile.get(fileKey(m));
                if (segs instanceof String s) {
                    problems.putIfAbsent(a.object(), s);
                } else if (segs instanceof ElfLoadSegments e) {
                    elfs.put(a.object(), !e.loads().isEmpty());
                }
            }
        }
        List<MappedObject> objects = new ArrayList<>();
        for (Map.Entry<String, long[]> e : totals.entrySet()) {
            long[] t = e.getValue();
            objects.add(new MappedObject(e.getKey(), kinds.get(e.getKey()), (int) t[0], t[1], t[2], t[3], t[4], t[5],
                    elfs.getOrDefault(e.getKey(), false), (int) t[6], Optional.ofNullable(problems.get(e.getKey()))));
        }
        Comparator<MappedObject> order = snap.smaps()
                ? Comparator.comparingLong(MappedObject::pssKiB).reversed().thenComparing(MappedObject::name)
                : Comparator.comparingLong(MappedObject::sizeKiB).reversed().thenComparing(MappedObject::name);
        objects.sort(order);
        return new MapsReport(snap.source(), snap.smaps(), pageSize, all.size(), size, rss, pss, List.copyOf(objects), all,
                List.copyOf(wx), snap.problemCount(), snap.problems(), findings(snap, objects, all, wx));
    }

    private static List<Finding> findings(MapsSnapshot snap, List<MappedObject> objects, List<AttributedMapping> all,
            List<AttributedMapping> wx) {
        List<Finding> out = new ArrayList<>();
        for (MappedObject o : objects) {
            if (o.writableExecutableMappings() > 0) {
                out.add(Finding.warning("writable-executable", String.format("%s: %d mapping(s) both writable and executable",
                        o.name(), o.writableExecutableMappings()),
                        "memory that can be written and run turns a memory-corruption bug into code execution; JIT compilers "
                                + "(the JVM's code cache) map code this way by design unless built for W^X, elsewhere it comes "
                                + "from an executable stack (PT_GNU_STACK with PF_X) or text relocations."));
            }
        }
        long deleted = all.stream().filter(a -> a.mapping().deleted()).map(AttributedMapping::object).distinct().count();
        if (deleted > 0) {
            out.add(Finding.note("deleted-files", deleted + " mapped file(s) were deleted or replaced on disk",
                    "the process still runs the old bytes (after a package upgrade, for instance) until it restarts."));
        }
        long unmatched = all.stream().filter(a -> a.mapping().kind() == MappingKind.FILE && a.segment().isEmpty()
                && (a.role().startsWith("no PT_LOAD") || a.role().startsWith("spans"))).count();
        if (unmatched > 0) {
            out.add(Finding.note("data-mappings", unmatched + " mapping(s) of ELF files hold bytes no PT_LOAD covers",
                    "the file was mapped as data (debuggers, loaders reading headers), not by the kernel or ld.so."));
        }
        if (snap.problemCount() > 0) {
            out.add(Finding.note("unreadable-lines", snap.problemCount() + " line(s) could not be read (first: line "
                    + snap.problems().get(0).line() + ")", "the other lines were read; see the problems list."));
        }
        return List.copyOf(out);
    }
}

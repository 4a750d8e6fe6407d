package dev.execray.golang;

import dev.execray.binary.BinaryFormatException;
import dev.execray.binary.ByteSource;
import dev.execray.binary.ExecutableImage;
import dev.execray.binary.FileFormat;
import dev.execray.binary.ImageSegment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Finds {@code runtime.buildVersion} without relying on how the linker lays out string bytes.
 *
 * <p>The variable is a Go string header {pointer, length} that cmd/link's addstrdata moves from .bss into .data
 * (so: a writable, file-backed segment); the bytes it points at lie in read-only data and are <em>not</em>
 * NUL-terminated or separated from their neighbours (on darwin {@code strings} shows them glued to the byte
 * before). So the header, not the bytes, is the anchor: every word-aligned {pointer, length} pair of a writable
 * segment whose pointer maps into the file and whose exactly {@code length} bytes spell a Go version is a
 * match. Reading exactly {@code length} bytes is what makes this independent of string layout.
 *
 * <p>Pointers are taken as the loader would leave them at the link-time base: ELF RELA RELATIVE addends
 * (PIE: the word itself is 0), and Mach-O chained-fixup rebase words (target in the low 36 bits). A symbol
 * table, when present, names the header directly and is used first.
 */
final class BuildVersionLocator {
    /** "go1.22.3", "go1.21rc2", "go1.19.8 X:boringcrypto", "devel go1.23-4f3a2b1 Tue Jan 2 ...". */
    private static final Pattern VERSION = Pattern.compile(
            "(go1\\.\\d{1,3}(\\.\\d{1,3})?((rc|beta)\\d{1,3})?|devel [!-~][ -~]*)( X:[!-~]+)?");
    private static final int MIN_LEN = 5;
    private static final int MAX_LEN = 160;
    /** Writable bytes examined at most: .data of the largest Go binaries is a few MiB. */
    private static final long MAX_SCAN = 64L << 20;
    /** Headers whose pointer is resolved at most: a real .data has a few thousand plausible ones. */
    private static final int MAX_CANDIDATES = 200_000;

    /** A located version and how it was located, in words. */
    record Located(String version, String how) {
    }

    private BuildVersionLocator() {
    }

    static Optional<Located> locate(ExecutableImage image) {
        ByteSource o = image.source().withOrder(image.byteOrder());
        int w = image.pointerSize();
        RelativeRelocations rel = RelativeRelocations.of(image);
        Optional<Long> sym = image.symbolAddress("runtime.buildVersion");
        if (sym.isPresent()) {
            Optional<Long> off = image.fileOffsetOf(sym.get());
            if (off.isPresent() && o.contains(off.get(), 2L * w)) {
                Optional<String> v = stringAt(image, o, rel, off.get(), sym.get(), w);
                if (v.isPresent()) {
                    return Optional.of(new Located(v.get(), "symbol runtime.buildVersion at 0x"
                            + Long.toHexString(sym.get())));
                }
            }
        }
        Map<String, Long> found = new LinkedHashMap<>();
        long budget = MAX_SCAN;
        int candidates = 0;
        for (ImageSegment seg : image.loadSegments()) {
            if (!seg.writable() || seg.fileSize() <= 0 || budget <= 0) {
                continue;
            }
            long size = Math.min(seg.fileSize(), budget);
            budget -= size;
            // word alignment is by address: the header is a Go variable, aligned to the pointer size
            long first = Math.floorMod(-seg.address(), (long) w);
            for (long d = first; d + 2L * w <= size; d += w) {
                long fileOff = seg.fileOffset() + d;
                if (!o.contains(fileOff, 2L * w)) {
                    break;
                }
                long len = o.word(fileOff + w, w, "string length");
                if (len < MIN_LEN || len > MAX_LEN) {
                    continue;
                }
                if (++candidates > MAX_CANDIDATES) {
                    break;
                }
                Optional<String> v = stringAt(image, o, rel, fileOff, seg.address() + d, w);
                if (v.isPresent()) {
                    found.putIfAbsent(v.get(), seg.address() + d);
                }
            }
        }
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Map.Entry<String, Long> e = found.entrySet().iterator().next();
        String how = "string header {pointer, length} at 0x" + Long.toHexString(e.getValue())
                + " in a writable segment points at exactly these bytes";
        if (found.size() > 1) {
            how += "; other version-like headers: " + String.join(", ", found.keySet().stream().skip(1)
                    .map(GoStrconv::toText).toList());
        }
        return Optional.of(new Located(e.getKey(), how));
    }

    /** The Go string whose header is at {@code fileOff} (virtual address {@code addr}), if it spells a version. */
    private static Optional<String> stringAt(ExecutableImage image, ByteSource o, RelativeRelocations rel,
            long fileOff, long addr, int w) {
        long len = o.word(fileOff + w, w, "string length");
        if (len < MIN_LEN || len > MAX_LEN) {
            return Optional.empty();
        }
        for (long ptr : pointerCandidates(image, rel.word(o, fileOff, addr, w))) {
            Optional<Long> at = image.fileOffsetOf(ptr);
            if (at.isEmpty() || !o.contains(at.get(), len)) {
                continue;
            }
            // cheap test before building a string: 'g' of "go1." or 'd' of "devel "
            int c0 = o.u8(at.get(), "version string");
            if (c0 != 'g' && c0 != 'd') {
                continue;
            }
            String s = GoStrconv.bytes(o.bytes(at.get(), (int) len, "version string"));
            if (VERSION.matcher(s).matches()) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /**
     * What a pointer word may mean: itself; and in a Mach-O file with chained fixups, the rebase target in the
     * low 36 bits, as a virtual address (DYLD_CHAINED_PTR_64) or as an offset from the 4 GiB base
     * (DYLD_CHAINED_PTR_64_OFFSET). A wrong reading is harmless: the bytes must then still spell a version of
     * exactly the header's length.
     */
    private static long[] pointerCandidates(ExecutableImage image, long word) {
        if (image.format() == FileFormat.MACHO && (word >>> 36) != 0 && image.pointerSize() == 8) {
            long target = word & 0xF_FFFF_FFFFL;
            return new long[] {word, target, target + 0x1_0000_0000L};
        }
        return new long[] {word};
    }

    /**
     * When no header is found: what the file still proves about the release, as the narrowest range the
     * evidence allows and the evidence named ("go1.20 or later (pclntab 1.20 layout)").
     */
    static Optional<String> narrow(ExecutableImage image, ModuleInfo modules) {
        List<String> why = new ArrayList<>();
        GoVersion low = null;
        GoVersion high = null;
        try {
            FunctionTable t = PclntabReader.read(image);
            switch (t.version()) {
                case GO12 -> {
                    low = GoVersion.of(1, 2);
                    high = GoVersion.of(1, 15);
                }
                case GO116 -> {
                    low = GoVersion.of(1, 16);
                    high = GoVersion.of(1, 17);
                }
                case GO118 -> {
                    low = GoVersion.of(1, 18);
                    high = GoVersion.of(1, 19);
                }
                case GO120 -> low = GoVersion.of(1, 20);
                default -> {
                }
            }
            why.add("pclntab " + t.version().since() + " layout");
        } catch (BinaryFormatException | IllegalStateException e) {
            // no function table: only the other evidence counts
        }
        Optional<String> godebug = modules.setting("DefaultGODEBUG").map(GoStrconv::toText);
        if (godebug.isPresent() && !godebug.get().isEmpty()) {
            GoVersion best = null;
            String key = "";
            for (String kv : godebug.get().split(",")) {
                int eq = kv.indexOf('=');
                String k = eq < 0 ? kv : kv.substring(0, eq);
                Optional<GodebugSetting> s = GodebugCatalogue.lookup(k);
                if (s.isPresent() && (best == null || best.isBefore(s.get().since()))) {
                    best = s.get().since();
                    key = k;
                }
            }
            if (best != null) {
                // a key in DefaultGODEBUG is one the toolchain knew: the release is at least the key's first one
                if (low == null || low.isBefore(best)) {
                    low = best;
                }
                why.add("DefaultGODEBUG key " + key + " (known since go" + best.shortName() + ")");
            }
        }
        if (low == null) {
            return Optional.empty();
        }
        String range;
        if (high != null && !high.isBefore(low)) {
            range = high.equals(low) ? "go" + low.shortName() + ".x"
                    : "go" + low.shortName() + " to go" + high.shortName() + ".x";
        } else {
            range = "go" + low.shortName() + " or later";
        }
        return Optional.of(range + " (from " + String.join(" and ", why) + ")");
    }
}

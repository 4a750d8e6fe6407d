package dev.execray.golang;

import dev.execray.binary.ByteSource;
import dev.execray.binary.ExecutableImage;
import dev.execray.binary.ImageSegment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Recovers build facts from a Go binary whose build-info blob is missing or damaged (release pipelines that
 * patch the linker, like esbuild's since 0.27, or a blob overwritten by a tool). The runtime keeps its own
 * copies: {@code runtime.buildVersion} and {@code runtime.modinfo} are Go strings whose bytes lie in the
 * read-only data (cmd/link addstrdata), and modinfo is framed by the 16-byte sentinels of
 * cmd/go/internal/modload (infoStart, infoEnd). What is found this way is marked RECOVERED.
 */
final class BuildInfoRecovery {
    static final byte[] INFO_START = hex("3077af0c9274080241e1c107e6d618e6");
    static final byte[] INFO_END = hex("f932433186182072008242104116d8f2");
    /** Longest modinfo accepted between sentinels: big modules lists are tens of KiB, never megabytes. */
    private static final int MAX_MODINFO = 4 << 20;

    private BuildInfoRecovery() {
    }

    static Optional<GoBuildInfo> recover(ExecutableImage image, BuildInfoException why) {
        ByteSource src = image.source();
        List<String> notes = new ArrayList<>();
        notes.add("no usable build-info blob (" + why.getMessage() + "); facts below were recovered, not read");
        Optional<String> version = recoverVersion(image, notes);
        ModuleInfo modules = ModuleInfo.EMPTY;
        long start = src.indexOf(INFO_START, 0);
        if (start >= 0) {
            long end = src.indexOf(INFO_END, start + 16);
            if (end > start && end - start - 16 <= MAX_MODINFO) {
                String text = GoStrconv.bytes(src.bytes(start + 16, (int) (end - start - 16), "modinfo text"));
                try {
                    modules = ModinfoParser.parse(text);
                    notes.add("module information recovered from between the modinfo sentinels at file offset 0x"
                            + Long.toHexString(start));
                } catch (ModinfoParser.ModinfoException e) {
                    notes.add("text between the modinfo sentinels does not parse: " + e.getMessage());
                }
            }
        }
        if (version.isEmpty() && modules == ModuleInfo.EMPTY) {
            return Optional.empty();
        }
        return Optional.of(new GoBuildInfo(version.orElse(""), modules, GoBuildInfo.Provenance.RECOVERED,
                Optional.empty(), List.copyOf(notes)));
    }

    /**
     * The runtime's version string: candidates "go1.N[.P][rcN|betaN]" anywhere in the file, confirmed when a
     * Go string header {pointer, length} in a data segment points at one of them (runtime.buildVersion).
     */
    static Optional<String> recoverVersion(ExecutableImage image, List<String> notes) {
        ByteSource src = image.source();
        Map<Long, String> candidates = new LinkedHashMap<>();
        byte[] needle = {'g', 'o', '1', '.'};
        long at = 0;
        int seen = 0;
        // bounded: every iteration advances, and we stop after a generous number of hits
        while (seen < 100_000) {
            long i = src.indexOf(needle, at);
            if (i < 0) {
                break;
            }
            seen++;
            at = i + 1;
            Optional<String> v = versionAt(src, i);
            v.ifPresent(s -> candidates.put(i, s));
        }
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        int w = image.pointerSize();
        ByteSource o = src.withOrder(image.byteOrder());
        for (Map.Entry<Long, String> c : candidates.entrySet()) {
            Optional<Long> addr = addressOfFileOffset(image, c.getKey());
            if (addr.isEmpty()) {
                continue;
            }
            if (hasStringHeader(image, o, w, addr.get(), c.getValue().length())) {
                notes.add("Go version recovered from runtime.buildVersion (string header in the data segment"
                        + " points at file offset 0x" + Long.toHexString(c.getKey()) + ")");
                return Optional.of(c.getValue());
            }
        }
        // PIE binaries relocate the header at load time (the pointer is 0 in the file): take the most
        // frequent exact version string and say it is unconfirmed.
        Map<String, Integer> counts = new LinkedHashMap<>();
        candidates.values().forEach(v -> counts.merge(v, 1, Integer::sum));
        String best = counts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        notes.add("Go version \"" + GoStrconv.toText(best) + "\" recovered from a version string in the file,"
                + " not confirmed by a runtime.buildVersion header");
        return Optional.of(best);
    }

    /** "go1.22.3" at {@code i}, bounded by non-version bytes on both sides. */
    private static Optional<String> versionAt(ByteSource src, long i) {
        if (i > 0) {
            int before = src.u8(i - 1, "version string");
            if (Character.isLetterOrDigit(before) || before == '.' || before == '/' || before == '_' || before == '-') {
                return Optional.empty();
            }
        }
        StringBuilder sb = new StringBuilder("go1.");
        long p = i + 4;
        int digitsInGroup = 0;
        int dots = 1;
        while (p < src.size() && sb.length() < 24) {
            int c = src.u8(p, "version string");
            if (c >= '0' && c <= '9') {
                sb.append((char) c);
                digitsInGroup++;
            } else if (c == '.' && digitsInGroup > 0 && dots < 2) {
                sb.append('.');
                dots++;
                digitsInGroup = 0;
            } else if ((c == 'r' || c == 'b') && digitsInGroup > 0) {
                String tail = c == 'r' ? "rc" : "beta";
                for (int k = 0; k < tail.length(); k++) {
                    if (!src.contains(p + k, 1) || src.u8(p + k, "version string") != tail.charAt(k)) {
                        return Optional.empty();
                    }
                }
                sb.append(tail);
                p += tail.length();
                int d = 0;
                while (src.contains(p, 1) && Character.isDigit(src.u8(p, "version string")) && d < 3) {
                    sb.append((char) src.u8(p, "version string"));
                    p++;
                    d++;
                }
                if (d == 0) {
                    return Optional.empty();
                }
                break;
            } else {
                break;
            }
            p++;
        }
        if (digitsInGroup == 0 && !sb.toString().contains("rc") && !sb.toString().contains("beta")) {
            return Optional.empty();
        }
        return GoVersion.parse(sb.toString()).isPresent() ? Optional.of(sb.toString()) : Optional.empty();
    }

    private static Optional<Long> addressOfFileOffset(ExecutableImage image, long off) {
        for (ImageSegment seg : image.loadSegments()) {
            if (off >= seg.fileOffset() && off - seg.fileOffset() < seg.fileSize()) {
                return Optional.of(seg.address() + (off - seg.fileOffset()));
            }
        }
        return Optional.empty();
    }

    /** Whether some writable segment holds the words {addr, len} next to each other. */
    private static boolean hasStringHeader(ExecutableImage image, ByteSource o, int w, long addr, long len) {
        byte[] pattern = new byte[2 * w];
        for (int k = 0; k < w; k++) {
            int shiftA = o.order() == java.nio.ByteOrder.LITTLE_ENDIAN ? 8 * k : 8 * (w - 1 - k);
            pattern[k] = (byte) (addr >>> shiftA);
            pattern[w + k] = (byte) (len >>> shiftA);
        }
        for (ImageSegment seg : image.loadSegments()) {
            if (!seg.writable() || seg.fileSize() == 0) {
                continue;
            }
            long from = seg.fileOffset();
            long end = seg.fileOffset() + seg.fileSize();
            while (from < end) {
                long i = o.indexOf(pattern, from);
                if (i < 0 || i + pattern.length > end) {
                    break;
                }
                if ((i - seg.fileOffset()) % w == 0) {
                    return true;
                }
                from = i + 1;
            }
        }
        return false;
    }

    private static byte[] hex(String s) {
        byte[] b = new byte[s.length() / 2];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        }
        return b;
    }
}

package dev.execray.golang;

import dev.execray.binary.ByteSource;
import dev.execray.binary.ExecutableImage;
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
        if (version.isEmpty()) {
            Optional<String> range = BuildVersionLocator.narrow(image, modules);
            if (range.isEmpty() && modules == ModuleInfo.EMPTY) {
                return Optional.empty();
            }
            range.ifPresent(r -> notes.add(GoSummary.NARROWED + r));
        }
        return Optional.of(new GoBuildInfo(version.orElse(""), modules, GoBuildInfo.Provenance.RECOVERED,
                Optional.empty(), List.copyOf(notes)));
    }

    /**
     * The runtime's version string: first through its string header ({@link BuildVersionLocator}), exact
     * whatever the layout of the string bytes; only when no header is found, a bounded scan for version-shaped
     * bytes, said to be unconfirmed.
     */
    static Optional<String> recoverVersion(ExecutableImage image, List<String> notes) {
        try {
            Optional<BuildVersionLocator.Located> loc = BuildVersionLocator.locate(image);
            if (loc.isPresent()) {
                notes.add("Go version recovered from runtime.buildVersion: " + loc.get().how());
                return Optional.of(loc.get().version());
            }
        } catch (dev.execray.binary.BinaryFormatException e) {
            notes.add("runtime.buildVersion not located: " + e.getMessage());
        }
        return scanVersion(image, notes);
    }

    /**
     * The fallback: candidates "go1.N[.P][rcN|betaN]" anywhere in the file. A candidate preceded by a letter or
     * digit is kept (Go's string bytes are not separated; on darwin the version follows a letter), but those
     * with a clean boundary are preferred; the most frequent wins and is reported as unconfirmed.
     */
    static Optional<String> scanVersion(ExecutableImage image, List<String> notes) {
        ByteSource src = image.source();
        Map<String, Integer> clean = new LinkedHashMap<>();
        Map<String, Integer> glued = new LinkedHashMap<>();
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
            boolean cleanStart = i == 0 || !boundaryByte(src.u8(i - 1, "version string"));
            versionAt(src, i).ifPresent(s -> (cleanStart ? clean : glued).merge(s, 1, Integer::sum));
        }
        Map<String, Integer> counts = clean.isEmpty() ? glued : clean;
        if (counts.isEmpty()) {
            return Optional.empty();
        }
        String best = counts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        notes.add("Go version \"" + GoStrconv.toText(best) + "\" recovered from a version string in the file,"
                + " not confirmed by a runtime.buildVersion header");
        return Optional.of(best);
    }

    private static boolean boundaryByte(int before) {
        return Character.isLetterOrDigit(before) || before == '.' || before == '/' || before == '_' || before == '-';
    }

    /** "go1.22.3" at {@code i}, bounded by non-version bytes on both sides. */
    private static Optional<String> versionAt(ByteSource src, long i) {
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

    private static byte[] hex(String s) {
        byte[] b = new byte[s.length() / 2];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        }
        return b;
    }
}

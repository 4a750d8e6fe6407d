package dev.execray.scan;

import dev.execray.exec.places.Place;
import dev.execray.place.Target;
import dev.execray.rootfs.Resolution;
import dev.execray.rootfs.RootFs;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a tree's verdicts in its own root were computed from, and whether they still hold (docs/scan.md, "Reuse of
 * earlier results"). A verdict reads the program, the programs of its chain (a script's interpreter), the libraries
 * its loader loads, the loader's configuration and every directory and name it searched, and facts of this machine
 * (kernel, binfmt_misc, mounts, CPU, user). The scan records every path of the root the simulation asked about
 * ({@link RecordingRoot}) with a stamp, and this class compares them with the present:
 *
 * <ul>
 *   <li>nothing changed: every verdict of an unchanged file is reused;</li>
 *   <li>only regular files changed, in place, with their first bytes (which decide whether a loader accepts or skips
 *       a candidate) unchanged, and each is the program, a chain program or a loaded library of some recorded
 *       file: the verdicts of exactly those files are computed again;</li>
 *   <li>anything else changed (a name appeared or vanished, a link or directory changed, the loader's configuration,
 *       a skipped candidate, the machine's facts): every verdict is computed again.</li>
 * </ul>
 */
final class VerdictDeps {
    /** Bytes of a dependency whose digest is kept: ELF header, program headers and notes lie in the first page(s). */
    static final int HEAD = 64 * 1024;

    private VerdictDeps() {
    }

    /** What the comparison found. */
    sealed interface Outcome {
    }

    /** Every recorded verdict holds, except those of the files in {@code invalid} (paths of the input). */
    record Holds(Set<String> invalid, int changedPaths) implements Outcome {
        Holds {
            invalid = Set.copyOf(invalid);
        }
    }

    /** No recorded verdict may be reused. */
    record Voided(String why) implements Outcome {
    }

    /**
     * The stamp of one path of the root, as a string compared for equality: its type and identity, and for a regular
     * file or a listed directory its size and times (the ctime moves with any write, chmod or rename over it), then
     * (when {@code digest}) after a space-separated {@code #} the digest of a regular file's first {@link #HEAD} bytes. A path whose ctime
     * is too recent to be trusted (ScanService.RACY_NANOS) gets a stamp that never compares equal.
     *
     * @param oldStamp the earlier stamp of the path, whose digest is reused when the rest is unchanged
     */
    static String stamp(Path host, boolean listed, String oldStamp, boolean digest) {
        Map<String, Object> a;
        try {
            a = Files.readAttributes(host, "unix:dev,ino,mode,uid,gid,size,lastModifiedTime,ctime",
                    LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return "-";
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "? " + e.getClass().getSimpleName();
        }
        int mode = (Integer) a.get("mode");
        long ctime = nanos((FileTime) a.get("ctime"));
        String id = a.get("dev") + " " + a.get("ino");
        int type = mode & 0170000;
        boolean timed = type != 0040000 || listed;
        if (timed && ctime >= nanos(FileTime.from(Instant.now())) - ScanService.RACY_NANOS) {
            return "racy";
        }
        String times = nanos((FileTime) a.get("lastModifiedTime")) + " " + ctime;
        return switch (type) {
            case 0100000 -> {
                String s = "f " + id + " " + a.get("size") + " " + times;
                yield !digest ? s : s + " # " + (oldStamp != null && oldStamp.startsWith(s + " # ")
                        ? oldStamp.substring(s.length() + 3) : headDigest(host));
            }
            case 0040000 -> (listed ? "D " : "d ") + id + " " + mode + " " + a.get("uid") + " " + a.get("gid")
                    + (listed ? " " + times : "");
            case 0120000 -> "l " + id + " " + times;
            default -> "o " + id + " " + mode + " " + times;
        };
    }

    private static String headDigest(Path host) {
        MessageDigest md = sha();
        byte[] buf = new byte[8192];
        int left = HEAD;
        try (InputStream in = Files.newInputStream(host, LinkOption.NOFOLLOW_LINKS)) {
            for (int n; left > 0 && (n = in.read(buf, 0, Math.min(buf.length, left))) > 0; left -= n) {
                md.update(buf, 0, n);
            }
        } catch (IOException e) {
            return "unreadable";
        }
        return java.util.HexFormat.of().formatHex(md.digest(), 0, 16);
    }

    /** The stamps of every recorded path, old digests reused where the file is unchanged. */
    static Map<String, String> stamps(Map<String, Boolean> seen, java.util.function.Function<String, Path> host,
            Map<String, String> old, boolean digest) {
        // "D": a directory whose entries were listed (RecordingRoot.list)
        Map<String, String> out = new TreeMap<>();
        seen.forEach((p, listed) -> out.put(p, stamp(host.apply(p), listed, old.get(p), digest)));
        return out;
    }

    /** Whether every recorded stamp is still the present one (and was trustworthy). */
    static boolean unchanged(Map<String, String> old, Map<String, String> now) {
        for (Map.Entry<String, String> e : old.entrySet()) {
            String was = e.getValue();
            if (!was.equals(now.get(e.getKey())) || was.equals("racy") || was.startsWith("?")) {
                return false;
            }
        }
        return true;
    }

    /** The present stamps of the paths an earlier scan recorded. */
    static Map<String, String> restamp(Map<String, String> old, java.util.function.Function<String, Path> host,
            boolean digest) {
        Map<String, Boolean> seen = new HashMap<>();
        old.forEach((p, st) -> seen.put(p, st.startsWith("D ")));
        return stamps(seen, host, old, digest);
    }

    /**
     * The canonical paths whose content a file's verdict read that are its own: the file, the programs of its exec
     * chain and the libraries its loader loaded. Names that do not resolve are left out: a change to them is then
     * not attributable and voids every verdict, which is safe.
     */
    static List<String> ownReads(RootFs root, String path, List<String> chain, List<LibraryResolution> resolved,
            Map<String, String> canonical) {
        Set<String> out = new java.util.TreeSet<>();
        out.add(path);
        List<String> names = new ArrayList<>(chain);
        resolved.forEach(r -> r.path().ifPresent(names::add));
        for (String n : names) {
            if (!n.startsWith("/")) {
                continue;
            }
            String c = canonical.computeIfAbsent(n, k -> root.resolve(k) instanceof Resolution.Found f
                    ? f.canonical() : "");
            if (!c.isEmpty()) {
                out.add(c);
            }
        }
        return List.copyOf(out);
    }

    /**
     * Compares the recorded stamps with the present.
     *
     * @param old      path → stamp, as recorded by the earlier scan
     * @param ownReads file path → its {@link #ownReads}, as recorded
     * @param now      path → stamp now, for the same paths
     */
    static Outcome compare(Map<String, String> old, Map<String, List<String>> ownReads, Map<String, String> now) {
        Map<String, Set<String>> readers = null;
        Set<String> invalid = new HashSet<>();
        int changed = 0;
        for (Map.Entry<String, String> e : old.entrySet()) {
            String was = e.getValue();
            String is = now.get(e.getKey());
            if (was.equals(is) && !was.equals("racy") && !was.startsWith("?")) {
                continue;
            }
            changed++;
            String p = e.getKey();
            if (is == null || !was.startsWith("f ") || !is.startsWith("f ") || !digest(was).equals(digest(is))) {
                return new Voided(p + " changed (" + kind(was) + " -> " + kind(is) + ")");
            }
            if (readers == null) {
                readers = new HashMap<>();
                for (Map.Entry<String, List<String>> f : ownReads.entrySet()) {
                    for (String r : f.getValue()) {
                        readers.computeIfAbsent(r, k -> new HashSet<>()).add(f.getKey());
                    }
                }
            }
            Set<String> files = readers.get(p);
            if (files == null) {
                return new Voided(p + " changed, and no recorded program, chain or library is that file");
            }
            invalid.addAll(files);
        }
        return new Holds(invalid, changed);
    }

    private static String digest(String stamp) {
        int i = stamp.indexOf(" # ");
        return i < 0 ? "" : stamp.substring(i + 3);
    }

    private static String kind(String stamp) {
        if (stamp == null) {
            return "not recorded";
        }
        return switch (stamp.isEmpty() ? ' ' : stamp.charAt(0)) {
            case '-' -> "absent";
            case 'f' -> "file";
            case 'd', 'D' -> "directory";
            case 'l' -> "symbolic link";
            case 'r' -> "changed too recently to trust its stamp";
            default -> "other";
        };
    }

    /**
     * The facts of this machine and of the place that a verdict in the input's own root reads besides the root's
     * paths: the place's kernel, page size, features, C library and user; this machine's binfmt_misc registry, mount
     * table and CPU flags. A verdict is reused only under the same facts.
     */
    static String factsKey(Place self) {
        Target t = self.target();
        StringBuilder b = new StringBuilder("execray verdict facts 1\n");
        b.append(self.name()).append('\n').append(t.root().describe()).append('\n')
                .append(t.os()).append(' ').append(t.arch()).append(' ').append(t.kernel()).append(' ')
                .append(t.pageSize()).append('\n').append(t.features()).append('\n').append(t.libc()).append('\n')
                .append(t.credentials()).append('\n');
        b.append("binfmt ").append(t.binfmt().enabled()).append(' ').append(t.binfmt().source()).append('\n');
        Path binfmt = Path.of("/proc/sys/fs/binfmt_misc");
        if (Files.isDirectory(binfmt)) {
            try (java.util.stream.Stream<Path> s = Files.list(binfmt)) {
                for (Path p : s.sorted().toList()) {
                    b.append(p.getFileName()).append(": ").append(read(p)).append('\n');
                }
            } catch (IOException | java.io.UncheckedIOException e) {
                b.append("binfmt unreadable\n");
            }
        }
        b.append("mounts\n").append(read(Path.of("/proc/self/mountinfo")));
        read(Path.of("/proc/cpuinfo")).lines().filter(l -> l.startsWith("flags") || l.startsWith("Features"))
                .findFirst().ifPresent(l -> b.append(l).append('\n'));
        return java.util.HexFormat.of().formatHex(sha().digest(b.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /** At most 1 MiB of a small kernel file; a read error is part of the facts. */
    private static String read(Path p) {
        try (InputStream in = Files.newInputStream(p)) {
            return new String(in.readNBytes(1 << 20), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "unreadable: " + e.getClass().getSimpleName();
        }
    }

    private static long nanos(FileTime t) {
        Instant i = t.toInstant();
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    private static MessageDigest sha() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

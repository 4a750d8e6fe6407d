package dev.execray.rootfs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/**
 * The host's mount table, as the kernel shows it in /proc/self/mountinfo: which mount a host path lives on
 * (the last mounted of the longest matching mount points, as mounts stack).
 */
public final class Mounts {
    private final List<MountPoint> mounts;

    public Mounts(List<MountPoint> mounts) {
        this.mounts = List.copyOf(mounts);
    }

    public List<MountPoint> all() {
        return mounts;
    }

    /**
     * The host's table as it is now; empty when /proc is not mounted (then nothing can be said of mounts). Read on
     * every call, never cached: mounts change while a process runs (a test mounting a noexec tmpfs, a long scan),
     * and the file is a few KiB that the kernel generates in one read. Only the parse is reused while the text is
     * the same: a scan asks at every exec it simulates, and parsing was 10 % of a scan's CPU (JFR, /usr/bin).
     */
    public static Mounts host() {
        return read(Path.of("/proc/self/mountinfo"));
    }

    /** The last text parsed and its table (immutable, so sharing it between scan workers is safe). */
    private record Parsed(String text, Mounts mounts) {
    }

    private static volatile Parsed last;

    static Mounts read(Path mountinfo) {
        String text;
        try {
            text = Files.readString(mountinfo, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return new Mounts(List.of());
        }
        Parsed p = last;
        if (p != null && p.text().equals(text)) {
            return p.mounts();
        }
        Mounts m = parse(text);
        last = new Parsed(text, m);
        return m;
    }

    /** Parses mountinfo text; malformed lines are skipped (the kernel writes it, but a copy may be cut). */
    public static Mounts parse(String text) {
        List<MountPoint> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            String[] f = line.trim().split(" ");
            int dash = Arrays.asList(f).indexOf("-");
            if (f.length < 10 || dash < 6 || dash + 2 >= f.length) {
                continue;
            }
            out.add(new MountPoint(unescape(f[4]), f[dash + 1], unescape(f[dash + 2]),
                    new HashSet<>(Arrays.asList(f[5].split(",")))));
        }
        return new Mounts(out);
    }

    /** mountinfo escapes space, tab, newline and backslash as octal (\040). */
    static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 3 < s.length()
                    && s.substring(i + 1, i + 4).chars().allMatch(ch -> ch >= '0' && ch <= '7')) {
                b.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** The mount an absolute, symlink-free host path lives on. */
    public Optional<MountPoint> find(String hostPath) {
        MountPoint best = null;
        for (MountPoint m : mounts) {
            String mp = m.mountPoint();
            boolean under = mp.equals("/") || hostPath.equals(mp) || hostPath.startsWith(mp + "/");
            if (under && (best == null || mp.length() >= best.mountPoint().length())) {
                best = m;
            }
        }
        return Optional.ofNullable(best);
    }
}

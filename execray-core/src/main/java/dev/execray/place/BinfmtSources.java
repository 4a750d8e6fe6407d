package dev.execray.place;

import dev.execray.rootfs.Errno;
import dev.execray.rootfs.FileStat;
import dev.execray.rootfs.Resolution;
import dev.execray.rootfs.RootFs;
import dev.execray.rootfs.RootFsException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Where a binfmt_misc registry can be read from: the live kernel (/proc/sys/fs/binfmt_misc),
 * systemd-binfmt's binfmt.d files, or binfmt-support's format files, each read from a root and
 * turned into the registry the kernel would end up with, in its matching order.
 */
public final class BinfmtSources {
    /** Largest registry file we read: entry files are one page at most, config files are small. */
    private static final int MAX_FILE = 64 * 1024;
    /** systemd's search path for binfmt.d, highest priority first (systemd-binfmt(8), binfmt.d(5)). */
    public static final List<String> SYSTEMD_DIRS = List.of("/etc/binfmt.d", "/run/binfmt.d",
            "/usr/local/lib/binfmt.d", "/usr/lib/binfmt.d", "/lib/binfmt.d");
    public static final String BINFMTS_DIR = "/usr/share/binfmts";
    public static final Path LIVE = Path.of("/proc/sys/fs/binfmt_misc");

    private BinfmtSources() {
    }

    /**
     * The live registry of the running kernel. The directory lists entries newest first, which is
     * also the order the kernel tries them in; {@code register} and {@code status} come last.
     */
    public static BinfmtRegistry live(Path dir) {
        if (!Files.exists(dir.resolve("register"))) {
            return BinfmtRegistry.empty("binfmt_misc is not mounted at " + dir + " (no entries can match)");
        }
        List<BinfmtRegistry.Problem> problems = new ArrayList<>();
        boolean enabled = true;
        try {
            String status = Files.readString(dir.resolve("status"), StandardCharsets.UTF_8).trim();
            enabled = !status.equals("disabled");
        } catch (IOException e) {
            problems.add(new BinfmtRegistry.Problem(dir.resolve("status").toString(), "EIO",
                    "cannot read: " + e.getMessage()));
        }
        List<BinfmtEntry> entries = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            for (Path p : s) {
                String name = p.getFileName().toString();
                if (name.equals("register") || name.equals("status")) {
                    continue;
                }
                try {
                    byte[] b = readBounded(p);
                    Optional<BinfmtEntry> e = parseEntryFile(name, new String(b, StandardCharsets.UTF_8), problems,
                            p.toString());
                    e.ifPresent(entries::add);
                } catch (NoSuchFileException gone) {
                    // removed while we listed: the kernel no longer has it either
                } catch (IOException ex) {
                    problems.add(new BinfmtRegistry.Problem(p.toString(), "EIO", "cannot read: " + ex.getMessage()));
                }
            }
        } catch (IOException e) {
            problems.add(new BinfmtRegistry.Problem(dir.toString(), "EIO", "cannot list: " + e.getMessage()));
        }
        return new BinfmtRegistry(enabled, entries, "live kernel registry " + dir, problems, true);
    }

    private static byte[] readBounded(Path p) throws IOException {
        try (var in = Files.newInputStream(p)) {
            return in.readNBytes(MAX_FILE);
        }
    }

    /**
     * Parses the text of one entry file (K: entry_status()): enabled/disabled, interpreter, flags,
     * then offset/magic/mask or extension.
     */
    public static Optional<BinfmtEntry> parseEntryFile(String name, String text, List<BinfmtRegistry.Problem> problems,
            String where) {
        String[] lines = text.split("\n");
        if (lines.length < 4) {
            problems.add(new BinfmtRegistry.Problem(where, "EINVAL", "not a binfmt_misc entry file (too few lines)"));
            return Optional.empty();
        }
        boolean enabled;
        if (lines[0].equals("enabled")) {
            enabled = true;
        } else if (lines[0].equals("disabled")) {
            enabled = false;
        } else {
            problems.add(new BinfmtRegistry.Problem(where, "EINVAL", "first line is '" + lines[0]
                    + "', expected enabled or disabled"));
            return Optional.empty();
        }
        if (!lines[1].startsWith("interpreter ") || !lines[2].startsWith("flags:")) {
            problems.add(new BinfmtRegistry.Problem(where, "EINVAL", "expected 'interpreter' and 'flags:' lines"));
            return Optional.empty();
        }
        String interp = lines[1].substring("interpreter ".length());
        EnumSet<BinfmtFlag> flags = BinfmtFlag.none();
        for (char c : lines[2].substring("flags:".length()).trim().toCharArray()) {
            for (BinfmtFlag f : BinfmtFlag.values()) {
                if (f.letter() == c) {
                    flags.add(f);
                }
            }
        }
        try {
            if (lines[3].startsWith("extension .")) {
                return Optional.of(new BinfmtEntry(name, BinfmtEntry.Kind.EXTENSION, 0,
                        Bytes.utf8(lines[3].substring("extension .".length())), Optional.empty(), interp, flags, enabled));
            }
            if (!lines[3].startsWith("offset ") || lines.length < 5 || !lines[4].startsWith("magic ")) {
                problems.add(new BinfmtRegistry.Problem(where, "EINVAL", "expected 'offset' and 'magic' lines"));
                return Optional.empty();
            }
            int offset = Integer.parseInt(lines[3].substring("offset ".length()).trim());
            Bytes magic = Bytes.of(HexFormat.of().parseHex(lines[4].substring("magic ".length()).trim()));
            Optional<Bytes> mask = Optional.empty();
            if (lines.length > 5 && lines[5].startsWith("mask ")) {
                mask = Optional.of(Bytes.of(HexFormat.of().parseHex(lines[5].substring("mask ".length()).trim())));
            }
            return Optional.of(new BinfmtEntry(name, BinfmtEntry.Kind.MAGIC, offset, magic, mask, interp, flags, enabled));
        } catch (IllegalArgumentException e) {
            problems.add(new BinfmtRegistry.Problem(where, "EINVAL", "bad number or hex: " + e.getMessage()));
            return Optional.empty();
        }
    }

    /**
     * What systemd-binfmt registers at boot from a root: every {@code *.conf} in the binfmt.d
     * directories (a name in a higher-priority directory hides the same name below), in file-name
     * order, each non-comment line one registration. systemd removes an entry of the same name
     * before registering, so a later line replaces an earlier one.
     */
    public static BinfmtRegistry systemd(RootFs root, KernelVersion kernel) {
        Map<String, String> files = new TreeMap<>();
        List<BinfmtRegistry.Problem> problems = new ArrayList<>();
        for (String d : SYSTEMD_DIRS) {
            for (String name : listDir(root, d, problems)) {
                if (name.endsWith(".conf")) {
                    files.putIfAbsent(name, d + "/" + name);
                }
            }
        }
        Map<String, BinfmtEntry> registered = new LinkedHashMap<>();
        for (String path : files.values()) {
            Optional<String> text = readText(root, path, problems);
            if (text.isEmpty()) {
                continue;
            }
            String[] lines = text.get().split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i].strip();
                if (line.isEmpty() || line.charAt(0) == '#' || line.charAt(0) == ';') {
                    continue;
                }
                BinfmtRegistration.Result r = BinfmtRegistration.parse(line + "\n", kernel);
                if (r instanceof BinfmtRegistration.Accepted a) {
                    registered.remove(a.entry().name());
                    registered.put(a.entry().name(), a.entry());
                } else if (r instanceof BinfmtRegistration.Rejected rej) {
                    problems.add(new BinfmtRegistry.Problem(path + ":" + (i + 1), rej.errno().name(), rej.reason()));
                }
            }
        }
        List<BinfmtEntry> order = new ArrayList<>(registered.values());
        java.util.Collections.reverse(order);
        return new BinfmtRegistry(true, order, "systemd binfmt.d files in " + root.describe(), problems, false);
    }

    /**
     * What binfmt-support would register from its format files ({@code /usr/share/binfmts}): one
     * file per format, {@code key value} lines. Formats are registered in name order; a format with a
     * userspace detector is registered with binfmt-support's run-detectors as its interpreter.
     */
    public static BinfmtRegistry binfmtSupport(RootFs root, KernelVersion kernel) {
        List<BinfmtRegistry.Problem> problems = new ArrayList<>();
        List<BinfmtEntry> inOrder = new ArrayList<>();
        for (String name : listDir(root, BINFMTS_DIR, problems)) {
            String path = BINFMTS_DIR + "/" + name;
            Optional<String> text = readText(root, path, problems);
            if (text.isEmpty()) {
                continue;
            }
            Map<String, String> kv = new LinkedHashMap<>();
            for (String line : text.get().split("\n")) {
                String l = line.strip();
                if (l.isEmpty()) {
                    continue;
                }
                int sp = indexOfSpace(l);
                kv.put(l.substring(0, sp < 0 ? l.length() : sp).toLowerCase(Locale.ROOT),
                        sp < 0 ? "" : l.substring(sp).strip());
            }
            String interp = kv.get("interpreter");
            if (interp == null || interp.isEmpty()) {
                problems.add(new BinfmtRegistry.Problem(path, "EINVAL", "no 'interpreter' line"));
                continue;
            }
            if (kv.containsKey("detector")) {
                interp = "/usr/lib/binfmt-support/run-detectors";
            }
            boolean hasMagic = kv.containsKey("magic");
            boolean hasExt = kv.containsKey("extension");
            if (hasMagic == hasExt) {
                problems.add(new BinfmtRegistry.Problem(path, "EINVAL",
                        hasMagic ? "both 'magic' and 'extension' given" : "neither 'magic' nor 'extension' given"));
                continue;
            }
            StringBuilder flags = new StringBuilder();
            if (yes(kv.get("preserve"))) {
                flags.append('P');
            }
            if (yes(kv.get("credentials"))) {
                flags.append('C');
            }
            if (yes(kv.get("fix_binary"))) {
                flags.append('F');
            }
            String reg = hasMagic
                    ? ":" + name + ":M:" + kv.getOrDefault("offset", "") + ":" + kv.get("magic") + ":"
                            + kv.getOrDefault("mask", "") + ":" + interp + ":" + flags
                    : ":" + name + ":E::" + kv.get("extension") + "::" + interp + ":" + flags;
            BinfmtRegistration.Result r = BinfmtRegistration.parse(reg, kernel);
            if (r instanceof BinfmtRegistration.Accepted a) {
                inOrder.add(a.entry());
            } else if (r instanceof BinfmtRegistration.Rejected rej) {
                problems.add(new BinfmtRegistry.Problem(path, rej.errno().name(), rej.reason()));
            }
        }
        BinfmtRegistry reg = new BinfmtRegistry(true, List.of(), "binfmt-support format files in "
                + root.describe() + BINFMTS_DIR, problems, false);
        return reg.register(inOrder);
    }

    private static int indexOfSpace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static boolean yes(String v) {
        return v != null && v.equalsIgnoreCase("yes");
    }

    private static List<String> listDir(RootFs root, String dir, List<BinfmtRegistry.Problem> problems) {
        Resolution r = root.resolve(dir);
        if (!(r instanceof Resolution.Found f) || !f.stat().isDirectory()) {
            return List.of();
        }
        try {
            return root.list(f.canonical());
        } catch (RootFsException e) {
            problems.add(new BinfmtRegistry.Problem(dir, e.errno().name(), "cannot list: " + e.getMessage()));
            return List.of();
        }
    }

    private static Optional<String> readText(RootFs root, String path, List<BinfmtRegistry.Problem> problems) {
        Resolution r = root.resolve(path);
        if (r instanceof Resolution.Failed f) {
            problems.add(new BinfmtRegistry.Problem(path, f.errno().name(), f.detail()));
            return Optional.empty();
        }
        Resolution.Found found = (Resolution.Found) r;
        FileStat st = found.stat();
        if (!st.isRegular()) {
            problems.add(new BinfmtRegistry.Problem(path, Errno.EINVAL.name(), "not a regular file"));
            return Optional.empty();
        }
        try {
            byte[] b = root.readHead(found.canonical(), MAX_FILE);
            return Optional.of(new String(b, StandardCharsets.UTF_8));
        } catch (RootFsException e) {
            problems.add(new BinfmtRegistry.Problem(path, e.errno().name(), "cannot read: " + e.getMessage()));
            return Optional.empty();
        }
    }
}

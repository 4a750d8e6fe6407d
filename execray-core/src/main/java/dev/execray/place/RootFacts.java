package dev.execray.place;

import dev.execray.binary.BinaryFormatException;
import dev.execray.binary.ByteSource;
import dev.execray.binary.elf.ElfFile;
import dev.execray.binary.elf.VersionDefinition;
import dev.execray.rootfs.Resolution;
import dev.execray.rootfs.RootFs;
import dev.execray.rootfs.RootFsException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a root file system says about itself: the distribution (/etc/os-release), the C library it has and
 * that library's version, and the architecture of its /bin/sh. Each fact carries where it came from.
 *
 * @param libc        glibc or musl, when the root has one of them
 * @param libcVersion glibc: the newest GLIBC_x.y its libc.so.6 defines; musl: the version its loader prints
 */
public record RootFacts(Map<String, String> osRelease, Optional<Libc> libc, Optional<String> libcVersion,
        Optional<String> libcPath, Optional<Arch> arch, List<String> notes) {

    public RootFacts {
        osRelease = Map.copyOf(osRelease);
        notes = List.copyOf(notes);
    }

    /** "Debian GNU/Linux 12 (bookworm)", else the ID, else "unknown distribution". */
    public String distribution() {
        return Optional.ofNullable(osRelease.get("PRETTY_NAME")).or(() -> Optional.ofNullable(osRelease.get("ID")))
                .orElse("unknown distribution");
    }

    private static final Pattern GLIBC = Pattern.compile("GLIBC_(\\d+)\\.(\\d+)(?:\\.(\\d+))?");
    /** musl keeps its version as a string of its own ("1.2.5"), printed by the loader's usage text "Version %s". */
    private static final Pattern MUSL_VERSION = Pattern.compile("\u0000(\\d+\\.\\d+\\.\\d+)\u0000");

    public static RootFacts detect(RootFs root) {
        List<String> notes = new ArrayList<>();
        Map<String, String> osRelease = osRelease(root, notes);
        Optional<Arch> arch = Optional.empty();
        for (String sh : List.of("/bin/sh", "/bin/busybox", "/usr/bin/env")) {
            arch = elf(root, sh).flatMap(RootFacts::archOf);
            if (arch.isPresent()) {
                notes.add("architecture " + arch.get().goarch() + " from the ELF header of " + sh);
                break;
            }
        }
        // the C library /bin/sh is linked against is the root's own; a root may hold the other one too (Debian with
        // musl-tools, Alpine with gcompat), so presence alone decides only when /bin/sh says nothing
        Optional<String> shInterp = elf(root, "/bin/sh").flatMap(ElfFile::interpreter);
        boolean shUsesGlibc = shInterp.map(i -> !i.contains("ld-musl")).orElse(false);
        if (!shUsesGlibc) {
            for (Arch a : arch.map(List::of).orElse(List.of(Arch.values()))) {
                String loader = "/lib/ld-musl-" + a.uname().replace("armv7l", "armhf") + ".so.1";
                if (root.resolve(loader) instanceof Resolution.Found f && f.stat().isRegular()) {
                    Optional<String> v = muslVersion(root, f.canonical());
                    notes.add("musl from " + loader + v.map(x -> " (version " + x + ", the string its usage text prints)")
                            .orElse("") + shInterp.map(i -> ", the loader /bin/sh asks for").orElse(""));
                    return new RootFacts(osRelease, Optional.of(Libc.MUSL), v, Optional.of(loader),
                            arch.or(() -> Optional.of(a)), notes);
                }
            }
        }
        List<String> candidates = new ArrayList<>();
        // without a /bin/sh to say the architecture, every multiarch directory is a candidate (a root of libraries)
        for (Arch a : arch.map(List::of).orElse(List.of(Arch.values()))) {
            String triplet = triplet(a);
            candidates.add("/lib/" + triplet + "/libc.so.6");
            candidates.add("/usr/lib/" + triplet + "/libc.so.6");
        }
        candidates.addAll(List.of("/lib64/libc.so.6", "/usr/lib64/libc.so.6", "/lib/libc.so.6", "/usr/lib/libc.so.6"));
        for (String c : candidates) {
            Optional<ElfFile> libc = elf(root, c);
            if (libc.isPresent()) {
                // the release glibc says it is ("stable release version 2.31."): the newest symbol version it defines
                // is older whenever a release added no symbols (2.31 defines GLIBC_2.30 at most)
                Optional<String> release = glibcRelease(root, c);
                Optional<String> newest = newestGlibcDefinition(libc.get());
                Optional<String> v = release.or(() -> newest);
                notes.add("glibc " + v.orElse("of unknown version") + " from " + c + (release.isPresent()
                        ? " (the release string it carries" + newest.map(x -> "; newest symbol version GLIBC_" + x).orElse("")
                                + ")" : newest.map(x -> " (no release string: newest version it defines, GLIBC_" + x + ")")
                                        .orElse("")));
                return new RootFacts(osRelease, Optional.of(Libc.GLIBC), v, Optional.of(c),
                        arch.or(() -> archOf(libc.get())), notes);
            }
        }
        notes.add("no C library found (no ld-musl-*.so.1, no libc.so.6): only static programs can run here");
        return new RootFacts(osRelease, Optional.empty(), Optional.empty(), Optional.empty(), arch, notes);
    }

    static String triplet(Arch a) {
        return switch (a) {
            case AMD64 -> "x86_64-linux-gnu";
            case I386 -> "i386-linux-gnu";
            case ARM64 -> "aarch64-linux-gnu";
            case ARM -> "arm-linux-gnueabihf";
            case RISCV64 -> "riscv64-linux-gnu";
            case PPC64LE -> "powerpc64le-linux-gnu";
            case PPC64 -> "powerpc64-linux-gnu";
            case S390X -> "s390x-linux-gnu";
            case LOONG64 -> "loongarch64-linux-gnu";
            case MIPS64LE -> "mips64el-linux-gnuabi64";
            case MIPSLE -> "mipsel-linux-gnu";
        };
    }

    /** The newest GLIBC_x.y[.z] a libc.so.6 defines: the newest glibc symbol version programs may need from it. */
    public static Optional<String> newestGlibcDefinition(ElfFile libc) {
        String best = null;
        for (VersionDefinition d : libc.versionDefinitions()) {
            for (String name : d.names()) {
                if (GLIBC.matcher(name).matches() && (best == null || compareVersions(name.substring(6), best) > 0)) {
                    best = name.substring(6);
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /** Compares dotted numeric versions ("2.34" vs "2.4"). */
    public static int compareVersions(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int p = i < x.length ? parse(x[i]) : 0;
            int q = i < y.length ? parse(y[i]) : 0;
            if (p != q) {
                return Integer.compare(p, q);
            }
        }
        return 0;
    }

    private static int parse(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Map<String, String> osRelease(RootFs root, List<String> notes) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String p : List.of("/etc/os-release", "/usr/lib/os-release")) {
            if (root.resolve(p) instanceof Resolution.Found f && f.stat().isRegular()) {
                try {
                    String text = new String(root.readHead(f.canonical(), 64 * 1024), StandardCharsets.UTF_8);
                    for (String line : text.split("\n")) {
                        int eq = line.indexOf('=');
                        if (eq > 0 && !line.startsWith("#")) {
                            String v = line.substring(eq + 1).strip();
                            if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
                                v = v.substring(1, v.length() - 1);
                            }
                            m.put(line.substring(0, eq).strip(), v);
                        }
                    }
                    notes.add("distribution from " + p);
                    return m;
                } catch (RootFsException e) {
                    notes.add(p + " unreadable: " + e.getMessage());
                }
            }
        }
        notes.add("no /etc/os-release");
        return m;
    }

    private static Optional<ElfFile> elf(RootFs root, String path) {
        if (root.resolve(path) instanceof Resolution.Found f && f.stat().isRegular()) {
            try {
                ByteSource src = root.open(f.canonical());
                if (src.size() >= 4 && src.u8(0, "magic") == 0x7f && src.u8(1, "magic") == 'E') {
                    return Optional.of(ElfFile.read(src));
                }
            } catch (RootFsException | BinaryFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static Optional<Arch> archOf(ElfFile elf) {
        return Arch.ofElf((int) elf.header().machine().value(), elf.pointerSize() == 8 ? 64 : 32,
                elf.byteOrder() == java.nio.ByteOrder.LITTLE_ENDIAN);
    }

    private static final Pattern GLIBC_RELEASE = Pattern.compile("GNU C Library [^\u0000\n]{0,120}?release version (\\d+\\.\\d+(?:\\.\\d+)?)");

    /** "GNU C Library (Debian GLIBC 2.36-9) stable release version 2.36.": the string libc.so.6 prints when run. */
    static Optional<String> glibcRelease(RootFs root, String path) {
        try {
            ByteSource src = root.open(path);
            long size = Math.min(src.size(), 32L << 20);
            byte[] all = src.bytes(0, (int) size, "libc.so.6");
            Matcher m = GLIBC_RELEASE.matcher(new String(all, StandardCharsets.ISO_8859_1));
            return m.find() ? Optional.of(m.group(1)) : Optional.empty();
        } catch (RootFsException | BinaryFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> muslVersion(RootFs root, String loader) {
        try {
            ByteSource src = root.open(loader);
            long size = Math.min(src.size(), 4L << 20);
            byte[] all = src.bytes(0, (int) size, "musl loader");
            String text = new String(all, StandardCharsets.ISO_8859_1);
            if (!text.contains("musl libc")) {
                return Optional.empty();
            }
            Matcher m = MUSL_VERSION.matcher(text);
            return m.find() ? Optional.of(m.group(1)) : Optional.empty();
        } catch (RootFsException | BinaryFormatException e) {
            return Optional.empty();
        }
    }
}

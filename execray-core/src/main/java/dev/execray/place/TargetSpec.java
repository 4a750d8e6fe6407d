package dev.execray.place;

import dev.execray.rootfs.Credentials;
import dev.execray.rootfs.Resolution;
import dev.execray.rootfs.RootFs;
import dev.execray.rootfs.RootFsException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A target as asked for on a command line — {@code linux/arm64}, a kernel version, a page size, a
 * binfmt registry source, a root, a user — with everything not given filled in from the host
 * (when the target is the host's platform) or from the architecture's usual values, and a note for
 * each assumption.
 *
 * @param binfmt {@code live}, {@code none}, {@code systemd}, {@code binfmts} or a file of registration lines
 */
public record TargetSpec(Optional<String> platform, Optional<String> kernel, Optional<String> pageSize,
        Optional<String> binfmt, Optional<Path> root, Optional<String> user) {

    public static TargetSpec host() {
        return new TargetSpec(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    /** Builds the target, or explains which part of the spec is wrong. */
    public Target resolve() throws TargetException {
        List<String> notes = new ArrayList<>();
        Os hostOs = HostFacts.os().orElse(Os.LINUX);
        Optional<Arch> hostArch = HostFacts.arch();
        Os os = hostOs;
        Arch arch = hostArch.orElse(Arch.AMD64);
        if (platform.isPresent()) {
            String[] p = platform.get().split("/");
            if (p.length != 2) {
                throw new TargetException("target '" + platform.get() + "' is not OS/ARCH, e.g. linux/arm64");
            }
            os = Os.parse(p[0]).orElseThrow(() -> new TargetException("unknown OS '" + p[0]
                    + "' (linux, darwin, freebsd, openbsd, netbsd, windows)"));
            arch = Arch.parse(p[1]).orElseThrow(() -> new TargetException("unknown architecture '" + p[1] + "'"));
        }
        boolean isHostPlatform = os == hostOs && hostArch.isPresent() && arch == hostArch.get();

        KernelVersion k;
        if (kernel.isPresent()) {
            k = KernelVersion.parse(kernel.get()).orElseThrow(() -> new TargetException("kernel version '"
                    + kernel.get() + "' is not like 6.1 or 5.15.0"));
        } else if (isHostPlatform && HostFacts.kernel().isPresent()) {
            k = HostFacts.kernel().get();
            notes.add("kernel " + k + " detected from /proc/sys/kernel/osrelease");
        } else {
            k = KernelVersion.ASSUMED;
            if (os == Os.LINUX) {
                notes.add("kernel version assumed " + k + " (pass --kernel)");
            }
        }

        int page;
        if (pageSize.isPresent()) {
            page = parseSize(pageSize.get());
            if (os == Os.LINUX && !arch.pageSizes().contains(page)) {
                throw new TargetException("a " + arch.goarch() + " kernel cannot have " + pageSize.get()
                        + " pages (possible: " + arch.pageSizes().stream().map(s -> s / 1024 + "k").toList() + ")");
            }
        } else if (isHostPlatform && HostFacts.pageSize().isPresent()) {
            page = HostFacts.pageSize().get();
        } else {
            page = arch.defaultPageSize();
            if (arch.pageSizes().size() > 1 && os == Os.LINUX) {
                notes.add("page size assumed " + page / 1024 + " KiB (" + arch.goarch() + " kernels may use "
                        + arch.pageSizes().stream().map(s -> s / 1024 + "k").toList() + "; pass --page-size)");
            }
        }

        RootFs rootFs = root.map(RootFs::directory).orElse(RootFs.host());
        Credentials creds = parseUser(user, isHostPlatform);

        BinfmtRegistry reg;
        String source = binfmt.orElse(isHostPlatform && os == Os.LINUX ? "live" : "none");
        switch (source) {
            case "live" -> reg = BinfmtSources.live(BinfmtSources.LIVE);
            case "none" -> {
                reg = BinfmtRegistry.empty("no binfmt_misc entries");
                if (os == Os.LINUX && binfmt.isEmpty()) {
                    notes.add("binfmt_misc registry unknown for this target, assumed empty (pass --binfmt)");
                }
            }
            case "systemd" -> reg = BinfmtSources.systemd(rootFs, k);
            case "binfmts", "binfmt-support" -> reg = BinfmtSources.binfmtSupport(rootFs, k);
            default -> reg = fromFile(Path.of(source), k);
        }

        KernelFeatures f = KernelFeatures.defaults(arch);
        if (isHostPlatform && arch == Arch.AMD64) {
            f = KernelFeatures.hostAmd64Deferred(KernelConfig.host(), HostFacts.commandLine(), notes);
        }
        Libc libc = switch (os) {
            case WINDOWS -> Libc.MSVCRT;
            case DARWIN, FREEBSD, OPENBSD, NETBSD -> Libc.BSD;
            case LINUX -> rootFs.isHost() ? detectLibc(rootFs) : rootLibc(rootFs, notes);
        };
        return new Target(os, arch, k, page, reg, f, libc, creds, rootFs, notes);
    }

    private static Credentials parseUser(Optional<String> user, boolean hostPlatform) throws TargetException {
        if (user.isPresent()) {
            String[] p = user.get().split(":");
            try {
                int uid = Integer.parseInt(p[0]);
                int gid = p.length > 1 ? Integer.parseInt(p[1]) : uid;
                return new Credentials(uid, gid, List.of());
            } catch (NumberFormatException e) {
                throw new TargetException("user '" + user.get() + "' is not UID[:GID]");
            }
        }
        if (hostPlatform) {
            Optional<int[]> ids = HostFacts.ids();
            if (ids.isPresent()) {
                return new Credentials(ids.get()[0], ids.get()[1], List.of());
            }
        }
        return Credentials.ROOT;
    }

    static int parseSize(String s) throws TargetException {
        String v = s.trim().toLowerCase(Locale.ROOT);
        int mult = 1;
        if (v.endsWith("kib") || v.endsWith("kb")) {
            v = v.substring(0, v.length() - (v.endsWith("kib") ? 3 : 2));
            mult = 1024;
        } else if (v.endsWith("k")) {
            v = v.substring(0, v.length() - 1);
            mult = 1024;
        }
        try {
            int n = Integer.parseInt(v) * mult;
            if (Integer.bitCount(n) != 1 || n < 4096) {
                throw new TargetException("page size " + s + " is not a power of two of at least 4k");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new TargetException("page size '" + s + "' is not like 4k, 16k or 65536");
        }
    }

    private static BinfmtRegistry fromFile(Path file, KernelVersion k) throws TargetException {
        if (Files.isDirectory(file)) {
            if (Files.exists(file.resolve("register")) || Files.exists(file.resolve("status"))) {
                return BinfmtSources.live(file);
            }
            throw new TargetException("--binfmt " + file + ": a directory, but not a binfmt_misc mount");
        }
        try {
            byte[] b = Files.readAllBytes(file);
            if (b.length > 1 << 20) {
                throw new TargetException("--binfmt " + file + ": larger than 1 MiB, not a registration list");
            }
            List<BinfmtEntry> entries = new ArrayList<>();
            List<BinfmtRegistry.Problem> problems = new ArrayList<>();
            String[] lines = new String(b, StandardCharsets.UTF_8).split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i].strip();
                if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                    continue;
                }
                BinfmtRegistration.Result r = BinfmtRegistration.parse(line, k);
                if (r instanceof BinfmtRegistration.Accepted a) {
                    entries.add(a.entry());
                } else if (r instanceof BinfmtRegistration.Rejected rej) {
                    problems.add(new BinfmtRegistry.Problem(file + ":" + (i + 1), rej.errno().name(), rej.reason()));
                }
            }
            BinfmtRegistry base = new BinfmtRegistry(true, List.of(), "registrations in " + file, problems, false);
            return base.register(entries);
        } catch (java.io.IOException e) {
            throw new TargetException("--binfmt " + file + ": cannot read: " + e.getMessage());
        }
    }

    /**
     * The C library of a root: the one whose dynamic loader /bin/sh asks for (its PT_INTERP names
     * ld-musl-* or ld-linux*), glibc when that says nothing.
     */
    static Libc detectLibc(RootFs root) {
        Resolution r = root.resolve("/bin/sh");
        if (r instanceof Resolution.Found f && f.stat().isRegular()) {
            try {
                String head = new String(root.readHead(f.canonical(), 4096), StandardCharsets.ISO_8859_1);
                if (head.contains("/ld-musl-")) {
                    return Libc.MUSL;
                }
            } catch (RootFsException e) {
                // unreadable: the usual answer below
            }
        }
        return Libc.GLIBC;
    }

    /** A root's C library as every command sees it (RootFacts), its distribution and version noted first. */
    static Libc rootLibc(RootFs root, List<String> notes) {
        RootFacts facts = RootFacts.detect(root);
        notes.add(0, "root: " + facts.distribution() + ", " + facts.libc().map(l -> l.display()
                + facts.libcVersion().map(v -> " " + v).orElse("")).orElse("no C library"));
        return facts.libc().orElse(Libc.GLIBC);
    }
}

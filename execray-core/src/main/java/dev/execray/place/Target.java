package dev.execray.place;

import dev.execray.rootfs.Credentials;
import dev.execray.rootfs.RootFs;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where an executable is meant to run: the operating system, CPU architecture, kernel version and
 * page size, the binfmt_misc registry the kernel would consult, the C library, the user it runs
 * as, and the root file system it runs in. {@code notes} say which of these were detected and which
 * were assumed, so that a verdict can be read with the right amount of trust.
 */
public record Target(Os os, Arch arch, KernelVersion kernel, int pageSize, BinfmtRegistry binfmt,
        KernelFeatures features, Libc libc, Credentials credentials, RootFs root, List<String> notes) {

    /** A usual PATH for a Unix place with no environment to read. */
    public static final String STANDARD_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    /** The PATH a Windows installation starts with. */
    public static final String WINDOWS_PATH = "C:\\Windows\\system32;C:\\Windows;C:\\Windows\\System32\\Wbem";

    public Target {
        notes = List.copyOf(notes);
        if (Integer.bitCount(pageSize) != 1 || pageSize < 4096) {
            throw new IllegalArgumentException("page size must be a power of two of at least 4096: " + pageSize);
        }
    }

    /** {@code linux/arm64}: how the target is named in output. */
    public String platform() {
        return os.goos() + "/" + arch.goarch();
    }

    /** One line: platform, kernel, page size (when not the usual one), libc. */
    public String summary() {
        StringBuilder b = new StringBuilder(platform());
        if (os == Os.LINUX) {
            b.append(", kernel ").append(kernel);
            if (pageSize != 4096) {
                b.append(", ").append(pageSize / 1024).append(" KiB pages");
            }
        }
        b.append(", ").append(libc.display());
        return b.toString();
    }

    /** Whether this place is the machine execray runs on (its root and its OS): then your environment applies. */
    public boolean isThisMachine() {
        return root.isHost() && os == HostFacts.os().orElse(Os.LINUX);
    }

    /**
     * The directory a command starts in when none is given: yours on this machine, else the root of the
     * place ({@code \\} on Windows). Every command that runs a lookup or a simulation uses this rule.
     */
    public String defaultWorkingDirectory() {
        if (isThisMachine()) {
            return Path.of("").toAbsolutePath().toString();
        }
        return os == Os.WINDOWS ? "\\" : "/";
    }

    /** The PATH searched when none is given: your $PATH on this machine, else the place's usual one. */
    public String defaultSearchPath() {
        String env = System.getenv("PATH");
        if (isThisMachine() && env != null) {
            return env;
        }
        return os == Os.WINDOWS ? WINDOWS_PATH : STANDARD_PATH;
    }

    /** The working directory a command was given, else {@link #defaultWorkingDirectory()}. */
    public String workingDirectory(Optional<String> given) {
        return given.orElseGet(this::defaultWorkingDirectory);
    }

    /** The PATH a command was given, else {@link #defaultSearchPath()}. */
    public String searchPath(Optional<String> given) {
        return given.orElseGet(this::defaultSearchPath);
    }

    public Target withRoot(RootFs newRoot) {
        return new Target(os, arch, kernel, pageSize, binfmt, features, libc, credentials, newRoot, notes);
    }

    public Target withBinfmt(BinfmtRegistry r) {
        return new Target(os, arch, kernel, pageSize, r, features, libc, credentials, root, notes);
    }

    public Target withCredentials(Credentials c) {
        return new Target(os, arch, kernel, pageSize, binfmt, features, libc, c, root, notes);
    }
}

package dev.execray.cli;

import dev.execray.place.Arch;
import dev.execray.place.HostFacts;
import dev.execray.place.KernelVersion;
import dev.execray.place.Os;
import dev.execray.place.Target;
import dev.execray.place.TargetException;
import dev.execray.place.TargetSpec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The options that name a target; every command that simulates something for a target shares them. */
final class TargetOptions {
    @Option(names = "--target", paramLabel = "OS/ARCH|PLACE",
            description = "Platform, e.g. linux/amd64, linux/arm64 (default: this machine); in explain also any place "
                    + "matrix takes (a profile such as debian-12, dir:PATH, image:PATH).")
    String platform;

    /** A place by name (a profile, dir:, image:, host) rather than an OS/ARCH with options. */
    boolean namesAPlace() {
        return platform != null && !platform.matches("[a-z0-9]+/[a-z0-9_]+");
    }

    @Option(names = "--kernel", paramLabel = "VERSION", description = "Kernel version, e.g. 6.1 (default: this machine's, or "
            + KernelVersion.ASSUMED_NAME + ").")
    String kernel;

    @Option(names = "--page-size", paramLabel = "SIZE", description = "Kernel page size: 4k, 16k or 64k (arm64, ppc64le, loong64).")
    String pageSize;

    @Option(names = "--binfmt", paramLabel = "SOURCE",
            description = "binfmt_misc registry: live, none, systemd (binfmt.d in the root), binfmts (binfmt-support "
                    + "files in the root), or a file of registration lines (default: live for this machine).")
    String binfmt;

    @Option(names = "--root", paramLabel = "DIR", description = "Root file system, used with chroot semantics (default: /).")
    Path root;

    @Option(names = "--user", paramLabel = "UID[:GID]", description = "Check permissions as this user (default: you).")
    String user;

    /**
     * {@code which --os OS}: the target becomes OS on this machine's architecture. False after saying on {@code err}
     * why it cannot (the OS is unknown, or --target was given too).
     */
    boolean useOs(String os, PrintWriter err) {
        if (platform != null) {
            err.println("execray: give --os or --target, not both");
            return false;
        }
        Optional<Os> o = Os.parse(os);
        if (o.isEmpty()) {
            err.println("execray: unknown OS '" + os + "'");
            return false;
        }
        platform = o.get().goos() + "/" + HostFacts.arch().orElse(Arch.AMD64).goarch();
        return true;
    }

    /** The target, or empty after saying on {@code err} why it cannot be built (the command then exits 2). */
    Optional<Target> resolve(PrintWriter err) {
        return resolve(err, "execray");
    }

    /** As {@link #resolve(PrintWriter)}, the message starting with {@code prefix} (ldd names itself). */
    Optional<Target> resolve(PrintWriter err, String prefix) {
        try {
            return Optional.of(resolve());
        } catch (TargetException e) {
            err.println(prefix + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    Target resolve() throws TargetException {
        return new TargetSpec(Optional.ofNullable(platform), Optional.ofNullable(kernel), Optional.ofNullable(pageSize),
                Optional.ofNullable(binfmt), Optional.ofNullable(root), Optional.ofNullable(user)).resolve();
    }
}

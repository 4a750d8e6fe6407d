package dev.execray.cli;

import dev.execray.place.Target;
import dev.execray.place.TargetException;
import dev.execray.place.TargetSpec;
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

    @Option(names = "--kernel", paramLabel = "VERSION", description = "Kernel version, e.g. 6.1 (default: this machine's, or 6.12).")
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

    Target resolve() throws TargetException {
        return new TargetSpec(Optional.ofNullable(platform), Optional.ofNullable(kernel), Optional.ofNullable(pageSize),
                Optional.ofNullable(binfmt), Optional.ofNullable(root), Optional.ofNullable(user)).resolve();
    }
}

package dev.execray.rootfs;

import java.util.Set;

/**
 * One line of /proc/self/mountinfo that matters to exec: where, what, and the per-mount options
 * (noexec and nosuid are per-mount flags, field 6, not the super-block options after the "-").
 */
public record MountPoint(String mountPoint, String fsType, String source, Set<String> options) {
    public MountPoint {
        options = Set.copyOf(options);
    }

    /** path_noexec(): MNT_NOEXEC makes open_exec() refuse with EACCES. */
    public boolean noexec() {
        return options.contains("noexec");
    }

    /** MNT_NOSUID: set-user-ID and set-group-ID bits are not honoured. */
    public boolean nosuid() {
        return options.contains("nosuid");
    }

    public String describe() {
        return mountPoint + " (" + fsType + ", " + String.join(",", options.stream().sorted().toList()) + ")";
    }
}

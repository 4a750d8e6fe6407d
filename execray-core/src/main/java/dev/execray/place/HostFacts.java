package dev.execray.place;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** What the machine execray runs on says about itself, read from /proc (never by running anything). */
public final class HostFacts {
    private HostFacts() {
    }

    public static Optional<Os> os() {
        return Os.parse(System.getProperty("os.name", "").toLowerCase().startsWith("mac") ? "darwin"
                : System.getProperty("os.name", "").split(" ")[0]);
    }

    public static Optional<Arch> arch() {
        Optional<String> k = read("/proc/sys/kernel/arch");
        if (k.isPresent()) {
            Optional<Arch> a = Arch.parse(k.get());
            if (a.isPresent()) {
                return a;
            }
        }
        return Arch.parse(System.getProperty("os.arch", ""));
    }

    /** Whether the CPU reports running under a hypervisor (the "hypervisor" flag of /proc/cpuinfo). */
    public static boolean hypervisor() {
        return read("/proc/cpuinfo").map(s -> s.lines().anyMatch(l -> l.startsWith("flags")
                && java.util.Arrays.asList(l.split("\\s+")).contains("hypervisor"))).orElse(false);
    }

    /** The running kernel's release string (uname -r). */
    public static Optional<String> kernelRelease() {
        return read("/proc/sys/kernel/osrelease").map(String::trim);
    }

    /** The kernel command line's words. */
    public static java.util.List<String> commandLine() {
        return read("/proc/cmdline").map(s -> java.util.List.of(s.trim().split("\\s+"))).orElse(java.util.List.of());
    }

    public static Optional<KernelVersion> kernel() {
        return read("/proc/sys/kernel/osrelease").flatMap(KernelVersion::parse);
    }

    /** The kernel's page size, from the first mapping's KernelPageSize in /proc/self/smaps. */
    public static Optional<Integer> pageSize() {
        try (var lines = Files.lines(Path.of("/proc/self/smaps"), StandardCharsets.UTF_8)) {
            return lines.filter(l -> l.startsWith("KernelPageSize:")).findFirst().flatMap(l -> {
                String[] f = l.trim().split("\\s+");
                try {
                    return f.length < 2 ? Optional.empty() : Optional.of(Integer.parseInt(f[1]) * 1024);
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
            });
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        }
    }

    /** The effective uid and gid of this process, from /proc/self/status. */
    public static Optional<int[]> ids() {
        try {
            int uid = -1;
            int gid = -1;
            for (String l : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.UTF_8)) {
                String[] f = l.split("\\s+");
                if (l.startsWith("Uid:") && f.length > 2) {
                    uid = Integer.parseInt(f[2]);
                } else if (l.startsWith("Gid:") && f.length > 2) {
                    gid = Integer.parseInt(f[2]);
                }
            }
            return uid < 0 || gid < 0 ? Optional.empty() : Optional.of(new int[] {uid, gid});
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> read(String path) {
        try {
            return Optional.of(Files.readString(Path.of(path), StandardCharsets.UTF_8).trim());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}

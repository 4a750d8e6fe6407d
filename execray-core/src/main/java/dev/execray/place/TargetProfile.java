package dev.execray.place;

import dev.execray.rootfs.Credentials;
import dev.execray.rootfs.EmptyRoot;
import dev.execray.rootfs.RootFs;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A named place a binary may be sent to — a distribution release, a container base image, WSL2, macOS or
 * Windows on a given CPU — with the facts execray checks against, each traceable to {@link #sources()}.
 *
 * @param kernel        the kernel the place runs (Linux, FreeBSD); empty where it is the host's (container images)
 * @param libcVersion   glibc or musl version of the place's C library; empty when it has none (static images)
 * @param hasLibc       whether the place has a C library and its dynamic loader at all
 * @param osVersion     macOS or Windows version ("14.0", "10.0"); empty for the others
 * @param minX86Level   the x86-64 micro-architecture level every CPU of the place has (RHEL 9 requires v2)
 * @param emulates      architectures the place runs by emulation (Rosetta 2, Windows on Arm's x64 emulation)
 * @param binfmtLines   binfmt_misc registrations the place has by default
 * @param standardLibraries shared libraries every install has (Windows system DLLs), lower case
 */
public record TargetProfile(String name, String description, Os os, Arch arch, int pageSize,
        Optional<KernelVersion> kernel, Libc libc, boolean hasLibc, Optional<String> libcVersion,
        Optional<String> osVersion, int minX86Level, List<Arch> emulates, List<String> binfmtLines,
        List<String> standardLibraries, List<String> sources, List<String> notes) {

    public TargetProfile {
        emulates = List.copyOf(emulates);
        binfmtLines = List.copyOf(binfmtLines);
        standardLibraries = List.copyOf(standardLibraries);
        sources = List.copyOf(sources);
        notes = List.copyOf(notes);
    }

    /** "linux/amd64, kernel 6.1, glibc 2.36" */
    public String summary() {
        StringBuilder b = new StringBuilder(os.goos()).append('/').append(arch.goarch());
        osVersion.ifPresent(v -> b.append(' ').append(v));
        kernel.ifPresent(k -> b.append(", kernel ").append(k));
        if (pageSize != 4096) {
            b.append(", ").append(pageSize / 1024).append(" KiB pages");
        }
        if (os == Os.LINUX) {
            b.append(", ").append(hasLibc ? libc.display() + libcVersion.map(v -> " " + v).orElse("") : "no C library");
        }
        return b.toString();
    }

    /**
     * The profile as a {@link Target} over {@code root} (or an empty root when there is none: the exec path is
     * then simulated only as far as the file itself, see the notes).
     */
    public Target target(Optional<RootFs> root) {
        List<String> n = new ArrayList<>(notes);
        KernelVersion k = kernel.orElse(KernelVersion.ASSUMED);
        if (kernel.isEmpty() && os == Os.LINUX) {
            n.add("the kernel is the host's; kernel checks assume " + k);
        }
        BinfmtRegistry reg = BinfmtRegistry.empty("no binfmt_misc entries in profile " + name);
        List<BinfmtEntry> entries = new ArrayList<>();
        for (String line : binfmtLines) {
            if (BinfmtRegistration.parse(line, k) instanceof BinfmtRegistration.Accepted a) {
                entries.add(a.entry());
            }
        }
        if (!entries.isEmpty()) {
            reg = reg.register(entries);
        }
        return new Target(os, arch, k, pageSize, reg, KernelFeatures.defaults(arch), libc, Credentials.ROOT,
                root.orElseGet(() -> new EmptyRoot("profile " + name)), n);
    }
}

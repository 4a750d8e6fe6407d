package dev.execray.exec.places;

import dev.execray.rootfs.Credentials;
import dev.execray.rootfs.ImageRoot;
import dev.execray.rootfs.RootFs;
import dev.execray.rootfs.image.ContainerImage;
import dev.execray.rootfs.image.ImageFormatException;
import dev.execray.rootfs.image.Platform;
import dev.execray.place.Arch;
import dev.execray.place.BinfmtRegistry;
import dev.execray.place.HostFacts;
import dev.execray.place.KernelFeatures;
import dev.execray.place.KernelVersion;
import dev.execray.place.Libc;
import dev.execray.place.Os;
import dev.execray.place.RootFacts;
import dev.execray.place.Target;
import dev.execray.place.TargetException;
import dev.execray.place.TargetProfile;
import dev.execray.place.TargetProfiles;
import dev.execray.place.TargetSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Names of places, as the matrix takes them: a profile name ({@code debian-12}), {@code host},
 * {@code dir:PATH} (a directory used as a root), {@code image:PATH[@OS/ARCH]} (a docker-save or OCI image),
 * or {@code OS/ARCH}. Roots are read once per place; images stay open until {@link #close}.
 */
public final class Places implements AutoCloseable {
    private final List<ContainerImage> open = new ArrayList<>();

    public Place resolve(String spec) throws TargetException {
        if (spec.equals("host")) {
            return new Place("host", TargetSpec.host().resolve(), Optional.empty(), true);
        }
        if (spec.startsWith("dir:")) {
            Path dir = Path.of(spec.substring(4));
            if (!Files.isDirectory(dir)) {
                throw new TargetException(spec + ": not a directory");
            }
            return fromHostDirectory(spec, RootFs.directory(dir));
        }
        if (spec.startsWith("file:")) {
            TargetProfile p = dev.execray.place.PlaceFile.read(Path.of(spec.substring(5)));
            return new Place(spec, p.target(Optional.empty()), Optional.of(p), false);
        }
        if (spec.startsWith("image:")) {
            String rest = spec.substring(6);
            Optional<Platform> platform = Optional.empty();
            int at = rest.lastIndexOf('@');
            if (at > 0) {
                platform = Optional.of(Platform.parse(rest.substring(at + 1)));
                rest = rest.substring(0, at);
            }
            return fromImage(spec, Path.of(rest), platform);
        }
        Optional<TargetProfile> p = TargetProfiles.byName(spec);
        if (p.isPresent()) {
            return new Place(spec, p.get().target(Optional.empty()), p, false);
        }
        Target t = TargetProfiles.resolve(spec, Optional.empty());
        if (t.root().isHost() && HostFacts.os().orElse(Os.LINUX) == t.os() && HostFacts.arch().equals(Optional.of(t.arch()))) {
            return new Place(spec, t, Optional.empty(), true);
        }
        return new Place(spec, generic(t).target(Optional.empty()), Optional.of(generic(t)), false);
    }

    /** A container image as a place: its root, its platform, and what its files say about its C library. */
    public Place fromImage(String name, Path image, Optional<Platform> platform) throws TargetException {
        try {
            ContainerImage img = ContainerImage.open(image, platform);
            open.add(img);
            Optional<Arch> arch = Arch.parse(img.config().platform().architecture());
            return fromRoot(name, new ImageRoot(img), arch);
        } catch (IOException | ImageFormatException e) {
            throw new TargetException(name + ": " + e.getMessage());
        }
    }

    /**
     * A directory on this machine used as a root (chroot, a container's root): its programs run on this kernel,
     * with this machine's architecture, 32-bit support and binfmt_misc registry (an F entry's interpreter was
     * opened at registration and works inside the root; other entries' interpreters are looked up in it).
     * The C library is the root's.
     */
    public static Place fromHostDirectory(String name, RootFs root) throws TargetException {
        Target host = TargetSpec.host().resolve();
        if (host.os() != Os.LINUX) {
            return fromRoot(name, root, Optional.empty());
        }
        RootFacts facts = RootFacts.detect(root);
        List<String> notes = new ArrayList<>(host.notes());
        notes.addAll(facts.notes());
        facts.arch().filter(a -> a != host.arch()).ifPresent(a -> notes.add("the root's files are for " + a.goarch()
                + "; on this " + host.arch().goarch() + " kernel they need a binfmt_misc entry (qemu-user)"));
        Target t = new Target(Os.LINUX, host.arch(), host.kernel(), host.pageSize(), host.binfmt(), host.features(),
                facts.libc().orElse(Libc.GLIBC), Credentials.ROOT, root, notes);
        return new Place(name, t, Optional.empty(), true);
    }

    /** A root: distribution, C library and architecture detected from its files; the kernel is the host's. */
    public static Place fromRoot(String name, RootFs root, Optional<Arch> declared) {
        RootFacts facts = RootFacts.detect(root);
        List<String> notes = new ArrayList<>(facts.notes());
        Arch arch = declared.or(facts::arch).or(HostFacts::arch).orElse(Arch.AMD64);
        KernelVersion k = HostFacts.kernel().orElse(KernelVersion.ASSUMED);
        notes.add("kernel " + k + ": the host's (a root or an image runs on the kernel of the machine it is started on)");
        Libc libc = facts.libc().orElse(Libc.GLIBC);
        Target t = new Target(Os.LINUX, arch, k, arch.defaultPageSize(), BinfmtRegistry.empty("none for " + name),
                KernelFeatures.defaults(arch), libc, Credentials.ROOT, root, notes);
        return new Place(name, t, Optional.empty(), true);
    }

    /** The facts of an OS/ARCH without a profile: a C library of the usual flavour, version unknown. */
    private static TargetProfile generic(Target t) {
        Libc libc = t.os() == Os.LINUX ? Libc.GLIBC : t.libc();
        return new TargetProfile(t.platform(), t.platform() + " (no profile: kernel " + t.kernel() + ", "
                + libc.display() + " of an unknown version)", t.os(), t.arch(), t.pageSize(), Optional.of(t.kernel()), libc,
                true, Optional.empty(), Optional.empty(), 1, List.of(), List.of(), t.os() == Os.WINDOWS
                        ? TargetProfiles.WINDOWS_SYSTEM_DLLS : List.of(), List.of(), t.notes());
    }

    @Override
    public void close() {
        for (ContainerImage i : open) {
            try {
                i.close();
            } catch (IOException e) {
                // a temporary cache that could not be removed: nothing the user can act on here
            }
        }
        open.clear();
    }
}

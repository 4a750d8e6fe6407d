package dev.execray.exec.ld;

import static org.assertj.core.api.Assertions.assertThat;

import dev.execray.binary.ByteSource;
import dev.execray.binary.elf.ElfFile;
import dev.execray.place.ldconfig.CpuModel;
import dev.execray.rootfs.RootFs;
import dev.execray.place.ldconfig.LoaderFs;
import dev.execray.testing.Run;
import dev.execray.truth.Oracle;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Oracle (b): a foreign root. Debian's aarch64 cross glibc (libc6-arm64-cross) plus a few arm64 packages
 * unpacked with dpkg -x; every aarch64 program and library in it, our loader against the real aarch64 ld.so
 * run under {@code qemu-aarch64 -L ROOT} with LD_TRACE_LOADED_OBJECTS=1.
 */
@Tag("oracle")
class Arm64RootOracleTest {
    static final List<String> PACKAGES = List.of("coreutils", "libselinux1", "libpcre2-8-0", "libacl1", "libattr1",
            "libgmp10", "zlib1g", "libssl3", "libzstd1", "liblzma5", "libbz2-1.0", "libcurl4", "openssl",
            "libstdc++6", "libgcc-s1");
    static final Path CROSS = Path.of("/usr/aarch64-linux-gnu/lib");
    static final String QEMU = "/usr/bin/qemu-aarch64-static";
    private static final Pattern ARROW = Pattern.compile("^\t(.+?) => (.+?) \\(0x[0-9a-f]+\\)$");
    private static final Pattern SINGLE = Pattern.compile("^\t(.+?) \\(0x[0-9a-f]+\\)$");
    private static final Pattern NOT_FOUND = Pattern.compile("^\t(.+) => not found$");

    /** The root: cross glibc in /lib, packages unpacked over it. Debs are downloaded once into target/. */
    static Optional<Path> buildRoot() throws IOException {
        Path debs = Path.of("target/oracle-cache/arm64-debs").toAbsolutePath();
        Files.createDirectories(debs);
        try (Stream<Path> s = Files.list(debs)) {
            if (s.noneMatch(p -> p.toString().endsWith(".deb"))) {
                List<String> cmd = new ArrayList<>(List.of("apt-get", "download"));
                PACKAGES.forEach(p -> cmd.add(p + ":arm64"));
                Run.Result r = Run.run(cmd, Map.of(), debs);
                if (r.exit() != 0) {
                    System.out.println("cannot download arm64 packages (dpkg --add-architecture arm64; apt-get update):\n"
                            + r.err());
                    return Optional.empty();
                }
            }
        }
        Path root = Path.of("target/oracle-cache/arm64-root").toAbsolutePath();
        Run.run(List.of("rm", "-rf", root.toString()));
        Files.createDirectories(root.resolve("lib"));
        try (Stream<Path> s = Files.list(CROSS)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (p.getFileName().toString().contains(".so")) {
                    Files.copy(p, root.resolve("lib").resolve(p.getFileName()), LinkOption.NOFOLLOW_LINKS,
                            StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        try (Stream<Path> s = Files.list(debs)) {
            for (Path deb : (Iterable<Path>) s::iterator) {
                Run.Result r = Run.run(List.of("dpkg", "-x", deb.toString(), root.toString()));
                assertThat(r.exit()).as(r.err()).isZero();
            }
        }
        return Optional.of(root);
    }

    static List<String> aarch64Files(Path root) throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                byte[] h;
                try (InputStream in = Files.newInputStream(p)) {
                    h = in.readNBytes(64);
                }
                if (h.length < 64 || h[0] != 0x7f || h[1] != 'E' || h[4] != 2 || h[18] != (byte) 183) {
                    continue;
                }
                try {
                    ElfFile elf = ElfFile.read(ByteSource.open(p));
                    int type = (int) elf.header().type().value();
                    if ((type == 2 || type == 3) && elf.dynamic().present() && !elf.dynamic().needed().isEmpty()) {
                        out.add("/" + root.relativize(p));
                    }
                } catch (RuntimeException e) {
                    // not an object the loader could list
                }
            }
        }
        out.sort(null);
        return out;
    }

    @Test
    void everyProgramAndLibraryOfAnArm64RootResolvesAsTheRealLoaderUnderQemu() throws IOException {
        Oracle.require(Files.isExecutable(Path.of(QEMU)) && Files.exists(CROSS.resolve("ld-linux-aarch64.so.1")),
                "oracle arm64 root: " + QEMU + " and " + CROSS + "/ld-linux-aarch64.so.1 (apt-get install qemu-user-static libc6-arm64-cross)");
        Optional<Path> maybeRoot = buildRoot();
        Oracle.require(maybeRoot.isPresent(), "oracle arm64 root: arm64 packages from apt-get download "
                + "(dpkg --add-architecture arm64 && apt-get update; network access to the Debian mirror)");
        Path root = maybeRoot.get();
        LoaderFs fs = LoaderFs.of(RootFs.directory(root));
        DynamicLoaderStage stage = new DynamicLoaderStage(new LoaderSession(fs, ElfObjects.reader()),
                CpuModel::baseline);
        String ldso = root.resolve("lib/ld-linux-aarch64.so.1").toString();
        List<String> files = aarch64Files(root);
        int agree = 0;
        List<String> disagreements = new ArrayList<>();
        for (String f : files) {
            Run.Result real = Run.run(List.of(QEMU, "-L", root.toString(), "-E", "LD_TRACE_LOADED_OBJECTS=1", ldso, f));
            TreeSet<String> realSet = new TreeSet<>();
            for (String line : real.out().split("\n")) {
                Matcher nf = NOT_FOUND.matcher(line);
                if (nf.matches()) {
                    realSet.add("not found:" + nf.group(1));
                    continue;
                }
                Matcher a = ARROW.matcher(line);
                Matcher s = SINGLE.matcher(line);
                String path = a.matches() ? a.group(2) : s.matches() ? s.group(1) : null;
                if (path != null && path.startsWith("/")) {
                    if (path.startsWith(root + "/")) {
                        path = path.substring(root.toString().length());
                    }
                    realSet.add(fs.lookup(path) instanceof LoaderFs.Found fo ? fo.canonical() : path);
                }
            }
            LoaderSettings s = new LoaderSettings(Optional.empty(), List.of(), false, false, "/", Optional.of(f), true);
            DynamicLoaderStage.Result ours = stage.run(f, s);
            TreeSet<String> ourSet = ours instanceof DynamicLoaderStage.Loaded l ? HostLddOracleTest.ourSet(l.result())
                    : new TreeSet<>(List.of(ours.toString()));
            if (realSet.equals(ourSet)) {
                agree++;
            } else {
                disagreements.add(f + "\n  qemu ld.so: " + realSet + "\n  execray:    " + ourSet + "\n  (stderr: "
                        + real.err().trim() + ")");
            }
        }
        disagreements.stream().limit(15).forEach(System.out::println);
        System.out.println("oracle ldd (b) aarch64 root vs ld.so under qemu-aarch64 -L: " + agree + "/" + files.size()
                + " agree");
        assertThat(files).hasSizeGreaterThan(20);
        assertThat(disagreements).isEmpty();
    }
}

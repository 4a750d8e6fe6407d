package dev.execray.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/**
 * Builds a fleet of real images for the fleet tests and bench/fleet.sh: Debian packages of this machine's apt cache
 * unpacked with {@code dpkg -x} on a base layer holding this machine's glibc, the project's fixture binaries (C and Go,
 * many architectures), images whose entrypoint cannot start, images with whiteouts, and hostile ones (path traversal,
 * links out of the root, a corrupt layer, a tar that is no image, a missing file); docker-save tars, OCI layouts and
 * plain trees. Deterministic for a given machine: the same inputs in the same order.
 *
 * <p>{@code main(DIR, N)} writes a fleet of at least N inputs and prints their paths, one a line.
 */
public final class FleetFixtures {
    private static final ObjectMapper JSON = new ObjectMapper();

    private FleetFixtures() {
    }

    /** {@code DIR N}: a fleet of at least N inputs, listed; {@code --large FILE MIB}: one image of at least MIB MiB. */
    public static void main(String[] args) throws Exception {
        if (args[0].equals("--large")) {
            System.out.println(largeImage(Path.of(args[1]), Long.parseLong(args[2]) << 20));
            return;
        }
        if (args[0].equals("--time-slices")) {
            timeSlices(Path.of(args[1]), Integer.parseInt(args[2]));
            return;
        }
        for (String p : build(Path.of(args[0]), Integer.parseInt(args[1]))) {
            System.out.println(p);
        }
    }

    /**
     * For the split bench: the image scanned whole and in two slices, one after the other in this warm JVM (so the
     * figures do not need a free core), {@code rounds} times; prints each round's milliseconds.
     */
    static void timeSlices(Path image, int rounds) throws Exception {
        dev.execray.scan.ScanInput in = new dev.execray.scan.ScanInput.Image(image, java.util.Optional.empty());
        for (int r = 0; r < rounds; r++) {
            try (dev.execray.scan.ScanService s = new dev.execray.scan.ScanService(
                    dev.execray.scan.ScanOptions.defaults().withThreads(1))) {
                long t0 = System.nanoTime();
                try (dev.execray.rootfs.image.ContainerImage ci = dev.execray.rootfs.image.ContainerImage.open(image,
                        java.util.Optional.empty())) {
                    // the opening alone: every layer's headers read, the merged tree built
                }
                long t1 = System.nanoTime();
                int files = s.scan(in).files().size();
                long t2 = System.nanoTime();
                int f0 = s.scanSlice(in, new dev.execray.scan.FileSlice(0, 2)).result().files().size();
                long t3 = System.nanoTime();
                int f1 = s.scanSlice(in, new dev.execray.scan.FileSlice(1, 2)).result().files().size();
                long t4 = System.nanoTime();
                System.out.printf("round %d: open %d ms, whole %d ms (%d files), slice 0 %d ms (%d), slice 1 %d ms (%d)"
                        + "%n", r + 1, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, files, (t3 - t2) / 1_000_000, f0,
                        (t4 - t3) / 1_000_000, f1);
            }
        }
    }

    /**
     * One large docker-save image for the split bench: the glibc base, then Debian library packages of the apt cache
     * (0.2 to 12 MB each, by name: the same choice on the same machine) unpacked with dpkg -x, about 64 MiB of files per
     * layer, until the layers hold {@code minBytes}; a last layer deletes one file of the first package layer and
     * replaces another, so the split scan meets whiteouts and layer order. Layers are written one at a time.
     */
    static Path largeImage(Path tarFile, long minBytes) throws IOException, InterruptedException {
        List<Path> debs;
        try (Stream<Path> s = Files.list(Path.of("/var/cache/apt/archives"))) {
            // shared libraries: the files a scan examines (ELF, hashed, parsed, judged), not data
            debs = s.filter(p -> p.getFileName().toString().endsWith("_amd64.deb"))
                    .filter(p -> p.getFileName().toString().startsWith("lib"))
                    .filter(p -> !p.getFileName().toString().matches(".*-(dev|doc|dbg|data|common)_.*")).filter(p -> {
                try {
                    return Files.size(p) >= 200_000 && Files.size(p) <= 12_000_000;
                } catch (IOException e) {
                    return false;
                }
            }).sorted().toList();
        }
        Path work = Files.createTempDirectory("execray-large");
        List<String> firstFiles = new ArrayList<>();
        String entry = "/bin/sh";
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(Files.newOutputStream(tarFile))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            ArrayNode names = JSON.createArrayNode();
            put(tar, "layer0/layer.tar", base().tar(false));
            names.add("layer0/layer.tar");
            long total = 0;
            Layer cur = new Layer();
            long inLayer = 0;
            for (int i = 0; i < debs.size() && total < minBytes; i++) {
                Path tree = dpkgX(debs.get(i), work.resolve("deb" + i));
                if (names.size() == 1 && firstFiles.size() < 2) {
                    try (Stream<Path> w = Files.walk(tree)) {
                        w.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).sorted().limit(2)
                                .forEach(p -> firstFiles.add(tree.relativize(p).toString()));
                    }
                    String ep = entrypointOf(tree);
                    entry = ep.isEmpty() ? entry : ep;
                }
                int before = cur.entries.size();
                cur.tree(tree, "");
                for (int k = before; k < cur.entries.size(); k++) {
                    inLayer += cur.data.get(k) == null ? 0 : cur.data.get(k).length;
                }
                try (Stream<Path> w = Files.walk(tree)) {
                    for (Path q : w.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.delete(q);
                    }
                }
                if (inLayer >= 64L << 20 || i == debs.size() - 1 || total + inLayer >= minBytes) {
                    String n = "layer" + names.size() + "/layer.tar";
                    put(tar, n, cur.tar(false));
                    names.add(n);
                    total += inLayer;
                    cur = new Layer();
                    inLayer = 0;
                }
            }
            if (!firstFiles.isEmpty()) {
                Layer top = new Layer();
                String gone = firstFiles.get(0);
                int slash = gone.lastIndexOf('/');
                top.file((slash < 0 ? "" : gone.substring(0, slash + 1)) + ".wh." + gone.substring(slash + 1),
                        new byte[0], 0644);
                if (firstFiles.size() > 1) {
                    top.file(firstFiles.get(1), "#!/bin/sh\necho replaced\n".getBytes(), 0755);
                }
                String n = "layer" + names.size() + "/layer.tar";
                put(tar, n, top.tar(false));
                names.add(n);
            }
            put(tar, "config.json", config(List.of(entry)));
            ArrayNode manifest = JSON.createArrayNode();
            ObjectNode img = manifest.addObject().put("Config", "config.json");
            img.putArray("RepoTags").add("fleet-large:latest");
            img.set("Layers", names);
            put(tar, "manifest.json", JSON.writeValueAsBytes(manifest));
        } finally {
            try (Stream<Path> w = Files.walk(work)) {
                for (Path q : w.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(q);
                }
            }
        }
        return tarFile;
    }

    /** One layer: tar entries in order. */
    static final class Layer {
        final List<TarArchiveEntry> entries = new ArrayList<>();
        final List<byte[]> data = new ArrayList<>();

        Layer dir(String name) {
            TarArchiveEntry e = new TarArchiveEntry(name.endsWith("/") ? name : name + "/", TarArchiveEntry.LF_DIR, true);
            e.setMode(040755);
            entries.add(e);
            data.add(null);
            return this;
        }

        Layer file(String name, byte[] content, int mode) {
            TarArchiveEntry e = new TarArchiveEntry(name, TarArchiveEntry.LF_NORMAL, true);
            e.setMode(0100000 | mode);
            e.setSize(content.length);
            entries.add(e);
            data.add(content);
            return this;
        }

        Layer symlink(String name, String target) {
            TarArchiveEntry e = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK, true);
            e.setLinkName(target);
            e.setMode(0120777);
            entries.add(e);
            data.add(null);
            return this;
        }

        /** Every directory, file and link under {@code root}, as {@code prefix/relative}, modes kept. */
        Layer tree(Path root, String prefix) throws IOException {
            try (Stream<Path> s = Files.walk(root)) {
                for (Path p : s.sorted().toList()) {
                    if (p.equals(root)) {
                        continue;
                    }
                    String name = prefix + root.relativize(p).toString();
                    if (Files.isSymbolicLink(p)) {
                        symlink(name, Files.readSymbolicLink(p).toString());
                    } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                        dir(name);
                    } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                        file(name, Files.readAllBytes(p), mode(p));
                    }
                }
            }
            return this;
        }

        byte[] tar(boolean gzip) throws IOException {
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            try (OutputStream z = gzip ? new GzipCompressorOutputStream(raw) : raw;
                    TarArchiveOutputStream tar = new TarArchiveOutputStream(z)) {
                tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
                for (int i = 0; i < entries.size(); i++) {
                    tar.putArchiveEntry(entries.get(i));
                    if (data.get(i) != null) {
                        tar.write(data.get(i));
                    }
                    tar.closeArchiveEntry();
                }
            }
            return raw.toByteArray();
        }
    }

    private static int mode(Path p) throws IOException {
        int m = 0;
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
        for (PosixFilePermission x : perms) {
            m |= 1 << (8 - x.ordinal());
        }
        return m;
    }

    static byte[] config(List<String> entrypoint) throws IOException {
        ObjectNode cfg = JSON.createObjectNode().put("os", "linux").put("architecture", "amd64");
        ObjectNode c = cfg.putObject("config");
        entrypoint.forEach(c.putArray("Entrypoint")::add);
        c.putArray("Env").add("PATH=/usr/local/bin:/usr/bin:/bin");
        return JSON.writeValueAsBytes(cfg);
    }

    static Path dockerSave(Path tarFile, List<Layer> layers, List<String> entrypoint) throws IOException {
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(Files.newOutputStream(tarFile))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            ArrayNode manifest = JSON.createArrayNode();
            ObjectNode img = manifest.addObject().put("Config", "config.json");
            img.putArray("RepoTags").add("fleet:latest");
            ArrayNode names = img.putArray("Layers");
            for (int i = 0; i < layers.size(); i++) {
                put(tar, "layer" + i + "/layer.tar", layers.get(i).tar(false));
                names.add("layer" + i + "/layer.tar");
            }
            put(tar, "config.json", config(entrypoint));
            put(tar, "manifest.json", JSON.writeValueAsBytes(manifest));
        }
        return tarFile;
    }

    static Path ociLayout(Path dir, List<byte[]> gzLayers, List<String> entrypoint) throws IOException {
        Files.createDirectories(dir.resolve("blobs/sha256"));
        Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        ObjectNode manifest = JSON.createObjectNode().put("schemaVersion", 2)
                .put("mediaType", "application/vnd.oci.image.manifest.v1+json");
        manifest.set("config", blob(dir, "application/vnd.oci.image.config.v1+json", config(entrypoint)));
        ArrayNode ls = manifest.putArray("layers");
        for (byte[] l : gzLayers) {
            ls.add(blob(dir, "application/vnd.oci.image.layer.v1.tar+gzip", l));
        }
        ObjectNode d = blob(dir, "application/vnd.oci.image.manifest.v1+json", JSON.writeValueAsBytes(manifest));
        d.putObject("platform").put("os", "linux").put("architecture", "amd64");
        ObjectNode index = JSON.createObjectNode().put("schemaVersion", 2);
        index.putArray("manifests").add(d);
        Files.write(dir.resolve("index.json"), JSON.writeValueAsBytes(index));
        return dir;
    }

    private static ObjectNode blob(Path dir, String type, byte[] data) throws IOException {
        String hex;
        try {
            hex = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        Files.write(dir.resolve("blobs/sha256/" + hex), data);
        return JSON.createObjectNode().put("mediaType", type).put("digest", "sha256:" + hex).put("size", data.length);
    }

    private static void put(TarArchiveOutputStream tar, String name, byte[] data) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setSize(data.length);
        tar.putArchiveEntry(e);
        tar.write(data);
        tar.closeArchiveEntry();
    }

    /** A base layer with this machine's C library and loader, so dynamically linked programs can start. */
    static Layer base() throws IOException {
        Layer l = new Layer().dir("etc").dir("lib").dir("lib/x86_64-linux-gnu").dir("lib64").dir("usr")
                .dir("usr/bin").dir("usr/lib").dir("etc/ld.so.conf.d");
        l.file("etc/os-release", "ID=debian\nVERSION_ID=\"12\"\n".getBytes(), 0644);
        l.file("etc/ld.so.conf.d/x86_64-linux-gnu.conf", "/lib/x86_64-linux-gnu\n/usr/lib/x86_64-linux-gnu\n".getBytes(),
                0644);
        for (String lib : List.of("libc.so.6", "ld-linux-x86-64.so.2", "libm.so.6")) {
            Path p = Path.of("/lib/x86_64-linux-gnu", lib);
            if (Files.isRegularFile(p)) {
                l.file("lib/x86_64-linux-gnu/" + lib, Files.readAllBytes(p.toRealPath()), 0755);
            }
        }
        l.symlink("lib64/ld-linux-x86-64.so.2", "/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2");
        return l;
    }

    /** Small amd64 packages of the apt cache, by name: the same choice on the same machine. */
    static List<Path> debs(int max) throws IOException {
        Path cache = Path.of("/var/cache/apt/archives");
        if (!Files.isDirectory(cache)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(cache)) {
            List<Path> all = s.filter(p -> p.getFileName().toString().endsWith("_amd64.deb")).filter(p -> {
                try {
                    long n = Files.size(p);
                    return n > 20_000 && n < 250_000;
                } catch (IOException e) {
                    return false;
                }
            }).sorted().toList();
            List<Path> out = new ArrayList<>();
            int step = Math.max(1, all.size() / Math.max(1, max));
            for (int i = 0; i < all.size() && out.size() < max; i += step) {
                out.add(all.get(i));
            }
            return out;
        }
    }

    static Path dpkgX(Path deb, Path dst) throws IOException, InterruptedException {
        Files.createDirectories(dst);
        Process p = new ProcessBuilder("dpkg", "-x", deb.toString(), dst.toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException("dpkg -x " + deb + " failed");
        }
        return dst;
    }

    /** The first ELF program under usr/bin, bin, usr/sbin or sbin of an unpacked package, as an image path. */
    static String entrypointOf(Path tree) throws IOException {
        for (String d : List.of("usr/bin", "bin", "usr/sbin", "sbin")) {
            Path dir = tree.resolve(d);
            if (Files.isDirectory(dir)) {
                try (Stream<Path> s = Files.list(dir)) {
                    for (Path p : s.sorted().toList()) {
                        if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                            return "/" + tree.relativize(p);
                        }
                    }
                }
            }
        }
        return "/usr/bin/missing-entrypoint";
    }

    private static List<Path> fixtureBinaries() throws IOException {
        List<Path> out = new ArrayList<>();
        for (String d : List.of("fixtures/out/c", "fixtures/out/go")) {
            if (Files.isDirectory(Path.of(d))) {
                try (Stream<Path> s = Files.list(Path.of(d))) {
                    s.filter(Files::isRegularFile).sorted().forEach(out::add);
                }
            }
        }
        return out;
    }

    /** Writes the fleet under {@code dir} (emptied first by the caller) and returns its inputs in order. */
    public static List<String> build(Path dir, int atLeast) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        List<String> inputs = new ArrayList<>();
        Layer base = base();
        byte[] baseGz = base.tar(true);
        int n = 0;
        // Debian packages: images on the glibc base, some trees as dpkg -x left them
        List<Path> debs = debs(atLeast >= 50 ? atLeast / 2 : 3);
        for (Path deb : debs) {
            Path tree = dpkgX(deb, dir.resolve("trees/" + deb.getFileName().toString().replace(".deb", "")));
            String ep = entrypointOf(tree);
            if (n % 7 == 3) {
                inputs.add(tree.toString());
            } else if (n % 2 == 0) {
                inputs.add(dockerSave(dir.resolve("deb-" + n + ".tar"), List.of(base, new Layer().tree(tree, "")),
                        List.of(ep)).toString());
            } else {
                inputs.add(ociLayout(dir.resolve("deb-" + n + ".oci"), List.of(baseGz, new Layer().tree(tree, "")
                        .tar(true)), List.of(ep)).toString());
            }
            n++;
        }
        // the project's fixture binaries: C and Go, foreign architectures and OSes (those fail on amd64)
        List<Path> bins = fixtureBinaries();
        for (int i = 0; i < bins.size() && (atLeast >= 50 || i < 6); i += 2) {
            Layer app = new Layer().dir("app");
            List<String> ep = new ArrayList<>();
            for (int k = i; k < Math.min(bins.size(), i + 2); k++) {
                String name = bins.get(k).getFileName().toString();
                app.file("app/" + name, Files.readAllBytes(bins.get(k)), 0755);
                ep.add("/app/" + name);
            }
            Path out = dir.resolve("fixture-" + i + (i % 4 == 0 ? ".tar" : ".oci"));
            inputs.add(i % 4 == 0 ? dockerSave(out, List.of(base, app), ep.subList(0, 1)).toString()
                    : ociLayout(out, List.of(baseGz, app.tar(true)), ep.subList(0, 1)).toString());
        }
        byte[] hello = Files.isRegularFile(Path.of("fixtures/out/c/hello-x86_64-pie"))
                ? Files.readAllBytes(Path.of("fixtures/out/c/hello-x86_64-pie")) : "#!/bin/sh\necho hi\n".getBytes();
        // entrypoints that cannot start: no such file, a script whose interpreter is missing, not executable
        inputs.add(dockerSave(dir.resolve("fail-missing.tar"), List.of(base), List.of("/app/nothing")).toString());
        inputs.add(dockerSave(dir.resolve("fail-interp.tar"), List.of(base, new Layer().dir("app").file("app/run.sh",
                "#!/opt/python9/bin/python9\nprint(1)\n".getBytes(), 0755)), List.of("/app/run.sh")).toString());
        inputs.add(dockerSave(dir.resolve("fail-noexec.tar"), List.of(base, new Layer().dir("app")
                .file("app/hello", hello, 0644)), List.of("/app/hello")).toString());
        inputs.add(dockerSave(dir.resolve("fail-noloader.tar"), List.of(new Layer().dir("app")
                .file("app/hello", hello, 0755)), List.of("/app/hello")).toString());
        // whiteouts and layer order: b is deleted by the upper layer, c replaced, /old made opaque
        Layer lower = new Layer().dir("app").file("app/a", hello, 0755).file("app/b", hello, 0755)
                .file("app/c", "#!/bin/sh\n".getBytes(), 0755).dir("old").file("old/x", hello, 0755);
        Layer upper = new Layer().file("app/.wh.b", new byte[0], 0644).file("app/c", hello, 0700)
                .file("old/.wh..wh..opq", new byte[0], 0644).file("old/y", hello, 0755);
        inputs.add(dockerSave(dir.resolve("whiteouts.tar"), List.of(base, lower, upper), List.of("/app/a")).toString());
        inputs.add(ociLayout(dir.resolve("whiteouts.oci"), List.of(baseGz, lower.tar(true), upper.tar(true)),
                List.of("/app/c")).toString());
        // hostile: path traversal, an absolute link out of the root, a corrupt layer, junk named .tar, missing input
        inputs.add(dockerSave(dir.resolve("hostile-traversal.tar"), List.of(base, new Layer()
                .file("../../../../tmp/execray-escaped", hello, 0755).file("app/../../etc/passwd", hello, 0755)),
                List.of("/app/x")).toString());
        inputs.add(dockerSave(dir.resolve("hostile-links.tar"), List.of(base, new Layer().dir("app")
                .symlink("app/shadow", "/etc/shadow").symlink("app/up", "../../../../../").file("app/hello", hello, 0755)),
                List.of("/app/up/bin/sh")).toString());
        byte[] corrupt = base.tar(true);
        corrupt[corrupt.length / 2] ^= 0x55;
        corrupt[corrupt.length / 2 + 1] ^= 0x55;
        inputs.add(ociLayout(dir.resolve("hostile-corrupt.oci"), List.of(corrupt), List.of("/bin/sh")).toString());
        Path junk = dir.resolve("hostile-junk.tar");
        Files.writeString(junk, "this is not a tar archive at all\n".repeat(40));
        inputs.add(junk.toString());
        inputs.add(dir.resolve("hostile-missing.tar").toString());
        // fill up to the number asked with the fixture binaries one per image
        for (int i = 0; inputs.size() < atLeast && !bins.isEmpty(); i++) {
            Path b = bins.get(i % bins.size());
            String name = b.getFileName().toString();
            inputs.add(dockerSave(dir.resolve("one-" + i + ".tar"), List.of(base, new Layer().dir("usr/local/bin")
                    .file("usr/local/bin/" + name, Files.readAllBytes(b), 0755)), List.of("/usr/local/bin/" + name))
                    .toString());
        }
        return inputs;
    }
}

package dev.execray.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.execray.rootfs.RootFs;
import dev.execray.testing.Run;
import dev.execray.truth.Oracle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * rpm's SQLite database read by the scan versus rpm itself: real packages are built with {@code rpmbuild} from this
 * machine's programs (ELF files of /usr/bin, a script, nested directories; with and without an epoch; noarch and
 * x86_64), installed with {@code rpm --root R --dbpath /var/lib/rpm -i} into a fresh root, and then every file the
 * database lists is compared with {@code rpm -qa}'s file lists and every file the scan finds with {@code rpm -qf}.
 */
@Tag("oracle")
class RpmOwnerOracleTest {
    @TempDir
    Path tmp;

    @Test
    void everyOwnerIsTheOneRpmNames() throws Exception {
        Oracle.require(Run.available("rpm") && Run.available("rpmbuild"), "rpm and rpmbuild (apt-get install rpm)");
        List<Path> elves;
        try (Stream<Path> s = Files.list(Path.of("/usr/bin"))) {
            elves = s.filter(p -> Files.isRegularFile(p) && !Files.isSymbolicLink(p)).filter(RpmOwnerOracleTest::isElf)
                    .filter(p -> size(p) < 400_000).sorted().limit(120).toList();
        }
        assertThat(elves).hasSizeGreaterThanOrEqualTo(60);
        Path top = tmp.resolve("top");
        List<Path> rpms = new ArrayList<>();
        int per = elves.size() / 4;
        for (int i = 0; i < 4; i++) {
            List<Path> mine = elves.subList(i * per, i == 3 ? elves.size() : (i + 1) * per);
            rpms.add(build(top, "oracle-pkg" + i, i % 2 == 0 ? "" : "Epoch: " + (i + 1), i == 3 ? "noarch" : "x86_64",
                    mine, i == 0 ? "/usr/libexec/oracle/deep/dir" : "/usr/bin"));
        }
        Path root = tmp.resolve("root");
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/os-release"), "NAME=\"Fedora Linux\"\nID=fedora\nVERSION_ID=40\n");
        List<String> rpm = List.of("rpm", "--root", root.toString(), "--dbpath", "/var/lib/rpm");
        run(concat(rpm, "--initdb"));
        List<String> install = new ArrayList<>(concat(rpm, "-i", "--nodeps", "--ignorearch", "--ignoreos",
                "--noscripts", "--nosignature"));
        rpms.forEach(p -> install.add(p.toString()));
        run(install);

        // (a) every file of every package: the database as rpm lists it
        Run.Result qa = run(concat(rpm, "-qa", "--qf", "[%{FILENAMES}\\t%{=NAME}\\t%{=EPOCHNUM}:%{=VERSION}-%{=RELEASE}"
                + "\\t%{=ARCH}\\n]"));
        PackageDb db = PackageDb.read(RootFs.directory(root));
        assertThat(db.source()).startsWith("rpm: 4 packages");
        int listed = 0;
        Map<String, java.util.Set<String>> rpmOwners = new HashMap<>(); // a directory may have several owners
        for (String line : qa.out().split("\n")) {
            String[] f = line.split("\t");
            if (f.length != 4) {
                continue;
            }
            listed++;
            String version = f[2].startsWith("0:") ? f[2].substring(2) : f[2];
            rpmOwners.computeIfAbsent(f[0], k -> new java.util.TreeSet<>()).add(f[1] + " " + version + " " + f[3]);
        }
        Map<String, String> disagree = new TreeMap<>();
        rpmOwners.forEach((path, want) -> {
            String ours = db.owner(path).map(p -> p.name() + " " + p.version() + " " + p.arch()).orElse("(none)");
            if (!want.contains(ours)) {
                disagree.put(path, "rpm " + want + ", execray " + ours);
            }
        });
        long shared = rpmOwners.values().stream().filter(v -> v.size() > 1).count();
        assertThat(db.files()).as("distinct paths rpm lists; disagreements " + disagree).isEqualTo(rpmOwners.size());

        // (b) every file the scan finds, against rpm -qf
        InputResult r;
        try (ScanService s = new ScanService(ScanOptions.defaults().withThreads(2))) {
            r = s.scan(new ScanInput.Tree(root, Optional.of(root)));
        }
        List<FileRecord> files = r.files();
        Map<String, String> byRpm = new HashMap<>();
        for (FileRecord f : files) { // one rpm -qf per file: a path with several owners prints several lines
            Run.Result q = Run.run(concat(rpm, "-qf", "--qf", "%{NAME}\\n", f.path()));
            byRpm.put(f.path(), q.exit() == 0 ? q.out().strip() : "(none)"); // "file X is not owned by any package"
        }
        int owned = 0;
        for (FileRecord f : files) {
            String ours = f.owner().map(OsPackage::name).orElse("(none)");
            owned += f.owner().isPresent() ? 1 : 0;
            if (!List.of(byRpm.get(f.path()).split("\n")).contains(ours)) {
                disagree.put(f.path(), "rpm -qf " + byRpm.get(f.path()) + ", execray " + ours);
            }
        }
        System.out.println("rpm oracle: " + rpmOwners.size() + " paths (" + listed + " lines, " + shared
                + " with several owners) listed by rpm -qa, " + files.size()
                + " scanned files vs rpm -qf (" + owned + " owned); disagreements " + disagree);
        assertThat(listed).isGreaterThanOrEqualTo(120);
        assertThat(files.size()).isGreaterThanOrEqualTo(60);
        assertThat(owned).isGreaterThanOrEqualTo(60);
        assertThat(disagree).isEmpty();
        assertThat(files.stream().filter(f -> f.owner().isPresent()).map(f -> f.owner().get().purl()).distinct())
                .contains("pkg:rpm/fedora/oracle-pkg1@1.0-7?arch=x86_64&epoch=2",
                        "pkg:rpm/fedora/oracle-pkg3@1.0-7?arch=noarch&epoch=4");
    }

    /** One package holding copies of the given programs, a script and a data directory. */
    private static Path build(Path top, String name, String epoch, String arch, List<Path> programs, String dir)
            throws Exception {
        StringBuilder install = new StringBuilder("mkdir -p %{buildroot}" + dir + " %{buildroot}/usr/share/" + name
                + "/sub\n");
        StringBuilder files = new StringBuilder();
        for (Path p : programs) {
            String to = dir + "/" + name + "-" + p.getFileName();
            install.append("cp ").append(p).append(" %{buildroot}").append(to).append('\n');
            files.append(to).append('\n');
        }
        install.append("printf '#!/bin/sh\\nexit 0\\n' > %{buildroot}").append(dir).append('/').append(name)
                .append(".sh\nchmod 755 %{buildroot}").append(dir).append('/').append(name).append(".sh\n");
        install.append("echo data > %{buildroot}/usr/share/").append(name).append("/sub/data.txt\n");
        files.append(dir).append('/').append(name).append(".sh\n/usr/share/").append(name).append('\n');
        String spec = "Name: " + name + "\nVersion: 1.0\nRelease: 7\n" + epoch + "\nSummary: oracle\nLicense: MIT\n"
                + "BuildArch: " + arch + "\nAutoReqProv: no\n%global debug_package %{nil}\n"
                + "%global __os_install_post %{nil}\n%global _binary_payload w1.gzdio\n"
                + "%global _binaries_in_noarch_packages_terminate_build 0\n"
                + "%description\noracle package\n%install\n" + install + "%files\n" + files;
        Path specFile = top.resolve(name + ".spec");
        Files.createDirectories(top);
        Files.writeString(specFile, spec);
        run(List.of("rpmbuild", "-bb", "--define", "_topdir " + top, "--target", arch, specFile.toString()));
        Path out = top.resolve("RPMS").resolve(arch).resolve(name + "-1.0-7." + arch + ".rpm");
        assertThat(out).exists();
        return out;
    }

    private static Run.Result run(List<String> cmd) {
        Run.Result r = Run.run(cmd);
        assertThat(r.exit()).as(String.join(" ", cmd) + ": " + r.err()).isZero();
        return r;
    }

    private static List<String> concat(List<String> a, String... b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(List.of(b));
        return out;
    }

    private static boolean isElf(Path p) {
        try {
            byte[] h = dev.execray.binary.ByteSource.head(p, 4);
            return h.length == 4 && h[0] == 0x7f && h[1] == 'E' && h[2] == 'L' && h[3] == 'F';
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (java.io.IOException e) {
            return Long.MAX_VALUE;
        }
    }
}

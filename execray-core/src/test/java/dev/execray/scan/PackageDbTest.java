package dev.execray.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.execray.rootfs.RootFs;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** apk's and rpm's databases as the scan reads them (the real rpm is compared in RpmOwnerOracleTest). */
class PackageDbTest {
    @TempDir
    Path tmp;

    /** Two stanzas as apk-tools 2.14 writes them (keys in its order, checksums and ACL lines included). */
    static final String APK_INSTALLED = """
            C:Q1Mx2fzrq2ZNbS0Wkqu8VBsQg6zGs=
            P:musl
            V:1.2.5-r0
            A:x86_64
            S:407635
            I:667648
            T:the musl c library (libc) implementation
            U:https://musl.libc.org/
            L:MIT
            o:musl
            m:Natanael Copa <ncopa@alpinelinux.org>
            t:1712062225
            c:bb7ba3ca0f0c2c6d94b2bbcfc58b1c5d5ba70f3b
            p:so:libc.musl-x86_64.so.1=1
            F:lib
            R:ld-musl-x86_64.so.1
            a:0:0:755
            Z:Q1OqRrRERr8NfQi9+3yJ6+mnhbMrU=
            R:libc.musl-x86_64.so.1
            a:0:0:777
            Z:Q17yJ3JFNypA4mxhJJr0ou6CzsJVI=

            C:Q1sAhd2o0tNnaBw9W3FoIGa8mWyzE=
            P:hello-tool
            V:2.0-r3
            A:x86_64
            S:1000
            I:2000
            T:a test package
            F:usr
            F:usr/bin
            R:hello
            a:0:0:755
            Z:Q1ZM2uODVSgWbx3RvRJnsQkG0mOCw=
            R:run.sh
            Z:Q1A5jH9h4mYwR6LQFSkw4VbS/jPh0=
            F:usr/lib/hello/
            R:data.so

            """;

    @Test
    void apkInstalledOwnsEachFileUnderItsDirectory() {
        ApkDb.Loaded l = ApkDb.parse(APK_INSTALLED, "alpine").orElseThrow();
        assertThat(l.source()).isEqualTo("apk: 2 packages");
        assertThat(l.byPath()).containsOnlyKeys("/lib/ld-musl-x86_64.so.1", "/lib/libc.musl-x86_64.so.1",
                "/usr/bin/hello", "/usr/bin/run.sh", "/usr/lib/hello/data.so");
        OsPackage musl = l.byPath().get("/lib/ld-musl-x86_64.so.1");
        assertThat(musl).isEqualTo(new OsPackage("musl", "1.2.5-r0", "x86_64",
                "pkg:apk/alpine/musl@1.2.5-r0?arch=x86_64"));
        assertThat(l.byPath().get("/usr/lib/hello/data.so").name()).isEqualTo("hello-tool");
    }

    @Test
    void textWithoutStanzasIsNotAnApkDatabase() {
        assertThat(ApkDb.parse("", "alpine")).isEmpty();
        assertThat(ApkDb.parse("R:orphan\nF:usr\n\nV:1\n", "alpine")).isEmpty();
        // a file line before any directory line belongs nowhere
        assertThat(ApkDb.parse("P:x\nV:1\nR:a\n", "alpine").orElseThrow().byPath()).isEmpty();
    }

    @Test
    void anAlpineRootIsScannedWithApkOwners() throws Exception {
        Path root = tmp.resolve("alpine");
        Files.createDirectories(root.resolve("lib/apk/db"));
        Files.createDirectories(root.resolve("usr/bin"));
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/os-release"), "NAME=\"Alpine Linux\"\nID=alpine\nVERSION_ID=3.20.3\n");
        Files.writeString(root.resolve("lib/apk/db/installed"), APK_INSTALLED);
        Files.copy(Path.of("fixtures/out/c/hello-musl"), root.resolve("usr/bin/hello"));
        Files.copy(Path.of("fixtures/out/c/hello-musl-static"), root.resolve("usr/bin/unowned"));
        Path sh = root.resolve("usr/bin/run.sh");
        Files.writeString(sh, "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(sh, PosixFilePermissions.fromString("rwxr-xr-x"));
        InputResult r;
        try (ScanService s = new ScanService(ScanOptions.defaults().withThreads(1))) {
            r = s.scan(new ScanInput.Tree(root, Optional.of(root)));
        }
        assertThat(r.notes()).contains("package database: apk: 2 packages");
        assertThat(owner(r, "/usr/bin/hello")).contains("pkg:apk/alpine/hello-tool@2.0-r3?arch=x86_64");
        assertThat(owner(r, "/usr/bin/run.sh")).contains("pkg:apk/alpine/hello-tool@2.0-r3?arch=x86_64");
        assertThat(owner(r, "/usr/bin/unowned")).isEmpty();
    }

    private static Optional<String> owner(InputResult r, String path) {
        return r.files().stream().filter(f -> f.path().equals(path)).findFirst().orElseThrow().owner()
                .map(OsPackage::purl);
    }

    /** A header blob laid out as rpm's headerExport writes it (index entries, then the data store). */
    static byte[] rpmHeader(Object[][] tags) {
        ByteArrayOutputStream index = new ByteArrayOutputStream();
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        for (Object[] t : tags) {
            int tag = (Integer) t[0];
            int type = (Integer) t[1];
            while (type == RpmDb.TYPE_INT32 && data.size() % 4 != 0) {
                data.write(0);
            }
            int off = data.size();
            int count;
            if (t[2] instanceof String s) {
                data.writeBytes((s + "\0").getBytes(StandardCharsets.UTF_8));
                count = 1;
            } else if (t[2] instanceof String[] ss) {
                for (String s : ss) {
                    data.writeBytes((s + "\0").getBytes(StandardCharsets.UTF_8));
                }
                count = ss.length;
            } else {
                int[] is = (int[]) t[2];
                for (int i : is) {
                    data.writeBytes(be(i));
                }
                count = is.length;
            }
            index.writeBytes(be(tag));
            index.writeBytes(be(type));
            index.writeBytes(be(off));
            index.writeBytes(be(count));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(be(tags.length));
        out.writeBytes(be(data.size()));
        out.writeBytes(index.toByteArray());
        out.writeBytes(data.toByteArray());
        return out.toByteArray();
    }

    private static byte[] be(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    @Test
    void rpmHeaderFilesAreDirnamesIndexedByDirindexes() {
        byte[] h = rpmHeader(new Object[][] {
            {RpmDb.TAG_NAME, RpmDb.TYPE_STRING, "bash"},
            {RpmDb.TAG_VERSION, RpmDb.TYPE_STRING, "5.1.8"},
            {RpmDb.TAG_RELEASE, RpmDb.TYPE_STRING, "9.el9"},
            {RpmDb.TAG_EPOCH, RpmDb.TYPE_INT32, new int[] {1}},
            {RpmDb.TAG_ARCH, RpmDb.TYPE_STRING, "x86_64"},
            {RpmDb.TAG_DIRINDEXES, RpmDb.TYPE_INT32, new int[] {0, 0, 1}},
            {RpmDb.TAG_BASENAMES, RpmDb.TYPE_STRING_ARRAY, new String[] {"bash", "sh", "bashrc"}},
            {RpmDb.TAG_DIRNAMES, RpmDb.TYPE_STRING_ARRAY, new String[] {"/usr/bin/", "/etc/skel/"}},
        });
        RpmDb.Header hd = RpmDb.parseHeader(h).orElseThrow();
        assertThat(hd.files()).containsExactly("/usr/bin/bash", "/usr/bin/sh", "/etc/skel/bashrc");
        assertThat(hd.nvra()).isEqualTo("bash-5.1.8-9.el9.x86_64");
        assertThat(RpmDb.purl("rhel", hd)).isEqualTo("pkg:rpm/rhel/bash@5.1.8-9.el9?arch=x86_64&epoch=1");
    }

    @Test
    void brokenRpmHeadersAreRefusedNotThrown() {
        byte[] good = rpmHeader(new Object[][] {
            {RpmDb.TAG_NAME, RpmDb.TYPE_STRING, "x"},
            {RpmDb.TAG_DIRINDEXES, RpmDb.TYPE_INT32, new int[] {7}},
            {RpmDb.TAG_BASENAMES, RpmDb.TYPE_STRING_ARRAY, new String[] {"a"}},
            {RpmDb.TAG_DIRNAMES, RpmDb.TYPE_STRING_ARRAY, new String[] {"/d/"}},
        });
        // a directory index out of range names no file
        assertThat(RpmDb.parseHeader(good).orElseThrow().files()).isEmpty();
        for (int cut = 0; cut < good.length; cut++) {
            byte[] b = java.util.Arrays.copyOf(good, cut);
            assertThat(RpmDb.parseHeader(b)).as("cut at " + cut).isEmpty();
        }
        byte[] huge = good.clone();
        huge[0] = 0x7f; // 2 billion index entries
        assertThat(RpmDb.parseHeader(huge)).isEmpty();
    }

    @Test
    void aBerkeleyDbRpmDatabaseIsNamedAsUnread() throws Exception {
        Path root = tmp.resolve("rhel8");
        Files.createDirectories(root.resolve("var/lib/rpm"));
        Files.write(root.resolve("var/lib/rpm/Packages"), new byte[4096]);
        PackageDb db = PackageDb.read(RootFs.directory(root));
        assertThat(db.files()).isZero();
        assertThat(db.source()).contains("BerkeleyDB").contains("owners unknown");
    }

    @Test
    void aCorruptRpmSqliteDatabaseIsUnreadableNotFatal() throws Exception {
        Path root = tmp.resolve("rhel9");
        Files.createDirectories(root.resolve("var/lib/rpm"));
        Files.writeString(root.resolve("var/lib/rpm/rpmdb.sqlite"), "SQLite format 3\0 but not really");
        PackageDb db = PackageDb.read(RootFs.directory(root));
        assertThat(db.files()).isZero();
        assertThat(db.source()).startsWith("rpm: /var/lib/rpm/rpmdb.sqlite unreadable");
        assertThat(List.of(root.resolve("var/lib/rpm").toFile().list())).containsExactly("rpmdb.sqlite");
    }
}

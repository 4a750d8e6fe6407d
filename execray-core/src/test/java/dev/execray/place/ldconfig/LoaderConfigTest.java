package dev.execray.place.ldconfig;

import static org.assertj.core.api.Assertions.assertThat;

import dev.execray.rootfs.MemoryRoot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class LoaderConfigTest {
    /** Configuration files in a root held in memory, read through the loader's view of it. */
    static final class Files {
        final MemoryRoot root = new MemoryRoot();

        Files put(String path, String text) {
            root.file(path, text.getBytes(StandardCharsets.UTF_8), 0644);
            return this;
        }

        LoaderFs fs() {
            return LoaderFs.of(root);
        }
    }

    @Test
    void ldSoConfFollowsIncludeGlobsInSortedOrderAndKeepsLineNumbers() {
        Files fs = new Files().put("/etc/ld.so.conf", "# comment\ninclude /etc/ld.so.conf.d/*.conf\n/opt/extra/lib/ \n")
                .put("/etc/ld.so.conf.d/b.conf", "/usr/local/lib\n  # indented comment\n/usr/lib/b=libc6\n")
                .put("/etc/ld.so.conf.d/a.conf", "/lib/x86_64-linux-gnu # trailing comment\nhwcap 1 nosegneg\n")
                .put("/etc/ld.so.conf.d/.hidden.conf", "/never\n")
                .put("/etc/ld.so.conf.d/readme.txt", "/not/a/conf\n");
        LdSoConf c = LdSoConf.read(fs.fs(), "/etc/ld.so.conf");
        assertThat(c.directories()).extracting(LdSoConf.Directory::path)
                .containsExactly("/lib/x86_64-linux-gnu", "/usr/local/lib", "/usr/lib/b", "/opt/extra/lib");
        assertThat(c.find("/opt/extra/lib/")).map(LdSoConf.Directory::line).contains(3);
        assertThat(c.problems()).anyMatch(p -> p.contains("hwcap directive ignored"));
        assertThat(c.filesRead()).containsExactly("/etc/ld.so.conf", "/etc/ld.so.conf.d/a.conf",
                "/etc/ld.so.conf.d/b.conf");
    }

    @Test
    void anIncludeCycleIsReadOnceAndRelativePatternsAreRelativeToTheIncludingFile() {
        Files fs = new Files().put("/etc/ld.so.conf", "include conf.d/*.conf\n")
                .put("/etc/conf.d/self.conf", "/one\ninclude /etc/conf.d/self.conf\ninclude /etc/ld.so.conf\n");
        LdSoConf c = LdSoConf.read(fs.fs(), "/etc/ld.so.conf");
        assertThat(c.directories()).extracting(LdSoConf.Directory::path).containsExactly("/one");
        assertThat(c.problems()).anyMatch(p -> p.contains("include cycle"));
    }

    @Test
    void globMatchesLikeFnmatch() {
        assertThat(Glob.matches("*.conf", "x86_64-linux-gnu.conf")).isTrue();
        assertThat(Glob.matches("*.conf", ".hidden.conf")).isFalse();
        assertThat(Glob.matches("lib?.so", "liba.so")).isTrue();
        assertThat(Glob.matches("[a-c]*", "banana")).isTrue();
        assertThat(Glob.matches("[!a-c]*", "banana")).isFalse();
        assertThat(Glob.matches("\\*", "*")).isTrue();
        assertThat(Glob.matches("a*b*c*d*e*f*g*h*i*j*k*", "a".repeat(60))).isFalse();
    }

    @Test
    void muslPathFileSplitsOnColonsAndNewlinesOnly() {
        assertThat(MuslPathFile.parse("/lib/x86_64-linux-musl\n/usr/lib/x86_64-linux-musl\n"))
                .containsExactly("/lib/x86_64-linux-musl", "/usr/lib/x86_64-linux-musl");
        assertThat(MuslPathFile.parse("::/a:\n\n/b with space:")).containsExactly("/a", "/b with space");
        assertThat(MuslPathFile.parse("")).isEmpty();
        assertThat(MuslPathFile.location("/lib/ld-musl-x86_64.so.1", "x86_64")).isEqualTo("/etc/ld-musl-x86_64.path");
        assertThat(MuslPathFile.location("/opt/musl/lib/ld-musl-aarch64.so.1", "aarch64"))
                .isEqualTo("/opt/musl/etc/ld-musl-aarch64.path");
    }

    @Test
    void legacySubdirectoriesFollowGlibcsPowerSetOrder() {
        // observed on this machine (glibc 2.36, LD_DEBUG=libs): tls/x86_64/x86_64, tls/x86_64, tls/x86_64, tls,
        // x86_64/x86_64, x86_64, x86_64, then the directory itself
        assertThat(GlibcLoaderFacts.legacySubdirs(List.of("x86_64"), Optional.of("x86_64"))).containsExactly(
                "tls/x86_64/x86_64/", "tls/x86_64/", "tls/x86_64/", "tls/", "x86_64/x86_64/", "x86_64/", "x86_64/", "");
    }

    @Test
    void interpreterFactsAreReadFromTheLoadersStrings() {
        byte[] fake = ("\0junk\0GLIBC_PRIVATE\0glibc-ld.so.cache1.1\0/etc/ld.so.cache\0"
                + "ld.so (Debian GLIBC 2.36-9) stable release version 2.36.\nCopyright\0"
                + "/lib/x86_64-linux-gnu/\0/usr/lib/x86_64-linux-gnu/\0/lib/\0/usr/lib/\0\0lib/x86_64-linux-gnu\0")
                .getBytes(StandardCharsets.ISO_8859_1);
        InterpreterProbe p = InterpreterProbe.of("/lib64/ld-linux-x86-64.so.2", fake);
        assertThat(p.flavour()).isEqualTo(InterpreterProbe.Flavour.GLIBC);
        assertThat(p.systemDirs()).containsExactly("/lib/x86_64-linux-gnu/", "/usr/lib/x86_64-linux-gnu/", "/lib/",
                "/usr/lib/");
        assertThat(p.dstLib()).contains("lib/x86_64-linux-gnu");
        assertThat(p.glibcVersion()).contains(new GlibcVersion(2, 36));
        assertThat(p.cachePath()).contains("/etc/ld.so.cache");
        InterpreterProbe m = InterpreterProbe.of("/lib/ld-musl-x86_64.so.1",
                "\0musl libc (x86_64)\0%.*s/etc/ld-musl-x86_64.path\0001.2.3\0".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(m.flavour()).isEqualTo(InterpreterProbe.Flavour.MUSL);
        assertThat(m.muslArch()).contains("x86_64");
        assertThat(m.muslVersion()).contains("1.2.3");
    }

    @Test
    void glibcVersionsParseFromSymbolVersionNames() {
        assertThat(GlibcVersion.ofSymbolVersion("GLIBC_2.2.5")).contains(new GlibcVersion(2, 2));
        assertThat(GlibcVersion.ofSymbolVersion("GLIBC_2.38")).contains(new GlibcVersion(2, 38));
        assertThat(GlibcVersion.ofSymbolVersion("GLIBC_PRIVATE")).isEmpty();
        assertThat(GlibcVersion.ofSymbolVersion("GLIBCXX_3.4")).isEmpty();
        assertThat(GlibcVersion.ofSymbolVersion("GLIBC_2.38x")).isEmpty();
    }
}

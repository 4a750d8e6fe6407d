package dev.execray.rootfs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.execray.truth.Oracle;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Chroot semantics against the kernel: paths through a tree of absolute, relative, escaping, looping
 * and dangling symlinks are resolved by {@link RootFs#resolve} over a directory root and by the
 * kernel's openat2(RESOLVE_IN_ROOT), which confines absolute links and ".." to the root exactly as
 * a chroot does; the inode or the errno must be the same.
 */
@Tag("oracle")
class ChrootResolveOracleTest {

    @Test
    void resolutionInsideARootAgreesWithOpenat2() throws Exception {
        Path work = Files.createTempDirectory("xrtest-resolve-");
        try {
            Path src = work.resolve("xr-resolve.c");
            try (InputStream in = ChrootResolveOracleTest.class.getResourceAsStream(
                    "/dev/execray/exec/oracle/xr-resolve.c")) {
                Files.copy(in, src);
            }
            Path bin = work.resolve("resolve");
            Oracle.require(Oracle.onPath("gcc"), "oracle chroot-resolve: gcc (apt-get install gcc)");
            Process cc = new ProcessBuilder("gcc", "-O1", "-o", bin.toString(), src.toString()).redirectErrorStream(true)
                    .start();
            cc.getInputStream().readAllBytes();
            Oracle.require(cc.waitFor(120, TimeUnit.SECONDS) && cc.exitValue() == 0,
                    "oracle chroot-resolve: gcc and linux/openat2.h (apt-get install gcc linux-libc-dev)");
            Path root = work.resolve("root");
            Files.createDirectories(root.resolve("a/b/c"));
            Files.writeString(root.resolve("f"), "file");
            Files.writeString(root.resolve("a/f"), "file");
            Files.writeString(root.resolve("a/b/f"), "file");
            link(root, "abs", "/a");
            link(root, "a/absf", "/f");
            link(root, "rel", "a/b");
            link(root, "a/up", "../../../..");
            link(root, "a/b/back", "../..");
            link(root, "loop1", "loop2");
            link(root, "loop2", "loop1");
            link(root, "dangling", "/nope/x");
            link(root, "a/tofile", "../f");
            link(root, "a/todir", "/a/b/");
            link(root, "hostish", "/etc/passwd");
            link(root, "c0", "f");
            for (int i = 1; i <= 41; i++) {
                link(root, "c" + i, "c" + (i - 1));
            }
            String[] comps = {"a", "b", "c", "f", "abs", "rel", "up", "back", "loop1", "dangling", "tofile", "todir",
                "absf", ".", "..", "nope", "hostish", "c39", "c40", "c41"};
            Random rnd = new Random(7);
            List<String> paths = new ArrayList<>();
            for (int i = 0; i < 600; i++) {
                StringBuilder p = new StringBuilder(rnd.nextBoolean() ? "/" : "");
                int n = 1 + rnd.nextInt(5);
                for (int k = 0; k < n; k++) {
                    if (k > 0) {
                        p.append('/');
                    }
                    String c = comps[rnd.nextInt(comps.length)];
                    p.append(c);
                    if (rnd.nextInt(10) == 0) {
                        p.append('/');
                    }
                }
                if (rnd.nextInt(8) == 0) {
                    p.append('/');
                }
                paths.add(p.toString());
            }
            Process r = new ProcessBuilder(bin.toString(), root.toString()).start();
            r.getOutputStream().write((String.join("\n", paths) + "\n").getBytes(StandardCharsets.UTF_8));
            r.getOutputStream().close();
            String[] real = new String(r.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\n");
            r.waitFor(60, TimeUnit.SECONDS);
            RootFs fs = RootFs.directory(root);
            int agree = 0;
            List<String> disagree = new ArrayList<>();
            for (int i = 0; i < paths.size(); i++) {
                Resolution res = fs.resolve(paths.get(i));
                String mine = res instanceof Resolution.Found f ? f.stat().identity().orElse("?")
                        : "E " + ((Resolution.Failed) res).errno().number();
                if (mine.equals(real[i])) {
                    agree++;
                } else {
                    disagree.add(paths.get(i) + ": kernel " + real[i] + " / execray " + mine);
                }
            }
            System.out.println("oracle chroot-resolve: " + agree + "/" + paths.size() + " agree");
            disagree.forEach(d -> System.out.println("  DISAGREE " + d));
            assertThat(disagree).isEmpty();
            Oracle.atLeast(agree, 600, "paths resolved by both openat2(RESOLVE_IN_ROOT) and execray");
        } finally {
            try (var s = Files.walk(work)) {
                for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /**
     * The working directory as a chroot'ed process has it: chdir() inside a real chroot, then a relative path from
     * there, against the resolver with {@code --cwd}. The tree has symlinks to a host directory (absolute, so they
     * must be re-read inside the root), ".." runs that climb past the root, and links in the middle of the cwd.
     */
    @Test
    void workingDirectoriesAgreeWithARealChroot() throws Exception {
        Oracle.requireRoot("oracle chroot-cwd uses chroot(2)");
        Oracle.require(Oracle.onPath("gcc"), "oracle chroot-cwd: gcc (apt-get install gcc)");
        Path work = Files.createTempDirectory("xrtest-chroot-cwd-");
        try {
            Path src = work.resolve("xr-chroot-cwd.c");
            try (InputStream in = ChrootResolveOracleTest.class.getResourceAsStream("/dev/execray/rootfs/xr-chroot-cwd.c")) {
                Files.copy(in, src);
            }
            Path bin = work.resolve("chroot-cwd");
            Process cc = new ProcessBuilder("gcc", "-O1", "-o", bin.toString(), src.toString()).redirectErrorStream(true)
                    .start();
            String ccOut = new String(cc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            Oracle.require(cc.waitFor(120, TimeUnit.SECONDS) && cc.exitValue() == 0,
                    "oracle chroot-cwd: a working gcc (apt-get install gcc): " + ccOut.strip());
            Path host = Files.createDirectories(work.resolve("host/sub"));
            Files.writeString(host.resolve("prog"), "host file");
            Path root = work.resolve("root");
            Files.createDirectories(root.resolve("a/b/c"));
            Files.createDirectories(root.resolve("sub"));
            Files.writeString(root.resolve("f"), "file");
            Files.writeString(root.resolve("a/b/f"), "file");
            link(root, "tohost", host.getParent().toString()); // absolute: inside the root it names nothing
            link(root, "tohostsub", host.toString());
            link(root, "rel", "a/b");
            link(root, "a/up", "../../../..");
            link(root, "a/b/back", "../..");
            link(root, "abs", "/a");
            link(root, "loop", "loop");
            String[] cwdParts = {"a", "b", "c", "..", ".", "tohost", "tohostsub", "rel", "up", "back", "abs", "sub", "loop"};
            String[] pathParts = {"f", "..", "prog", "b", "c", "sub", "tohost", "back", "up", ".", host.toString().substring(1)};
            Random rnd = new Random(18);
            List<String> cwds = new ArrayList<>();
            List<String> paths = new ArrayList<>();
            for (int i = 0; i < 800; i++) {
                StringBuilder c = new StringBuilder("/");
                for (int k = 0, n = rnd.nextInt(5); k < n; k++) {
                    c.append(k > 0 ? "/" : "").append(cwdParts[rnd.nextInt(cwdParts.length)]);
                }
                StringBuilder p = new StringBuilder(rnd.nextInt(6) == 0 ? "/" : "");
                for (int k = 0, n = 1 + rnd.nextInt(4); k < n; k++) {
                    p.append(k > 0 ? "/" : "").append(pathParts[rnd.nextInt(pathParts.length)]);
                }
                cwds.add(c.toString());
                paths.add(p.toString());
            }
            // the cases of issue 18, always among them
            cwds.addAll(List.of("/tohostsub", "/tohost/sub", "/../../..", "/a/../../../..", "/rel/back/../.."));
            paths.addAll(List.of("prog", "prog", host.resolve("prog").toString().substring(1), "f", "a/b/f"));
            Process r = new ProcessBuilder(bin.toString(), root.toString()).start();
            StringBuilder input = new StringBuilder();
            for (int i = 0; i < cwds.size(); i++) {
                input.append(cwds.get(i)).append('\t').append(paths.get(i)).append('\n');
            }
            r.getOutputStream().write(input.toString().getBytes(StandardCharsets.UTF_8));
            r.getOutputStream().close();
            String[] real = new String(r.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\n");
            if (!r.waitFor(60, TimeUnit.SECONDS) || r.exitValue() != 0 || real.length != cwds.size()) {
                throw new AssertionError("the chroot harness failed (exit " + r.exitValue() + ", " + real.length + " lines)");
            }
            RootFs fs = RootFs.directory(root);
            int agree = 0;
            List<String> disagree = new ArrayList<>();
            for (int i = 0; i < cwds.size(); i++) {
                Resolution res = fs.resolve(paths.get(i), ResolveOptions.DEFAULT.withCwd(cwds.get(i)));
                String mine = res instanceof Resolution.Found f ? f.stat().identity().orElse("?")
                        : "E " + ((Resolution.Failed) res).errno().number();
                if (mine.equals(real[i])) {
                    agree++;
                } else {
                    disagree.add("cwd " + cwds.get(i) + ", " + paths.get(i) + ": kernel " + real[i] + " / execray " + mine);
                }
            }
            System.out.println("oracle chroot-cwd: " + agree + "/" + cwds.size() + " agree");
            disagree.forEach(d -> System.out.println("  DISAGREE " + d));
            assertThat(disagree).isEmpty();
            Oracle.atLeast(agree, 800, "(working directory, path) pairs resolved by a real chroot and by execray");
        } finally {
            try (var s = Files.walk(work)) {
                for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static void link(Path root, String at, String target) throws IOException {
        Files.createSymbolicLink(root.resolve(at), Path.of(target));
    }
}

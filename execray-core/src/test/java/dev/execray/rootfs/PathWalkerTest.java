package dev.execray.rootfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PathWalkerTest {
    @TempDir
    Path dir;
    RootFs root;

    @BeforeEach
    void tree() throws IOException {
        Files.createDirectories(dir.resolve("usr/bin"));
        Files.createDirectories(dir.resolve("usr/lib"));
        Files.writeString(dir.resolve("usr/bin/tool"), "#!/bin/sh\n");
        Files.createSymbolicLink(dir.resolve("bin"), Path.of("usr/bin"));
        Files.createSymbolicLink(dir.resolve("lib"), Path.of("/usr/lib"));
        Files.createSymbolicLink(dir.resolve("usr/bin/abs"), Path.of("/usr/bin/tool"));
        Files.createSymbolicLink(dir.resolve("escape"), Path.of("../../../../etc"));
        Files.createSymbolicLink(dir.resolve("dangling"), Path.of("/nowhere/at/all"));
        Files.createSymbolicLink(dir.resolve("loop1"), Path.of("loop2"));
        Files.createSymbolicLink(dir.resolve("loop2"), Path.of("loop1"));
        root = RootFs.directory(dir);
    }

    private Resolution.Found found(String path) {
        Resolution r = root.resolve(path);
        assertThat(r).isInstanceOf(Resolution.Found.class);
        return (Resolution.Found) r;
    }

    private Resolution.Failed failed(String path) {
        Resolution r = root.resolve(path);
        assertThat(r).isInstanceOf(Resolution.Failed.class);
        return (Resolution.Failed) r;
    }

    @Test
    void relativeSymlinkInAParentDirectoryIsFollowed() {
        Resolution.Found f = found("/bin/tool");
        assertThat(f.canonical()).isEqualTo("/usr/bin/tool");
        assertThat(f.stat().isRegular()).isTrue();
        assertThat(f.symlinks()).containsExactly("/bin -> usr/bin");
    }

    @Test
    void absoluteSymlinkResolvesInsideTheRootNotOnTheHost() {
        assertThat(found("/usr/bin/abs").canonical()).isEqualTo("/usr/bin/tool");
        assertThat(found("/lib").canonical()).isEqualTo("/usr/lib");
    }

    @Test
    void dotDotNeverLeavesTheRoot() {
        assertThat(found("/../../../usr/bin/tool").canonical()).isEqualTo("/usr/bin/tool");
        // ../../../../etc from the root is /etc of the root, which does not exist there
        Resolution.Failed f = failed("/escape/passwd");
        assertThat(f.errno()).isEqualTo(Errno.ENOENT);
        assertThat(f.at()).isEqualTo("/etc");
    }

    @Test
    void danglingSymlinkFailsWithEnoentWhereTheTargetStopsExisting() {
        Resolution.Failed f = failed("/dangling");
        assertThat(f.errno()).isEqualTo(Errno.ENOENT);
        assertThat(f.at()).isEqualTo("/nowhere");
        assertThat(f.symlinks()).containsExactly("/dangling -> /nowhere/at/all");
    }

    @Test
    void symlinkLoopGivesEloopAfterFortyLinks() {
        Resolution.Failed f = failed("/loop1");
        assertThat(f.errno()).isEqualTo(Errno.ELOOP);
        assertThat(f.symlinks()).hasSize(ResolveOptions.MAX_SYMLINKS);
    }

    @Test
    void aChainOfExactlyFortyLinksResolvesAndFortyOneDoesNot() throws IOException {
        Files.writeString(dir.resolve("target"), "x");
        Files.createSymbolicLink(dir.resolve("c0"), Path.of("target"));
        for (int i = 1; i <= 40; i++) {
            Files.createSymbolicLink(dir.resolve("c" + i), Path.of("c" + (i - 1)));
        }
        assertThat(found("/c39").symlinks()).hasSize(40);
        assertThat(failed("/c40").errno()).isEqualTo(Errno.ELOOP);
    }

    @Test
    void aFileUsedAsADirectoryIsEnotdir() {
        assertThat(failed("/usr/bin/tool/x").errno()).isEqualTo(Errno.ENOTDIR);
        assertThat(failed("/usr/bin/tool/").errno()).isEqualTo(Errno.ENOTDIR);
    }

    @Test
    void relativePathsStartAtTheWorkingDirectory() {
        Resolution r = root.resolve("tool", ResolveOptions.DEFAULT.withCwd("/usr/bin"));
        assertThat(((Resolution.Found) r).canonical()).isEqualTo("/usr/bin/tool");
        Resolution up = root.resolve("../lib", ResolveOptions.DEFAULT.withCwd("/usr/bin"));
        assertThat(((Resolution.Found) up).canonical()).isEqualTo("/usr/lib");
    }

    @Test
    void finalSymlinkIsKeptWhenNotFollowing() {
        Resolution r = root.resolve("/bin", ResolveOptions.DEFAULT.noFollow());
        assertThat(((Resolution.Found) r).stat().isSymlink()).isTrue();
        Resolution slash = root.resolve("/bin/", ResolveOptions.DEFAULT.noFollow());
        assertThat(((Resolution.Found) slash).canonical()).isEqualTo("/usr/bin");
    }

    @Test
    void overlongComponentIsEnametoolong() {
        assertThat(failed("/" + "a".repeat(256)).errno()).isEqualTo(Errno.ENAMETOOLONG);
        assertThat(failed("/" + "a/".repeat(2100)).errno()).isEqualTo(Errno.ENAMETOOLONG);
    }

    @Test
    void aUserWithoutSearchPermissionGetsEacces() throws IOException {
        Files.createDirectories(dir.resolve("private"));
        Files.writeString(dir.resolve("private/f"), "x");
        Files.setPosixFilePermissions(dir.resolve("private"), PosixFilePermissions.fromString("rwx------"));
        Credentials nobody = new Credentials(65534, 65534, List.of());
        Resolution r = root.resolve("/private/f", ResolveOptions.DEFAULT.withCredentials(nobody));
        assertThat(r).isInstanceOf(Resolution.Failed.class);
        assertThat(((Resolution.Failed) r).errno()).isEqualTo(Errno.EACCES);
        assertThat(root.resolve("/private/f")).isInstanceOf(Resolution.Found.class);
    }

    @Test
    void aMissingRootIsRefusedNotJudged() {
        // a root that is not there is bad input (exit 3), not a program that "would not start"
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RootFs.directory(dir.resolve("does-not-exist")))
                .isInstanceOf(RootRefusedException.class).hasMessageContaining("no such directory");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RootFs.directory(dir.resolve("usr/bin/tool")))
                .isInstanceOf(RootRefusedException.class).hasMessageContaining("not a directory");
        assertThat(RootFs.directory(Path.of("dir:" + dir)).resolve("/usr/bin/tool")).isInstanceOf(Resolution.Found.class);
    }

    @Test
    void theWorkingDirectoryIsWalkedInsideTheRoot() throws IOException {
        Path host = Files.createDirectories(dir.resolveSibling(dir.getFileName() + "-host").resolve("sub"));
        Files.writeString(host.resolve("prog"), "#!/bin/sh\n");
        Files.createDirectories(dir.resolve("sub"));
        Files.createSymbolicLink(dir.resolve("link"), host.getParent());
        // through a symlink to a host directory: the link is re-read inside the root, where its target does not exist
        Resolution viaLink = root.resolve("./prog", ResolveOptions.DEFAULT.withCwd("/link/sub"));
        assertThat(viaLink).isInstanceOf(Resolution.Failed.class);
        assertThat(((Resolution.Failed) viaLink).errno()).isEqualTo(Errno.ENOENT);
        // ".." above the root is the root, for the working directory as for any path
        Path outside = Files.writeString(dir.getParent().resolve("xr-outside-" + dir.getFileName()), "host file");
        try {
            Resolution up = root.resolve(outside.getFileName().toString(), ResolveOptions.DEFAULT.withCwd("/../../.."));
            assertThat(up).isInstanceOf(Resolution.Failed.class);
            assertThat(found("usr/bin/tool").canonical()).isEqualTo("/usr/bin/tool");
            Resolution.Found rel = (Resolution.Found) root.resolve("tool", ResolveOptions.DEFAULT.withCwd("/../bin/../bin"));
            assertThat(rel.canonical()).isEqualTo("/usr/bin/tool");
        } finally {
            Files.delete(outside);
        }
    }

    @Test
    void aLongSymlinkTargetEndsQuicklyAndAnEndlessWalkHitsTheBound() throws IOException {
        // the host refuses such a link (symlink(2): ENAMETOOLONG); an image can carry one
        MemoryRoot mem = new MemoryRoot().dir("/a").link("/long", "a/".repeat(3000));
        Resolution r = mem.resolve("/long/x");
        assertThat(((Resolution.Failed) r).errno()).isEqualTo(Errno.ENAMETOOLONG);
        try {
            Bound.WALK_COMPONENTS.set(10);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> root.resolve("/usr/bin/././././././././././tool"))
                    .isInstanceOf(BoundExceededException.class).hasMessageContaining("--limit walk-components=N");
        } finally {
            Bound.WALK_COMPONENTS.reset();
        }
    }

    @Test
    void theDirectoryRootRefusesPathsTheHostWouldResolve() throws IOException {
        Files.createSymbolicLink(dir.resolve("hostlink"), Path.of("/etc"));
        assertThatCode("/hostlink/passwd", Errno.ELOOP);
        assertThatCode("/usr/../../etc/passwd", Errno.EINVAL);
        assertThatCode("/usr//bin", Errno.EINVAL);
    }

    private void assertThatCode(String canonical, Errno errno) {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> root.lstat(canonical))
                .isInstanceOfSatisfying(RootFsException.class, e -> assertThat(e.errno()).isEqualTo(errno));
    }
}

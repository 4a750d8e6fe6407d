package dev.execray.rootfs;

import dev.execray.binary.ByteSource;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A read-only view of a root file system: the host's {@code /}, a directory used as a chroot, or a
 * container image. Implementations answer a handful of primitive questions about <em>canonical</em>
 * paths (absolute, no {@code .} or {@code ..}, no symlink in any parent component); everything that
 * walks a path the way the kernel does — symlinks, {@code ..} that never leaves the root, search
 * permission, the 40-link limit — is {@link #resolve} and is the same for every root.
 */
public interface RootFs {

    /** How the root is named to the user: {@code /} for the host, the directory or image path otherwise. */
    String describe();

    /** Whether this is the machine's own {@code /}, where live kernel state (/proc) belongs to the target. */
    default boolean isHost() {
        return false;
    }

    /** {@code lstat}: the inode at a canonical path, not following a final symlink. */
    FileStat lstat(String canonical) throws RootFsException;

    /** The target of the symlink at a canonical path. */
    String readlink(String canonical) throws RootFsException;

    /** Up to {@code max} bytes from the start of the regular file at a canonical path. */
    byte[] readHead(String canonical, int max) throws RootFsException;

    /** The whole regular file at a canonical path, through the bounded reader. */
    ByteSource open(String canonical) throws RootFsException;

    /** Names in the directory at a canonical path, sorted. */
    List<String> list(String canonical) throws RootFsException;

    /** Resolves {@code path} the way the kernel's path walk would inside this root. */
    default Resolution resolve(String path, ResolveOptions options) {
        return new PathWalker(this, options).walk(path);
    }

    /** Resolves an absolute path (or one relative to {@code /}) as root, following every symlink. */
    default Resolution resolve(String path) {
        return resolve(path, ResolveOptions.DEFAULT);
    }

    /**
     * The mount a file of this root lives on, where the root is part of the host's file system (the host,
     * a directory); empty for images and roots that have no mounts.
     */
    default Optional<MountPoint> mountOf(String canonical) {
        return Optional.empty();
    }

    static RootFs host() {
        return DirectoryRoot.host();
    }

    /** A directory used with chroot semantics: absolute symlinks resolve inside it, {@code ..} stops at it. */
    static RootFs directory(Path dir) {
        return DirectoryRoot.of(dir);
    }
}

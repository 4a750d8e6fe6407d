package dev.execray.place.ldconfig;

import dev.execray.binary.ByteSource;
import java.io.IOException;
import java.util.List;

/**
 * The few questions a dynamic loader asks a root file system: what does {@code open(path)} reach
 * (following symlinks inside the root), the bytes of that file, and which names a directory holds (for
 * ld.so.conf {@code include} globs). Paths are absolute inside the root. Implementations answer from a
 * {@code rootfs.RootFs}, the host, or memory in tests; they never throw for a missing file.
 */
public interface LoaderFs {

    /** What a path reaches after following symlinks, or why {@code open} would fail. */
    sealed interface Lookup permits Found, Missing {
    }

    /**
     * The file a path reached. {@code canonical} is its path with every symlink resolved (realpath);
     * {@code identity} is what makes two names of one inode equal (device and inode where known), and
     * {@code version} changes when the file does (size and modification time), so a parsed object can be
     * cached by identity and version.
     */
    record Found(String canonical, FileKind kind, String identity, String version, long size, int mode)
            implements Lookup {
        public boolean isRegular() {
            return kind == FileKind.REGULAR;
        }

        public boolean isDirectory() {
            return kind == FileKind.DIRECTORY;
        }
    }

    /** Nothing there: {@code errno} is the name open(2) would fail with (ENOENT, ENOTDIR, ELOOP, EACCES). */
    record Missing(String errno, String why) implements Lookup {
    }

    enum FileKind { REGULAR, DIRECTORY, OTHER }

    /** How the root is named to the user. */
    String describe();

    Lookup lookup(String path);

    /** The bytes of a regular file reached by {@link #lookup}. */
    ByteSource open(Found file) throws IOException;

    /** Names in a directory, sorted bytewise; empty if it is not a readable directory. */
    List<String> list(String directory);
}

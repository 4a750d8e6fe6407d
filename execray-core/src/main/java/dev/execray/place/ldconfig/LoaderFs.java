package dev.execray.place.ldconfig;

import dev.execray.binary.ByteSource;
import dev.execray.rootfs.Errno;
import dev.execray.rootfs.FileStat;
import dev.execray.rootfs.Resolution;
import dev.execray.rootfs.RootFs;
import dev.execray.rootfs.RootFsException;
import java.io.IOException;
import java.util.List;

/**
 * A {@link RootFs} as a dynamic loader asks it: what {@code open(path)} reaches (following symlinks inside the root),
 * the bytes of that file, and which names a directory holds (for ld.so.conf {@code include} globs). Paths are absolute
 * inside the root. The root is the one file-system abstraction; this view only adds the loader's questions, and never
 * throws for a missing file. On the host the kernel answers the lookup itself ({@link HostLookup}), as it does for
 * the real loader, running as the user.
 */
public final class LoaderFs {

    /** What a path reaches after following symlinks, or why {@code open} would fail. */
    public sealed interface Lookup permits Found, Missing {
    }

    /**
     * The file a path reached. {@code canonical} is its path with every symlink resolved (realpath); {@code version}
     * changes when the file does (size, and modification time where the root knows it), so a parsed object can be
     * cached by {@link #identity} and version.
     */
    public record Found(String canonical, FileStat stat, String version) implements Lookup {
        /** What makes two names of one inode equal: device and inode where the root knows them, else the path. */
        public String identity() {
            return stat.identity().orElse(canonical);
        }

        public boolean isRegular() {
            return stat.isRegular();
        }

        public boolean isDirectory() {
            return stat.isDirectory();
        }

        /** The permission bits, set-user-ID included. */
        public int mode() {
            return stat.mode();
        }
    }

    /** Nothing usable there: what open(2) would fail with (ENOENT, ENOTDIR, ELOOP, EACCES) and why, in words. */
    public record Missing(Errno errno, String why) implements Lookup {
    }

    private final RootFs root;

    private LoaderFs(RootFs root) {
        this.root = root;
    }

    public static LoaderFs of(RootFs root) {
        return new LoaderFs(root);
    }

    public RootFs root() {
        return root;
    }

    /** How the root is named to the user. */
    public String describe() {
        return root.describe();
    }

    public Lookup lookup(String path) {
        if (root.isHost()) {
            return HostLookup.lookup(path);
        }
        Resolution r = root.resolve(path);
        if (r instanceof Resolution.Failed f) {
            return new Missing(f.errno(), f.detail());
        }
        Resolution.Found f = (Resolution.Found) r;
        return new Found(f.canonical(), f.stat(), Long.toString(f.stat().size()));
    }

    /** The bytes of a regular file reached by {@link #lookup}. */
    public ByteSource open(Found file) throws IOException {
        try {
            return root.open(file.canonical());
        } catch (RootFsException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** Names in a directory, sorted; empty if it is not a readable directory, as readdir failing is to the loaders. */
    public List<String> list(String directory) {
        if (!(lookup(directory) instanceof Found f) || !f.isDirectory()) {
            return List.of();
        }
        try {
            return root.list(f.canonical());
        } catch (RootFsException e) {
            return List.of();
        }
    }
}

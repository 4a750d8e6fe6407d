package dev.execray.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.io.nativeio.NativeIO;

/**
 * Hadoop's local file system ({@code file:}), with one change: a file's or directory's permission is set through
 * {@code java.nio} instead of a {@code chmod} process. Without Hadoop's native library (the usual case: Spark's jars
 * do not carry it), {@link RawLocalFileSystem#setPermission} starts {@code chmod} for every directory and file it
 * creates — 43 processes for each task's ten Parquet files, their checksums and directories, 558 for the 200-input
 * bench fleet, a large part of Spark's overhead over the single-machine scan (docs/perf.md, "Fleet scan on Spark").
 * Used through the job's own copy of Spark's Hadoop configuration ({@link FleetJob}: {@code fs.file.impl}), for the
 * tasks' output, the driver's moves and an executor's local copy of an input; Spark's own configuration is left as it
 * is. The same modes, the same files. With the native library, or a mode {@code java.nio} cannot express (sticky, setuid, setgid), or a
 * file system without POSIX permissions, Hadoop's own way is kept.
 */
public final class FleetLocalFileSystem extends LocalFileSystem {
    /** The configuration entries that make {@code file:} paths use this class, uncached (see {@link FleetJob}). */
    static void use(Configuration conf) {
        conf.set("fs.file.impl", FleetLocalFileSystem.class.getName());
        // FileSystem's cache is keyed by scheme and user, not by configuration: a cached LocalFileSystem of another
        // configuration would otherwise be handed out
        conf.setBoolean("fs.file.impl.disable.cache", true);
    }

    public FleetLocalFileSystem() {
        super(new Raw());
    }

    /** The raw file system under the checksums, with {@code java.nio} permissions. */
    static final class Raw extends RawLocalFileSystem {
        @Override
        public void setPermission(Path p, FsPermission permission) throws IOException {
            short mode = permission.toShort();
            if (NativeIO.isAvailable() || (mode & ~0777) != 0) {
                super.setPermission(p, permission);
                return;
            }
            java.nio.file.Path file = pathToFile(p).toPath();
            try {
                Files.setPosixFilePermissions(file, permissions(mode));
            } catch (UnsupportedOperationException e) {
                super.setPermission(p, permission);
            }
        }
    }

    /** The nine permission bits of a mode as java.nio's set. */
    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> s = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_READ, PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
            PosixFilePermission.OWNER_READ};
        for (int bit = 0; bit < order.length; bit++) {
            if ((mode & (1 << bit)) != 0) {
                s.add(order[bit]);
            }
        }
        return s;
    }
}

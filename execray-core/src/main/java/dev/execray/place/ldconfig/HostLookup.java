package dev.execray.place.ldconfig;

import dev.execray.rootfs.Errno;
import dev.execray.rootfs.FileStat;
import dev.execray.rootfs.FileType;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Optional;

/**
 * A lookup on this machine's own {@code /}, answered by the kernel in one call: permissions are the user's, as they
 * are for the real loader (a root walk checks them as root), and the version includes the modification time.
 * Identity is the real device and inode, so two names of one library are one object, as the loader sees them.
 */
final class HostLookup {
    private HostLookup() {
    }

    static LoaderFs.Lookup lookup(String path) {
        if (path.isEmpty()) {
            return new LoaderFs.Missing(Errno.ENOENT, "empty path");
        }
        try {
            Path p = Path.of(path);
            Map<String, Object> a = Files.readAttributes(p, "unix:mode,uid,gid,dev,ino,size,lastModifiedTime");
            int mode = (Integer) a.get("mode");
            long size = (Long) a.get("size");
            FileStat stat = new FileStat(FileType.ofMode(mode), mode, (Integer) a.get("uid"), (Integer) a.get("gid"),
                    size, Optional.of(a.get("dev") + ":" + a.get("ino")));
            String version = size + "@" + ((FileTime) a.get("lastModifiedTime")).toMillis();
            return new LoaderFs.Found(p.toRealPath().toString(), stat, version);
        } catch (NoSuchFileException e) {
            return new LoaderFs.Missing(Errno.ENOENT, "no such file or directory");
        } catch (NotDirectoryException e) {
            return new LoaderFs.Missing(Errno.ENOTDIR, "a path component is not a directory");
        } catch (AccessDeniedException e) {
            return new LoaderFs.Missing(Errno.EACCES, "permission denied");
        } catch (FileSystemException e) {
            String r = String.valueOf(e.getReason());
            if (r.contains("symbolic links")) {
                return new LoaderFs.Missing(Errno.ELOOP, "too many levels of symbolic links");
            }
            if (r.contains("Not a directory")) {
                return new LoaderFs.Missing(Errno.ENOTDIR, "a path component is not a directory");
            }
            return new LoaderFs.Missing(Errno.EIO, r);
        } catch (IOException | UnsupportedOperationException | InvalidPathException e) {
            return new LoaderFs.Missing(Errno.EIO, String.valueOf(e.getMessage()));
        }
    }
}

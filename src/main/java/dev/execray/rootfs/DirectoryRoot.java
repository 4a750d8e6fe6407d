package dev.execray.rootfs;

import dev.execray.binary.BinaryFormatException;
import dev.execray.binary.ByteSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A directory of the host used as a root (the host's own {@code /} is the directory {@code /}).
 * Canonical paths are mapped below the directory and always opened without following a final
 * symlink, so nothing inside the root can make a read land outside it.
 */
final class DirectoryRoot implements RootFs {
    private static final DirectoryRoot HOST = new DirectoryRoot(Path.of("/"), true);

    private final Path base;
    private final boolean host;

    private DirectoryRoot(Path base, boolean host) {
        this.base = base;
        this.host = host;
    }

    static DirectoryRoot host() {
        return HOST;
    }

    static DirectoryRoot of(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        return new DirectoryRoot(abs, abs.toString().equals("/"));
    }

    @Override
    public String describe() {
        return host ? "/" : base.toString() + "/";
    }

    @Override
    public boolean isHost() {
        return host;
    }

    /** The base directory without symlinks, as mountinfo names mount points; resolved once. */
    private volatile String realBase;

    @Override
    public Optional<MountPoint> mountOf(String canonical) {
        String b = realBase;
        if (b == null) {
            try {
                b = base.toRealPath().toString();
            } catch (java.io.IOException e) {
                b = base.toString();
            }
            realBase = b;
        }
        String hostPath = canonical.equals("/") ? b : (b.equals("/") ? "" : b) + canonical;
        return Mounts.host().find(hostPath);
    }

    private Path real(String canonical) {
        if (canonical.equals("/")) {
            return base;
        }
        return base.resolve(canonical.substring(1));
    }

    @Override
    public FileStat lstat(String canonical) throws RootFsException {
        Path p = real(canonical);
        try {
            Map<String, Object> a = Files.readAttributes(p, "unix:mode,uid,gid,size,ino,dev", LinkOption.NOFOLLOW_LINKS);
            int mode = (Integer) a.get("mode");
            return new FileStat(typeOf(mode), mode, (Integer) a.get("uid"), (Integer) a.get("gid"), (Long) a.get("size"),
                    Optional.of(a.get("dev") + ":" + a.get("ino")));
        } catch (IOException e) {
            throw translate(canonical, e);
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            throw new RootFsException(Errno.EIO, canonical, "this platform cannot report POSIX file modes");
        }
    }

    static FileType typeOf(int mode) {
        return switch (mode & 0170000) {
            case 0040000 -> FileType.DIRECTORY;
            case 0120000 -> FileType.SYMLINK;
            case 0020000 -> FileType.CHAR_DEVICE;
            case 0060000 -> FileType.BLOCK_DEVICE;
            case 0010000 -> FileType.FIFO;
            case 0140000 -> FileType.SOCKET;
            default -> FileType.REGULAR;
        };
    }

    @Override
    public String readlink(String canonical) throws RootFsException {
        try {
            return Files.readSymbolicLink(real(canonical)).toString();
        } catch (IOException e) {
            throw translate(canonical, e);
        }
    }

    @Override
    public byte[] readHead(String canonical, int max) throws RootFsException {
        try (FileChannel ch = FileChannel.open(real(canonical), StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            ByteBuffer buf = ByteBuffer.allocate((int) Math.min(max, Math.max(0, ch.size())));
            while (buf.hasRemaining() && ch.read(buf) >= 0) {
                // short reads are allowed; keep going until full or end of file
            }
            byte[] out = new byte[buf.position()];
            buf.flip();
            buf.get(out);
            return out;
        } catch (IOException e) {
            throw translate(canonical, e);
        }
    }

    @Override
    public ByteSource open(String canonical) throws RootFsException {
        try {
            return ByteSource.open(real(canonical));
        } catch (IOException e) {
            throw translate(canonical, e);
        } catch (BinaryFormatException e) {
            throw new RootFsException(Errno.EIO, canonical, e.getMessage());
        }
    }

    @Override
    public List<String> list(String canonical) throws RootFsException {
        try (Stream<Path> s = Files.list(real(canonical))) {
            List<String> names = new ArrayList<>();
            s.forEach(p -> names.add(p.getFileName().toString()));
            names.sort(null);
            return names;
        } catch (IOException e) {
            throw translate(canonical, e);
        }
    }

    private static RootFsException translate(String canonical, IOException e) {
        if (e instanceof NoSuchFileException) {
            return new RootFsException(Errno.ENOENT, canonical, "no such file or directory");
        }
        if (e instanceof AccessDeniedException) {
            return new RootFsException(Errno.EACCES, canonical, "permission denied");
        }
        if (e instanceof NotDirectoryException) {
            return new RootFsException(Errno.ENOTDIR, canonical, "not a directory");
        }
        if (e instanceof FileSystemLoopException) {
            return new RootFsException(Errno.ELOOP, canonical, "symbolic link loop");
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            String r = f.getReason();
            if (r.contains("Not a directory")) {
                return new RootFsException(Errno.ENOTDIR, canonical, "not a directory");
            }
            if (r.contains("Too many levels")) {
                return new RootFsException(Errno.ELOOP, canonical, r);
            }
            if (r.contains("Is a directory")) {
                return new RootFsException(Errno.EISDIR, canonical, r);
            }
            return new RootFsException(Errno.EIO, canonical, r);
        }
        return new RootFsException(Errno.EIO, canonical, String.valueOf(e.getMessage()));
    }

    @Override
    public String toString() {
        return "RootFs(" + describe() + ")";
    }
}

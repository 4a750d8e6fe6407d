package dev.execray.rootfs;

import dev.execray.binary.BinaryFormatException;
import dev.execray.binary.ByteSource;
import java.io.IOException;
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
    private final java.util.Set<String> checkedDirs = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private DirectoryRoot(Path base, boolean host) {
        this.base = base;
        this.host = host;
    }

    static DirectoryRoot host() {
        return HOST;
    }

    /**
     * A directory as a root. The directory is taken as the user named it, its own symlinks resolved once by the
     * host (the user chose it); it must exist and be a directory, else the root is refused. {@code dir:PATH} (the
     * place syntax of {@code matrix}) names the same directory; other place kinds are refused with what to use.
     */
    static DirectoryRoot of(Path dir) {
        String named = dir.toString();
        if (named.startsWith("dir:")) {
            dir = Path.of(named.substring(4));
        } else if (named.startsWith("image:")) {
            throw new RootRefusedException("--root " + named + ": an image is a place, not a root directory; use "
                    + "'execray check-image' or 'execray matrix --targets " + named + "'");
        }
        Path abs;
        try {
            abs = dir.toAbsolutePath().normalize().toRealPath();
        } catch (IOException e) {
            throw new RootRefusedException("root " + dir + ": " + (e instanceof NoSuchFileException
                    ? "no such directory" : "cannot be read (" + e.getClass().getSimpleName() + ")"));
        }
        if (!Files.isDirectory(abs)) {
            throw new RootRefusedException("root " + dir + ": not a directory");
        }
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

    /**
     * Where a canonical path of the root lies on the host. The host resolves the path it is given, so every
     * intermediate component must be checked here: a path that is not canonical ({@code .}, {@code ..}, empty
     * components) is refused, and for a directory that is not the host's own {@code /} each parent must be a real
     * directory below the base, not a symlink the host would follow out of the root. Checked parents are
     * remembered, so a walk costs one lstat per new directory.
     */
    private Path real(String canonical) throws RootFsException {
        if (canonical.equals("/")) {
            return base;
        }
        if (canonical.isEmpty() || canonical.charAt(0) != '/' || canonical.contains("//") || canonical.endsWith("/")
                || canonical.contains("/./") || canonical.endsWith("/.") || canonical.contains("/../")
                || canonical.endsWith("/..") || canonical.indexOf('\0') >= 0) {
            throw new RootFsException(Errno.EINVAL, canonical, "not a canonical path inside the root");
        }
        if (!host) {
            int slash = canonical.indexOf('/', 1);
            while (slash > 0) {
                String parent = canonical.substring(0, slash);
                if (!checkedDirs.contains(parent)) {
                    Path p = base.resolve(parent.substring(1));
                    if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                        boolean link = Files.isSymbolicLink(p);
                        throw new RootFsException(link ? Errno.ELOOP : Files.exists(p, LinkOption.NOFOLLOW_LINKS)
                                ? Errno.ENOTDIR : Errno.ENOENT, parent, link
                                        ? "a symlink in the middle of a canonical path (it must be walked inside the root)"
                                        : "not a directory");
                    }
                    if (checkedDirs.size() > 100_000) {
                        checkedDirs.clear(); // a memo, not a record: bounded so a huge tree cannot grow it forever
                    }
                    checkedDirs.add(parent);
                }
                slash = canonical.indexOf('/', slash + 1);
            }
        }
        return base.resolve(canonical.substring(1));
    }

    @Override
    public FileStat lstat(String canonical) throws RootFsException {
        Path p = real(canonical);
        try {
            Map<String, Object> a = Files.readAttributes(p, "unix:mode,uid,gid,size,ino,dev", LinkOption.NOFOLLOW_LINKS);
            int mode = (Integer) a.get("mode");
            return new FileStat(FileType.ofMode(mode), mode, (Integer) a.get("uid"), (Integer) a.get("gid"),
                    (Long) a.get("size"), Optional.of(a.get("dev") + ":" + a.get("ino")));
        } catch (IOException e) {
            throw translate(canonical, e);
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            throw new RootFsException(Errno.EIO, canonical, "this platform cannot report POSIX file modes");
        }
    }

    /** The host path, refused if its last component is a symlink: the host would follow it out of the root. */
    private Path notALink(String canonical) throws RootFsException {
        Path p = real(canonical);
        if (!host && Files.isSymbolicLink(p)) {
            throw new RootFsException(Errno.ELOOP, canonical, "is a symlink (it must be walked inside the root)");
        }
        return p;
    }

    /**
     * The host path of a file about to be opened, from one lstat: a FIFO, socket or device is refused before it is
     * opened (opening a FIFO waits for a writer) with EACCES, what the kernel's may_open() says when such a file is
     * opened for exec; with {@code refuseLink}, a symlink as last component is refused as {@link #notALink} does.
     */
    private Path openable(String canonical, boolean refuseLink) throws RootFsException {
        Path p = real(canonical);
        java.nio.file.attribute.BasicFileAttributes a;
        try {
            a = Files.readAttributes(p, java.nio.file.attribute.BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw translate(canonical, e);
        }
        if (refuseLink && !host && a.isSymbolicLink()) {
            throw new RootFsException(Errno.ELOOP, canonical, "is a symlink (it must be walked inside the root)");
        }
        if (a.isOther()) {
            throw new RootFsException(Errno.EACCES, canonical, "not a regular file");
        }
        return p;
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
        Path p = openable(canonical, false);
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            return ByteSource.head(ch, max);
        } catch (IOException e) {
            throw translate(canonical, e);
        }
    }

    @Override
    public ByteSource open(String canonical) throws RootFsException {
        Path p = openable(canonical, true);
        try {
            return ByteSource.open(p);
        } catch (IOException e) {
            throw translate(canonical, e);
        } catch (BinaryFormatException e) {
            throw new RootFsException(Errno.EIO, canonical, e.getMessage());
        }
    }

    @Override
    public List<String> list(String canonical) throws RootFsException {
        Path dir = notALink(canonical);
        // the names alone, without a Path object per entry (a third of a re-scan's walk went into Files.list); when
        // java.io cannot list it, Files.list says why, with the errno
        String[] fast = dir.toFile().list();
        if (fast != null) {
            java.util.Arrays.sort(fast);
            return new ArrayList<>(java.util.Arrays.asList(fast));
        }
        try (Stream<Path> s = Files.list(dir)) {
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

package dev.execray.rootfs;

import dev.execray.binary.ByteSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A root with one more file: a binary of the host placed at a path of a target's root (the binary a user
 * wants to ship, inside the image it is meant for), so the exec path can be simulated there without copying
 * anything. The file is read from the host; every other path is the base root's. Read-only like any root.
 */
public final class OverlayRoot implements RootFs {
    private final RootFs base;
    private final String dir;
    private final String file;
    private final Path hostFile;
    /** Whether {@code dir} is a directory this overlay adds, rather than one of the base root's. */
    private final boolean newDir;

    /** {@code placed} is canonical, e.g. {@code /.execray/server}; its parent must be a new top-level directory. */
    public OverlayRoot(RootFs base, String placed, Path hostFile) {
        int slash = placed.lastIndexOf('/');
        if (slash <= 0 || placed.indexOf('/', 1) != slash) {
            throw new IllegalArgumentException("the placed file must be /DIR/NAME: " + placed);
        }
        this.base = base;
        this.dir = placed.substring(0, slash);
        this.file = placed;
        this.hostFile = hostFile;
        this.newDir = true;
    }

    private OverlayRoot(RootFs base, String dir, String file, Path hostFile) {
        this.base = base;
        this.dir = dir;
        this.file = file;
        this.hostFile = hostFile;
        this.newDir = false;
    }

    /**
     * The host file at {@code placed} (canonical) in a directory the base root already has, as if copied there
     * ({@code explain --as}): it lives on that directory's mount.
     */
    public static OverlayRoot into(RootFs base, String placed, Path hostFile) throws RootFsException {
        int slash = placed.lastIndexOf('/');
        if (!placed.startsWith("/") || slash == placed.length() - 1 || placed.contains("/./") || placed.contains("/../")
                || placed.contains("//")) {
            throw new RootFsException(Errno.EINVAL, placed, "--as needs an absolute path to a file, without . or ..");
        }
        String dir = slash == 0 ? "/" : placed.substring(0, slash);
        FileStat st = base.lstat(dir);
        if (!st.isDirectory()) {
            throw new RootFsException(Errno.ENOTDIR, dir, "is not a directory in " + base.describe());
        }
        return new OverlayRoot(base, dir, placed, hostFile);
    }

    /** The placed file is shipped into the place: its mount there is unknown, the rest is the base's. */
    @Override
    public Optional<MountPoint> mountOf(String canonical) {
        if (!newDir) {
            return base.mountOf(canonical.equals(file) ? dir : canonical);
        }
        return canonical.equals(file) || canonical.equals(dir) ? Optional.empty() : base.mountOf(canonical);
    }

    @Override
    public String describe() {
        return base.describe();
    }

    @Override
    public FileStat lstat(String canonical) throws RootFsException {
        if (newDir && canonical.equals(dir)) {
            return new FileStat(FileType.DIRECTORY, 0755, 0, 0, 4096, Optional.of("overlay:" + dir));
        }
        if (canonical.equals(file)) {
            try {
                long size = Files.size(hostFile);
                // the user's file as they would ship it: executable by everyone, whatever its bits here
                return new FileStat(FileType.REGULAR, 0755, 0, 0, size, Optional.of("overlay:" + hostFile));
            } catch (IOException e) {
                throw new RootFsException(Errno.ENOENT, canonical, hostFile + ": " + e.getMessage());
            }
        }
        return base.lstat(canonical);
    }

    @Override
    public String readlink(String canonical) throws RootFsException {
        if (newDir && canonical.equals(dir) || canonical.equals(file)) {
            throw new RootFsException(Errno.EINVAL, canonical, "not a symbolic link");
        }
        return base.readlink(canonical);
    }

    @Override
    public byte[] readHead(String canonical, int max) throws RootFsException {
        if (!canonical.equals(file)) {
            return base.readHead(canonical, max);
        }
        try (InputStream in = Files.newInputStream(hostFile)) {
            return in.readNBytes(max);
        } catch (IOException e) {
            throw new RootFsException(Errno.EIO, canonical, hostFile + ": " + e.getMessage());
        }
    }

    @Override
    public ByteSource open(String canonical) throws RootFsException {
        if (!canonical.equals(file)) {
            return base.open(canonical);
        }
        try {
            return ByteSource.open(hostFile);
        } catch (IOException e) {
            throw new RootFsException(Errno.EIO, canonical, hostFile + ": " + e.getMessage());
        }
    }

    @Override
    public List<String> list(String canonical) throws RootFsException {
        if (newDir && canonical.equals(dir)) {
            return List.of(file.substring(dir.length() + 1));
        }
        List<String> names = new ArrayList<>(base.list(canonical));
        if (!newDir && canonical.equals(dir)) {
            String name = file.substring(file.lastIndexOf('/') + 1);
            if (!names.contains(name)) {
                names.add(name);
                names.sort(null);
            }
            return names;
        }
        if (newDir && canonical.equals("/")) {
            String top = dir.substring(1);
            if (!names.contains(top)) {
                names.add(top);
                names.sort(null);
            }
        }
        return names;
    }
}

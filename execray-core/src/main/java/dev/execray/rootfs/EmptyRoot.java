package dev.execray.rootfs;

import dev.execray.binary.ByteSource;
import java.util.List;
import java.util.Optional;

/** A root holding nothing but {@code /}: the stand-in for a place known only by its facts (a named profile). */
public final class EmptyRoot implements RootFs {
    private final String name;

    public EmptyRoot(String name) {
        this.name = name;
    }

    @Override
    public String describe() {
        return name;
    }

    @Override
    public FileStat lstat(String canonical) throws RootFsException {
        if (canonical.equals("/")) {
            return new FileStat(FileType.DIRECTORY, 0755, 0, 0, 4096, Optional.of("empty:/"));
        }
        throw new RootFsException(Errno.ENOENT, canonical, "not in " + name + " (no root file system)");
    }

    @Override
    public String readlink(String canonical) throws RootFsException {
        throw new RootFsException(lstat(canonical).isDirectory() ? Errno.EINVAL : Errno.ENOENT, canonical, "no link");
    }

    @Override
    public byte[] readHead(String canonical, int max) throws RootFsException {
        throw new RootFsException(lstat(canonical).isDirectory() ? Errno.EISDIR : Errno.ENOENT, canonical, "no file");
    }

    @Override
    public ByteSource open(String canonical) throws RootFsException {
        throw new RootFsException(lstat(canonical).isDirectory() ? Errno.EISDIR : Errno.ENOENT, canonical, "no file");
    }

    @Override
    public List<String> list(String canonical) throws RootFsException {
        lstat(canonical);
        return List.of();
    }
}

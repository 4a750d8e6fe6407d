package dev.execray.rootfs;

import dev.execray.binary.ByteSource;
import dev.execray.rootfs.image.ContainerImage;
import dev.execray.rootfs.image.FileRegion;
import dev.execray.rootfs.image.ImageEntry;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * A container image as a root: the merged layers answer the primitive questions, and the path walk
 * (chroot semantics, symlink limit) is the same as for any other root.
 */
public final class ImageRoot implements RootFs {
    private final ContainerImage image;

    public ImageRoot(ContainerImage image) {
        this.image = image;
    }

    /** The image's config: how its container starts. */
    public dev.execray.rootfs.image.ImageConfig config() {
        return image.config();
    }

    /** Entries skipped and oddities met while merging the layers, each naming its layer and entry. */
    public List<String> warnings() {
        return image.warnings();
    }

    /** Why Docker would refuse to load the image; empty if it would load it. */
    public List<String> dockerRefusals() {
        return image.dockerRefusals();
    }

    @Override
    public String describe() {
        return image.source().toString();
    }

    private ImageEntry entry(String canonical) throws RootFsException {
        Optional<ImageEntry> e = image.entry(PathWalker.split(canonical));
        if (e.isEmpty()) {
            throw new RootFsException(Errno.ENOENT, canonical, "no such file or directory in the image");
        }
        return e.get();
    }

    @Override
    public FileStat lstat(String canonical) throws RootFsException {
        ImageEntry e = entry(canonical);
        FileType t = switch (e.kind()) {
            case DIRECTORY -> FileType.DIRECTORY;
            case FILE -> FileType.REGULAR;
            case SYMLINK -> FileType.SYMLINK;
            case CHAR_DEVICE -> FileType.CHAR_DEVICE;
            case BLOCK_DEVICE -> FileType.BLOCK_DEVICE;
            case FIFO -> FileType.FIFO;
        };
        return new FileStat(t, e.mode(), e.uid(), e.gid(), e.size(), Optional.of("image:" + canonical));
    }

    @Override
    public String readlink(String canonical) throws RootFsException {
        ImageEntry e = entry(canonical);
        return e.linkTarget().orElseThrow(() -> new RootFsException(Errno.EINVAL, canonical, "not a symbolic link"));
    }

    private FileRegion content(String canonical) throws RootFsException {
        ImageEntry e = entry(canonical);
        return e.content().orElseThrow(() -> new RootFsException(Errno.EISDIR, canonical, "not a regular file"));
    }

    @Override
    public byte[] readHead(String canonical, int max) throws RootFsException {
        try {
            return content(canonical).read(0, max);
        } catch (IOException e) {
            throw new RootFsException(Errno.EIO, canonical, String.valueOf(e.getMessage()));
        }
    }

    @Override
    public ByteSource open(String canonical) throws RootFsException {
        FileRegion r = content(canonical);
        if (r.size() > Integer.MAX_VALUE) {
            throw new RootFsException(Errno.EIO, canonical, "file of " + r.size() + " bytes is larger than 2 GiB");
        }
        try {
            // large files are mapped where they lie (layer tar or extraction cache): a loader session keeps every
            // library of the image open, and mapped bytes stay off the heap
            return r.size() > 256 * 1024 ? ByteSource.map(r.file(), r.offset(), r.size())
                    : ByteSource.of(r.read(0, (int) r.size()));
        } catch (IOException | dev.execray.binary.BinaryFormatException e) {
            throw new RootFsException(Errno.EIO, canonical, String.valueOf(e.getMessage()));
        }
    }

    @Override
    public List<String> list(String canonical) throws RootFsException {
        ImageEntry e = entry(canonical);
        if (e.kind() != ImageEntry.Kind.DIRECTORY) {
            throw new RootFsException(Errno.ENOTDIR, canonical, "not a directory");
        }
        return image.list(PathWalker.split(canonical));
    }
}

package dev.execray.place.ldconfig;

import dev.execray.binary.ByteSource;
import dev.execray.rootfs.FileStat;
import dev.execray.rootfs.FileType;
import dev.execray.rootfs.Resolution;
import dev.execray.rootfs.RootFs;
import dev.execray.rootfs.RootFsException;
import java.io.IOException;
import java.util.List;

/** A {@link RootFs} (host, directory with chroot semantics, container image) as the loader sees it. */
public final class RootFsLoaderFs implements LoaderFs {
    private final RootFs root;

    private RootFsLoaderFs(RootFs root) {
        this.root = root;
    }

    /** The loader's view of a root. The host is answered by {@link HostLoaderFs}, which asks the kernel directly. */
    public static LoaderFs of(RootFs root) {
        return root.isHost() ? HostLoaderFs.instance() : new RootFsLoaderFs(root);
    }

    public RootFs root() {
        return root;
    }

    @Override
    public String describe() {
        return root.describe();
    }

    @Override
    public Lookup lookup(String path) {
        Resolution r = root.resolve(path);
        if (r instanceof Resolution.Failed f) {
            return new Missing(f.errno().name(), f.detail());
        }
        Resolution.Found f = (Resolution.Found) r;
        FileStat st = f.stat();
        FileKind kind = st.type() == FileType.REGULAR ? FileKind.REGULAR
                : st.type() == FileType.DIRECTORY ? FileKind.DIRECTORY : FileKind.OTHER;
        String identity = st.identity().orElse(f.canonical());
        return new Found(f.canonical(), kind, identity, Long.toString(st.size()), st.size(), st.mode());
    }

    @Override
    public ByteSource open(Found file) throws IOException {
        try {
            return root.open(file.canonical());
        } catch (RootFsException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public List<String> list(String directory) {
        Lookup l = lookup(directory);
        if (!(l instanceof Found f) || !f.isDirectory()) {
            return List.of();
        }
        try {
            return root.list(f.canonical());
        } catch (RootFsException e) {
            return List.of();
        }
    }
}

package dev.execray.scan;

import dev.execray.binary.ByteSource;
import dev.execray.rootfs.FileStat;
import dev.execray.rootfs.MountPoint;
import dev.execray.rootfs.RootFs;
import dev.execray.rootfs.RootFsException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A root that remembers every path the exec simulation asked it about, so that a tree's verdicts can be reused
 * later exactly when none of those paths changed (docs/scan.md, "Reuse of earlier results"). Paths are canonical
 * names inside the root, as the {@link RootFs} methods take them; {@link #resolve} is not delegated, so each
 * component a resolution walks through is asked here, and recorded, one by one. A path whose directory was listed
 * is marked so: its entries, not only its identity, were read. Shared by the scan's workers.
 */
final class RecordingRoot implements RootFs {
    private final RootFs inner;
    /** path → whether it was listed as a directory. */
    private final Map<String, Boolean> seen = new ConcurrentHashMap<>();

    RecordingRoot(RootFs inner) {
        this.inner = inner;
    }

    /** Every path asked about so far, each with whether its entries were listed. */
    Map<String, Boolean> seen() {
        return Map.copyOf(seen);
    }

    private void saw(String canonical) {
        seen.putIfAbsent(canonical, false);
    }

    @Override
    public String describe() {
        return inner.describe();
    }

    @Override
    public boolean isHost() {
        return inner.isHost();
    }

    @Override
    public FileStat lstat(String canonical) throws RootFsException {
        saw(canonical);
        return inner.lstat(canonical);
    }

    @Override
    public String readlink(String canonical) throws RootFsException {
        saw(canonical);
        return inner.readlink(canonical);
    }

    @Override
    public byte[] readHead(String canonical, int max) throws RootFsException {
        saw(canonical);
        return inner.readHead(canonical, max);
    }

    @Override
    public ByteSource open(String canonical) throws RootFsException {
        saw(canonical);
        return inner.open(canonical);
    }

    @Override
    public List<String> list(String canonical) throws RootFsException {
        seen.put(canonical, true);
        return inner.list(canonical);
    }

    @Override
    public Optional<MountPoint> mountOf(String canonical) {
        // the mount table is part of the scan's host facts (VerdictDeps.factsKey), not a path of the root
        return inner.mountOf(canonical);
    }
}

package dev.execray.rootfs.image;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarFile;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;

/**
 * Applies layers, lowest first, to a merged tree with the OCI rules: {@code .wh.NAME} removes NAME
 * from the layers below, {@code .wh..wh..opq} hides everything below in its directory, a later entry
 * replaces an earlier one, hard links share their target's content. Uncompressed layers are read in
 * place; compressed ones are unpacked into the {@link ExtractionCache}.
 */
final class LayerApplier {
    static final String WHITEOUT = ".wh.";
    static final String OPAQUE = ".wh..wh..opq";

    private final TreeNode.Dir root;
    private final ExtractionCache cache;
    private final long maxEntries;
    private final List<String> warnings;
    private long entries;

    LayerApplier(TreeNode.Dir root, ExtractionCache cache, long maxEntries, List<String> warnings) {
        this.root = root;
        this.cache = cache;
        this.maxEntries = maxEntries;
        this.warnings = warnings;
    }

    /** One entry of a layer, read before anything in the layer is applied. */
    private record Pending(List<String> path, TarArchiveEntry entry, Optional<FileRegion> content) {
    }

    void apply(FileRegion layer, int index) throws IOException, ImageFormatException {
        String name = "layer " + index;
        byte[] magic = layer.read(0, 4);
        List<Pending> pending = new ArrayList<>();
        try {
            if (magic.length >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
                readStream(new GzipCompressorInputStream(new BufferedInputStream(layer.open(), 1 << 16), true), index, pending);
            } else if (magic.length >= 4 && (magic[0] & 0xff) == 0x28 && (magic[1] & 0xff) == 0xb5
                    && (magic[2] & 0xff) == 0x2f && (magic[3] & 0xff) == 0xfd) {
                readStream(new ZstdCompressorInputStream(new BufferedInputStream(layer.open(), 1 << 16)), index, pending);
            } else {
                readInPlace(layer, index, pending);
            }
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            throw new ImageFormatException(name + ": not a readable tar layer: " + e.getMessage(), e);
        }
        // Whiteouts act on the layers below only, so they go first, then this layer's own entries in order.
        for (Pending p : pending) {
            String base = p.path.get(p.path.size() - 1);
            if (base.equals(OPAQUE)) {
                directory(p.path.subList(0, p.path.size() - 1)).ifPresent(d -> d.children.clear());
            } else if (base.startsWith(WHITEOUT)) {
                directory(p.path.subList(0, p.path.size() - 1))
                        .ifPresent(d -> d.children.remove(base.substring(WHITEOUT.length())));
            }
        }
        for (Pending p : pending) {
            String base = p.path.get(p.path.size() - 1);
            if (!base.startsWith(WHITEOUT)) {
                add(p, name);
            }
        }
    }

    private void readInPlace(FileRegion layer, int index, List<Pending> pending) throws IOException, ImageFormatException {
        try (TarFile tar = new TarFile(layer.channel())) {
            for (TarArchiveEntry e : tar.getEntries()) {
                Optional<FileRegion> content = Optional.empty();
                if (ImagePaths.isRegular(e)) {
                    if (e.isSparse()) {
                        try (ExtractionCache.LayerData data = cache.layer(index); InputStream in = tar.getInputStream(e)) {
                            content = Optional.of(data.append(in, e.getRealSize(), e.getName()));
                        }
                    } else {
                        content = Optional.of(new FileRegion(layer.file(), layer.offset() + e.getDataOffset(), e.getSize()));
                    }
                }
                queue(e, content, pending);
            }
        }
    }

    private void readStream(InputStream decompressed, int index, List<Pending> pending) throws IOException, ImageFormatException {
        try (InputStream in = decompressed;
                TarArchiveInputStream tar = new TarArchiveInputStream(in);
                ExtractionCache.LayerData data = cache.layer(index)) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                Optional<FileRegion> content = Optional.empty();
                if (ImagePaths.isRegular(e)) {
                    content = Optional.of(data.append(tar, e.isSparse() ? e.getRealSize() : e.getSize(), e.getName()));
                }
                queue(e, content, pending);
            }
        }
    }

    private void queue(TarArchiveEntry e, Optional<FileRegion> content, List<Pending> pending) throws ImageFormatException {
        if (++entries > maxEntries) {
            throw new ImageFormatException("the image has more than " + maxEntries + " entries");
        }
        Optional<List<String>> path = ImagePaths.split(e.getName());
        if (path.isEmpty()) {
            warnings.add("entry '" + e.getName() + "' leaves the image root; ignored");
            return;
        }
        if (path.get().isEmpty()) {
            return; // the root directory itself
        }
        pending.add(new Pending(path.get(), e, content));
    }

    private void add(Pending p, String layer) {
        TarArchiveEntry e = p.entry;
        int mode = e.getMode() & 07777;
        int uid = (int) e.getLongUserId();
        int gid = (int) e.getLongGroupId();
        TreeNode node;
        if (e.isDirectory()) {
            TreeNode existing = lookupNoFollow(p.path);
            if (existing instanceof TreeNode.Dir d) {
                // A directory entry over an existing directory keeps its children (overlayfs merges them).
                d.mode = mode;
                d.uid = uid;
                d.gid = gid;
                return;
            }
            node = new TreeNode.Dir(mode, uid, gid);
        } else if (e.isSymbolicLink()) {
            node = new TreeNode.Symlink(mode, uid, gid, e.getLinkName());
        } else if (e.isLink()) {
            Optional<List<String>> target = ImagePaths.split(e.getLinkName()).filter(t -> !t.isEmpty());
            TreeNode t = target.map(this::lookupNoFollow).orElse(null);
            if (!(t instanceof TreeNode.File f)) {
                warnings.add(layer + ": hard link " + e.getName() + " -> " + e.getLinkName()
                        + " names no regular file before it; ignored");
                return;
            }
            node = new TreeNode.File(f.mode(), f.uid(), f.gid(), f.content());
        } else if (ImagePaths.isRegular(e)) {
            node = new TreeNode.File(mode, uid, gid, p.content.orElseThrow());
        } else if (e.isCharacterDevice() || e.isBlockDevice() || e.isFIFO()) {
            node = new TreeNode.Special(mode, uid, gid, e.isCharacterDevice() ? 'c' : e.isBlockDevice() ? 'b' : 'p');
        } else {
            warnings.add(layer + ": entry " + e.getName() + " of tar type '" + (char) e.getLinkFlag() + "' ignored");
            return;
        }
        TreeNode.Dir parent = parentCreating(p.path);
        parent.children.put(p.path.get(p.path.size() - 1), node);
    }

    /** The parent directory of {@code path}, created as needed; a non-directory in the way is replaced. */
    private TreeNode.Dir parentCreating(List<String> path) {
        TreeNode.Dir dir = root;
        for (int i = 0; i < path.size() - 1; i++) {
            TreeNode next = dir.children.get(path.get(i));
            if (next instanceof TreeNode.Dir d) {
                dir = d;
            } else {
                TreeNode.Dir created = new TreeNode.Dir(0755, 0, 0);
                dir.children.put(path.get(i), created);
                dir = created;
            }
        }
        return dir;
    }

    private Optional<TreeNode.Dir> directory(List<String> path) {
        TreeNode n = path.isEmpty() ? root : lookupNoFollow(path);
        return n instanceof TreeNode.Dir d ? Optional.of(d) : Optional.empty();
    }

    private TreeNode lookupNoFollow(List<String> path) {
        TreeNode n = root;
        for (String part : path) {
            if (!(n instanceof TreeNode.Dir d)) {
                return null;
            }
            n = d.children.get(part);
            if (n == null) {
                return null;
            }
        }
        return n;
    }
}

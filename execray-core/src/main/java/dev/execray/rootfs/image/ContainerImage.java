package dev.execray.rootfs.image;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A container image read without Docker: a {@code docker save} archive or an OCI image layout
 * (directory or tar), its layers merged into one read-only tree. Uncompressed layers are read in
 * place; compressed layers (gzip, zstd) are unpacked into a private temporary cache that is bounded
 * in size and removed on {@link #close()}. Nothing in the image, whatever its names or links say,
 * can make this write anywhere else.
 */
public final class ContainerImage implements AutoCloseable {

    private final Path source;
    private final ImageConfig config;
    private final TreeNode.Dir root;
    private final ExtractionCache cache;
    private final List<String> warnings;
    private final List<String> refusals;
    private final int layerCount;

    private ContainerImage(Path source, ImageConfig config, TreeNode.Dir root, ExtractionCache cache,
            List<String> warnings, List<String> refusals, int layerCount) {
        this.refusals = refusals;
        this.source = source;
        this.config = config;
        this.root = root;
        this.cache = cache;
        this.warnings = warnings;
        this.layerCount = layerCount;
    }

    /**
     * Opens an image. The work it can cause is bounded by {@link dev.execray.rootfs.Bound}'s image bounds; one
     * exceeded ends this with {@link dev.execray.rootfs.BoundExceededException}.
     */
    public static ContainerImage open(Path image, Optional<Platform> platform) throws IOException, ImageFormatException {
        BlobStore store = BlobStore.open(image);
        ImageManifest manifest = ImageManifest.resolve(store, platform);
        ImageConfig config = manifest.readConfig();
        ExtractionCache cache = new ExtractionCache();
        boolean done = false;
        try {
            TreeNode.Dir root = new TreeNode.Dir(0755, 0, 0, -1);
            List<String> warnings = new ArrayList<>();
            List<String> refusals = new ArrayList<>();
            LayerApplier applier = new LayerApplier(root, cache, warnings, refusals);
            int i = 0;
            for (FileRegion layer : manifest.layers()) {
                applier.apply(layer, i, manifest.layerTypes().get(i));
                i++;
            }
            done = true;
            return new ContainerImage(image, config, root, cache, List.copyOf(warnings), List.copyOf(refusals), i);
        } finally {
            // every way out but success, an Error (out of memory) included, removes what was unpacked
            if (!done) {
                cache.close();
            }
        }
    }

    public ImageConfig config() {
        return config;
    }

    public Path source() {
        return source;
    }

    public int layerCount() {
        return layerCount;
    }

    /** Entries skipped or oddities met while merging layers; each names its layer and entry. */
    public List<String> warnings() {
        return warnings;
    }

    /**
     * Why Docker would refuse to load this image (an entry leaving the root, a hard link to nothing, a name or link
     * longer than PATH_MAX), empty if it would load it. Each is also among {@link #warnings()}.
     */
    public List<String> dockerRefusals() {
        return refusals;
    }

    /** Bytes unpacked into the temporary cache (0 when every layer was uncompressed). */
    public long unpackedBytes() {
        return cache.written();
    }

    /**
     * The entry at {@code components} (path components below the root, none of them "." or ".."),
     * without following symlinks anywhere on the way: path resolution with chroot semantics belongs to
     * the root file system that wraps this image.
     */
    public Optional<ImageEntry> entry(List<String> components) {
        TreeNode n = root;
        for (String part : components) {
            if (!(n instanceof TreeNode.Dir d)) {
                return Optional.empty();
            }
            n = d.children.get(part);
            if (n == null) {
                return Optional.empty();
            }
        }
        return Optional.of(ImageEntry.of(n));
    }

    /** Names in the directory at {@code components}, sorted; empty if it is not a directory. */
    public List<String> list(List<String> components) {
        TreeNode n = root;
        for (String part : components) {
            if (!(n instanceof TreeNode.Dir d)) {
                return List.of();
            }
            n = d.children.get(part);
        }
        return n instanceof TreeNode.Dir d ? List.copyOf(d.children.keySet()) : List.of();
    }

    @Override
    public void close() throws IOException {
        cache.close();
    }
}

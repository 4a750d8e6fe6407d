package dev.execray.rootfs.image;

import dev.execray.rootfs.Bound;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarUtils;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;

/**
 * Applies layers, lowest first, to a merged tree the way Docker's layer unpacker does (moby pkg/archive
 * UnpackLayer): entries one at a time in archive order, as a stream, so memory grows with the merged tree and never
 * with a layer's entry list; {@code .wh.NAME} removes NAME when it is met, {@code .wh..wh..opq} removes what the
 * layers below put in its directory, a later entry replaces an earlier one (a directory over a directory keeps its
 * children), a hard link shares what its target is at that moment. Regular files of uncompressed layers are read
 * in place; compressed layers and sparse files are unpacked into the {@link ExtractionCache}, sparse holes left as
 * holes. What Docker would refuse to load is recorded, and so is every entry skipped.
 */
final class LayerApplier {
    static final String WHITEOUT = ".wh.";
    static final String OPAQUE = ".wh..wh..opq";
    /** PATH_MAX: Docker's extraction fails (ENAMETOOLONG) on longer names and symlink targets. */
    private static final int PATH_MAX = 4096;

    private final TreeNode.Dir root;
    private final ExtractionCache cache;
    private final List<String> warnings;
    private final List<String> refusals;
    private long entries;

    LayerApplier(TreeNode.Dir root, ExtractionCache cache, List<String> warnings, List<String> refusals) {
        this.root = root;
        this.cache = cache;
        this.warnings = warnings;
        this.refusals = refusals;
    }

    /**
     * Applies one layer. {@code mediaType} is the manifest's word for it (empty when the manifest has none, as in
     * docker save's manifest.json): a layer whose bytes are not the compression its media type names is malformed,
     * and refused rather than guessed at.
     */
    void apply(FileRegion layer, int index, String mediaType) throws IOException, ImageFormatException {
        String name = "layer " + index;
        byte[] magic = layer.read(0, 4);
        boolean gzip = magic.length >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b;
        boolean zstd = magic.length >= 4 && (magic[0] & 0xff) == 0x28 && (magic[1] & 0xff) == 0xb5
                && (magic[2] & 0xff) == 0x2f && (magic[3] & 0xff) == 0xfd;
        String says = mediaType.endsWith("gzip") ? "gzip" : mediaType.endsWith("zstd") ? "zstd"
                : mediaType.endsWith(".tar") || mediaType.endsWith("layer.v1.tar") ? "none" : "";
        String is = gzip ? "gzip" : zstd ? "zstd" : "none";
        if (!says.isEmpty() && !says.equals(is)) {
            throw new ImageFormatException(name + ": its media type " + mediaType + " says compression " + says
                    + ", its bytes are " + (is.equals("none") ? "not compressed" : is));
        }
        try (ExtractionCache.LayerData data = cache.layer(index)) {
            if (gzip) {
                read(new GzipCompressorInputStream(new BufferedInputStream(layer.open(), 1 << 16), true), null, index, data);
            } else if (zstd) {
                read(new ZstdCompressorInputStream(new BufferedInputStream(layer.open(), 1 << 16)), null, index, data);
            } else {
                read(new BufferedInputStream(layer.open(), 1 << 16), layer, index, data);
            }
        } catch (IOException | IllegalArgumentException | IllegalStateException | ArithmeticException e) {
            throw new ImageFormatException(name + ": not a readable tar layer: " + oneLine(e.getMessage()), e);
        }
    }

    static String oneLine(String s) {
        return s == null ? "(no detail)" : s.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }

    /**
     * Reads one layer's tar stream. {@code inPlace} is the layer itself when it is an uncompressed tar: a regular
     * file's content is then the region where the stream was when its header had been read.
     */
    private void read(InputStream raw, FileRegion inPlace, int index, ExtractionCache.LayerData data)
            throws IOException, ImageFormatException {
        String layer = "layer " + index;
        try (Counting in = new Counting(raw.markSupported() ? raw : new BufferedInputStream(raw, 1 << 16))) {
            // A tar starts with a header whose checksum holds, or with the zero block of an empty archive; anything
            // else (a JSON file, a layer compressed some other way) is not a layer: Docker refuses it too.
            in.mark(512);
            byte[] first = in.readNBytes(512);
            in.reset();
            in.resetCount();
            if (first.length > 0 && !isZero(first) && (first.length < 512 || !checksumHolds(first))) {
                throw new ImageFormatException(layer + ": not a tar archive (the first 512 bytes are no tar header)");
            }
            TarArchiveInputStream tar = new TarArchiveInputStream(in);
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                Bound.IMAGE_ENTRIES.check(++entries, "layer " + index + ", entry " + e.getName());
                Optional<List<String>> path = ImagePaths.split(e.getName());
                if (path.isEmpty()) {
                    skip(layer + ": entry '" + e.getName() + "' leaves the image root; ignored", true);
                    continue;
                }
                if (path.get().isEmpty()) {
                    continue; // the root directory itself
                }
                if (e.getName().getBytes(StandardCharsets.UTF_8).length >= PATH_MAX) {
                    skip(layer + ": entry name of " + e.getName().length() + " characters is longer than PATH_MAX; ignored",
                            true);
                    continue;
                }
                Optional<FileRegion> content = Optional.empty();
                if (isRegular(e)) {
                    if (e.isSparse()) {
                        content = Optional.of(data.appendSparse(tar, e));
                    } else if (inPlace != null) {
                        // the header (and any PAX or long-name records before it) has been consumed: the content is here
                        if (in.count() + e.getSize() > inPlace.size()) {
                            throw new ImageFormatException(layer + ": entry " + e.getName() + " runs past the end of the layer");
                        }
                        content = Optional.of(e.getSize() == 0 ? data.empty()
                                : new FileRegion(inPlace.file(), inPlace.offset() + in.count(), e.getSize()));
                    } else {
                        content = Optional.of(data.append(tar, e.getSize(), e.getName()));
                    }
                }
                apply(path.get(), e, content, index);
            }
        }
    }

    private static boolean checksumHolds(byte[] header) {
        try {
            return TarUtils.verifyCheckSum(header);
        } catch (IllegalArgumentException e) {
            return false; // the checksum field is not even octal
        }
    }

    private static boolean isZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    /** Regular files with content, sparse ones of every format (old GNU 'S', PAX 0.0, 0.1, 1.0) included. */
    private static boolean isRegular(TarArchiveEntry e) {
        return ImagePaths.isRegular(e) || e.isSparse();
    }

    private void skip(String warning, boolean dockerRefuses) {
        warnings.add(warning);
        if (dockerRefuses) {
            refusals.add(warning);
        }
    }

    private void apply(List<String> path, TarArchiveEntry e, Optional<FileRegion> content, int index) {
        String layer = "layer " + index;
        String base = path.get(path.size() - 1);
        List<String> parentPath = path.subList(0, path.size() - 1);
        if (base.equals(OPAQUE)) {
            directory(parentPath).ifPresent(d -> opaque(d, index));
            return;
        }
        if (base.startsWith(WHITEOUT)) {
            directory(parentPath).ifPresent(d -> d.children.remove(base.substring(WHITEOUT.length())));
            return;
        }
        int mode = e.getMode() & 07777;
        int uid = (int) e.getLongUserId();
        int gid = (int) e.getLongGroupId();
        TreeNode node;
        if (e.isDirectory()) {
            TreeNode existing = lookupNoFollow(path);
            if (existing instanceof TreeNode.Dir d) {
                // A directory entry over an existing directory keeps its children (overlayfs merges them).
                d.mode = mode;
                d.uid = uid;
                d.gid = gid;
                d.layer = index;
                return;
            }
            node = new TreeNode.Dir(mode, uid, gid, index);
        } else if (e.isSymbolicLink()) {
            if (e.getLinkName().getBytes(StandardCharsets.UTF_8).length >= PATH_MAX) {
                // symlink(2) gives ENAMETOOLONG: Docker cannot unpack it, and no kernel would ever follow it
                skip(layer + ": symlink " + e.getName() + " has a target of " + e.getLinkName().length()
                        + " characters, longer than PATH_MAX; ignored", true);
                return;
            }
            node = new TreeNode.Symlink(mode, uid, gid, e.getLinkName(), index);
        } else if (e.isLink()) {
            Optional<List<String>> target = ImagePaths.split(e.getLinkName()).filter(t -> !t.isEmpty());
            TreeNode t = target.map(this::lookupNoFollow).orElse(null);
            // link(2) does not follow a final symlink: a hard link to a symlink is a second name of the symlink
            if (t instanceof TreeNode.File f) {
                node = new TreeNode.File(f.mode(), f.uid(), f.gid(), f.content(), index);
            } else if (t instanceof TreeNode.Symlink s) {
                node = new TreeNode.Symlink(s.mode(), s.uid(), s.gid(), s.target(), index);
            } else if (t instanceof TreeNode.Special s) {
                node = new TreeNode.Special(s.mode(), s.uid(), s.gid(), s.kind(), index);
            } else {
                skip(layer + ": hard link " + e.getName() + " -> " + e.getLinkName() + (t == null
                        ? " names nothing in the image before it" : " names a directory") + "; ignored", true);
                return;
            }
        } else if (isRegular(e)) {
            node = new TreeNode.File(mode, uid, gid, content.orElseThrow(), index);
        } else if (e.isCharacterDevice() || e.isBlockDevice() || e.isFIFO()) {
            node = new TreeNode.Special(mode, uid, gid, e.isCharacterDevice() ? 'c' : e.isBlockDevice() ? 'b' : 'p', index);
        } else {
            skip(layer + ": entry " + e.getName() + " of tar type '" + (char) e.getLinkFlag() + "' ignored", false);
            return;
        }
        TreeNode.Dir parent = parentCreating(path, index);
        parent.children.put(base, node);
    }

    /**
     * An opaque whiteout: what layers below put in the directory goes; what this layer put there stays. A
     * directory this layer touched is kept and cleared the same way below.
     */
    private static void opaque(TreeNode.Dir d, int index) {
        d.children.values().removeIf(n -> n.layer() != index);
        for (TreeNode n : d.children.values()) {
            if (n instanceof TreeNode.Dir sub) {
                opaque(sub, index);
            }
        }
    }

    /** The parent directory of {@code path}, created as needed; a non-directory in the way is replaced. */
    private TreeNode.Dir parentCreating(List<String> path, int index) {
        TreeNode.Dir dir = root;
        for (int i = 0; i < path.size() - 1; i++) {
            TreeNode next = dir.children.get(path.get(i));
            if (next instanceof TreeNode.Dir d) {
                dir = d;
            } else {
                TreeNode.Dir created = new TreeNode.Dir(0755, 0, 0, index);
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

    /** Counts the bytes the tar reader has taken, so that an entry's content offset in the layer is known. */
    private static final class Counting extends FilterInputStream {
        private long count;
        private long markCount;

        Counting(InputStream in) {
            super(in);
        }

        long count() {
            return count;
        }

        void resetCount() {
            count = 0;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long s = in.skip(n);
            count += Math.max(0, s);
            return s;
        }

        @Override
        public synchronized void mark(int limit) {
            in.mark(limit);
            markCount = count;
        }

        @Override
        public synchronized void reset() throws IOException {
            in.reset();
            count = markCount;
        }
    }
}

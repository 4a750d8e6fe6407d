package dev.execray.rootfs.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarFile;

/**
 * The files of an image as it was handed to us: an OCI layout directory, or a tar (an OCI layout
 * packed, or {@code docker save} output). Names are paths inside the image, e.g.
 * {@code blobs/sha256/ab..} or {@code manifest.json}.
 */
sealed interface BlobStore {

    Optional<FileRegion> find(String name);

    /** What this store is, for messages. */
    String describe();

    static BlobStore open(Path image) throws IOException, ImageFormatException {
        if (Files.isDirectory(image)) {
            return new Directory(image.toRealPath());
        }
        if (Files.isRegularFile(image)) {
            return Tar.index(image);
        }
        throw new ImageFormatException(image + ": not an image directory or tar archive");
    }

    /** Safe name normalisation: names that would leave the image are treated as absent. */
    static Optional<String> normalise(String name) {
        StringBuilder out = new StringBuilder();
        for (String part : name.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                return Optional.empty();
            }
            if (out.length() > 0) {
                out.append('/');
            }
            out.append(part);
        }
        return out.length() == 0 ? Optional.empty() : Optional.of(out.toString());
    }

    record Directory(Path root) implements BlobStore {
        @Override
        public Optional<FileRegion> find(String name) {
            Optional<String> n = normalise(name);
            if (n.isEmpty()) {
                return Optional.empty();
            }
            Path p = root.resolve(n.get());
            try {
                // A blob that is a symlink could point anywhere on the host: only plain files inside count.
                if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) || !p.toRealPath().startsWith(root)) {
                    return Optional.empty();
                }
                return Optional.of(new FileRegion(p, 0, Files.size(p)));
            } catch (IOException e) {
                return Optional.empty();
            }
        }

        @Override
        public String describe() {
            return "image directory " + root;
        }
    }

    record Tar(Path file, Map<String, FileRegion> entries) implements BlobStore {
        static Tar index(Path file) throws IOException, ImageFormatException {
            Map<String, FileRegion> entries = new HashMap<>();
            try (TarFile tar = new TarFile(file)) {
                for (TarArchiveEntry e : tar.getEntries()) {
                    if (!ImagePaths.isRegular(e) || e.isSparse()) {
                        continue;
                    }
                    normalise(e.getName()).ifPresent(n -> entries.put(n, new FileRegion(file, e.getDataOffset(), e.getSize())));
                }
            } catch (IOException | IllegalArgumentException e) {
                throw new ImageFormatException(file + ": not a readable tar archive: " + e.getMessage(), e);
            }
            return new Tar(file, Map.copyOf(entries));
        }

        @Override
        public Optional<FileRegion> find(String name) {
            return normalise(name).map(entries::get);
        }

        @Override
        public String describe() {
            return "image archive " + file;
        }
    }
}

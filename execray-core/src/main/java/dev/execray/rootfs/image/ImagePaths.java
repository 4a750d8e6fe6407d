package dev.execray.rootfs.image;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Entry names of layer tars, made safe: split into components, never leaving the root. */
final class ImagePaths {
    private ImagePaths() {
    }

    /**
     * The components of an entry name relative to the image root (an empty list for the root
     * itself), or empty for a name whose {@code ..} would climb above the root: docker refuses such
     * layers; we skip the entry and say so.
     */
    static Optional<List<String>> split(String name) {
        List<String> parts = new ArrayList<>();
        for (String part : name.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (parts.isEmpty()) {
                    return Optional.empty();
                }
                parts.remove(parts.size() - 1);
                continue;
            }
            parts.add(part);
        }
        return Optional.of(parts);
    }

    /** Whether a tar entry is a regular file with content (not a link, directory or device). */
    static boolean isRegular(org.apache.commons.compress.archivers.tar.TarArchiveEntry e) {
        byte flag = e.getLinkFlag();
        return (flag == '0' || flag == 0 || flag == '7') && !e.getName().endsWith("/");
    }
}

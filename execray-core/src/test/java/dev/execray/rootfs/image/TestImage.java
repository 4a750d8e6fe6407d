package dev.execray.rootfs.image;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorOutputStream;

/** Writes container images for tests: layers of tar entries, packed as OCI layouts or docker-save tars. */
public final class TestImage {
    public enum Compression { NONE, GZIP, ZSTD }

    /** One layer under construction. */
    public static final class Layer {
        final List<TarArchiveEntry> entries = new ArrayList<>();
        final List<byte[]> contents = new ArrayList<>();
        Compression compression = Compression.GZIP;

        public Layer compression(Compression c) {
            compression = c;
            return this;
        }

        public Layer dir(String name) {
            TarArchiveEntry e = new TarArchiveEntry(name.endsWith("/") ? name : name + "/", TarArchiveEntry.LF_DIR, true);
            e.setMode(040755);
            return add(e, null);
        }

        public Layer file(String name, String content) {
            return file(name, content.getBytes(StandardCharsets.UTF_8), 0100644);
        }

        public Layer file(String name, byte[] content, int mode) {
            TarArchiveEntry e = new TarArchiveEntry(name, TarArchiveEntry.LF_NORMAL, true);
            e.setMode(mode);
            e.setSize(content.length);
            return add(e, content);
        }

        public Layer symlink(String name, String target) {
            TarArchiveEntry e = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK, true);
            e.setLinkName(target);
            e.setMode(0120777);
            return add(e, null);
        }

        public Layer hardlink(String name, String target) {
            TarArchiveEntry e = new TarArchiveEntry(name, TarArchiveEntry.LF_LINK, true);
            e.setLinkName(target);
            return add(e, null);
        }

        Layer charDevice(String name) {
            TarArchiveEntry e = new TarArchiveEntry(name, TarArchiveEntry.LF_CHR, true);
            e.setDevMajor(1);
            e.setDevMinor(3);
            return add(e, null);
        }

        public Layer whiteout(String dir, String name) {
            return file((dir.isEmpty() ? "" : dir + "/") + ".wh." + name, "");
        }

        Layer opaque(String dir) {
            return file(dir + "/.wh..wh..opq", "");
        }

        private Layer add(TarArchiveEntry e, byte[] content) {
            entries.add(e);
            contents.add(content);
            return this;
        }

        byte[] bytes() throws IOException {
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            try (OutputStream compressed = switch (compression) {
                case NONE -> raw;
                case GZIP -> new GzipCompressorOutputStream(raw);
                case ZSTD -> new ZstdCompressorOutputStream(raw);
            }; TarArchiveOutputStream tar = new TarArchiveOutputStream(compressed)) {
                tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                for (int i = 0; i < entries.size(); i++) {
                    tar.putArchiveEntry(entries.get(i));
                    if (contents.get(i) != null) {
                        tar.write(contents.get(i));
                    }
                    tar.closeArchiveEntry();
                }
            }
            return raw.toByteArray();
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    final List<Layer> layers = new ArrayList<>();
    public String os = "linux";
    public String arch = "amd64";
    public List<String> entrypoint = List.of();
    public List<String> cmd = List.of();
    public List<String> env = List.of("PATH=/usr/local/bin:/usr/bin:/bin");

    public Layer layer() {
        Layer l = new Layer();
        layers.add(l);
        return l;
    }

    byte[] configJson() throws IOException {
        ObjectNode cfg = JSON.createObjectNode();
        cfg.put("os", os).put("architecture", arch);
        ObjectNode c = cfg.putObject("config");
        entrypoint.forEach(c.putArray("Entrypoint")::add);
        cmd.forEach(c.putArray("Cmd")::add);
        env.forEach(c.putArray("Env")::add);
        return JSON.writeValueAsBytes(cfg);
    }

    /** Writes an OCI image layout directory; returns it. */
    public Path writeOciLayout(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("blobs/sha256"));
        Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        ObjectNode index = JSON.createObjectNode().put("schemaVersion", 2);
        index.putArray("manifests").add(writeManifest(dir));
        Files.write(dir.resolve("index.json"), JSON.writeValueAsBytes(index));
        return dir;
    }

    /** Writes the blobs of this image's manifest into a layout and returns its descriptor. */
    ObjectNode writeManifest(Path dir) throws IOException {
        ObjectNode manifest = JSON.createObjectNode().put("schemaVersion", 2)
                .put("mediaType", "application/vnd.oci.image.manifest.v1+json");
        manifest.set("config", descriptor("application/vnd.oci.image.config.v1+json", writeBlob(dir, configJson())));
        ArrayNode ls = manifest.putArray("layers");
        for (Layer l : layers) {
            String type = switch (l.compression) {
                case NONE -> "application/vnd.oci.image.layer.v1.tar";
                case GZIP -> "application/vnd.oci.image.layer.v1.tar+gzip";
                case ZSTD -> "application/vnd.oci.image.layer.v1.tar+zstd";
            };
            ls.add(descriptor(type, writeBlob(dir, l.bytes())));
        }
        ObjectNode d = descriptor("application/vnd.oci.image.manifest.v1+json", writeBlob(dir, JSON.writeValueAsBytes(manifest)));
        d.putObject("platform").put("os", os).put("architecture", arch);
        return d;
    }

    /** Writes a docker-save style tar (manifest.json, config, layer tars uncompressed as docker writes them). */
    public Path writeDockerSave(Path tarFile) throws IOException {
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(Files.newOutputStream(tarFile))) {
            List<String> layerNames = new ArrayList<>();
            int i = 0;
            for (Layer l : layers) {
                String name = "layer" + i++ + "/layer.tar";
                put(tar, name, l.bytes());
                layerNames.add(name);
            }
            put(tar, "config.json", configJson());
            ArrayNode manifest = JSON.createArrayNode();
            ObjectNode img = manifest.addObject().put("Config", "config.json");
            img.putArray("RepoTags").add("test:latest");
            layerNames.forEach(img.putArray("Layers")::add);
            put(tar, "manifest.json", JSON.writeValueAsBytes(manifest));
        }
        return tarFile;
    }

    /** Packs a directory (an OCI layout) into a tar. */
    static Path tarDirectory(Path dir, Path tarFile) throws IOException {
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(Files.newOutputStream(tarFile));
                var files = Files.walk(dir)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
                put(tar, dir.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return tarFile;
    }

    static void put(TarArchiveOutputStream tar, String name, byte[] data) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setSize(data.length);
        tar.putArchiveEntry(e);
        tar.write(data);
        tar.closeArchiveEntry();
    }

    static String writeBlob(Path dir, byte[] data) throws IOException {
        String hex = sha256(data);
        Files.write(dir.resolve("blobs/sha256/" + hex), data);
        return "sha256:" + hex + ":" + data.length;
    }

    private static ObjectNode descriptor(String mediaType, String digestAndSize) {
        int cut = digestAndSize.lastIndexOf(':');
        return JSON.createObjectNode().put("mediaType", mediaType).put("digest", digestAndSize.substring(0, cut))
                .put("size", Long.parseLong(digestAndSize.substring(cut + 1)));
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

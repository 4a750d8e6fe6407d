package dev.execray.hostile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Writes an OCI image layout from layer files of any content (tar or not), config JSON given as text. */
public final class OciWriter {
    private OciWriter() {
    }

    /**
     * @param layers files moved into the layout as blobs, lowest first
     * @param mediaTypes one per layer
     */
    public static Path write(Path dir, String configJson, List<Path> layers, List<String> mediaTypes) throws IOException {
        Files.createDirectories(dir.resolve("blobs/sha256"));
        Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        String config = blob(dir, configJson.getBytes(StandardCharsets.UTF_8));
        List<String> ls = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            String[] d = blob(dir, layers.get(i));
            ls.add("{\"mediaType\":\"" + mediaTypes.get(i) + "\",\"digest\":\"sha256:" + d[0] + "\",\"size\":" + d[1] + "}");
        }
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":"
                + config + ",\"layers\":[" + String.join(",", ls) + "]}";
        String m = blob(dir, manifest.getBytes(StandardCharsets.UTF_8));
        String mDesc = m.substring(0, m.length() - 1) + ",\"platform\":{\"os\":\"linux\",\"architecture\":\"amd64\"}}";
        Files.writeString(dir.resolve("index.json"), "{\"schemaVersion\":2,\"manifests\":[" + mDesc + "]}");
        return dir;
    }

    private static String blob(Path dir, byte[] data) throws IOException {
        Path tmp = Files.write(dir.resolve("blob.tmp"), data);
        String[] d = blob(dir, tmp);
        return "{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"sha256:" + d[0] + "\",\"size\":"
                + d[1] + "}";
    }

    private static String[] blob(Path dir, Path file) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), md)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        String hex = HexFormat.of().formatHex(md.digest());
        long size = Files.size(file);
        Files.move(file, dir.resolve("blobs/sha256/" + hex), StandardCopyOption.REPLACE_EXISTING);
        return new String[] {hex, String.valueOf(size)};
    }
}

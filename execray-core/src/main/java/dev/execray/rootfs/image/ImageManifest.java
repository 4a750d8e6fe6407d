package dev.execray.rootfs.image;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.execray.rootfs.Bound;
import dev.execray.rootfs.BoundExceededException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Finds, in an image, the one manifest to use and what it names: the config blob and the layers,
 * lowest first. Understands OCI layouts (index.json, nested indexes, platform selection) and
 * {@code docker save} archives (manifest.json).
 */
record ImageManifest(FileRegion config, List<FileRegion> layers, List<String> layerTypes, String source) {
    private static final int MAX_INDEX_DEPTH = 4;
    private static final Pattern DIGEST = Pattern.compile("([a-z0-9]+(?:[+._-][a-z0-9]+)*):([a-zA-Z0-9=_-]+)");

    static ImageManifest resolve(BlobStore store, Optional<Platform> wanted) throws ImageFormatException {
        Optional<FileRegion> index = store.find("index.json");
        if (index.isPresent()) {
            return fromOciIndex(store, readJson(index.get(), "index.json"), wanted, 0, "index.json");
        }
        Optional<FileRegion> docker = store.find("manifest.json");
        if (docker.isPresent()) {
            return fromDockerSave(store, readJson(docker.get(), "manifest.json"), wanted);
        }
        throw new ImageFormatException(store.describe() + ": neither an OCI layout (index.json) nor a docker-save archive (manifest.json)");
    }

    private static ImageManifest fromOciIndex(BlobStore store, JsonNode index, Optional<Platform> wanted, int depth,
            String where) throws ImageFormatException {
        if (depth > MAX_INDEX_DEPTH) {
            throw new ImageFormatException(where + ": image indexes nested more than " + MAX_INDEX_DEPTH + " deep");
        }
        JsonNode manifests = index.path("manifests");
        if (!manifests.isArray() || manifests.isEmpty()) {
            throw new ImageFormatException(where + ": no manifests listed");
        }
        List<JsonNode> candidates = new ArrayList<>();
        List<String> offered = new ArrayList<>();
        for (JsonNode m : manifests) {
            JsonNode p = m.path("platform");
            // Attestation manifests (buildx) claim platform unknown/unknown: never the image itself.
            if (p.path("os").asText().equals("unknown")) {
                continue;
            }
            if (p.isObject()) {
                Platform have = Platform.of(p.path("os").asText(), p.path("architecture").asText(), p.path("variant").asText());
                offered.add(have.toString());
                if (wanted.isPresent() && !wanted.get().matches(have)) {
                    continue;
                }
            }
            candidates.add(m);
        }
        if (candidates.isEmpty()) {
            throw new ImageFormatException(where + ": no manifest for platform " + wanted.map(Platform::toString).orElse("?")
                    + " (the image offers " + String.join(", ", offered) + ")");
        }
        if (candidates.size() > 1 && wanted.isEmpty() && offered.size() > 1) {
            // As docker does, an unspecified platform means this machine's.
            Platform host = Platform.of("linux", System.getProperty("os.arch"), "");
            if (offered.contains(host.toString()) || offered.stream().anyMatch(o -> host.matches(Platform.parse(o)))) {
                return fromOciIndex(store, index, Optional.of(host), depth, where);
            }
            throw new ImageFormatException(where + ": the image is multi-platform (" + String.join(", ", offered)
                    + "); choose one with --platform");
        }
        JsonNode chosen = candidates.get(0);
        String digest = chosen.path("digest").asText();
        FileRegion blob = blob(store, digest, where);
        JsonNode doc = readJson(blob, digest);
        String mediaType = doc.path("mediaType").asText(chosen.path("mediaType").asText());
        if (mediaType.contains("index") || mediaType.contains("manifest.list") || doc.has("manifests")) {
            return fromOciIndex(store, doc, wanted, depth + 1, digest);
        }
        FileRegion config = blob(store, doc.path("config").path("digest").asText(), digest + " config");
        List<FileRegion> layers = new ArrayList<>();
        List<String> types = new ArrayList<>();
        for (JsonNode l : doc.path("layers")) {
            layers.add(blob(store, l.path("digest").asText(), digest + " layer"));
            types.add(l.path("mediaType").asText(""));
        }
        return new ImageManifest(config, List.copyOf(layers), List.copyOf(types), "manifest " + digest);
    }

    private static ImageManifest fromDockerSave(BlobStore store, JsonNode manifest, Optional<Platform> wanted)
            throws ImageFormatException {
        if (!manifest.isArray() || manifest.isEmpty()) {
            throw new ImageFormatException("manifest.json: expected a non-empty array of images");
        }
        List<String> offered = new ArrayList<>();
        for (JsonNode image : manifest) {
            String configName = image.path("Config").asText();
            FileRegion config = store.find(configName)
                    .orElseThrow(() -> new ImageFormatException("manifest.json: config " + configName + " is not in the archive"));
            JsonNode cfg = readJson(config, configName);
            Platform have = Platform.of(cfg.path("os").asText(), cfg.path("architecture").asText(), cfg.path("variant").asText());
            offered.add(have.toString());
            if (wanted.isPresent() && !wanted.get().matches(have)) {
                continue;
            }
            List<FileRegion> layers = new ArrayList<>();
            for (JsonNode l : image.path("Layers")) {
                String name = l.asText();
                layers.add(store.find(name)
                        .orElseThrow(() -> new ImageFormatException("manifest.json: layer " + name + " is not in the archive")));
            }
            String tags = image.path("RepoTags").isArray() && !image.path("RepoTags").isEmpty()
                    ? image.path("RepoTags").get(0).asText() : configName;
            // docker save's manifest.json names no media types: the bytes say what each layer is
            return new ImageManifest(config, List.copyOf(layers), java.util.Collections.nCopies(layers.size(), ""),
                    "docker-save image " + tags);
        }
        throw new ImageFormatException("manifest.json: no image for platform " + wanted.map(Platform::toString).orElse("?")
                + " (the archive has " + String.join(", ", offered) + ")");
    }

    private static FileRegion blob(BlobStore store, String digest, String where) throws ImageFormatException {
        var m = DIGEST.matcher(digest);
        if (!m.matches()) {
            throw new ImageFormatException(where + ": malformed digest '" + digest + "'");
        }
        return store.find("blobs/" + m.group(1) + "/" + m.group(2))
                .orElseThrow(() -> new ImageFormatException(where + ": blob " + digest + " is not in the image"));
    }

    /**
     * Reads one metadata document within the JSON bounds (size, nesting, string length): a hostile config cannot
     * make the parser recurse or allocate without end. The bounds are read per call, as {@code --limit} sets them.
     */
    static JsonNode readJson(FileRegion region, String name) throws ImageFormatException {
        Bound.JSON_BYTES.check(region.size(), name);
        ObjectMapper json = new ObjectMapper(JsonFactory.builder().streamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth((int) Math.min(Integer.MAX_VALUE, Bound.JSON_DEPTH.value()))
                .maxStringLength((int) Math.min(Integer.MAX_VALUE, Bound.JSON_STRING.value()))
                .maxDocumentLength(Bound.JSON_BYTES.value())
                .build()).build());
        try (InputStream in = region.open()) {
            return json.readTree(in);
        } catch (StreamConstraintsException e) {
            String m = String.valueOf(e.getOriginalMessage());
            Bound b = m.contains("depth") ? Bound.JSON_DEPTH : m.contains("String") ? Bound.JSON_STRING : Bound.JSON_BYTES;
            throw new BoundExceededException(b, name);
        } catch (JsonProcessingException e) {
            // the parser's own text, without the location block it puts on further lines
            throw new ImageFormatException(name + ": not valid JSON: " + LayerApplier.oneLine(e.getOriginalMessage())
                    + location(e), e);
        } catch (IOException e) {
            throw new ImageFormatException(name + ": cannot be read: " + LayerApplier.oneLine(e.getMessage()), e);
        }
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                + e.getLocation().getColumnNr() + ")";
    }

    ImageConfig readConfig() throws ImageFormatException {
        JsonNode cfg = readJson(config, "image config");
        JsonNode c = cfg.path("config");
        Platform platform = Platform.of(cfg.path("os").asText(), cfg.path("architecture").asText(), cfg.path("variant").asText());
        return new ImageConfig(platform, strings(c.path("Entrypoint")), strings(c.path("Cmd")), strings(c.path("Env")),
                text(c.path("WorkingDir")), text(c.path("User")));
    }

    private static List<String> strings(JsonNode n) {
        List<String> out = new ArrayList<>();
        if (n.isArray()) {
            n.forEach(e -> out.add(e.asText()));
        }
        return List.copyOf(out);
    }

    private static Optional<String> text(JsonNode n) {
        return n.isTextual() && !n.asText().isEmpty() ? Optional.of(n.asText()) : Optional.empty();
    }
}

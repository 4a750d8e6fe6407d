package dev.execray.place;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * The running kernel's build configuration, where the kernel exposes it: /proc/config.gz (CONFIG_IKCONFIG_PROC)
 * or the distribution's /boot/config-RELEASE. Read to settle what files cannot show, such as whether 32-bit
 * programs can run at all.
 */
public record KernelConfig(String source, Map<String, String> options) {
    /** A kernel config is a few hundred KiB; anything far larger is not one. */
    private static final int MAX_BYTES = 16 << 20;

    public KernelConfig {
        options = Map.copyOf(options);
    }

    /** {@code y}, {@code m}, a value, or empty when the option is not set. */
    public Optional<String> get(String name) {
        return Optional.ofNullable(options.get(name));
    }

    public boolean enabled(String name) {
        return get(name).map(v -> v.equals("y")).orElse(false);
    }

    public static Optional<KernelConfig> host() {
        Optional<KernelConfig> c = read(Path.of("/proc/config.gz"));
        if (c.isPresent()) {
            return c;
        }
        return HostFacts.kernelRelease().flatMap(r -> read(Path.of("/boot/config-" + r)));
    }

    static Optional<KernelConfig> read(Path p) {
        try (InputStream raw = Files.newInputStream(p);
             InputStream in = p.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[65536];
            for (int n; (n = in.read(buf)) > 0; ) {
                out.write(buf, 0, n);
                if (out.size() > MAX_BYTES) {
                    return Optional.empty();
                }
            }
            return Optional.of(parse(p.toString(), out.toString(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** "CONFIG_X=y" lines; "# CONFIG_X is not set" and anything else count as unset. */
    public static KernelConfig parse(String source, String text) {
        Map<String, String> m = new HashMap<>();
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (line.startsWith("CONFIG_") && eq > 7) {
                String v = line.substring(eq + 1).trim();
                if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
                    v = v.substring(1, v.length() - 1);
                }
                m.put(line.substring(7, eq), v);
            }
        }
        return new KernelConfig(source, m);
    }
}

package dev.execray.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Finds or builds xrtime: compiled once from the source in this package with the machine's C compiler into the
 * cache directory ($XDG_CACHE_HOME/execray or ~/.cache/execray), named by a hash of its source so a changed
 * source builds a new one. Without a compiler, the choice falls back to {@link ProcessBuilderTimer}.
 */
public final class TimerHelper {
    private TimerHelper() {
    }

    /** The timer to use, and if it is the fallback, why. */
    public record Choice(Timer timer, Optional<String> fallbackReason) {
    }

    public static Choice choose(boolean forceProcessBuilder) {
        if (forceProcessBuilder) {
            return new Choice(new ProcessBuilderTimer(), Optional.of("--timer processbuilder"));
        }
        try {
            return new Choice(new XrTimer(helper()), Optional.empty());
        } catch (IOException e) {
            return new Choice(new ProcessBuilderTimer(), Optional.of(e.getMessage()));
        }
    }

    static byte[] source() throws IOException {
        return source("xrtime.c");
    }

    static byte[] source(String resource) throws IOException {
        try (InputStream in = TimerHelper.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException(resource + " is missing from execray's resources");
            }
            return in.readAllBytes();
        }
    }

    static Path cacheDir() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "execray");
        }
        return Path.of(System.getProperty("user.home"), ".cache", "execray");
    }

    /** The helper's path, compiling it first if needed. */
    public static Path helper() throws IOException {
        return build("xrtime.c", "xrtime", List.of());
    }

    /**
     * The rtld-audit module of this package (xrlibc.c, built with -shared -fPIC) that stamps the time at the end of
     * loading and just before main: how {@link Bench#libcStartup} measures the C library's start-up.
     */
    public static Path auditModule() throws IOException {
        return build("xrlibc.c", "xrlibc", List.of("-shared", "-fPIC"));
    }

    private static Path build(String resource, String name, List<String> flags) throws IOException {
        byte[] src = source(resource);
        String hash;
        try {
            hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(src)).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        Path dir = cacheDir();
        Path bin = dir.resolve(name + "-" + System.getProperty("os.arch") + "-" + hash + (flags.isEmpty() ? "" : ".so"));
        if (Files.isExecutable(bin)) {
            return bin;
        }
        Optional<Path> cc = compiler();
        if (cc.isEmpty()) {
            throw new IOException("no C compiler (cc, gcc or clang) in PATH to build the timer");
        }
        Files.createDirectories(dir);
        Path c = Files.createTempFile(dir, name + "-", ".c");
        Path tmp = Files.createTempFile(dir, name + "-", ".bin");
        try {
            Files.write(c, src);
            Path log = Files.createTempFile(dir, name + "-", ".log");
            List<String> cmd = new java.util.ArrayList<>(List.of(cc.get().toString(), "-O2"));
            cmd.addAll(flags);
            cmd.addAll(List.of("-o", tmp.toString(), c.toString()));
            Process p = new ProcessBuilder(cmd)
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            boolean done;
            try {
                done = p.waitFor(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                done = false;
            }
            if (!done) {
                p.destroyForcibly();
            }
            String msg = Files.readString(log).lines().limit(3).reduce("", (a, b) -> a + " " + b).trim();
            Files.deleteIfExists(log);
            if (!done || p.exitValue() != 0) {
                throw new IOException(cc.get() + " could not build " + resource + ": " + msg);
            }
            // another execray may have built it meanwhile: an atomic rename makes either copy the one
            Files.move(tmp, bin, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return bin;
        } finally {
            Files.deleteIfExists(c);
            Files.deleteIfExists(tmp);
        }
    }

    static Optional<Path> compiler() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String name : List.of("cc", "gcc", "clang")) {
            for (String d : path.split(":")) {
                if (d.isEmpty()) {
                    continue;
                }
                Path p = Path.of(d, name);
                if (Files.isExecutable(p) && !Files.isDirectory(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }
}

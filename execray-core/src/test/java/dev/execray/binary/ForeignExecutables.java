package dev.execray.binary;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * PE and Mach-O files for oracle tests: the project's fixtures, Go's own test data (golang-go),
 * the directories Debian packages install Windows and EFI binaries into, and any directories named
 * in {@code EXECRAY_ORACLE_DIRS} (colon-separated; e.g. packages unpacked with dpkg -x). Also runs the
 * real tools the oracles compare against.
 */
public final class ForeignExecutables {
    /** Where Debian packages put PE files: wine, mingw-w64 runtimes, win32-loader, nsis, EFI loaders. */
    private static final List<String> SYSTEM_DIRS = List.of(
            "/usr/lib/x86_64-linux-gnu/wine", "/usr/lib/i386-linux-gnu/wine", "/usr/lib/wine",
            "/usr/lib/gcc/x86_64-w64-mingw32", "/usr/lib/gcc/i686-w64-mingw32", "/usr/x86_64-w64-mingw32/lib",
            "/usr/i686-w64-mingw32/lib", "/usr/share/win32", "/usr/share/nsis", "/usr/lib/shim",
            "/usr/lib/systemd/boot/efi", "/usr/lib/grub/x86_64-efi-signed", "/usr/lib/ipxe");

    private static final long MAX_SIZE = 64L << 20;

    private ForeignExecutables() {
    }

    public static Path projectRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("pom.xml"))) {
            p = p.getParent();
        }
        return p == null ? Path.of("").toAbsolutePath() : p;
    }

    /** Every regular file under the known roots whose magic says {@code format}, in a stable order. */
    public static List<Path> find(FileFormat format, Path scratch) {
        Set<Path> roots = new LinkedHashSet<>();
        roots.add(projectRoot().resolve("fixtures/out"));
        roots.addAll(goTestData(scratch));
        SYSTEM_DIRS.forEach(d -> roots.add(Path.of(d)));
        String extra = System.getenv("EXECRAY_ORACLE_DIRS");
        if (extra != null) {
            for (String d : extra.split(":")) {
                if (!d.isBlank()) {
                    roots.add(Path.of(d));
                }
            }
        }
        List<Path> out = new ArrayList<>();
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> s = Files.walk(root)) {
                s.filter(Files::isRegularFile).sorted().forEach(p -> {
                    if (is(p, format)) {
                        out.add(p);
                    }
                });
            } catch (IOException | UncheckedIOException e) {
                // an unreadable directory is just not part of the corpus
            }
        }
        return out;
    }

    private static boolean is(Path p, FileFormat format) {
        try {
            if (Files.size(p) > MAX_SIZE || Files.size(p) < 64) {
                return false;
            }
            return Magic.detect(ByteSource.head(p, Magic.HEAD_SIZE)).format() == format;
        } catch (IOException e) {
            return false;
        }
    }

    /** Go's debug/pe and debug/macho test files; the Mach-O ones are stored base64-encoded. */
    private static List<Path> goTestData(Path scratch) {
        List<Path> dirs = new ArrayList<>();
        for (Path goroot : goRoots()) {
            Path pe = goroot.resolve("src/debug/pe/testdata");
            if (Files.isDirectory(pe)) {
                dirs.add(pe);
            }
            Path macho = goroot.resolve("src/debug/macho/testdata");
            if (Files.isDirectory(macho)) {
                Path target = scratch.resolve("go-macho-" + dirs.size());
                try (Stream<Path> s = Files.list(macho)) {
                    Files.createDirectories(target);
                    for (Path b : s.filter(f -> f.toString().endsWith(".base64")).toList()) {
                        String text = Files.readString(b, StandardCharsets.US_ASCII).replaceAll("\\s", "");
                        String name = b.getFileName().toString().replace(".base64", "");
                        Files.write(target.resolve(name), Base64.getDecoder().decode(text));
                    }
                    dirs.add(target);
                } catch (IOException | IllegalArgumentException e) {
                    // skip what cannot be decoded
                }
            }
        }
        return dirs;
    }

    private static List<Path> goRoots() {
        List<Path> roots = new ArrayList<>();
        String fromGo = run(List.of("go", "env", "GOROOT"), Duration.ofSeconds(30)).trim();
        if (!fromGo.isEmpty()) {
            roots.add(Path.of(fromGo));
        }
        return roots;
    }

    /** Runs a tool and returns its standard output, or "" when it is missing, fails or times out. */
    public static String run(List<String> command, Duration timeout) {
        try {
            Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] out;
            try (InputStream in = p.getInputStream()) {
                out = in.readAllBytes();
            }
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                return "";
            }
            return p.exitValue() == 0 ? new String(out, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    public static boolean available(String tool) {
        return !run(List.of(tool, "--version"), Duration.ofSeconds(30)).isEmpty();
    }
}

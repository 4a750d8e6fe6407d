package dev.execray.bench;

import dev.execray.exec.kernel.BinfmtMatcher;
import dev.execray.place.BinfmtEntry;
import dev.execray.place.BinfmtFlag;
import dev.execray.place.BinfmtRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builds the {@link Launch} of each launch path for one program. */
public final class LaunchPaths {
    private LaunchPaths() {
    }

    /** A launch, or why this path cannot be taken for this program here. */
    public sealed interface Built permits Ready, Unavailable {
        LaunchPath path();
    }

    public record Ready(Launch launch) implements Built {
        public LaunchPath path() {
            return launch.path();
        }
    }

    public record Unavailable(LaunchPath path, String why) implements Built {
    }

    /**
     * @param typed    the program as the user typed it
     * @param resolved its absolute path
     * @param args     arguments after argv[0]
     * @param envPath  the PATH the harness runs with
     * @param tempDir  where the shebang wrapper is written
     * @param binfmt   the live binfmt_misc registry
     */
    public static Built build(LaunchPath p, String typed, Path resolved, List<String> args, String envPath, Path tempDir,
            BinfmtRegistry binfmt) throws IOException {
        String abs = resolved.toString();
        List<String> argv = new ArrayList<>();
        switch (p) {
            case DIRECT -> {
                argv.add(typed);
                argv.addAll(args);
                return new Ready(new Launch("direct", p, abs, argv, false, Map.of(), "execve(\"" + abs + "\")"));
            }
            case PATH -> {
                String name = resolved.getFileName().toString();
                String dir = resolved.getParent().toString();
                String newPath = pathFor(name, dir, envPath);
                argv.add(name);
                argv.addAll(args);
                String how = newPath.equals(envPath) ? "execvp(\"" + name + "\") with your PATH"
                        : "execvp(\"" + name + "\") with " + dir + (newPath.startsWith(dir + ":") ? " prepended to PATH"
                        : " appended to PATH");
                return new Ready(new Launch("path", p, name, argv, true, Map.of("PATH", newPath), how));
            }
            case SH -> {
                StringBuilder c = new StringBuilder(Shell.quote(abs));
                args.forEach(a -> c.append(' ').append(Shell.quote(a)));
                return new Ready(new Launch("sh", p, "/bin/sh", List.of("sh", "-c", c.toString()), false, Map.of(),
                        "/bin/sh -c '" + c + "'"));
            }
            case ENV -> {
                argv.add("env");
                argv.add(abs);
                argv.addAll(args);
                return new Ready(new Launch("env", p, "/usr/bin/env", argv, false, Map.of(), "/usr/bin/env " + abs));
            }
            case SHEBANG -> {
                Path script = tempDir.resolve("xr-wrapper-" + resolved.getFileName());
                Files.writeString(script, "#!/bin/sh\nexec " + Shell.quote(abs) + " \"$@\"\n");
                Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
                argv.add(script.toString());
                argv.addAll(args);
                return new Ready(new Launch("shebang", p, script.toString(), argv, false, Map.of(),
                        script + " (#!/bin/sh, exec " + abs + ")"));
            }
            case BINFMT -> {
                if (!binfmt.enabled() && binfmt.entries().isEmpty()) {
                    return new Unavailable(p, "binfmt_misc is not mounted or has no entries (" + binfmt.source() + ")");
                }
                byte[] head = head(resolved);
                Optional<BinfmtEntry> e = BinfmtMatcher.find(binfmt, head, abs).entry();
                if (e.isEmpty()) {
                    return new Unavailable(p, "no binfmt_misc entry matches " + abs);
                }
                BinfmtEntry entry = e.get();
                // what the kernel's binfmt_misc passes: the interpreter, the file's path, then with the P flag the
                // original argv[0], then the other arguments
                argv.add(entry.interpreter());
                argv.add(abs);
                if (entry.has(BinfmtFlag.PRESERVE_ARGV0)) {
                    argv.add(typed);
                }
                argv.addAll(args);
                return new Ready(new Launch("binfmt", p, entry.interpreter(), argv, false, Map.of(),
                        entry.interpreter() + " " + abs + " (binfmt_misc entry " + entry.name() + ")"));
            }
            default -> throw new IllegalStateException();
        }
    }

    /**
     * PATH for the path launch: yours when a lookup of the name already finds the program; else yours with the
     * program's directory appended (every earlier directory is tried first, as for a tool installed last), or
     * prepended when an earlier directory holds another file of that name.
     */
    static String pathFor(String name, String dir, String envPath) {
        Optional<Path> found = lookup(name, envPath);
        if (found.isPresent() && (found.get().getParent().toString().equals(dir) || same(found.get(), Path.of(dir, name)))) {
            return envPath;
        }
        if (found.isPresent()) {
            return dir + ":" + envPath;
        }
        return envPath.isEmpty() ? dir : envPath + ":" + dir;
    }

    private static boolean same(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    /** The first executable regular file named {@code name} in {@code path}, as execvp finds it. */
    public static Optional<Path> lookup(String name, String path) {
        for (String d : path.split(":", -1)) {
            Path p = Path.of(d.isEmpty() ? "." : d, name);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return Optional.of(p.toAbsolutePath());
            }
        }
        return Optional.empty();
    }

    private static byte[] head(Path p) throws IOException {
        try (InputStream in = Files.newInputStream(p)) {
            return in.readNBytes(256);
        }
    }
}

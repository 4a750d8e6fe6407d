package dev.execray.cli;

import dev.execray.binary.BinaryFormatException;
import dev.execray.binary.ByteSource;
import dev.execray.binary.ExecutableImage;
import dev.execray.golang.BuildInfoException;
import dev.execray.golang.BuildInfoReader;
import dev.execray.golang.BuildInfoReader.Dialect;
import dev.execray.golang.GoBuildInfo;
import dev.execray.golang.GoStrconv;
import dev.execray.golang.GoImages;
import dev.execray.report.GoVersionMRenderer;
import dev.execray.report.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code execray go --modinfo}: the walk and the messages of cmd/go/internal/version (Go 1.19): named files
 * report every problem on stderr, directories are walked in lexical order and only Go binaries are printed,
 * a file must be executable, and a missing file is the only case that changes the exit status.
 */
final class GoVersionM {
    private final OutputStream out;
    private final OutputStream err;
    private final Dialect dialect;
    private final boolean json;
    private final List<Object> jsonResults = new ArrayList<>();
    private boolean statFailed;

    GoVersionM(OutputStream out, OutputStream err, Dialect dialect, boolean json) {
        this.out = out;
        this.err = err;
        this.dialect = dialect;
        this.json = json;
    }

    /** One file to look at, or a message already decided (a missing argument). */
    private record Task(String name, Path path, boolean mustPrint, String stderrLine) {
    }

    /** What one file prints, kept until the files before it have printed theirs. */
    private record Outcome(byte[] stdout, byte[] stderr, Object json) {
        static final Outcome NOTHING = new Outcome(new byte[0], new byte[0], null);

        static Outcome err(String text) {
            return new Outcome(new byte[0], text.getBytes(StandardCharsets.UTF_8), null);
        }
    }

    /** Files are read in parallel in windows of this many; their output is written in the order given. */
    private static final int WINDOW = 256;

    /** Returns true when some argument could not be stat'ed (go version then exits 1). */
    boolean run(List<String> args) {
        List<Task> tasks = new ArrayList<>();
        for (String arg : args) {
            Path p = Path.of(arg);
            if (!Files.exists(p)) {
                tasks.add(new Task(arg, p, true, "stat " + arg + ": no such file or directory\n"));
                statFailed = true;
            } else if (Files.isDirectory(p)) {
                scanDir(p, tasks);
            } else {
                tasks.add(new Task(arg, p, true, null));
            }
        }
        for (int from = 0; from < tasks.size(); from += WINDOW) {
            List<Task> window = tasks.subList(from, Math.min(tasks.size(), from + WINDOW));
            // each file is independent: reading them on every core shortens a run over a whole directory
            List<Outcome> outcomes = window.parallelStream().map(this::outcome).toList();
            for (Outcome o : outcomes) {
                if (o.stderr().length > 0) {
                    writeRaw(err, o.stderr());
                }
                if (o.stdout().length > 0) {
                    writeRaw(out, o.stdout());
                }
                if (o.json() != null) {
                    jsonResults.add(o.json());
                }
            }
        }
        if (json) {
            var arr = Json.array();
            jsonResults.forEach(o -> arr.add((com.fasterxml.jackson.databind.JsonNode) o));
            writeRaw(out, (Json.write(arr) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return statFailed;
    }

    private Outcome outcome(Task t) {
        return t.stderrLine() != null ? Outcome.err(t.stderrLine()) : scanFile(t.name(), t.path(), t.mustPrint());
    }

    private void scanDir(Path dir, List<Task> tasks) {
        try (Stream<Path> walk = Files.walk(dir)) {
            // filepath.WalkDir visits entries in lexical order of their names
            walk.sorted(GoVersionM::lexical).forEach(p -> {
                if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) || Files.isSymbolicLink(p)) {
                    tasks.add(new Task(p.toString(), p, false, null));
                }
            });
        } catch (IOException | UncheckedIOException e) {
            tasks.add(new Task(dir.toString(), dir, true, dir + ": " + e.getMessage() + "\n"));
        }
    }

    private static int lexical(Path a, Path b) {
        int n = Math.min(a.getNameCount(), b.getNameCount());
        for (int i = 0; i < n; i++) {
            int c = a.getName(i).toString().compareTo(b.getName(i).toString());
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.getNameCount(), b.getNameCount());
    }

    private Outcome scanFile(String name, Path p, boolean mustPrint) {
        if (Files.isSymbolicLink(p) && !Files.isRegularFile(p)) {
            return mustPrint ? Outcome.err(name + ": symlink\n") : Outcome.NOTHING;
        }
        if (!isExecutable(p)) {
            return mustPrint ? Outcome.err(GoVersionMRenderer.notExecutable(name)) : Outcome.NOTHING;
        }
        ByteSource src;
        try {
            src = ByteSource.map(p);
        } catch (IOException | BinaryFormatException e) {
            // Go prints only the name for an os.PathError on the file itself
            return mustPrint ? Outcome.err(name + "\n") : Outcome.NOTHING;
        }
        try {
            GoBuildInfo bi = read(src);
            if (json) {
                return new Outcome(new byte[0], new byte[0], GoVersionMRenderer.json(name, bi));
            }
            return new Outcome(GoStrconv.toBytes(GoVersionMRenderer.stdout(GoStrconv.fromText(name), bi, true)),
                    new byte[0], null);
        } catch (BuildInfoException e) {
            return mustPrint ? Outcome.err(GoVersionMRenderer.readError(name, GoStrconv.toText(e.goMessage())))
                    : Outcome.NOTHING;
        }
    }

    private GoBuildInfo read(ByteSource src) throws BuildInfoException {
        if (src.size() < 16) {
            throw new BuildInfoException(BuildInfoException.Kind.UNRECOGNIZED, "shorter than 16 bytes");
        }
        int b0 = src.u8(0, "magic");
        if (dialect == Dialect.GO_1_19 && b0 == 0xca) {
            // Go 1.19's reader does not know universal binaries
            throw new BuildInfoException(BuildInfoException.Kind.UNRECOGNIZED, "fat Mach-O");
        }

        ExecutableImage image;
        try {
            image = GoImages.open(src);
        } catch (BinaryFormatException e) {
            throw new BuildInfoException(BuildInfoException.Kind.UNRECOGNIZED, e.getMessage());
        }
        return BuildInfoReader.read(image, dialect);
    }

    static boolean isExecutable(Path p) {
        if (!Files.isRegularFile(p)) {
            return false;
        }
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
            return perms.contains(PosixFilePermission.OWNER_EXECUTE) || perms.contains(PosixFilePermission.GROUP_EXECUTE)
                    || perms.contains(PosixFilePermission.OTHERS_EXECUTE);
        } catch (IOException | UnsupportedOperationException e) {
            return Files.isExecutable(p);
        }
    }

    private static void writeRaw(OutputStream s, byte[] bytes) {
        try {
            s.write(bytes);
            s.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

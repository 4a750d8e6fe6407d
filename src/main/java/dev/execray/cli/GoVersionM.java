package dev.execray.cli;

import dev.execray.binary.BinaryFormatException;
import dev.execray.binary.ByteSource;
import dev.execray.binary.ExecutableImage;
import dev.execray.golang.BuildInfoException;
import dev.execray.golang.BuildInfoReader;
import dev.execray.golang.BuildInfoReader.Dialect;
import dev.execray.golang.GoBuildInfo;
import dev.execray.golang.GoStrconv;
import dev.execray.golang.image.HeaderImages;
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

    /** Returns true when some argument could not be stat'ed (go version then exits 1). */
    boolean run(List<String> args) {
        for (String arg : args) {
            Path p = Path.of(arg);
            if (!Files.exists(p)) {
                write(err, "stat " + arg + ": no such file or directory\n");
                statFailed = true;
                continue;
            }
            if (Files.isDirectory(p)) {
                scanDir(p);
            } else {
                scanFile(arg, p, true);
            }
        }
        if (json) {
            var arr = Json.array();
            jsonResults.forEach(o -> arr.add((com.fasterxml.jackson.databind.JsonNode) o));
            write(out, Json.write(arr) + "\n");
        }
        return statFailed;
    }

    private void scanDir(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            // filepath.WalkDir visits entries in lexical order of their names
            walk.sorted(GoVersionM::lexical).forEach(p -> {
                if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) || Files.isSymbolicLink(p)) {
                    scanFile(p.toString(), p, false);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            write(err, dir + ": " + e.getMessage() + "\n");
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

    private void scanFile(String name, Path p, boolean mustPrint) {
        if (Files.isSymbolicLink(p) && !Files.isRegularFile(p)) {
            if (mustPrint) {
                write(err, name + ": symlink\n");
            }
            return;
        }
        if (!isExecutable(p)) {
            if (mustPrint) {
                write(err, GoVersionMRenderer.notExecutable(name));
            }
            return;
        }
        ByteSource src;
        try {
            src = ByteSource.open(p);
        } catch (IOException | BinaryFormatException e) {
            if (mustPrint) {
                write(err, name + "\n"); // Go prints only the name for an os.PathError on the file itself
            }
            return;
        }
        try {
            GoBuildInfo bi = read(src);
            if (json) {
                jsonResults.add(GoVersionMRenderer.json(name, bi));
            } else {
                writeBytes(out, GoVersionMRenderer.stdout(GoStrconv.fromText(name), bi, true));
            }
        } catch (BuildInfoException e) {
            if (mustPrint) {
                write(err, GoVersionMRenderer.readError(name, GoStrconv.toText(e.goMessage())));
            }
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
            image = HeaderImages.open(src);
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

    private static void write(OutputStream s, String text) {
        try {
            s.write(text.getBytes(StandardCharsets.UTF_8));
            s.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Byte strings go out byte for byte. */
    private static void writeBytes(OutputStream s, String byteString) {
        try {
            s.write(GoStrconv.toBytes(byteString));
            s.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

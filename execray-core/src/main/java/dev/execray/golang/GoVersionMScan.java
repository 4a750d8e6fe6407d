package dev.execray.golang;

import dev.execray.binary.BinaryFormatException;
import dev.execray.binary.ByteSource;
import dev.execray.binary.ExecutableImage;
import dev.execray.binary.Magic;
import dev.execray.golang.BuildInfoReader.Dialect;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The walk of {@code go version -m} (cmd/go/internal/version, Go 1.19): named files report every problem, directories
 * are walked in lexical order and only their Go binaries are reported, a file must be executable. What each file gave
 * is handed on as an {@link Entry}, in the order go prints them; {@code report.GoVersionMRenderer} words them.
 */
public final class GoVersionMScan {

    /** What one named or walked file gave. */
    public sealed interface Entry permits Printed, Problem {
        /** The file's name as go prints it: as given, or joined to the walked directory. */
        String name();
    }

    /** A Go binary and its build information. */
    public record Printed(String name, GoBuildInfo info) implements Entry {
    }

    /**
     * A file go version writes an error line for; {@code goMessage} is debug/buildinfo's error text, for
     * {@link Problem.Kind#NO_BUILD_INFO} only (empty otherwise).
     */
    public record Problem(String name, Kind kind, String goMessage) implements Entry {
        public enum Kind {
            /** A named argument that is not there (os.Stat failed). */
            NO_SUCH_FILE,
            /** A named symlink to something that is not a regular file. */
            SYMLINK,
            /** A named file with no execute bit. */
            NOT_EXECUTABLE,
            /** A named file that cannot be opened (Go prints its os.PathError as the name alone). */
            UNOPENABLE,
            /** A named file whose build information cannot be read. */
            NO_BUILD_INFO
        }
    }

    /** One file to look at, or a problem already decided (a missing argument). */
    private record Task(String name, Path path, boolean mustPrint, Optional<Problem> decided,
            Optional<PosixFileAttributes> walked) {
    }

    /** Files are read in parallel in windows of this many; their entries are handed on in the order given. */
    private static final int WINDOW = 256;

    private final Dialect dialect;

    public GoVersionMScan(Dialect dialect) {
        this.dialect = dialect;
    }

    /** The dialect named by {@code --go-reader}: 1.19 (or go1.19), current, or auto (the go on PATH). */
    public static Optional<Dialect> dialectNamed(String name) {
        return switch (name) {
            case "1.19", "go1.19" -> Optional.of(Dialect.GO_1_19);
            case "current" -> Optional.of(Dialect.CURRENT);
            case "auto" -> Optional.of(dialectOfGoOnPath());
            default -> Optional.empty();
        };
    }

    /**
     * The dialect matching the {@code go} on PATH, found cheaply: the first executable "go" on PATH, its real
     * path (Debian links /usr/bin/go to /usr/lib/go-1.19/bin/go), and the first line of GOROOT/VERSION
     * ("go1.19.8") two levels up. Go 1.18–1.22 search 64 KiB ({@link Dialect#GO_1_19}); anything else, or no go
     * found, gets the current reader. Costs a few stats and one small read, no process.
     */
    public static Dialect dialectOfGoOnPath() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Dialect.CURRENT;
        }
        for (String dir : path.split(":")) {
            Path go;
            try {
                go = Path.of(dir.isEmpty() ? "." : dir, "go");
            } catch (InvalidPathException e) {
                continue; // a PATH entry no path can name (a NUL byte): the shell would not search it either
            }
            if (!Files.isRegularFile(go) || !Files.isExecutable(go)) {
                continue;
            }
            try {
                Path bin = go.toRealPath().getParent();
                Path root = bin == null ? null : bin.getParent();
                if (root == null) {
                    return Dialect.CURRENT; // /go itself: no GOROOT above it to read VERSION from
                }
                Path version = root.resolve("VERSION");
                if (!Files.isRegularFile(version) || Files.size(version) > 4096) {
                    return Dialect.CURRENT;
                }
                String v = Files.readString(version, StandardCharsets.ISO_8859_1).lines().findFirst().orElse("");
                Matcher m = Pattern.compile("go1\\.(\\d+)").matcher(v);
                if (m.lookingAt()) {
                    int minor = Integer.parseInt(m.group(1));
                    return minor >= 18 && minor <= 22 ? Dialect.GO_1_19 : Dialect.CURRENT;
                }
                return Dialect.CURRENT;
            } catch (IOException | NumberFormatException e) {
                // unreadable VERSION, or a minor version too large for an int: not one of the 64 KiB readers
                return Dialect.CURRENT;
            }
        }
        return Dialect.CURRENT;
    }

    /** Looks at every argument (a file, or a directory to walk) and hands each entry to {@code sink}, in order. */
    public void scan(List<String> args, Consumer<Entry> sink) {
        List<Task> tasks = new ArrayList<>();
        for (String arg : args) {
            Path p = Path.of(arg);
            if (!Files.exists(p)) {
                tasks.add(new Task(arg, p, true, Optional.of(new Problem(arg, Problem.Kind.NO_SUCH_FILE, "")),
                        Optional.empty()));
            } else if (Files.isDirectory(p)) {
                walk(p, tasks);
            } else {
                tasks.add(new Task(arg, p, true, Optional.empty(), Optional.empty()));
            }
        }
        for (int from = 0; from < tasks.size(); from += WINDOW) {
            List<Task> window = tasks.subList(from, Math.min(tasks.size(), from + WINDOW));
            // each file is independent: reading them on every core shortens a run over a whole directory
            List<Optional<Entry>> entries = window.parallelStream()
                    .map(t -> t.decided().isPresent() ? t.decided().<Entry>map(Entry.class::cast) : scanFile(t))
                    .toList();
            entries.forEach(e -> e.ifPresent(sink));
        }
    }

    /**
     * filepath.WalkDir's order: depth first, the entries of each directory sorted by name (byte order of the
     * UTF-8 names, which String order matches for the names file systems give). A plain recursive listing:
     * Files.walk with streams and a comparator cost a tenth of a second of cold start on 500 files.
     */
    private static void walk(Path dir, List<Task> tasks) {
        String[] names = dir.toFile().list();
        if (names == null) {
            return; // WalkDir hands the error to go version's callback, which ignores it: nothing is printed
        }
        Arrays.sort(names);
        for (String n : names) {
            Path p = dir.resolve(n);
            // the walk's one lstat also gives the permission bits: a regular file then needs no further stat
            PosixFileAttributes a;
            try {
                a = Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (IOException e) {
                continue;
            }
            if (a.isDirectory()) {
                walk(p, tasks);
            } else if (a.isRegularFile() || a.isSymbolicLink()) {
                tasks.add(new Task(p.toString(), p, false, Optional.empty(),
                        a.isRegularFile() ? Optional.of(a) : Optional.empty()));
            }
        }
    }

    /** A named file's problem; a walked file is silent about everything but a Go binary. */
    private static Optional<Entry> problem(Task t, Problem.Kind kind, String goMessage) {
        return t.mustPrint() ? Optional.of(new Problem(t.name(), kind, goMessage)) : Optional.empty();
    }

    private Optional<Entry> scanFile(Task t) {
        Path p = t.path();
        if (t.walked().isPresent()) {
            if (!anyExecuteBit(t.walked().get().permissions())) {
                return Optional.empty(); // a walk is never mustPrint
            }
        } else {
            if (Files.isSymbolicLink(p) && !Files.isRegularFile(p)) {
                return problem(t, Problem.Kind.SYMLINK, "");
            }
            if (!isExecutable(p)) {
                return problem(t, Problem.Kind.NOT_EXECUTABLE, "");
            }
        }
        // most files of a Go directory are ELF: read only their headers and the build-info window (see
        // ElfBuildInfoScan for why); anything it does not decide goes to the general reader below
        try (RandomAccessFile ch = new RandomAccessFile(p.toFile(), "r")) {
            ElfBuildInfoScan.Outcome lean = ElfBuildInfoScan.read(ch, ch.length(), dialect);
            if (lean instanceof ElfBuildInfoScan.Found f) {
                return Optional.of(new Printed(t.name(), f.info()));
            }
            if (lean instanceof ElfBuildInfoScan.Failed && !t.mustPrint()) {
                return Optional.empty(); // a walk prints nothing for a file that is not a Go binary, whatever the cause
            }
            if (!t.mustPrint() && !readableFormat(ch)) {
                // the general reader identifies the file by the same Magic.detect and fails for every other format
                // (and for wasm, which debug/buildinfo does not read): in a walk that is silence, so skip mapping it
                return Optional.empty();
            }
        } catch (IOException e) {
            // the general reader below opens the file again and reports it as Go does
        }
        ByteSource src;
        try {
            src = ByteSource.map(p);
        } catch (IOException | BinaryFormatException e) {
            return problem(t, Problem.Kind.UNOPENABLE, "");
        }
        try {
            return Optional.of(new Printed(t.name(), read(src)));
        } catch (BuildInfoException e) {
            return problem(t, Problem.Kind.NO_BUILD_INFO, GoStrconv.toText(e.goMessage()));
        }
    }

    /** Whether the file's head is a format BuildInfoReader can read a blob from (ELF, PE, Mach-O, fat, XCOFF). */
    private static boolean readableFormat(RandomAccessFile ch) throws IOException {
        byte[] head = new byte[(int) Math.min(Magic.HEAD_SIZE, ch.length())];
        ch.seek(0);
        int got = 0;
        while (got < head.length) {
            int r = ch.read(head, got, head.length - got);
            if (r < 0) {
                break;
            }
            got += r;
        }
        return switch (Magic.detect(Arrays.copyOf(head, got)).format()) {
            case ELF, PE, MACHO, FAT, XCOFF -> true;
            default -> false;
        };
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

    private static boolean isExecutable(Path p) {
        if (!Files.isRegularFile(p)) {
            return false;
        }
        try {
            return anyExecuteBit(Files.getPosixFilePermissions(p));
        } catch (IOException | UnsupportedOperationException e) {
            return Files.isExecutable(p);
        }
    }

    /** Go's isExe on Unix: mode & 0111 != 0. */
    private static boolean anyExecuteBit(Set<PosixFilePermission> perms) {
        return perms.contains(PosixFilePermission.OWNER_EXECUTE) || perms.contains(PosixFilePermission.GROUP_EXECUTE)
                || perms.contains(PosixFilePermission.OTHERS_EXECUTE);
    }
}

package dev.execray.cli;

import dev.execray.binary.BinaryFormatException;
import dev.execray.binary.ByteSource;
import dev.execray.binary.ExecutableImage;
import dev.execray.golang.BuildInfoException;
import dev.execray.golang.BuildInfoReader;
import dev.execray.golang.BuildInfoReader.Dialect;
import dev.execray.golang.ElfBuildInfoScan;
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
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code execray go --modinfo}: the walk and the messages of cmd/go/internal/version (Go 1.19): named files
 * report every problem on stderr, directories are walked in lexical order and only Go binaries are printed,
 * a file must be executable. Go's exit status changes only for a missing file; execray's follows its own contract:
 * 3 whenever a file named or walked produced an error line (unreadable, not executable, not a Go binary).
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
    private record Task(String name, Path path, boolean mustPrint, String stderrLine,
            Optional<PosixFileAttributes> walked) {
        Task(String name, Path path, boolean mustPrint, String stderrLine) {
            this(name, path, mustPrint, stderrLine, Optional.empty());
        }
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

    /**
     * The dialect matching the {@code go} on PATH, found cheaply: the first executable "go" on PATH, its real
     * path (Debian links /usr/bin/go to /usr/lib/go-1.19/bin/go), and the first line of GOROOT/VERSION
     * ("go1.19.8") two levels up. Go 1.18–1.22 search 64 KiB ({@link Dialect#GO_1_19}); anything else, or no go
     * found, gets the current reader. Costs a few stats and one small read, no process.
     */
    static Dialect dialectOfGoOnPath() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Dialect.CURRENT;
        }
        for (String dir : path.split(":")) {
            Path go;
            try {
                go = Path.of(dir.isEmpty() ? "." : dir, "go");
            } catch (java.nio.file.InvalidPathException e) {
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
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("go1\\.(\\d+)").matcher(v);
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

    /**
     * {@code execray go --modinfo FILE...} without picocli: the common invocation (files, optionally
     * --go-reader) is parsed here so that a run over hundreds of files does not load and initialise the
     * command framework or Jackson. Anything else (--json, --help, an option it does not know, a file name
     * starting with '-') returns -1 and goes through picocli as usual.
     */
    static int fastPath(String[] args) {
        if (args.length < 3 || !args[0].equals("go")) {
            return -1;
        }
        boolean modinfo = false;
        String reader = "auto";
        List<String> files = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--modinfo")) {
                modinfo = true;
            } else if (a.equals("--go-reader") && i + 1 < args.length) {
                reader = args[++i];
            } else if (a.startsWith("--go-reader=")) {
                reader = a.substring("--go-reader=".length());
            } else if (a.startsWith("-") || a.isEmpty()) {
                return -1;
            } else {
                files.add(a);
            }
        }
        Dialect d = switch (reader) {
            case "1.19", "go1.19" -> Dialect.GO_1_19;
            case "current" -> Dialect.CURRENT;
            case "auto" -> dialectOfGoOnPath();
            default -> null;
        };
        if (!modinfo || files.isEmpty() || d == null) {
            return -1;
        }
        boolean statFailed = new GoVersionM(GoCommand.rawOut, GoCommand.rawErr, d, false).run(files);
        return statFailed ? ExitCode.BAD_INPUT : ExitCode.OK;
    }

    /** Returns true when some argument could not be stat'ed or read (an error line was printed for it). */
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
                    // file names and recovered module text come from the files: escaped for the terminal like
                    // every text output (byte-identical to go version -m when they are clean)
                    writeRaw(err, dev.execray.report.Escape.textBytes(o.stderr()));
                    // go version exits 0 here; execray's contract is exit 3 for input it could not read
                    statFailed = true;
                }
                if (o.stdout().length > 0) {
                    writeRaw(out, json ? o.stdout() : dev.execray.report.Escape.textBytes(o.stdout()));
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
        return t.stderrLine() != null ? Outcome.err(t.stderrLine()) : scanFile(t, t.name(), t.path(), t.mustPrint());
    }

    /**
     * filepath.WalkDir's order: depth first, the entries of each directory sorted by name (byte order of the
     * UTF-8 names, which String order matches for the names file systems give). A plain recursive listing:
     * Files.walk with streams and a comparator cost a tenth of a second of cold start on 500 files.
     */
    private void scanDir(Path dir, List<Task> tasks) {
        String[] names = dir.toFile().list();
        if (names == null) {
            return; // WalkDir hands the error to go version's callback, which ignores it: nothing is printed
        }
        java.util.Arrays.sort(names);
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
                scanDir(p, tasks);
            } else if (a.isRegularFile() || a.isSymbolicLink()) {
                tasks.add(new Task(p.toString(), p, false, null, a.isRegularFile() ? Optional.of(a) : Optional.empty()));
            }
        }
    }

    private Outcome scanFile(Task t, String name, Path p, boolean mustPrint) {
        if (t.walked().isPresent()) {
            if (!anyExecuteBit(t.walked().get().permissions())) {
                return Outcome.NOTHING; // a walk is never mustPrint
            }
        } else {
            if (Files.isSymbolicLink(p) && !Files.isRegularFile(p)) {
                return mustPrint ? Outcome.err(name + ": symlink\n") : Outcome.NOTHING;
            }
            if (!isExecutable(p)) {
                return mustPrint ? Outcome.err(GoVersionMRenderer.notExecutable(name)) : Outcome.NOTHING;
            }
        }
        // most files of a Go directory are ELF: read only their headers and the build-info window (see
        // ElfBuildInfoScan for why); anything it does not decide goes to the general reader below
        try (java.io.RandomAccessFile ch = new java.io.RandomAccessFile(p.toFile(), "r")) {
            ElfBuildInfoScan.Outcome lean = ElfBuildInfoScan.read(ch, ch.length(), dialect);
            if (lean instanceof ElfBuildInfoScan.Found f) {
                return render(name, f.info());
            }
            if (lean instanceof ElfBuildInfoScan.Failed && !mustPrint) {
                return Outcome.NOTHING; // a walk prints nothing for a file that is not a Go binary, whatever the cause
            }
            if (!mustPrint && !readableFormat(ch)) {
                // the general reader identifies the file by the same Magic.detect and fails for every other format
                // (and for wasm, which debug/buildinfo does not read): in a walk that is silence, so skip mapping it
                return Outcome.NOTHING;
            }
        } catch (IOException e) {
            // the general reader below opens the file again and reports it as Go does
        }
        ByteSource src;
        try {
            src = ByteSource.map(p);
        } catch (IOException | BinaryFormatException e) {
            // Go prints only the name for an os.PathError on the file itself
            return mustPrint ? Outcome.err(name + "\n") : Outcome.NOTHING;
        }
        try {
            return render(name, read(src));
        } catch (BuildInfoException e) {
            return mustPrint ? Outcome.err(GoVersionMRenderer.readError(name, GoStrconv.toText(e.goMessage())))
                    : Outcome.NOTHING;
        }
    }

    /** Whether the file's head is a format BuildInfoReader can read a blob from (ELF, PE, Mach-O, fat, XCOFF). */
    private static boolean readableFormat(java.io.RandomAccessFile ch) throws IOException {
        byte[] head = new byte[(int) Math.min(dev.execray.binary.Magic.HEAD_SIZE, ch.length())];
        ch.seek(0);
        int got = 0;
        while (got < head.length) {
            int r = ch.read(head, got, head.length - got);
            if (r < 0) {
                break;
            }
            got += r;
        }
        return switch (dev.execray.binary.Magic.detect(java.util.Arrays.copyOf(head, got)).format()) {
            case ELF, PE, MACHO, FAT, XCOFF -> true;
            default -> false;
        };
    }

    private Outcome render(String name, GoBuildInfo bi) {
        if (json) {
            return new Outcome(new byte[0], new byte[0], GoVersionMRenderer.json(name, bi));
        }
        return new Outcome(GoStrconv.toBytes(GoVersionMRenderer.stdout(GoStrconv.fromText(name), bi, true)),
                new byte[0], null);
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

    private static void writeRaw(OutputStream s, byte[] bytes) {
        try {
            s.write(bytes);
            s.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

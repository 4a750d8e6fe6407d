package dev.execray.spark;

import dev.execray.place.TargetException;
import dev.execray.rootfs.image.Platform;
import dev.execray.scan.FileRecord;
import dev.execray.scan.FileSlice;
import dev.execray.scan.InputResult;
import dev.execray.scan.LibraryResolution;
import dev.execray.scan.ScanInput;
import dev.execray.scan.ScanOptions;
import dev.execray.scan.ScanService;
import dev.execray.scan.SliceResult;
import dev.execray.scan.VerdictRecord;
import java.io.IOException;
import java.io.Serializable;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;

/**
 * What one Spark task does with one input: bring it to local disk when it lives on a Hadoop file system, scan it with
 * execray-core's {@link ScanService} — the very code {@code execray scan} runs — and return its result (written as one
 * {@code ResultLines} line by the task's writer). Whatever happens, an input gives exactly one result: an unreadable,
 * hostile or vanished input is a result whose {@code errors} say why, so one bad image never fails the job, and a
 * retried task recomputes the same result (nothing here depends on time or on which executor runs it, except
 * {@code millis}).
 *
 * @param hadoop the driver's Hadoop configuration, as plain entries (Hadoop's {@link Configuration} is not
 *               serializable), so executors reach the same file systems the driver named
 */
public record FleetTask(FleetOptions options, Map<String, String> hadoop) implements Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * Scans the inputs of one partition, {@code (index, input)} pairs, one at a time as the iterator is read (so a
     * task holds one input's result, never its whole partition's), with one service for all of them. The results
     * stay objects in the task that writes them (FleetOutputFormat): a result line is written once, for the results
     * table, never parsed back.
     */
    public java.util.Iterator<InputResult> scanAll(List<Map.Entry<Integer, String>> inputs) {
        return new java.util.Iterator<>() {
            private int next;
            private ScanService service;
            private String refused;

            @Override
            public boolean hasNext() {
                if (next < inputs.size()) {
                    return true;
                }
                if (service != null) {
                    service.close();
                    service = null;
                }
                return false;
            }

            @Override
            public InputResult next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                Map.Entry<Integer, String> in = inputs.get(next++);
                if (service == null && refused == null) {
                    try {
                        service = new ScanService(options.scanOptions());
                    } catch (TargetException e) {
                        // checked on the driver before the job starts; an executor that cannot resolve a place
                        // says so per input
                        refused = e.getMessage();
                    }
                }
                return refused != null ? failed(in.getValue(), refused) : scanOne(service, in.getValue());
            }
        };
    }

    InputResult scanOne(ScanService service, String input) {
        return scanOne(service, input, FileSlice.whole()).result();
    }

    /**
     * One slice of an input ({@link FileSlice#whole()}: all of it), scanned by a service of its own and ended with
     * it, so a slice task holds only its image's state. A failure is the slice's result with its error and no files.
     */
    public SliceResult scanSlice(String input, FileSlice slice) {
        try (ScanService service = new ScanService(options.scanOptions())) {
            return scanOne(service, input, slice);
        } catch (TargetException e) {
            return new SliceResult(slice, failed(input, e.getMessage()), List.of());
        }
    }

    SliceResult scanOne(ScanService service, String input, FileSlice slice) {
        Path tmp = null;
        try {
            Path local;
            URI uri = uriOf(input);
            if (uri != null && !"file".equals(uri.getScheme())) {
                tmp = Files.createTempDirectory("execray-fleet");
                Optional<Path> copied = localize(uri, tmp);
                if (copied.isEmpty()) {
                    return new SliceResult(slice, failed(input, input + ": a directory on " + uri.getScheme()
                            + " that is not an OCI layout: trees are scanned from a POSIX file system every worker "
                            + "mounts (modes and links matter)"), List.of());
                }
                local = copied.get();
            } else {
                local = uri != null ? Path.of(uri) : Path.of(input);
            }
            Optional<Platform> platform = options.platform().isEmpty() ? Optional.empty()
                    : Optional.of(Platform.parse(options.platform()));
            // a fleet input is a tree or an image; a file without an archive's name is read as an image too
            ScanInput in = ScanInput.of(local, Optional.empty(), platform)
                    .orElseGet(() -> new ScanInput.Image(local, platform));
            SliceResult r = service.scanSlice(in, slice);
            return tmp == null ? r : new SliceResult(slice, renamed(r.result(), local.toString(), input), r.ordinals());
        } catch (IOException e) {
            return new SliceResult(slice, failed(input, input + ": " + e.getMessage()), List.of());
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            // a reader's bug or a hostile input that exhausted the stack or the heap: the input is reported, the
            // job goes on (the stack is unwound, so what the scan held is garbage again)
            return new SliceResult(slice, failed(input, input + ": could not be scanned: " + e), List.of());
        } finally {
            if (tmp != null) {
                deleteTree(tmp);
            }
        }
    }

    /** A URI when the input names a scheme ({@code hdfs://nn/x}, {@code file:/x}); a plain path is null. */
    private static URI uriOf(String input) {
        int colon = input.indexOf(':');
        if (colon < 2 || input.startsWith("/")) {
            return null;
        }
        String scheme = input.substring(0, colon);
        if (!scheme.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '+' || c == '-' || c == '.')) {
            return null;
        }
        try {
            return new URI(input);
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }

    /**
     * Copies an archive, or an OCI layout directory, from its Hadoop file system into {@code dir}, keeping its name
     * (the name tells an archive's kind). Empty for any other directory.
     */
    private Optional<Path> localize(URI uri, Path dir) throws IOException {
        Configuration conf = new Configuration(false);
        hadoop.forEach(conf::set);
        org.apache.hadoop.fs.Path src = new org.apache.hadoop.fs.Path(uri);
        FileSystem fs = src.getFileSystem(conf);
        FileStatus st = fs.getFileStatus(src);
        String name = src.getName().isEmpty() ? "image" : src.getName();
        Path dst = dir.resolve(name);
        if (st.isDirectory() && !fs.exists(new org.apache.hadoop.fs.Path(src, "oci-layout"))) {
            return Optional.empty();
        }
        FileUtil.copy(fs, src, FileSystem.getLocal(conf), new org.apache.hadoop.fs.Path(dst.toUri()), false, conf);
        return Optional.of(dst);
    }

    /**
     * The result as if the input had been scanned where it lives: the local copy's path replaced by the URI wherever
     * the scan wrote it (the root's name, errors, notes, and verdicts that name the root they were judged in).
     */
    static InputResult renamed(InputResult r, String local, String input) {
        List<FileRecord> files = r.files().stream().map(f -> new FileRecord(f.path(), f.size(), f.mode(), f.sha256(),
                f.format(), f.arch(), f.os(), f.type(), f.interpreter(), f.soname(), f.needed(), f.glibc(),
                f.verdicts().stream().map(v -> new VerdictRecord(v.place(), v.status(), v.reason().replace(local, input),
                        v.errno())).toList(), f.hardening(), f.go(),
                f.problems().stream().map(e -> e.replace(local, input)).toList(), f.owner(),
                f.resolved().stream().map(l -> new LibraryResolution(l.name(), l.path(), l.how().replace(local, input)))
                        .toList())).toList();
        return new InputResult(input, r.kind(), r.base(), r.root().replace(local, input), r.platform(), r.places(),
                files, r.errors().stream().map(e -> e.replace(local, input)).toList(),
                r.notes().stream().map(e -> e.replace(local, input)).toList(), r.millis());
    }

    static InputResult failed(String input, String why) {
        return new InputResult(input, "image", "/", "", "", List.of(), List.of(), List.of(why), List.of(), 0);
    }

    private static void deleteTree(Path p) {
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(q);
            }
        } catch (IOException e) {
            // a temp directory left behind: the OS's temp cleaning removes it
        }
    }
}

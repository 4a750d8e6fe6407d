package dev.execray.scan;

import dev.execray.binary.BinaryFile;
import dev.execray.binary.BinaryFormatException;
import dev.execray.binary.ByteSource;
import dev.execray.binary.ExecutableImage;
import dev.execray.binary.FileFormat;
import dev.execray.binary.Magic;
import dev.execray.binary.elf.ElfField;
import dev.execray.binary.elf.ElfFile;
import dev.execray.exec.ExecRequest;
import dev.execray.exec.ExecResult;
import dev.execray.exec.ExecSimulator;
import dev.execray.exec.places.Place;
import dev.execray.exec.places.PlaceCheck;
import dev.execray.exec.places.PlaceVerdict;
import dev.execray.exec.places.Places;
import dev.execray.exec.verdict.ExecStep;
import dev.execray.exec.verdict.ExecTrace;
import dev.execray.exec.verdict.Stage;
import dev.execray.exec.verdict.StepOutcome;
import dev.execray.exec.verdict.Verdict;
import dev.execray.golang.BuildInfoReader;
import dev.execray.golang.GoBuildInfo;
import dev.execray.golang.GoModule;
import dev.execray.hardening.FortifyCatalogue;
import dev.execray.hardening.Hardening;
import dev.execray.hardening.HardeningCheck;
import dev.execray.place.Target;
import dev.execray.place.TargetException;
import dev.execray.rootfs.FileStat;
import dev.execray.rootfs.ImageRoot;
import dev.execray.rootfs.Resolution;
import dev.execray.rootfs.RootFs;
import dev.execray.rootfs.RootFsException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Scans one input — a tree, an image or a list of files — into an immutable {@link InputResult}: every executable,
 * shared object and script found, each read once, with its verdicts, hardening, needed libraries, glibc requirement
 * and Go build info. The CLI, the tests and a later Spark job call this same class; writing the result to the store
 * is a separate step. Nothing found is ever executed.
 *
 * <p>The walk never follows a symbolic link (links are skipped, so nothing outside the root is reached), stays
 * below {@link ScanOptions#maxDepth()} and stops after {@link ScanOptions#maxFiles()} candidates. Each worker keeps
 * one exec simulator of the input's root, so the root's loader configuration (ld.so.cache, ld.so.conf) and every
 * library are read once per worker, not once per file.
 */
public final class ScanService implements AutoCloseable {
    /** Progress callback: one call per file done. */
    public interface Progress {
        void fileDone();

        Progress NONE = () -> { };
    }

    /** How old a file's ctime must be for its stamp to be trusted (see stampOf). */
    static final long RACY_NANOS = 2_000_000_000L;

    private final ScanOptions options;
    private final Places places = new Places();
    private final List<Place> targets = new ArrayList<>();

    /**
     * @throws TargetException when a place of {@code options.targets()} cannot be resolved (a usage error)
     */
    public ScanService(ScanOptions options) throws TargetException {
        this.options = options;
        for (String t : options.targets()) {
            targets.add(places.resolve(t.strip()));
        }
    }

    public InputResult scan(ScanInput input) {
        return scan(input, Progress.NONE);
    }

    public InputResult scan(ScanInput input, Progress progress) {
        return scan(input, progress, PriorResults.NONE);
    }

    /**
     * Scans one input, reusing what {@code prior} holds (docs/scan.md, "Reuse of earlier results"): a file whose
     * stamp or SHA-256 matches a stored analysis is not parsed again; verdicts are reused only for a whole image of
     * the same fingerprint judged on no other place; the rest is always computed.
     */
    public InputResult scan(ScanInput input, Progress progress, PriorResults prior) {
        return scan(input, progress, prior, FileSlice.whole(), new ArrayList<>());
    }

    /**
     * Scans one slice of an input: the whole root is opened and walked (every slice sees all of it, as verdicts
     * must), only the slice's candidates are examined. {@link SliceResult#merge} of all slices of an input equals
     * {@link #scan(ScanInput)} of it. Nothing is reused from earlier scans; only slice 0 computes the image's
     * fingerprint (it reads every byte).
     */
    public SliceResult scanSlice(ScanInput input, FileSlice slice) {
        List<Integer> ordinals = new ArrayList<>();
        InputResult r = scan(input, Progress.NONE, PriorResults.NONE, slice, ordinals);
        return new SliceResult(slice, r, r.files().isEmpty() ? List.of() : ordinals);
    }

    /** {@code ordinals} receives, for each file of the result, its position among the whole walk's candidates. */
    private InputResult scan(ScanInput input, Progress progress, PriorResults prior, FileSlice slice,
            List<Integer> ordinals) {
        long t0 = System.nanoTime();
        Optional<String> fingerprint = Optional.empty();
        if (input instanceof ScanInput.Image im && targets.isEmpty() && slice.part() == 0) {
            try {
                fingerprint = Optional.of(imageFingerprint(im, options));
            } catch (IOException | UncheckedIOException e) {
                fingerprint = Optional.empty(); // unreadable: the scan below reports it
            }
            if (fingerprint.isPresent()) {
                Optional<InputResult> old = prior.byFingerprint(fingerprint.get());
                if (old.isPresent()) {
                    InputResult o = old.get();
                    int n = o.files().size();
                    return new InputResult(input.name(), o.kind(), o.base(), o.root(), o.platform(), o.places(),
                            o.files(), o.errors(), o.notes(), (System.nanoTime() - t0) / 1_000_000,
                            new ReuseStats(0, n, 0, true, fingerprint, o.reuse().fortifyKey(), Map.of()));
                }
            }
        }
        Place self;
        List<String> starts = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        try (Places own = new Places()) {
            if (input instanceof ScanInput.Tree tr) {
                    if (!Files.isDirectory(tr.dir())) {
                        return InputResult.failed(input, tr.dir() + ": not a directory");
                    }
                    Path dir = tr.dir().toRealPath();
                    Path root = tr.root().map(p -> p.toAbsolutePath().normalize())
                            .orElseGet(() -> rootOf(dir));
                    self = root.equals(Path.of("/")) ? own.resolve("host") : Places.fromRoot("dir:" + root,
                            RootFs.directory(root), Optional.empty());
                    if (!dir.startsWith(root)) {
                        return InputResult.failed(input, dir + ": not inside the root " + root);
                    }
                starts.add("/" + root.relativize(dir).toString().replace('\\', '/'));
            } else if (input instanceof ScanInput.Image im) {
                self = own.fromImage("image:" + im.archive(), im.archive(), im.platform());
            } else {
                self = own.resolve("host");
                for (Path p : ((ScanInput.Files) input).files()) {
                    starts.add(p.toAbsolutePath().normalize().toString());
                }
            }
            if (starts.isEmpty()) {
                starts.add("/");
            }
            RootFs root = self.target().root();
            boolean recorded = !(root instanceof ImageRoot) && prior.stored();
            Optional<String> factsKey = recorded ? Optional.of(VerdictDeps.factsKey(self)) : Optional.empty();
            Optional<TreePrior> treePrior = factsKey.flatMap(k -> prior.tree(k, input.name()));
            // the package database (thousands of small files on a Debian root) is read beside the walk and the
            // examination, which do not need it; owners are filled in at the end. On a re-scan of a tree whose
            // database files are all unchanged, the stored owners are kept and the database is not read at all.
            Map<String, String> packageDepsNow = treePrior.map(tp -> VerdictDeps.restamp(tp.packageDeps(),
                    p -> hostPath(root, p), false)).orElse(Map.of());
            boolean packagesUnchanged = treePrior.isPresent() && !treePrior.get().packageDeps().isEmpty()
                    && VerdictDeps.unchanged(treePrior.get().packageDeps(), packageDepsNow);
            RecordingRoot packageReads = recorded ? new RecordingRoot(root) : null;
            RootFs packageRoot = recorded ? packageReads : root;
            java.util.concurrent.CompletableFuture<PackageDb> packagesLater = packagesUnchanged ? null
                    : java.util.concurrent.CompletableFuture.supplyAsync(() -> PackageDb.read(packageRoot));
            Map<String, FileStamp> walkStamps = new java.util.HashMap<>();
            Map<String, String> quietDirs = new java.util.HashMap<>();
            Optional<TreePrior> walkPrior = treePrior.isPresent() || !recorded ? treePrior : prior.walk(input.name());
            List<String> candidates = walk(root, starts, input instanceof ScanInput.Files, errors, walkPrior,
                    walkStamps, recorded, quietDirs);
            if (packagesLater == null && !treePrior.get().files().keySet().containsAll(candidates)) {
                packagesLater = java.util.concurrent.CompletableFuture.supplyAsync(() -> PackageDb.read(packageRoot));
            }
            // slice 0 also hashes every byte of an image for its fingerprint: about half the cost of examining as
            // many bytes (measured, docs/perf.md), so it gets that much less to examine. Decided alike in every
            // slice (whether slice 0 hashes, not whether its hashing worked), or the slices would deal differently.
            long firstLoad = slice.parts() > 1 && input instanceof ScanInput.Image im && targets.isEmpty()
                    ? imageBytes(im.archive()) / 2 : 0;
            List<String> examined = slice.parts() == 1 ? candidates : sliceOf(root, candidates, slice, firstLoad);
            FortifyCatalogue libc = libcOf(root);
            String fortifyKey = fortifyKey(libc);
            Counters counters = new Counters(prior, fortifyKey);
            counters.walkStamps.putAll(walkStamps);
            Place judge = self;
            RecordingRoot recording = null;
            Map<String, String> priorDepsNow = Map.of();
            if (recorded) {
                // a tree or file list: its verdicts are reused when nothing they read changed (VerdictDeps)
                recording = new RecordingRoot(root);
                Target t = self.target();
                judge = new Place(self.name(), new Target(t.os(), t.arch(), t.kernel(), t.pageSize(), t.binfmt(),
                        t.features(), t.libc(), t.credentials(), recording, t.notes()), self.profile(), self.hasRoot());
                counters.factsKey = factsKey;
                counters.tree = treePrior;
                if (counters.tree.isPresent()) {
                    TreePrior tp = counters.tree.get();
                    priorDepsNow = VerdictDeps.restamp(tp.deps(), p -> hostPath(root, p), true);
                    counters.outcome = VerdictDeps.compare(tp.deps(), tp.ownReads(), priorDepsNow);
                }
            }
            List<FileRecord> files = examine(root, judge, examined, libc, progress, counters);
            Map<String, Integer> position = new java.util.HashMap<>();
            for (int n = 0; n < candidates.size(); n++) {
                position.put(candidates.get(n), n);
            }
            files.forEach(f -> ordinals.add(position.get(f.path())));
            Map<String, String> deps = new java.util.TreeMap<>();
            if (recording != null) {
                if (counters.verdictsReused.get() > 0) {
                    deps.putAll(priorDepsNow); // the reused verdicts read these, stamped before they were trusted
                }
                Map<String, Boolean> fresh = new java.util.HashMap<>(recording.seen());
                fresh.keySet().removeAll(deps.keySet());
                deps.putAll(VerdictDeps.stamps(fresh, p -> hostPath(root, p),
                        counters.tree.map(TreePrior::deps).orElse(Map.of()), true));
            }
            String packageSource;
            Map<String, String> packageDeps;
            if (packagesLater == null) {
                // every file was in the earlier scan, and no file of the package database changed: same owners
                TreePrior tp = treePrior.get();
                files = files.stream().map(f -> withOwner(f, tp.files().get(f.path()).owner())).toList();
                packageSource = tp.packageSource();
                packageDeps = packageDepsNow;
            } else {
                PackageDb packages;
                try {
                    packages = packagesLater.join();
                } catch (java.util.concurrent.CompletionException e) {
                    packages = PackageDb.empty();
                    errors.add("package database unreadable: " + e.getCause());
                }
                PackageDb owners = packages;
                files = files.stream().map(f -> withOwner(f, owners.owner(f.path()))).toList();
                packageSource = packages.source();
                packageDeps = recorded ? VerdictDeps.stamps(packageReads.seen(), p -> hostPath(root, p), Map.of(), false)
                        : Map.of();
            }
            List<String> placeNames = new ArrayList<>();
            placeNames.add(VerdictRecord.SELF);
            targets.forEach(p -> placeNames.add(p.name()));
            List<String> notes = new ArrayList<>(self.target().notes());
            notes.add("fortify catalogue: " + libc.source());
            notes.add("package database: " + packageSource);
            return new InputResult(input.name(), input.kind(),
                    input instanceof ScanInput.Tree ? starts.get(0) : "/", root.describe(), self.target().platform(), placeNames,
                    files, errors, notes, (System.nanoTime() - t0) / 1_000_000,
                    new ReuseStats(counters.analysed.get(), counters.reused.get(), counters.notRead.get(), false,
                            // an input with errors is never reused whole: an error may come from this run (temp
                            // space, a read failure), not from the image's bytes
                            errors.isEmpty() ? fingerprint : Optional.empty(), fortifyKey, counters.stamps,
                            counters.verdictsReused.get(), counters.factsKey, deps, counters.ownReads, packageDeps,
                            packageSource, counters.outcomeNote(), quietDirs));
        } catch (TargetException e) {
            return InputResult.failed(input, e.getMessage());
        } catch (IOException | UncheckedIOException e) {
            return InputResult.failed(input, input.name() + ": " + e.getMessage());
        }
    }

    /** The candidates a slice examines, in walk order: dealt by their sizes (FileSlice.select). */
    private static List<String> sliceOf(RootFs root, List<String> candidates, FileSlice slice, long firstLoad) {
        List<Long> sizes = new ArrayList<>(candidates.size());
        for (String c : candidates) {
            long size;
            try {
                size = root.lstat(c).size();
            } catch (RootFsException e) {
                size = 0; // it was there during the walk; whichever slice gets it finds it gone, as the whole scan would
            }
            sizes.add(size);
        }
        boolean[] mine = slice.select(sizes, firstLoad);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < mine.length; i++) {
            if (mine[i]) {
                out.add(candidates.get(i));
            }
        }
        return out;
    }

    /** An image's bytes: the archive's length, or an OCI layout's files together; 0 when they cannot be read. */
    private static long imageBytes(Path image) {
        try (java.util.stream.Stream<Path> w = Files.walk(image)) {
            return w.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
    }

    private static FileRecord withOwner(FileRecord f, Optional<OsPackage> owner) {
        return owner.isEmpty() ? f : new FileRecord(f.path(), f.size(), f.mode(), f.sha256(), f.format(), f.arch(),
                f.os(), f.type(), f.interpreter(), f.soname(), f.needed(), f.glibc(), f.verdicts(), f.hardening(),
                f.go(), f.problems(), owner, f.resolved());
    }

    /**
     * The root a directory's programs are judged in, when --root does not say: the directory itself when it is an
     * unpacked root; the root it is the {@code usr} of (a root's {@code usr} has {@code etc} -- openSUSE's vendor
     * configuration, and this machine's --, {@code bin} and {@code lib} too, but its programs ask for {@code /lib/...}
     * of the root above it); else this machine's {@code /}.
     */
    static Path rootOf(Path dir) {
        Path parent = dir.getParent();
        if (parent != null && dir.getFileName().toString().equals("usr") && looksLikeRoot(parent)) {
            return parent;
        }
        return looksLikeRoot(dir) ? dir : Path.of("/");
    }

    /** An unpacked root file system rather than a directory of release files. */
    static boolean looksLikeRoot(Path dir) {
        return Files.isDirectory(dir.resolve("etc")) && (Files.isDirectory(dir.resolve("usr"))
                || Files.isDirectory(dir.resolve("lib")) || Files.isDirectory(dir.resolve("bin")));
    }

    // --- the walk ---------------------------------------------------------------------------

    /**
     * An entry of the walk. A directory's entries are stat'ed and their files classified when it is listed
     * ({@link #listed}); a start path only when it is reached ({@code stat} empty).
     */
    private record Walked(String path, int depth, Optional<FileStat> stat, boolean candidate) {
    }

    /**
     * The candidates under {@code starts}, depth first in name order. When {@code record} (a tree or file list kept in
     * a store), each directory whose files that are not candidates all have trusted stamps gets a digest of their names
     * and stamps in {@code quietDirs}; a directory with the earlier scan's digest has those files' magic not read again.
     */
    private List<String> walk(RootFs root, List<String> starts, boolean explicit, List<String> errors,
            Optional<TreePrior> before, Map<String, FileStamp> stamps, boolean record, Map<String, String> quietDirs) {
        List<String> out = new ArrayList<>();
        Deque<Walked> todo = new ArrayDeque<>();
        for (int i = starts.size() - 1; i >= 0; i--) {
            todo.push(new Walked(starts.get(i), 0, Optional.empty(), false));
        }
        while (!todo.isEmpty()) {
            Walked e = todo.pop();
            String path = e.path();
            FileStat st;
            if (e.stat().isPresent()) {
                st = e.stat().get();
            } else {
                try {
                    st = root.lstat(path);
                } catch (RootFsException ex) {
                    if (explicit) {
                        errors.add(walkError(path, ex));
                    }
                    continue;
                }
            }
            if (st.isDirectory()) {
                if (e.depth() >= options.maxDepth()) {
                    errors.add(path + ": deeper than " + options.maxDepth() + " directories, not walked");
                    continue;
                }
                List<String> names;
                try {
                    names = root.list(path);
                } catch (RootFsException ex) {
                    errors.add(walkError(path, ex));
                    continue;
                }
                List<Walked> children = listed(root, path, names, e.depth() + 1, explicit, errors, before, stamps,
                        record, quietDirs);
                for (int i = children.size() - 1; i >= 0; i--) {
                    todo.push(children.get(i));
                }
            } else if (e.stat().isPresent() ? e.candidate() : st.isRegular() && st.size() >= 4
                    && (knownCandidate(root, path, before, stamps) || isCandidate(root, path, st))) {
                if (out.size() >= options.maxFiles()) {
                    errors.add("more than " + options.maxFiles() + " candidate files: the rest was not scanned");
                    break;
                }
                out.add(path);
            }
            // symbolic links are never followed: a link can point out of the root, and its target is scanned
            // under its own name when it lies inside the walked tree
        }
        return out;
    }

    /**
     * A directory's entries in name order, each stat'ed once, its regular files classified: a file the earlier scan
     * recorded as a candidate with the stamp it still has is one without a read; the others are decided by their magic,
     * unless the directory's digest of them (names and stamps) is the earlier scan's, which says every one of them was
     * read then and was not a candidate, and none changed since (a stamp inside the racy window is never trusted).
     */
    private List<Walked> listed(RootFs root, String dir, List<String> names, int depth, boolean explicit,
            List<String> errors, Optional<TreePrior> before, Map<String, FileStamp> stamps, boolean record,
            Map<String, String> quietDirs) {
        String prefix = dir.equals("/") ? "" : dir;
        List<Walked> out = new ArrayList<>(names.size());
        List<Integer> unknown = new ArrayList<>();
        List<Optional<FileStamp>> unknownStamps = new ArrayList<>();
        // this machine's own root needs no containment check: the file type and the stamp come from one stat
        boolean oneStat = record && root.isHost();
        for (String n : names) {
            if (n.isEmpty() || n.equals(".") || n.equals("..") || n.indexOf('/') >= 0) {
                continue;
            }
            String path = prefix + "/" + n;
            FileStat st;
            Optional<FileStamp> stamp = Optional.empty();
            try {
                if (oneStat) {
                    Map.Entry<FileStat, Optional<FileStamp>> both = hostStat(path);
                    st = both.getKey();
                    stamp = both.getValue();
                } else {
                    st = root.lstat(path);
                }
            } catch (RootFsException ex) {
                if (explicit) {
                    errors.add(walkError(path, ex));
                }
                continue; // gone since the listing
            }
            boolean file = st.isRegular() && st.size() >= 4;
            boolean recordedBefore = file && before.isPresent() && before.get().stamps().containsKey(path);
            if (!oneStat && (recordedBefore || (file && record))) {
                stamp = stampOf(root, path); // read once, for both uses below
            }
            boolean known = recordedBefore && sameStamp(path, stamp, before.get(), stamps);
            if (file && !known) {
                unknown.add(out.size());
                if (record) {
                    unknownStamps.add(stamp);
                }
            }
            out.add(new Walked(path, depth, Optional.of(st), known));
        }
        if (unknown.isEmpty()) {
            return out;
        }
        Optional<String> earlier = before.map(b -> b.quietDirs().get(dir));
        if (earlier.isPresent() && earlier.equals(quietDigest(out, unknown, unknownStamps, i -> true))) {
            quietDirs.put(dir, earlier.get());
            return out; // every one of them read by the earlier scan, none a candidate, none changed since
        }
        java.util.BitSet quiet = new java.util.BitSet(unknown.size());
        for (int k = 0; k < unknown.size(); k++) {
            Walked w = out.get(unknown.get(k));
            if (isCandidate(root, w.path(), w.stat().get())) {
                out.set(unknown.get(k), new Walked(w.path(), depth, w.stat(), true));
            } else {
                quiet.set(k);
            }
        }
        if (record && !quiet.isEmpty()) {
            quietDigest(out, unknown, unknownStamps, quiet::get).ifPresent(d -> quietDirs.put(dir, d));
        }
        return out;
    }

    /**
     * A digest of the names and stamps of the files {@code unknown[k]} for which {@code take(k)}; empty when one of
     * them has no trusted stamp.
     */
    private static Optional<String> quietDigest(List<Walked> entries, List<Integer> unknown,
            List<Optional<FileStamp>> unknownStamps, java.util.function.IntPredicate take) {
        if (unknownStamps.size() != unknown.size()) {
            return Optional.empty();
        }
        java.security.MessageDigest md;
        try {
            md = java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
        for (int k = 0; k < unknown.size(); k++) {
            if (!take.test(k)) {
                continue;
            }
            Optional<FileStamp> st = unknownStamps.get(k);
            if (st.isEmpty()) {
                return Optional.empty();
            }
            String path = entries.get(unknown.get(k)).path();
            FileStamp s = st.get();
            md.update((path.substring(path.lastIndexOf('/') + 1) + '\0' + s.device() + ':' + s.inode() + ':' + s.size()
                    + ':' + s.mtimeNanos() + ':' + s.ctimeNanos() + '\n').getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return Optional.of(java.util.HexFormat.of().formatHex(md.digest(), 0, 16));
    }

    /**
     * A file recorded by the earlier scan with the stamp it has now: the same bytes and mode, so a candidate again,
     * known without reading its magic. The stamp is kept for the examination (read before the bytes, as there).
     */
    private static boolean knownCandidate(RootFs root, String path, Optional<TreePrior> before,
            Map<String, FileStamp> stamps) {
        if (before.isEmpty() || !before.get().stamps().containsKey(path)) {
            return false;
        }
        return sameStamp(path, stampOf(root, path), before.get(), stamps);
    }

    /** Whether a file has the stamp the earlier scan recorded; a stamp read is kept for the examination. */
    private static boolean sameStamp(String path, Optional<FileStamp> now, TreePrior before,
            Map<String, FileStamp> stamps) {
        now.ifPresent(s -> stamps.put(path, s));
        return now.isPresent() && now.get().equals(before.stamps().get(path));
    }

    /** Files whose magic the walks of this service read: what a re-scan's quiet directories save (tests). */
    private final java.util.concurrent.atomic.AtomicLong magicReads = new java.util.concurrent.atomic.AtomicLong();

    long magicReads() {
        return magicReads.get();
    }

    /** Executables, shared objects and objects by magic; scripts only with an execute bit. */
    private boolean isCandidate(RootFs root, String path, FileStat st) {
        magicReads.incrementAndGet();
        byte[] head;
        try {
            head = root.readHead(path, 4);
        } catch (RootFsException e) {
            return false;
        }
        if (ElfField.hasMagic(head)) {
            return true;
        }
        if (head.length >= 2 && head[0] == '#' && head[1] == '!') {
            return st.anyExecuteBit();
        }
        if (head.length >= 2 && head[0] == 'M' && head[1] == 'Z') {
            return true;
        }
        int m = head.length < 4 ? 0 : ((head[0] & 0xff) << 24) | ((head[1] & 0xff) << 16) | ((head[2] & 0xff) << 8)
                | (head[3] & 0xff);
        return m == 0xfeedface || m == 0xfeedfacf || m == 0xcefaedfe || m == 0xcffaedfe
                || (m == 0xcafebabe && st.anyExecuteBit());
    }

    // --- per file ---------------------------------------------------------------------------

    /** What the workers of one input share: where earlier results come from, and what was reused. */
    private static final class Counters {
        final PriorResults prior;
        final String fortifyKey;
        final AtomicInteger analysed = new AtomicInteger();
        final AtomicInteger reused = new AtomicInteger();
        final AtomicInteger notRead = new AtomicInteger();
        final Map<String, FileStamp> stamps = new ConcurrentHashMap<>();
        final AtomicInteger verdictsReused = new AtomicInteger();
        /** Stamps the walk already read (files it knew from the earlier scan), taken by the examination. */
        final Map<String, FileStamp> walkStamps = new ConcurrentHashMap<>();
        final Map<String, List<String>> ownReads = new ConcurrentHashMap<>();
        /** Canonical names of the chains' and resolutions' paths, shared by the workers. */
        final Map<String, String> canonical = new ConcurrentHashMap<>();
        Optional<String> factsKey = Optional.empty();
        Optional<TreePrior> tree = Optional.empty();
        VerdictDeps.Outcome outcome = new VerdictDeps.Voided("no earlier scan of this root under the same facts");

        Counters(PriorResults prior, String fortifyKey) {
            this.prior = prior;
            this.fortifyKey = fortifyKey;
        }

        /** The stored record of the file at {@code path} when it had this same (trusted) stamp. */
        Optional<FileRecord> kept(String path, Optional<FileStamp> stamp) {
            if (tree.isEmpty() || stamp.isEmpty()) {
                return Optional.empty();
            }
            FileRecord f = tree.get().files().get(path);
            return f != null && stamp.get().equals(tree.get().stamps().get(path)) ? Optional.of(f) : Optional.empty();
        }

        /** Whether the kept record's verdict in the input's own root still holds: nothing it read changed. */
        boolean verdictHolds(String path) {
            return outcome instanceof VerdictDeps.Holds h && !h.invalid().contains(path)
                    && tree.get().ownReads().containsKey(path);
        }

        Optional<String> outcomeNote() {
            if (factsKey.isEmpty()) {
                return Optional.empty();
            }
            if (outcome instanceof VerdictDeps.Voided v) {
                return Optional.of("none reused (" + v.why() + ")");
            }
            VerdictDeps.Holds h = (VerdictDeps.Holds) outcome;
            return Optional.of(verdictsReused.get() + " reused; " + h.changedPaths()
                    + " path(s) they read changed, " + h.invalid().size() + " file(s) judged again for it");
        }
    }

    private List<FileRecord> examine(RootFs root, Place self, List<String> candidates, FortifyCatalogue libc,
            Progress progress, Counters counters) throws IOException {
        int n = Math.min(options.threads(), Math.max(1, candidates.size()));
        if (n == 1) {
            Worker w = new Worker(root, self, libc, counters);
            List<FileRecord> out = new ArrayList<>();
            for (String c : candidates) {
                w.examine(c).ifPresent(out::add);
                progress.fileDone();
            }
            return out;
        }
        ExecutorService pool = Executors.newFixedThreadPool(n, r -> {
            Thread t = new Thread(r, "execray-scan");
            t.setDaemon(true);
            return t;
        });
        try {
            ThreadLocal<Worker> workers = ThreadLocal.withInitial(() -> new Worker(root, self, libc, counters));
            List<Future<Optional<FileRecord>>> futures = new ArrayList<>();
            for (String c : candidates) {
                futures.add(pool.submit(() -> {
                    try {
                        return workers.get().examine(c);
                    } finally {
                        progress.fileDone();
                    }
                }));
            }
            List<FileRecord> out = new ArrayList<>();
            for (Future<Optional<FileRecord>> f : futures) {
                try {
                    f.get().ifPresent(out::add);
                } catch (ExecutionException e) {
                    throw new IllegalStateException("scan worker failed", e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted");
                }
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    /** One worker's state: its simulator of the input's root (and so its loader session, read once). */
    private final class Worker {
        private final RootFs root;
        private final Place self;
        private final FortifyCatalogue libc;
        private final ExecSimulator sim;
        private final Counters counters;

        Worker(RootFs root, Place self, FortifyCatalogue libc, Counters counters) {
            this.counters = counters;
            this.root = root;
            this.self = self;
            this.libc = libc;
            this.sim = new ExecSimulator(self.target());
        }

        Optional<FileRecord> examine(String path) {
            FileStat st;
            // the stamp is read before the bytes: a file changed while it is read gets a newer ctime than the stamp
            Optional<FileStamp> stamp = stampOf(path);
            try {
                st = root.lstat(path);
            } catch (RootFsException e) {
                return Optional.empty();
            }
            Optional<FileRecord> kept = counters.kept(path, stamp);
            boolean keptAll = kept.isPresent() && counters.tree.get().fortifyKey().equals(counters.fortifyKey);
            // opened only when its bytes are needed: a file whose stamp is known is not read at all
            ByteSource[] opened = new ByteSource[1];
            java.util.function.Supplier<ByteSource> src = () -> {
                if (opened[0] == null) {
                    try {
                        opened[0] = root.open(path);
                    } catch (RootFsException e) {
                        throw new UncheckedIOException(new IOException(e.getMessage(), e));
                    }
                }
                return opened[0];
            };
            Optional<String> known = keptAll ? Optional.of(kept.get().sha256())
                    : stamp.flatMap(counters.prior::shaByStamp);
            String sha;
            Optional<FileRecord> before;
            Optional<FileRecord> rec;
            try {
                sha = known.orElseGet(() -> sha256(src.get()));
                before = keptAll ? kept : counters.prior.byBytes(sha, counters.fortifyKey);
                rec = before.isPresent() ? Optional.of(before.get()) : analyse(src.get(), sha, st);
            } catch (UncheckedIOException e) {
                return Optional.empty(); // vanished or unreadable since the walk
            }
            if (rec.isEmpty()) {
                return rec;
            }
            stamp.ifPresent(s -> counters.stamps.put(path, s));
            if (before.isPresent()) {
                counters.reused.incrementAndGet();
                if (known.isPresent()) {
                    counters.notRead.incrementAndGet();
                }
            } else {
                counters.analysed.incrementAndGet();
            }
            FileRecord b = rec.get();
            List<VerdictRecord> verdicts = new ArrayList<>();
            List<LibraryResolution> resolved = new ArrayList<>();
            boolean program = st.anyExecuteBit() && !b.format().equals(FileFormat.UNKNOWN.name());
            if (program) {
                Optional<VerdictRecord> own = kept.filter(k -> counters.verdictHolds(path))
                        .flatMap(k -> k.verdict(VerdictRecord.SELF));
                if (own.isPresent()) {
                    verdicts.add(own.get());
                    resolved.addAll(kept.get().resolved());
                    counters.ownReads.put(path, counters.tree.get().ownReads().get(path));
                    counters.verdictsReused.incrementAndGet();
                } else {
                    List<String> chain = new ArrayList<>();
                    verdicts.add(selfVerdict(path, resolved, chain));
                    if (counters.factsKey.isPresent()) {
                        counters.ownReads.put(path, VerdictDeps.ownReads(root, path, chain, resolved,
                                counters.canonical));
                    }
                }
                for (Place t : targets) {
                    verdicts.add(placeVerdict(path, src, t));
                }
            }
            return Optional.of(new FileRecord(path, st.size(), st.mode(), sha, b.format(), b.arch(), b.os(), b.type(),
                    b.interpreter(), b.soname(), b.needed(), b.glibc(), verdicts, b.hardening(), b.go(), b.problems(),
                    Optional.empty(), resolved));
        }

        private Optional<FileStamp> stampOf(String path) {
            FileStamp walked = counters.walkStamps.remove(path);
            return walked != null ? Optional.of(walked) : ScanService.stampOf(root, path);
        }

        /** The byte-derived fields of a file, read from its bytes; empty when it is not a recorded kind of file. */
        private Optional<FileRecord> analyse(ByteSource src, String sha, FileStat st) {
            List<String> problems = new ArrayList<>();
            BinaryFile bin;
            try {
                bin = BinaryFile.read(src);
            } catch (BinaryFormatException | IndexOutOfBoundsException | IllegalArgumentException e) {
                problems.add("malformed: " + e.getMessage());
                bin = new BinaryFile.Unknown("malformed");
            }
            String arch = "";
            String os = "";
            String type = "";
            Optional<String> interp = Optional.empty();
            Optional<String> soname = Optional.empty();
            List<String> needed = List.of();
            Optional<String> glibc = Optional.empty();
            Optional<Hardening> hardening = Optional.empty();
            Optional<GoInfo> go = Optional.empty();
            try {
                if (bin instanceof BinaryFile.Elf e) {
                        ElfFile elf = e.elf();
                        arch = elf.machine();
                        os = elf.header().osAbi().name();
                        type = elf.typeName().split(" ")[0];
                        interp = elf.interpreter();
                        soname = elf.dynamic().soname();
                        needed = elf.dynamic().needed();
                        glibc = PlaceCheck.newestGlibcNeeded(elf);
                        if (elf.sectionHeader(".go.buildinfo").isPresent() || elf.goBuildId().isPresent()) {
                            go = goInfo(elf);
                        }
                } else if (bin instanceof BinaryFile.Pe p) {
                        arch = p.pe().machine();
                        os = "windows";
                        type = p.pe().isDll() ? "DLL" : "EXE";
                        needed = p.pe().neededLibraries();
                        go = goInfo(p.pe());
                } else if (bin instanceof BinaryFile.MachO m) {
                        arch = m.macho().machine();
                        os = "darwin";
                        needed = m.macho().neededLibraries();
                        go = goInfo(m.macho());
                } else if (bin instanceof BinaryFile.Fat) {
                    os = "darwin";
                } else if (bin instanceof BinaryFile.Script s) {
                        type = "script";
                        interp = Optional.of(s.firstLine().substring(2).strip().split("\\s+")[0]);
                } else if (problems.isEmpty()) {
                    return Optional.empty();
                }
                hardening = HardeningCheck.of(bin, libc);
            } catch (BinaryFormatException | IndexOutOfBoundsException | IllegalArgumentException e) {
                problems.add("malformed: " + e.getMessage());
            }
            return Optional.of(new FileRecord("", st.size(), st.mode(), sha, bin.format().name(), arch, os, type,
                    interp, soname, needed, glibc, List.of(), hardening, go, problems, Optional.empty(), List.of()));
        }

        /** The verdict in the input's own root; the loader's libraries, as the trace lists them, into {@code resolved}. */
        private VerdictRecord selfVerdict(String path, List<LibraryResolution> resolved, List<String> chain) {
            try {
                ExecResult r = sim.explain(ExecRequest.of(path));
                resolved.addAll(resolutions(r.trace()));
                chain.addAll(chainOf(r.verdict()));
                if (r.verdict() instanceof Verdict.Fails f) {
                    return new VerdictRecord(VerdictRecord.SELF, "fails", f.why(), f.errno().map(Enum::name));
                }
                if (r.verdict() instanceof Verdict.Depends d) {
                    return new VerdictRecord(VerdictRecord.SELF, "depends", d.why(), Optional.empty());
                }
                return new VerdictRecord(VerdictRecord.SELF, "runs", ((Verdict.Runs) r.verdict()).how(), Optional.empty());
            } catch (dev.execray.binary.BinaryFormatException | UncheckedIOException e) {
                // bad bytes or a failed read the simulation had no rule for: what the kernel would do is not known,
                // so not "fails"; any other exception is a bug and ends the run with exit code 70
                return new VerdictRecord(VerdictRecord.SELF, "depends", "could not be simulated: " + e.getMessage(),
                        Optional.empty());
            }
        }

        private VerdictRecord placeVerdict(String path, java.util.function.Supplier<ByteSource> source, Place place) {
            Path file;
            Path tmp = null;
            try {
                if (!(root instanceof ImageRoot)) {
                    file = hostPath(path);
                } else {
                    // an image's file has no path on this machine: PlaceCheck reads it from a private temp copy
                    tmp = Files.createTempFile("execray-scan", "");
                    ByteSource src = source.get();
                    Files.write(tmp, src.bytes(0, (int) src.size(), "file"));
                    file = tmp;
                }
                PlaceVerdict v = PlaceCheck.check(file, place);
                return new VerdictRecord(place.name(), v.status().label(), v.reason(), v.errno());
            } catch (IOException | UncheckedIOException | BinaryFormatException e) {
                return new VerdictRecord(place.name(), "fails", "could not be checked: " + e.getMessage(),
                        Optional.empty());
            } finally {
                if (tmp != null) {
                    try {
                        Files.deleteIfExists(tmp);
                    } catch (IOException e) {
                        // temp space: the OS cleans it
                    }
                }
            }
        }

        private Path hostPath(String path) {
            return ScanService.hostPath(root, path);
        }
    }

    /** The stamp of a file of this machine (trees and file lists); none for an image's file. */
    static Optional<FileStamp> stampOf(RootFs root, String path) {
        if (root instanceof ImageRoot) {
            return Optional.empty();
        }
        try {
            Map<String, Object> a = Files.readAttributes(hostPath(root, path), "unix:dev,ino,size,lastModifiedTime,ctime",
                    java.nio.file.LinkOption.NOFOLLOW_LINKS);
            FileStamp s = new FileStamp((Long) a.get("dev"), (Long) a.get("ino"), (Long) a.get("size"),
                    nanos((FileTime) a.get("lastModifiedTime")), nanos((FileTime) a.get("ctime")));
            return trusted(s);
        } catch (IOException | UnsupportedOperationException | ClassCastException | IllegalArgumentException e) {
            return Optional.empty(); // no stamp: the file is read and identified by its SHA-256
        }
    }

    /** A walk error as every command words an unreadable path: "PATH: no such file or directory", the path once. */
    private static String walkError(String path, RootFsException ex) {
        return ex.path().equals(path) ? ex.getMessage() : path + ": " + ex.getMessage();
    }

    /** lstat(2) of a path of this machine's root, as a file type and, unless it is too recent to trust, a stamp. */
    private static Map.Entry<FileStat, Optional<FileStamp>> hostStat(String path) throws RootFsException {
        try {
            Map<String, Object> a = Files.readAttributes(Path.of(path),
                    "unix:mode,uid,gid,size,ino,dev,lastModifiedTime,ctime", java.nio.file.LinkOption.NOFOLLOW_LINKS);
            int mode = (Integer) a.get("mode");
            long device = (Long) a.get("dev");
            long ino = (Long) a.get("ino");
            long size = (Long) a.get("size");
            FileStat st = new FileStat(dev.execray.rootfs.FileType.ofMode(mode), mode, (Integer) a.get("uid"),
                    (Integer) a.get("gid"), size, Optional.of(device + ":" + ino));
            FileStamp s = new FileStamp(device, ino, size, nanos((FileTime) a.get("lastModifiedTime")),
                    nanos((FileTime) a.get("ctime")));
            return Map.entry(st, trusted(s));
        } catch (java.nio.file.NoSuchFileException e) {
            throw new RootFsException(dev.execray.rootfs.Errno.ENOENT, path, "no such file or directory");
        } catch (IOException | UnsupportedOperationException | ClassCastException | IllegalArgumentException e) {
            throw new RootFsException(dev.execray.rootfs.Errno.EIO, path, String.valueOf(e.getMessage()));
        }
    }

    /**
     * "Racily clean" (as git calls it): the kernel stamps files with a coarse clock, so a file changed again within
     * the same tick keeps its ctime. A stamp younger than RACY_NANOS is not trusted: the file is read and identified
     * by its SHA-256, and the stamp is not stored for the next scan.
     */
    private static Optional<FileStamp> trusted(FileStamp s) {
        long now = nanos(FileTime.from(Instant.now()));
        return s.ctimeNanos() < now - RACY_NANOS ? Optional.of(s) : Optional.empty();
    }

    /** Where a path of a tree's root (not an image's) is on this machine. */
    static Path hostPath(RootFs root, String path) {
        return root.isHost() ? Path.of(path) : Path.of(root.describe(), path.substring(1));
    }

    /** The programs a verdict's exec followed: the file, then its interpreters (a script's, binfmt_misc's). */
    private static List<String> chainOf(Verdict v) {
        if (v instanceof Verdict.Runs r) {
            return r.chain();
        }
        if (v instanceof Verdict.Fails f) {
            return f.chain();
        }
        return v instanceof Verdict.Depends d ? d.chain() : List.of();
    }

    /**
     * The loader stage's steps of a trace: one OK step per loaded object (subject = the name asked for, finding = the
     * path, why = how it was found) and one FAILED "not found" step per missing library; the loader's notes and
     * messages (subject "loader" or a symbol) are not libraries. For a script these are its interpreter's libraries:
     * the interpreter is the program the loader really starts.
     */
    static List<LibraryResolution> resolutions(ExecTrace trace) {
        List<LibraryResolution> out = new ArrayList<>();
        for (ExecStep s : trace.steps()) {
            if (s.stage() != Stage.LOAD || s.subject().equals("segments")) {
                continue; // "segments" is the kernel mapping the program (ElfLoader), before any loader runs
            }
            if (s.outcome() == StepOutcome.OK) {
                out.add(new LibraryResolution(s.subject(), Optional.of(s.finding()), s.why()));
            } else if (s.outcome() == StepOutcome.FAILED && s.finding().equals("not found")) {
                out.add(new LibraryResolution(s.subject(), Optional.empty(), s.why()));
            }
        }
        return out;
    }

    private static Optional<GoInfo> goInfo(ExecutableImage image) {
        try {
            GoBuildInfo bi = BuildInfoReader.readOrRecover(image);
            List<GoInfo.Module> mods = new ArrayList<>();
            for (GoModule m : bi.modules().deps()) {
                GoModule eff = m.replace().orElse(m);
                mods.add(new GoInfo.Module(eff.path(), eff.version(), eff.sum()));
            }
            return Optional.of(new GoInfo(bi.goVersion(), bi.recovered(), bi.modules().main().path(),
                    bi.modules().main().version(), mods));
        } catch (dev.execray.golang.BuildInfoException | BinaryFormatException | UncheckedIOException e) {
            return Optional.empty();
        }
    }

    private static long nanos(FileTime t) {
        Instant i = t.toInstant();
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    /** Identifies a fortify catalogue by its content: the hardening's FORTIFY counts depend on it. */
    static String fortifyKey(FortifyCatalogue c) {
        return sha256Hex(String.join("\n", new java.util.TreeSet<>(c.checked())).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * An image's fingerprint: the SHA-256 of every byte of it (the archive, or each file of an OCI layout in path
     * order, named) and the platform asked for. Stronger than the manifest's layer digests, which the readers do
     * not all verify: any changed byte of any layer gives a new fingerprint, so no stale verdict is reused.
     */
    static String imageFingerprint(ScanInput.Image im, ScanOptions options) throws IOException {
        MessageDigest md = sha();
        // the bounds decide which files are recorded and which truncation errors are reported
        md.update(("execray image fingerprint 1\nplatform " + im.platform().map(Object::toString).orElse("")
                + "\nmaxFiles " + options.maxFiles() + "\nmaxDepth " + options.maxDepth() + "\n")
                .getBytes(StandardCharsets.UTF_8));
        Path a = im.archive();
        List<Path> parts = new ArrayList<>();
        if (Files.isDirectory(a)) {
            try (java.util.stream.Stream<Path> w = Files.walk(a)) {
                w.filter(Files::isRegularFile).sorted().forEach(parts::add);
            }
        } else {
            parts.add(a);
        }
        byte[] buf = new byte[1 << 20];
        for (Path p : parts) {
            md.update(("file " + a.relativize(p) + "\n").getBytes(StandardCharsets.UTF_8));
            try (java.io.InputStream in = Files.newInputStream(p)) {
                for (int n; (n = in.read(buf)) > 0; ) {
                    md.update(buf, 0, n);
                }
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static MessageDigest sha() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256Hex(byte[] b) {
        return HexFormat.of().formatHex(sha().digest(b));
    }

    static String sha256(ByteSource src) {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        src.digestInto(md); // no copy of the file onto the heap
        return HexFormat.of().formatHex(md.digest());
    }

    /** The fortify catalogue of the root's own C library, read once per input. */
    static FortifyCatalogue libcOf(RootFs root) {
        for (String p : List.of("/lib/x86_64-linux-gnu/libc.so.6", "/lib/aarch64-linux-gnu/libc.so.6",
                "/lib64/libc.so.6", "/lib/i386-linux-gnu/libc.so.6", "/lib/arm-linux-gnueabihf/libc.so.6",
                "/lib/libc.so.6", "/usr/lib/libc.so.6")) {
            if (root.resolve(p) instanceof Resolution.Found f && f.stat().isRegular()) {
                try {
                    return FortifyCatalogue.of(ElfFile.read(root.open(f.canonical())), p);
                } catch (RootFsException | BinaryFormatException e) {
                    // try the next name
                }
            }
        }
        return FortifyCatalogue.GLIBC_2_36;
    }

    @Override
    public void close() {
        places.close();
    }
}

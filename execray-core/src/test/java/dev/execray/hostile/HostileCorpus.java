package dev.execray.hostile;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/**
 * Hostile roots and images, each built to attack one promise of execray, with what execray must do. The test suite
 * runs them small (HostileCorpusTest, heap capped at 256 MB, a time bound per case); {@link #main} writes them at the
 * sizes of issue 18 for measuring ({@code docs/bounds.md}). Every case also plants a bait directory outside its
 * root: nothing in it may ever be opened (checked with strace under -Poracle).
 */
public final class HostileCorpus {
    /** How big the work-making cases are. */
    public enum Scale { SMALL, FULL }

    /**
     * @param name    short id
     * @param attacks what the input attacks
     * @param expect  what execray must do
     * @param args    the command line (execray's arguments)
     * @param exits   the exit codes allowed
     * @param output  a check on stdout + stderr
     */
    public record Case(String name, String attacks, String expect, List<String> args, Set<Integer> exits,
            Predicate<String> output) {
    }

    private static final String SCRIPT = "#!/bin/sh\necho hi\n";
    private static final String GZ = "application/vnd.oci.image.layer.v1.tar+gzip";
    private static final String TAR = "application/vnd.oci.image.layer.v1.tar";

    private HostileCorpus() {
    }

    /** The bait directory of a corpus: outside every root; nothing in it may be opened. */
    public static Path bait(Path dir) {
        return dir.resolve("bait");
    }

    public static List<Case> build(Path dir, Scale scale) throws IOException {
        boolean full = scale == Scale.FULL;
        Path bait = Files.createDirectories(bait(dir).resolve("sub"));
        Path prog = Files.writeString(bait.resolve("prog"), SCRIPT);
        Files.setPosixFilePermissions(prog, PosixFilePermissions.fromString("rwxr-xr-x"));
        List<Case> cases = new ArrayList<>();

        Path root = Files.createDirectories(dir.resolve("root/bin"));
        Files.createSymbolicLink(root.getParent().resolve("link"), bait.getParent());
        cases.add(new Case("cwd-symlink-to-host", "--cwd through a symlink of the root that points at a host directory",
                "the link is re-read inside the root, where its target does not exist: ./prog is not found (exit 1);"
                        + " never read, so its #! line (/bin/sh) is never seen",
                List.of("explain", "--root", root.getParent().toString(), "--cwd", "/link/sub", "./prog"), Set.of(1),
                o -> o.contains("ENOENT") && !o.contains("/bin/sh")));
        cases.add(new Case("cwd-dotdot", "--cwd /../../.. to climb out of the root, then the host path of the bait",
                "'..' stops at the root: the host file is not found inside the root (exit 1)",
                List.of("explain", "--root", root.getParent().toString(), "--cwd", "/../../../../../../../../../..",
                        "." + prog.toAbsolutePath()),
                Set.of(1), o -> o.contains("ENOENT") && !o.contains("/bin/sh")));
        cases.add(new Case("root-missing", "--root naming a directory that does not exist",
                "the root is refused: one line, exit 3",
                List.of("explain", "--root", dir.resolve("nonexistent").toString(), "/bin/sh"), Set.of(3),
                o -> o.contains("root") && o.strip().lines().count() == 1));

        // an image whose one symlink has a target of 25,000 components (full), all of them walkable, and an entrypoint through it
        Path longLink = dir.resolve("long-symlink.tar");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(longLink))) {
            RawTar t = new RawTar(out);
            t.entry("a/", '5', "", new byte[0]);
            t.symlink("l", "a/../".repeat(full ? 12_500 : 1_500) + "x"); // every component exists: all are walked
            t.finish();
        }
        Path longImage = OciWriter.write(dir.resolve("long-symlink"), config("/l"), List.of(longLink), List.of(TAR));
        cases.add(new Case("long-symlink-target", "a symlink target far longer than PATH_MAX (quadratic walk)",
                "the link cannot exist (symlink(2) refuses it): skipped with a warning that Docker would refuse the"
                        + " image; the entrypoint is not found; done in well under a second of work",
                List.of("check-image", longImage.toString()), Set.of(1), o -> o.contains("PATH_MAX")));

        // one gzip layer of many empty files
        int files = full ? 500_000 : 50_000;
        Path many = dir.resolve("many-files.tar.gz");
        try (OutputStream out = new GzipCompressorOutputStream(new BufferedOutputStream(Files.newOutputStream(many)))) {
            RawTar t = new RawTar(out);
            for (int i = 0; i < files; i++) {
                t.file("d" + (i % 100) + "/f" + i, new byte[0]);
            }
            t.finish();
        }
        Path manyImage = OciWriter.write(dir.resolve("many-files"), config("/bin/sh"), List.of(many), List.of(GZ));
        cases.add(new Case("many-empty-files", files + " empty files in one gzip layer",
                "applied as a stream within a 256 MB heap: the image is read (its entrypoint is missing: exit 1)",
                List.of("check-image", manyImage.toString()), Set.of(1), o -> !o.contains("internal error")));

        // sparse entries of 1 GiB each, almost all hole
        int sparse = full ? 20 : 4;
        Path sparseLayer = dir.resolve("sparse-bomb.tar");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(sparseLayer))) {
            RawTar t = new RawTar(out);
            for (int i = 0; i < sparse; i++) {
                t.sparse("big" + i, 1L << 30, List.of(new RawTar.Run(0, SCRIPT.getBytes(StandardCharsets.US_ASCII))),
                        RawTar.SparseFormat.PAX_1_0);
            }
            t.finish();
        }
        Path sparseImage = OciWriter.write(dir.resolve("sparse-bomb"), config("/big0"), List.of(sparseLayer), List.of(TAR));
        cases.add(new Case("sparse-bomb", sparse + " PAX sparse entries of 1 GiB each, 18 bytes of data each",
                "holes are not written: a few bytes unpacked, the image read (/bin/sh missing: exit 1)",
                List.of("check-image", sparseImage.toString()), Set.of(1), o -> o.contains("/bin/sh")));

        // two sparse entries, one per interpreter: each program must be judged from its own bytes
        Path twoSparse = dir.resolve("two-sparse.tar");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(twoSparse))) {
            RawTar t = new RawTar(out);
            t.sparse("first", 1 << 20, List.of(new RawTar.Run(0, "#!/interp-first\n".getBytes(StandardCharsets.US_ASCII))),
                    RawTar.SparseFormat.PAX_1_0);
            t.sparse("second", 1 << 20, List.of(new RawTar.Run(0, "#!/interp-second\n".getBytes(StandardCharsets.US_ASCII))),
                    RawTar.SparseFormat.PAX_1_0);
            t.finish();
        }
        Path twoImage = OciWriter.write(dir.resolve("two-sparse"), config("/first"), List.of(twoSparse), List.of(TAR));
        cases.add(new Case("two-sparse-entries", "two PAX sparse entries in one uncompressed layer",
                "each is read from its own data: /first names /interp-first (exit 1: that interpreter is missing)",
                List.of("check-image", twoImage.toString()), Set.of(1),
                o -> o.contains("/interp-first") && !o.contains("/interp-second")));

        Path json = Files.writeString(dir.resolve("layer.json"), "{\"not\": \"a tar\"}");
        Path jsonImage = OciWriter.write(dir.resolve("json-layer"), config("/bin/sh"), List.of(json), List.of(TAR));
        cases.add(new Case("layer-not-a-tar", "a layer that is a JSON file", "refused: one line, exit 3",
                List.of("check-image", jsonImage.toString()), Set.of(3), o -> o.contains("not a tar")));
        Path json2 = Files.writeString(dir.resolve("layer2.json"), "{\"not\": \"a tar\"}");
        Path jsonImage2 = OciWriter.write(dir.resolve("json-layer-matrix"), config("/bin/sh"), List.of(json2), List.of(TAR));
        cases.add(new Case("matrix-corrupt-image", "matrix --targets image:CORRUPT", "bad input, exit 3 (not usage, 2)",
                List.of("matrix", "--targets", "image:" + jsonImage2, "/bin/sh"), Set.of(3), o -> o.contains("not a tar")));

        Path plain = dir.resolve("plain.tar");
        try (OutputStream out = Files.newOutputStream(plain)) {
            RawTar t = new RawTar(out);
            t.file("x", SCRIPT.getBytes(StandardCharsets.US_ASCII));
            t.finish();
        }
        Path mislabelled = OciWriter.write(dir.resolve("wrong-compression"), config("/x"), List.of(plain), List.of(GZ));
        cases.add(new Case("wrong-compression", "an uncompressed tar whose media type says tar+gzip",
                "refused as malformed: one line, exit 3", List.of("check-image", mislabelled.toString()), Set.of(3),
                o -> o.contains("says compression gzip")));

        Path deep = dir.resolve("deep.tar");
        try (OutputStream out = Files.newOutputStream(deep)) {
            RawTar t = new RawTar(out);
            t.file("x", SCRIPT.getBytes(StandardCharsets.US_ASCII));
            t.finish();
        }
        String nested = "[".repeat(full ? 100_000 : 10_000) + "]".repeat(full ? 100_000 : 10_000);
        Path deepImage = OciWriter.write(dir.resolve("deep-json"), "{\"os\":\"linux\",\"architecture\":\"amd64\","
                + "\"config\":{\"Labels\":" + nested + "}}", List.of(deep), List.of(TAR));
        cases.add(new Case("deep-json-config", "an image config nested " + nested.length() / 2 + " deep",
                "refused at the json-depth bound: one line naming --limit json-depth, exit 3",
                List.of("check-image", deepImage.toString()), Set.of(3), o -> o.contains("--limit json-depth")));

        Path escapes = dir.resolve("escapes.tar");
        try (OutputStream out = Files.newOutputStream(escapes)) {
            RawTar t = new RawTar(out);
            t.file("../../bait/planted", SCRIPT.getBytes(StandardCharsets.US_ASCII));
            t.hardlink("hl", "does/not/exist");
            t.file("ok", SCRIPT.getBytes(StandardCharsets.US_ASCII));
            t.finish();
        }
        Path escImage = OciWriter.write(dir.resolve("escapes"), config("/ok"), List.of(escapes), List.of(TAR));
        cases.add(new Case("skipped-entries", "an entry named ../../x and a hard link to nothing",
                "both skipped and said on stderr, with 'docker would refuse'; nothing written outside (exit 1)",
                List.of("check-image", escImage.toString()), Set.of(1),
                o -> o.contains("leaves the image root") && o.contains("docker would refuse")));

        // strings from the file that would drive a terminal
        Path inj = Files.createDirectories(dir.resolve("inject"));
        Path evil = Files.write(inj.resolve("evil"), ("#!/bin/\u001b]0;pwned\u0007\u001b[2J\rsh\nx\n")
                .getBytes(StandardCharsets.UTF_8));
        Files.setPosixFilePermissions(evil, PosixFilePermissions.fromString("rwxr-xr-x"));
        cases.add(new Case("terminal-injection-shebang", "a #! line carrying ESC ] title, ESC [2J clear screen, BEL, CR",
                "every control character escaped (\\x1b, \\x07, \\r); exit 1 (the interpreter does not exist)",
                List.of("explain", evil.toString()), Set.of(1), o -> o.contains("\\x1b]0;pwned\\x07")));
        cases.add(new Case("terminal-injection-inspect", "the same #! line through inspect",
                "escaped the same way; exit 0", List.of("inspect", evil.toString()), Set.of(0),
                o -> o.contains("\\x1b[2J")));
        return cases;
    }

    private static String config(String entrypoint) {
        return "{\"os\":\"linux\",\"architecture\":\"amd64\",\"config\":{\"Entrypoint\":[\"" + entrypoint
                + "\"],\"Env\":[\"PATH=/usr/bin:/bin\"],\"WorkingDir\":\"/link/../..\"}}";
    }

    /** Writes the corpus at full size into args[0] and prints each case's command line, one per line. */
    public static void main(String[] args) throws IOException {
        Path dir = Files.createDirectories(Path.of(args[0]));
        for (Case c : build(dir, args.length > 1 ? Scale.valueOf(args[1]) : Scale.FULL)) {
            System.out.println(c.name() + "\t" + String.join(" ", c.args()));
        }
    }
}

package dev.execray.scan;

import dev.execray.rootfs.image.Platform;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** One unit of work for {@link ScanService}: a tree, an image or a list of files. */
public sealed interface ScanInput {

    /**
     * How {@code execray scan} (and the fleet job) reads a path given as an input: a directory is a tree, unless it
     * holds an {@code oci-layout} file (then it is an OCI layout); a file named like an archive ({@code .tar},
     * {@code .tar.gz}, {@code .tgz}, {@code .oci}) is an image. Anything else is empty: a loose file.
     */
    static Optional<ScanInput> of(Path p, Optional<Path> root, Optional<Platform> platform) {
        if (java.nio.file.Files.isDirectory(p) && !java.nio.file.Files.exists(p.resolve("oci-layout"))) {
            return Optional.of(new Tree(p, root));
        }
        String n = p.getFileName() == null ? "" : p.getFileName().toString();
        if (java.nio.file.Files.isDirectory(p) || n.endsWith(".tar") || n.endsWith(".tar.gz") || n.endsWith(".tgz")
                || n.endsWith(".oci")) {
            return Optional.of(new Image(p, platform));
        }
        return Optional.empty();
    }

    /**
     * The inputs of a command line: each path read as {@link #of} says, and the loose files among them and those
     * named in {@code filesFrom} (one a line, blank lines skipped) together as one list of files, last.
     */
    static List<ScanInput> collect(List<Path> paths, Optional<Path> filesFrom, Optional<Path> root,
            Optional<Platform> platform) throws java.io.IOException {
        List<ScanInput> work = new java.util.ArrayList<>();
        List<Path> loose = new java.util.ArrayList<>();
        for (Path p : paths) {
            Optional<ScanInput> in = of(p, root, platform);
            if (in.isPresent()) {
                work.add(in.get());
            } else {
                loose.add(p);
            }
        }
        if (filesFrom.isPresent()) {
            for (String line : java.nio.file.Files.readAllLines(filesFrom.get(), java.nio.charset.StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    loose.add(Path.of(line.strip()));
                }
            }
        }
        if (!loose.isEmpty()) {
            work.add(new Files(filesFrom.map(Path::toString).orElse("files"), loose));
        }
        return work;
    }

    /** How the input is named in results and in the store. */
    String name();

    /** The kind, as stored: {@code tree}, {@code image}, {@code files}. */
    String kind();

    /**
     * A directory: an unpacked root file system (it has {@code etc}, {@code usr} or {@code lib}), or a release
     * directory / subtree of this machine, whose files are then judged inside {@code /} of this machine.
     *
     * @param root the root its programs are judged in; empty: decided as above
     */
    record Tree(Path dir, Optional<Path> root) implements ScanInput {
        @Override
        public String name() {
            return dir.toString();
        }

        @Override
        public String kind() {
            return "tree";
        }
    }

    /** A docker-save archive or an OCI layout (directory or tar), read without Docker. */
    record Image(Path archive, Optional<Platform> platform) implements ScanInput {
        @Override
        public String name() {
            return archive.toString();
        }

        @Override
        public String kind() {
            return "image";
        }
    }

    /** Files of this machine, judged inside its {@code /}. */
    record Files(String name, List<Path> files) implements ScanInput {
        public Files {
            files = List.copyOf(files);
        }

        @Override
        public String kind() {
            return "files";
        }
    }
}

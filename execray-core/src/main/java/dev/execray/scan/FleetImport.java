package dev.execray.scan;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Reads a fleet scan's portable form (written by the execray-spark job beside its Parquet tables, docs/fleet.md):
 * {@code DIR/results/scan_id=ID/part-*} text files, one {@link ResultLines} line per input, each file sorted by input
 * index. The inputs of one scan are handed out in index order — the order {@code execray scan} of the same list writes
 * them — by merging the files, so one input's result is in memory at a time, never the whole fleet.
 */
public final class FleetImport {
    /** Part files merged at once: the job writes at most this many per scan. */
    public static final int MAX_PARTS = 256;

    private FleetImport() {
    }

    /** One fleet scan found under the directory: its id and its part files. */
    public record FleetScan(String id, List<Path> parts) {
        public FleetScan {
            parts = List.copyOf(parts);
        }
    }

    /** Receives the inputs of one scan, in index order. */
    public interface Sink {
        void accept(InputResult r) throws IOException;
    }

    /**
     * The scans under {@code dir}: the job's output directory, its {@code results} directory or one
     * {@code scan_id=ID} partition. Sorted by id.
     *
     * @throws IOException when nothing there has the layout
     */
    public static List<FleetScan> find(Path dir) throws IOException {
        Path results = dir;
        if (Files.isDirectory(dir.resolve("results"))) {
            results = dir.resolve("results");
        }
        TreeMap<String, List<Path>> scans = new TreeMap<>();
        if (partitionId(results) != null) {
            scans.put(partitionId(results), parts(results));
        } else if (Files.isDirectory(results)) {
            try (Stream<Path> s = Files.list(results)) {
                for (Path p : s.sorted().toList()) {
                    String id = partitionId(p);
                    if (id != null && Files.isDirectory(p)) {
                        scans.put(id, parts(p));
                    }
                }
            }
        }
        if (scans.isEmpty()) {
            throw new IOException(dir + ": not a fleet scan's output (no results/scan_id=ID directory)");
        }
        List<FleetScan> out = new ArrayList<>();
        scans.forEach((id, parts) -> out.add(new FleetScan(id, parts)));
        return out;
    }

    private static String partitionId(Path p) {
        String n = p.getFileName() == null ? "" : p.getFileName().toString();
        return n.startsWith("scan_id=") && n.length() > "scan_id=".length() ? n.substring("scan_id=".length()) : null;
    }

    private static List<Path> parts(Path partition) throws IOException {
        try (Stream<Path> s = Files.list(partition)) {
            List<Path> parts = s.filter(p -> p.getFileName().toString().startsWith("part-")
                    && !p.getFileName().toString().endsWith(".crc") && Files.isRegularFile(p)).sorted().toList();
            if (parts.size() > MAX_PARTS) {
                throw new IOException(partition + ": " + parts.size() + " part files, more than " + MAX_PARTS
                        + " (not written by execray's fleet job)");
            }
            return parts;
        }
    }

    /**
     * Hands the scan's inputs to {@code sink} in index order.
     *
     * @return the number of inputs read
     * @throws IOException when a file cannot be read, a line is not a result line, a file is not sorted or an index
     *                     repeats
     */
    public static int read(FleetScan scan, Sink sink) throws IOException {
        record Head(BufferedReader in, Path file, ResultLines.Line line) {
        }
        PriorityQueue<Head> heads = new PriorityQueue<>(Comparator.comparingInt(h -> h.line().index()));
        List<BufferedReader> open = new ArrayList<>();
        try {
            for (Path p : scan.parts()) {
                BufferedReader in = Files.newBufferedReader(p, StandardCharsets.UTF_8);
                open.add(in);
                ResultLines.Line first = next(in, p);
                if (first != null) {
                    heads.add(new Head(in, p, first));
                }
            }
            int count = 0;
            int last = -1;
            while (!heads.isEmpty()) {
                Head h = heads.poll();
                if (h.line().index() <= last) {
                    throw new IOException(h.file() + ": input " + h.line().index() + " repeated or out of order");
                }
                last = h.line().index();
                sink.accept(h.line().result());
                count++;
                ResultLines.Line n = next(h.in(), h.file());
                if (n != null) {
                    if (n.index() <= h.line().index()) {
                        throw new IOException(h.file() + ": not sorted by input index");
                    }
                    heads.add(new Head(h.in(), h.file(), n));
                }
            }
            return count;
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } finally {
            for (BufferedReader in : open) {
                in.close();
            }
        }
    }

    private static ResultLines.Line next(BufferedReader in, Path file) throws IOException {
        String s;
        do {
            s = in.readLine();
        } while (s != null && s.isBlank());
        if (s == null) {
            return null;
        }
        try {
            return ResultLines.read(s);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage());
        }
    }
}

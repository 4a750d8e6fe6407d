package dev.execray.scan;

import java.util.List;

/**
 * The immutable result of scanning one input: what the store writes in one transaction.
 *
 * @param base     the walked directory inside the root ({@code /} for images and file lists): diffs match paths below it
 * @param root     how the root its programs were judged in is named
 * @param places   the places judged, {@code self} first
 * @param errors   why the input, or part of it, could not be scanned (a hostile image, a truncated walk)
 * @param reuse    what came from earlier scans, and what the next scan may reuse
 */
public record InputResult(String name, String kind, String base, String root, String platform, List<String> places,
        List<FileRecord> files, List<String> errors, List<String> notes, long millis, ReuseStats reuse) {
    public InputResult {
        places = List.copyOf(places);
        files = List.copyOf(files);
        errors = List.copyOf(errors);
        notes = List.copyOf(notes);
    }

    /** A result computed without reuse (as stored before schema 4). */
    public InputResult(String name, String kind, String base, String root, String platform, List<String> places,
            List<FileRecord> files, List<String> errors, List<String> notes, long millis) {
        this(name, kind, base, root, platform, places, files, errors, notes, millis, ReuseStats.fresh(files.size()));
    }

    public static InputResult failed(ScanInput in, String error) {
        return new InputResult(in.name(), in.kind(), "/", "", "", List.of(), List.of(), List.of(error), List.of(), 0);
    }
}

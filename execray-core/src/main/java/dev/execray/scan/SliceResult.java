package dev.execray.scan;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What one {@link FileSlice} of an input found: the input's result with only the slice's files, and each file's
 * position in the whole walk ({@code ordinals}, ascending), so the slices merge back into the order the whole scan
 * lists its files in.
 */
public record SliceResult(FileSlice slice, InputResult result, List<Integer> ordinals) {
    public SliceResult {
        ordinals = List.copyOf(ordinals);
        if (ordinals.size() != result.files().size()) {
            throw new IllegalArgumentException(ordinals.size() + " ordinals for " + result.files().size() + " files");
        }
    }

    /**
     * The whole input's result from all its slices, in any order, each once: what {@link ScanService#scan} of the
     * whole input gives (files in walk order, the input's own fields as every slice computed them alike; an error of
     * one slice alone — it crashed, say — stays an error of the input). {@code millis} is the slowest slice's, the
     * input's wall time when the slices run side by side.
     *
     * @throws IllegalArgumentException when the slices are not exactly the parts of one split, or two claim a file
     */
    public static InputResult merge(List<SliceResult> slices) {
        if (slices.isEmpty()) {
            throw new IllegalArgumentException("no slices to merge");
        }
        int parts = slices.get(0).slice().parts();
        SliceResult[] byPart = new SliceResult[parts];
        for (SliceResult s : slices) {
            if (s.slice().parts() != parts || byPart[s.slice().part()] != null) {
                throw new IllegalArgumentException("slice " + s.slice() + " is not one of " + parts + " distinct parts");
            }
            byPart[s.slice().part()] = s;
        }
        if (slices.size() != parts) {
            throw new IllegalArgumentException(slices.size() + " slices of " + parts);
        }
        // the input's fields from the first slice that could open it (all do, unless one failed on its own)
        InputResult head = byPart[0].result();
        for (SliceResult s : byPart) {
            if (!s.result().root().isEmpty()) {
                head = s.result();
                break;
            }
        }
        TreeMap<Integer, FileRecord> files = new TreeMap<>();
        List<String> errors = new ArrayList<>(head.errors());
        List<String> notes = new ArrayList<>(head.notes());
        int analysed = 0;
        int reused = 0;
        int notRead = 0;
        long millis = 0;
        Map<String, FileStamp> stamps = new java.util.HashMap<>();
        for (SliceResult s : byPart) {
            InputResult r = s.result();
            for (int i = 0; i < r.files().size(); i++) {
                if (files.put(s.ordinals().get(i), r.files().get(i)) != null) {
                    throw new IllegalArgumentException("file " + s.ordinals().get(i) + " (" + r.files().get(i).path()
                            + ") is in two slices");
                }
            }
            if (r != head) {
                addNew(errors, r.errors());
                addNew(notes, r.notes());
            }
            analysed += r.reuse().analysed();
            reused += r.reuse().reused();
            notRead += r.reuse().notRead();
            millis = Math.max(millis, r.millis());
            stamps.putAll(r.reuse().stamps());
        }
        // the fingerprint is computed by slice 0 alone (it reads every byte of the image); as in the whole scan, an
        // input with errors keeps none
        Optional<String> fingerprint = errors.isEmpty() ? byPart[0].result().reuse().fingerprint() : Optional.empty();
        return new InputResult(head.name(), head.kind(), head.base(), head.root(), head.platform(), head.places(),
                new ArrayList<>(files.values()), new ArrayList<>(errors), new ArrayList<>(notes), millis,
                // slices are images (never recorded trees): no verdict dependencies, the head's package source
                new ReuseStats(analysed, reused, notRead, false, fingerprint, head.reuse().fortifyKey(), stamps, 0,
                        Optional.empty(), Map.of(), Map.of(), Map.of(), head.reuse().packageSource(), Optional.empty(),
                        Map.of()));
    }

    /** What another slice says beyond what is said already (the head's list is kept as is, repeats included). */
    private static void addNew(List<String> into, List<String> more) {
        LinkedHashSet<String> seen = new LinkedHashSet<>(into);
        for (String m : more) {
            if (seen.add(m)) {
                into.add(m);
            }
        }
    }
}

package dev.execray.scan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One of {@code parts} slices of an input's candidate files, so that several machines can examine one huge input
 * together (the fleet job, docs/fleet.md "How work is split"). Every slice walks the whole merged root and sees all
 * of it — verdicts resolve libraries anywhere in it — but examines only its own candidates; {@link SliceResult#merge}
 * puts the slices back together as the whole scan.
 *
 * <p>The deal is computed from the candidate list alone (paths in walk order and their sizes), which every slice
 * walks identically, so the slices agree on it without talking to each other: largest file first to the slice with
 * the fewest bytes so far (sizes weighted with a fixed cost per file, a program's simulation costs something
 * whatever its size). A file lands in exactly one slice.
 */
public record FileSlice(int part, int parts) {
    /** What examining a file costs besides reading its bytes, in bytes' worth: its simulation and records. */
    static final long FILE_COST = 64 * 1024;

    public FileSlice {
        if (parts < 1 || part < 0 || part >= parts) {
            throw new IllegalArgumentException("a slice is part 0.." + (parts - 1) + " of parts >= 1, not " + part
                    + " of " + parts);
        }
    }

    /** The whole input as one slice. */
    public static FileSlice whole() {
        return new FileSlice(0, 1);
    }

    /**
     * Which candidates this slice examines, by their position in the walk; {@code sizes} are theirs, in order.
     * {@code firstLoad} is work slice 0 has besides its files, in bytes' worth (the image's fingerprint).
     */
    boolean[] select(List<Long> sizes, long firstLoad) {
        int n = sizes.size();
        boolean[] mine = new boolean[n];
        if (parts == 1) {
            java.util.Arrays.fill(mine, true);
            return mine;
        }
        List<Integer> order = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingLong((Integer i) -> -sizes.get(i)).thenComparingInt(i -> i));
        long[] load = new long[parts];
        load[0] = Math.max(0, firstLoad);
        for (int i : order) {
            int least = 0;
            for (int p = 1; p < parts; p++) {
                if (load[p] < load[least]) {
                    least = p;
                }
            }
            load[least] += Math.max(0, sizes.get(i)) + FILE_COST;
            mine[i] = least == part;
        }
        return mine;
    }
}

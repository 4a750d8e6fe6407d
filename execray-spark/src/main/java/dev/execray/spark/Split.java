package dev.execray.spark;

import java.io.Serializable;

/**
 * When one input is split across tasks (docs/fleet.md, "How work is split"): an image larger than {@code above}
 * bytes (its archive, or its OCI layout's files) is scanned by several tasks, each examining one slice of its files
 * over the whole merged root, and its result is merged from theirs as the whole scan would have given it.
 *
 * @param above an image must be larger than this to be split
 * @param parts at most this many slices per image; 0: as many as the job has cores; 1: never split
 */
public record Split(long above, int parts) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** 256 MiB: below it an image is a few seconds of one core, not worth reading its layers twice. */
    public static final long DEFAULT_ABOVE = 256L << 20;

    public Split {
        if (above < 1 || parts < 0) {
            throw new IllegalArgumentException("--split-above must be positive and --split-parts 0 (the cores) or more");
        }
    }

    public static Split defaults() {
        return new Split(DEFAULT_ABOVE, 0);
    }

    public static Split never() {
        return new Split(Long.MAX_VALUE, 1);
    }

    /**
     * How many slices an input of {@code size} bytes gets with {@code cores} cores: one per {@code above} bytes,
     * at least 2 once it is split, at most {@code parts} (or the cores). Trees count as 0 bytes: they are never split.
     */
    int slicesFor(long size, int cores) {
        int most = parts == 0 ? cores : parts;
        if (size <= above || most < 2) {
            return 1;
        }
        long n = Math.max(2, size / above + (size % above == 0 ? 0 : 1));
        return (int) Math.min(most, n);
    }
}

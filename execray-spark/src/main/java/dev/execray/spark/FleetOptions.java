package dev.execray.spark;

import dev.execray.scan.ScanOptions;
import java.io.Serializable;
import java.util.List;

/**
 * The scan's options as a fleet job carries them to its executors (serializable, unlike {@link ScanOptions}).
 *
 * @param targets  places to judge every program in besides its own root, as {@code execray scan --targets} names them
 * @param platform for multi-platform images, {@code os/arch}; empty: the image's default
 * @param threads  workers per input inside a task (Spark already runs one task per core)
 */
public record FleetOptions(List<String> targets, String platform, int maxFiles, int maxDepth, int threads)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    /** File ids are {@code (input index + 1) << FILE_BITS | ordinal}: an input holds fewer files than this. */
    public static final int FILE_BITS = 24;

    public FleetOptions {
        targets = List.copyOf(targets);
        if (maxFiles < 1 || maxFiles >= (1 << FILE_BITS) || maxDepth < 1 || threads < 1) {
            throw new IllegalArgumentException("max files must be 1.." + ((1 << FILE_BITS) - 1)
                    + ", max depth and threads positive");
        }
    }

    public static FleetOptions of(List<String> targets, String platform, int threads) {
        ScanOptions d = ScanOptions.defaults();
        return new FleetOptions(targets, platform, d.maxFiles(), d.maxDepth(), threads);
    }

    public ScanOptions scanOptions() {
        return new ScanOptions(targets, maxFiles, maxDepth, threads);
    }
}

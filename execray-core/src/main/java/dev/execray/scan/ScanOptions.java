package dev.execray.scan;

import java.util.List;

/**
 * What a scan computes and its bounds.
 *
 * @param targets  places to judge every program in, as {@code matrix} names them, besides the input's own root
 * @param maxFiles candidate files examined per input; beyond it the input reports a truncation error
 * @param maxDepth directory depth below the walked directory
 * @param threads  workers per input (each keeps its own loader session of the input's root)
 */
public record ScanOptions(List<String> targets, int maxFiles, int maxDepth, int threads) {
    public ScanOptions {
        targets = List.copyOf(targets);
        if (maxFiles < 1 || maxDepth < 1 || threads < 1) {
            throw new IllegalArgumentException("maxFiles, maxDepth and threads must be positive");
        }
    }

    public static ScanOptions defaults() {
        return new ScanOptions(List.of(), 200_000, 64, Math.max(1, Runtime.getRuntime().availableProcessors()));
    }

    public ScanOptions withTargets(List<String> t) {
        return new ScanOptions(t, maxFiles, maxDepth, threads);
    }

    public ScanOptions withThreads(int n) {
        return new ScanOptions(targets, maxFiles, maxDepth, n);
    }
}

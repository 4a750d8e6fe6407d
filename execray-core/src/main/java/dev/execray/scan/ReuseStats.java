package dev.execray.scan;

import java.util.Map;
import java.util.Optional;

/**
 * How much of one input's result came from earlier scans (docs/scan.md, "Reuse of earlier results").
 *
 * @param analysed      files whose bytes were parsed in this scan
 * @param reused        files whose byte-derived analysis (format, hardening, libraries, Go info ...) was taken from
 *                      a stored analysis of the same SHA-256
 * @param notRead       of those, files not even read: their stamp matched a stored one (trees and file lists)
 * @param wholeInput    the whole input, verdicts included, was taken from a stored input of the same fingerprint
 * @param fingerprint   the input's fingerprint when its verdicts may be reused later (images without --targets)
 * @param fortifyKey    identifies the C library's fortify catalogue the hardening was judged with
 * @param stamps        path → stamp of each file of a tree or file list, to be stored for the next scan
 * @param verdictsReused files of a tree or file list whose verdict in the input's own root (and its library
 *                      resolutions) was taken from an earlier scan, its dependencies unchanged ({@link VerdictDeps})
 * @param factsKey      the machine and place facts the verdicts in the input's own root were computed under
 *                      (trees and file lists)
 * @param deps          path of the root → stamp, for every path the verdicts in the input's own root read
 * @param ownReads      file path → the files its verdict read that are its own (itself, its chain, its libraries)
 * @param packageDeps   path of the root → stamp, for every file and directory of the package database that was read
 * @param packageSource what the package database was ({@link PackageDb#source()})
 * @param verdictOutcome what became of the own root's earlier verdicts in this run, said to the user ("12 reused; 1
 *                      path(s) they read changed, ..."): a fact about the run, not about the input, so it is kept
 *                      out of the input's notes (a fleet, which has no earlier scan, and a store's first scan must
 *                      write the same inputs row) and not stored
 * @param quietDirs     directory → digest of its files that are not candidates, for the next scan's walk (trees
 *                      and file lists recorded in a store; see {@link TreePrior#quietDirs})
 */
public record ReuseStats(int analysed, int reused, int notRead, boolean wholeInput, Optional<String> fingerprint,
        String fortifyKey, Map<String, FileStamp> stamps, int verdictsReused, Optional<String> factsKey,
        Map<String, String> deps, Map<String, java.util.List<String>> ownReads, Map<String, String> packageDeps,
        String packageSource, Optional<String> verdictOutcome, Map<String, String> quietDirs) {
    public ReuseStats {
        quietDirs = Map.copyOf(quietDirs);
        stamps = Map.copyOf(stamps);
        deps = Map.copyOf(deps);
        ownReads = Map.copyOf(ownReads);
        packageDeps = Map.copyOf(packageDeps);
    }

    /** Without verdict dependencies: an image, or a result read back from JSON. */
    public ReuseStats(int analysed, int reused, int notRead, boolean wholeInput, Optional<String> fingerprint,
            String fortifyKey, Map<String, FileStamp> stamps) {
        this(analysed, reused, notRead, wholeInput, fingerprint, fortifyKey, stamps, 0, Optional.empty(), Map.of(),
                Map.of(), Map.of(), "", Optional.empty(), Map.of());
    }

    /** A result computed without any reuse, as by an execray older than schema 4. */
    public static ReuseStats fresh(int files) {
        return new ReuseStats(files, 0, 0, false, Optional.empty(), "", Map.of());
    }
}

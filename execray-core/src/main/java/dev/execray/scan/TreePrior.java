package dev.execray.scan;

import java.util.List;
import java.util.Map;

/**
 * A stored tree or file list whose verdicts in its own root may be reused (docs/scan.md, "Reuse of earlier
 * results"): its files by path, each file's stamp, the stamps of every path its verdicts read, and each file's own
 * reads.
 *
 * @param packageDeps   the stamps of the package database's files it read; unchanged, its owners hold
 * @param packageSource what that package database was
 * @param fortifyKey the fortify catalogue its hardening was judged with: its byte-derived fields are reused only
 *                   under the same one
 * @param quietDirs  directory → digest of the names and stamps of its files that were not candidates
 *                   ({@link ScanService}'s walk): the same digest now, and none of them is read again
 */
public record TreePrior(Map<String, FileRecord> files, Map<String, FileStamp> stamps, Map<String, String> deps,
        Map<String, List<String>> ownReads, Map<String, String> packageDeps, String packageSource, String fortifyKey,
        Map<String, String> quietDirs) {
    public TreePrior {
        quietDirs = Map.copyOf(quietDirs);
        packageDeps = Map.copyOf(packageDeps);
        files = Map.copyOf(files);
        stamps = Map.copyOf(stamps);
        deps = Map.copyOf(deps);
        ownReads = Map.copyOf(ownReads);
    }
}

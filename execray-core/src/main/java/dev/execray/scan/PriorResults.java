package dev.execray.scan;

import java.util.Optional;

/**
 * Earlier results a scan may reuse; the store implements it (docs/scan.md, "Reuse of earlier results"). Every
 * answer must come from the same execray version: an analysis made by another version is never reused, so a fixed
 * reader bug does not survive in the database. Implementations are called from several workers at once.
 */
public interface PriorResults {
    /** The SHA-256 of the file version this stamp names, if a stored file had exactly this stamp. */
    Optional<String> shaByStamp(FileStamp stamp);

    /**
     * A stored record of a file with these bytes, analysed with the same fortify catalogue: only its byte-derived
     * fields (format, arch, os, type, interpreter, soname, needed, glibc, hardening, Go info, problems) may be used.
     */
    Optional<FileRecord> byBytes(String sha256, String fortifyKey);

    /** A whole stored input (files with their verdicts) made from an input of this fingerprint. */
    Optional<InputResult> byFingerprint(String fingerprint);

    /**
     * The latest stored tree or file list judged under these facts ({@link VerdictDeps#factsKey}), for reusing its
     * verdicts in the input's own root: the latest of the input named {@code inputName} when there is one (several
     * trees judged in the same root, scanned again, each find their own), else the latest of any; empty when none.
     */
    default Optional<TreePrior> tree(String factsKey, String inputName) {
        return Optional.empty();
    }

    /**
     * What the walk of a tree needs from the latest stored input named {@code inputName}, judged under any facts: which
     * files were candidates, with their stamps, and its quiet directories (only {@link TreePrior#stamps()} and
     * {@link TreePrior#quietDirs()} are filled). Whether a file is a candidate depends on its bytes and mode alone, so a
     * change of the machine's facts (a mount, a binfmt_misc entry) costs the verdicts' reuse but not the walk's.
     */
    default Optional<TreePrior> walk(String inputName) {
        return Optional.empty();
    }

    /** Whether the result will be stored, so that what a later scan needs to reuse it must be recorded. */
    default boolean stored() {
        return true;
    }

    /** No earlier results, but the result is stored: everything is computed, and recorded for the next scan. */
    PriorResults NOTHING_REUSED = new Nothing(true);

    /** No earlier results and nothing stored (--no-db): everything is computed. */
    PriorResults NONE = new Nothing(false);

    /** No earlier result for anything; {@code stored} says whether this scan's result will be kept. */
    record Nothing(boolean stored) implements PriorResults {
        @Override
        public Optional<String> shaByStamp(FileStamp stamp) {
            return Optional.empty();
        }

        @Override
        public Optional<FileRecord> byBytes(String sha256, String fortifyKey) {
            return Optional.empty();
        }

        @Override
        public Optional<InputResult> byFingerprint(String fingerprint) {
            return Optional.empty();
        }
    }
}

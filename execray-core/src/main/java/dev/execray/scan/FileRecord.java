package dev.execray.scan;

import dev.execray.hardening.Hardening;
import java.util.List;
import java.util.Optional;

/**
 * Everything one scan learned about one file, read once.
 *
 * @param path        inside the input's root (absolute, canonical)
 * @param format      ELF, PE, MACHO, FAT, SCRIPT
 * @param type        EXEC, DYN, PIE (ELF), DLL/EXE (PE), the #! line's interpreter for scripts
 * @param glibc       the newest GLIBC_x.y version the file requires: the oldest glibc it runs on
 * @param verdicts    own root first ({@code self}), then each requested place
 * @param problems    what the readers reported as malformed (the file is still recorded)
 * @param owner       the OS package that installed the file, from the root's package database
 * @param resolved    for a program judged in its own root: each library its loader would load and which file that
 *                    is (empty for files not judged: shared objects, scripts, non-Linux formats)
 */
public record FileRecord(String path, long size, int mode, String sha256, String format, String arch, String os,
        String type, Optional<String> interpreter, Optional<String> soname, List<String> needed,
        Optional<String> glibc, List<VerdictRecord> verdicts, Optional<Hardening> hardening, Optional<GoInfo> go,
        List<String> problems, Optional<OsPackage> owner, List<LibraryResolution> resolved) {
    public FileRecord {
        needed = List.copyOf(needed);
        resolved = List.copyOf(resolved);
        verdicts = List.copyOf(verdicts);
        problems = List.copyOf(problems);
    }

    /** A record without library resolutions (as written by schema 1 stores). */
    public FileRecord(String path, long size, int mode, String sha256, String format, String arch, String os,
            String type, Optional<String> interpreter, Optional<String> soname, List<String> needed,
            Optional<String> glibc, List<VerdictRecord> verdicts, Optional<Hardening> hardening, Optional<GoInfo> go,
            List<String> problems, Optional<OsPackage> owner) {
        this(path, size, mode, sha256, format, arch, os, type, interpreter, soname, needed, glibc, verdicts, hardening,
                go, problems, owner, List.of());
    }

    /** The verdict on one place, if the file was judged there. */
    public Optional<VerdictRecord> verdict(String place) {
        return verdicts.stream().filter(v -> v.place().equals(place)).findFirst();
    }
}

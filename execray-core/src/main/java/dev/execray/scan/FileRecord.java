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
 */
public record FileRecord(String path, long size, int mode, String sha256, String format, String arch, String os,
        String type, Optional<String> interpreter, Optional<String> soname, List<String> needed,
        Optional<String> glibc, List<VerdictRecord> verdicts, Optional<Hardening> hardening, Optional<GoInfo> go,
        List<String> problems, Optional<OsPackage> owner) {
    public FileRecord {
        needed = List.copyOf(needed);
        verdicts = List.copyOf(verdicts);
        problems = List.copyOf(problems);
    }

    /** The verdict on one place, if the file was judged there. */
    public Optional<VerdictRecord> verdict(String place) {
        return verdicts.stream().filter(v -> v.place().equals(place)).findFirst();
    }
}

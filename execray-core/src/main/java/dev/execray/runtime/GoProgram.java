package dev.execray.runtime;

import dev.execray.binary.BinaryFormatException;
import dev.execray.binary.ByteSource;
import dev.execray.binary.elf.ElfFile;
import dev.execray.golang.BuildInfoException;
import dev.execray.golang.BuildInfoReader;
import dev.execray.golang.GoVersion;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The program a capture will run: where it is, and which Go release built it (read, not run). */
public final class GoProgram {
    private GoProgram() {
    }

    /** The executable the name resolves to: a path if it has a slash, else the first match on PATH. */
    public static Optional<Path> resolve(String name) {
        if (name.contains("/")) {
            Path p = Path.of(name);
            return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
        }
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** The Go release recorded in an ELF executable's build info; empty for anything else. */
    public static Optional<GoVersion> goVersion(Path executable) {
        try {
            return BuildInfoReader.readOrRecover(ElfFile.read(ByteSource.open(executable))).version();
        } catch (IOException | BinaryFormatException | BuildInfoException e) {
            return Optional.empty();
        }
    }
}

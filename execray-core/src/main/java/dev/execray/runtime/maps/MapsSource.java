package dev.execray.runtime.maps;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** {@code runtime maps}' inputs: a running process's maps (or smaps), or a saved copy, attributed to their objects. */
public final class MapsSource {
    private MapsSource() {
    }

    /**
     * {@code target} as a process id (when it is all digits and names no file here: /proc/PID/maps, or smaps with
     * {@code smaps}, objects opened through the process) or as a saved maps or smaps file (objects of this machine).
     *
     * @throws IOException with the whole message to show, when there is no such process or file or it cannot be read
     */
    public static MapsReport read(String target, boolean smaps) throws IOException {
        if (target.chars().allMatch(Character::isDigit) && !Files.exists(Path.of(target))) {
            long pid = Long.parseLong(target);
            Path p = Path.of("/proc", target, smaps ? "smaps" : "maps");
            MapsSnapshot snap;
            try (InputStream in = Files.newInputStream(p)) {
                snap = MapsParser.parse(p.toString(), in);
            } catch (NoSuchFileException e) {
                throw new IOException("no process " + pid + " (" + p + " does not exist)");
            }
            return MapsAttribution.attribute(snap, MapsAttribution.liveProcess(pid), snap.kernelPageSize());
        }
        try {
            return saved(Path.of(target), target);
        } catch (NoSuchFileException e) {
            throw new IOException(target + ": no such file or directory (and not a running process id)");
        }
    }

    /** A saved maps or smaps file, named {@code source}, its objects those of this machine. */
    public static MapsReport saved(Path file, String source) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MapsSnapshot snap = MapsParser.parse(source, in);
            return MapsAttribution.attribute(snap, MapsAttribution.host(), snap.kernelPageSize());
        }
    }
}

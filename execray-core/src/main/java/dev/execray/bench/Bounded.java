package dev.execray.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** File helpers with limits: what a program writes is read up to a bound, never whole. */
final class Bounded {
    private Bounded() {
    }

    static String read(Path p, int max) throws IOException {
        try (InputStream in = Files.newInputStream(p)) {
            return new String(in.readNBytes(max), StandardCharsets.UTF_8);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}

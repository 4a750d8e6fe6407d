package dev.execray.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.execray.rootfs.Errno;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * An input named on the command line that cannot be read, in the one wording and the one shape every command
 * uses: {@code execray: PATH: no such file or directory} on standard error, and in JSON, where the result for
 * that input would have been, {@code {"path": PATH, "error": {"errno": "ENOENT", "message": "no such file or
 * directory"}}} (docs/json-schema.md, "Errors"). {@code errno} is absent when no errno fits (a malformed list, a
 * file that is no image).
 */
public record InputError(String path, Optional<Errno> errno, String message) {

    /** Why {@code file} is not a regular file this process can read, or empty when it is one. */
    public static Optional<InputError> checkRegularFile(String path, Path file) {
        if (!Files.exists(file)) {
            // a dangling symbolic link too: open(2) follows it and finds nothing
            return Optional.of(of(path, Errno.ENOENT));
        }
        if (Files.isDirectory(file)) {
            return Optional.of(of(path, Errno.EISDIR));
        }
        if (!Files.isRegularFile(file)) {
            return Optional.of(new InputError(path, Optional.empty(), "not a regular file"));
        }
        if (!Files.isReadable(file)) {
            return Optional.of(of(path, Errno.EACCES));
        }
        return Optional.empty();
    }

    /** The error an exception opening {@code path} stands for. */
    public static InputError of(String path, IOException e) {
        if (e instanceof NoSuchFileException) {
            return of(path, Errno.ENOENT);
        }
        if (e instanceof AccessDeniedException) {
            return of(path, Errno.EACCES);
        }
        if (e instanceof NotDirectoryException) {
            return of(path, Errno.ENOTDIR);
        }
        String m = e instanceof FileSystemException fs && fs.getReason() != null ? fs.getReason() : e.getMessage();
        if ("Is a directory".equals(m)) {
            return of(path, Errno.EISDIR);
        }
        return new InputError(path, Optional.empty(), m == null ? e.getClass().getSimpleName() : lower(m));
    }

    public static InputError of(String path, Errno errno) {
        return new InputError(path, Optional.of(errno), errno.goText());
    }

    /** The line for standard error, without the {@code execray: } prefix. */
    public String text() {
        return Escape.text(path) + ": " + Escape.text(message);
    }

    /** {@code {"errno": ..., "message": ...}}: the value of an {@code error} field. */
    public ObjectNode errorJson() {
        ObjectNode e = Json.object();
        errno.ifPresent(n -> e.put("errno", n.name()));
        e.put("message", message);
        return e;
    }

    /** {@code {"path": ..., "error": {...}}}: an input's place in a list of results. */
    public ObjectNode json() {
        ObjectNode o = Json.object();
        o.put("path", path);
        o.set("error", errorJson());
        return o;
    }

    /** Writes the {@code error} field's value with a streaming generator. */
    public void writeError(JsonGenerator g) throws IOException {
        g.writeStartObject();
        if (errno.isPresent()) {
            g.writeStringField("errno", errno.get().name());
        }
        g.writeStringField("message", message);
        g.writeEndObject();
    }

    private static String lower(String m) {
        // Java's exception texts start with a capital; the one wording is strerror's lower-case form
        return m.isEmpty() ? m : m.substring(0, 1).toLowerCase(Locale.ROOT) + m.substring(1);
    }
}

package dev.execray.place.ldconfig;

import dev.execray.binary.ByteSource;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * This machine's own {@code /}, read with java.nio. Identity is the real device and inode, so two
 * names of one library are one object, as the loader sees them.
 */
public final class HostLoaderFs implements LoaderFs {
    private static final HostLoaderFs INSTANCE = new HostLoaderFs();

    public static HostLoaderFs instance() {
        return INSTANCE;
    }

    private HostLoaderFs() {
    }

    @Override
    public String describe() {
        return "/";
    }

    @Override
    public Lookup lookup(String path) {
        if (path.isEmpty()) {
            return new Missing("ENOENT", "empty path");
        }
        Path p = Path.of(path);
        try {
            Map<String, Object> a = Files.readAttributes(p, "unix:mode,dev,ino,size,lastModifiedTime");
            int mode = (Integer) a.get("mode");
            int type = mode & 0170000;
            FileKind kind = type == 0100000 ? FileKind.REGULAR : type == 0040000 ? FileKind.DIRECTORY : FileKind.OTHER;
            long size = (Long) a.get("size");
            String identity = a.get("dev") + ":" + a.get("ino");
            String version = size + "@" + ((FileTime) a.get("lastModifiedTime")).toMillis();
            String canonical = p.toRealPath().toString();
            return new Found(canonical, kind, identity, version, size, mode & 07777);
        } catch (NoSuchFileException e) {
            return new Missing("ENOENT", "no such file or directory");
        } catch (NotDirectoryException e) {
            return new Missing("ENOTDIR", "a path component is not a directory");
        } catch (AccessDeniedException e) {
            return new Missing("EACCES", "permission denied");
        } catch (FileSystemException e) {
            String r = String.valueOf(e.getReason());
            if (r.contains("symbolic links")) {
                return new Missing("ELOOP", "too many levels of symbolic links");
            }
            if (r.contains("Not a directory")) {
                return new Missing("ENOTDIR", "a path component is not a directory");
            }
            return new Missing("EIO", r);
        } catch (IOException | UnsupportedOperationException e) {
            return new Missing("EIO", String.valueOf(e.getMessage()));
        }
    }

    @Override
    public ByteSource open(Found file) throws IOException {
        return ByteSource.map(Path.of(file.canonical()));
    }

    @Override
    public List<String> list(String directory) {
        List<String> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(Path.of(directory))) {
            s.forEach(p -> out.add(p.getFileName().toString()));
        } catch (IOException | java.io.UncheckedIOException | java.nio.file.InvalidPathException e) {
            // an unreadable directory lists nothing, as readdir failing does for the loaders
            return List.of();
        }
        Collections.sort(out);
        return out;
    }
}

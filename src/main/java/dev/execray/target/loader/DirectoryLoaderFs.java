package dev.execray.target.loader;

import dev.execray.binary.ByteSource;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A directory used as the root, with chroot semantics: absolute symlinks resolve inside it, {@code ..}
 * stops at it, at most 40 links are followed (ELOOP). The loader's own small path walk, used until it can
 * ask {@code rootfs.RootFs}; the answers are the same.
 */
public final class DirectoryLoaderFs implements LoaderFs {
    static final int MAX_LINKS = 40;
    private final Path root;

    private DirectoryLoaderFs(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public static DirectoryLoaderFs of(Path root) {
        return new DirectoryLoaderFs(root);
    }

    @Override
    public String describe() {
        return root.toString();
    }

    @Override
    public Lookup lookup(String path) {
        if (!path.startsWith("/")) {
            return new Missing("ENOENT", "relative path " + path);
        }
        Deque<String> todo = new ArrayDeque<>(split(path));
        List<String> done = new ArrayList<>();
        int links = 0;
        while (!todo.isEmpty()) {
            String c = todo.pollFirst();
            if (c.isEmpty() || c.equals(".")) {
                continue;
            }
            if (c.equals("..")) {
                if (!done.isEmpty()) {
                    done.remove(done.size() - 1);
                }
                continue;
            }
            Path here = resolve(done);
            if (!Files.isDirectory(here, LinkOption.NOFOLLOW_LINKS)) {
                return new Missing("ENOTDIR", "/" + String.join("/", done) + " is not a directory");
            }
            Path next = here.resolve(c);
            if (Files.isSymbolicLink(next)) {
                if (++links > MAX_LINKS) {
                    return new Missing("ELOOP", "too many levels of symbolic links");
                }
                String target;
                try {
                    target = Files.readSymbolicLink(next).toString();
                } catch (IOException e) {
                    return new Missing("EIO", e.getMessage());
                }
                List<String> t = split(target);
                for (int i = t.size() - 1; i >= 0; i--) {
                    todo.addFirst(t.get(i));
                }
                if (target.startsWith("/")) {
                    done.clear();
                }
                continue;
            }
            if (!Files.exists(next, LinkOption.NOFOLLOW_LINKS)) {
                return new Missing("ENOENT", "no such file or directory");
            }
            done.add(c);
        }
        Path p = resolve(done);
        try {
            Map<String, Object> a = Files.readAttributes(p, "unix:mode,dev,ino,size,lastModifiedTime",
                    LinkOption.NOFOLLOW_LINKS);
            int mode = (Integer) a.get("mode");
            int type = mode & 0170000;
            FileKind kind = type == 0100000 ? FileKind.REGULAR : type == 0040000 ? FileKind.DIRECTORY : FileKind.OTHER;
            long size = (Long) a.get("size");
            return new Found("/" + String.join("/", done), kind, a.get("dev") + ":" + a.get("ino"),
                    size + "@" + ((FileTime) a.get("lastModifiedTime")).toMillis(), size, mode & 07777);
        } catch (NoSuchFileException e) {
            return new Missing("ENOENT", "no such file or directory");
        } catch (AccessDeniedException e) {
            return new Missing("EACCES", "permission denied");
        } catch (IOException | RuntimeException e) {
            return new Missing("EIO", String.valueOf(e.getMessage()));
        }
    }

    private Path resolve(List<String> components) {
        Path p = root;
        for (String c : components) {
            p = p.resolve(c);
        }
        return p;
    }

    private static List<String> split(String path) {
        List<String> out = new ArrayList<>();
        for (String s : path.split("/")) {
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }

    @Override
    public ByteSource open(Found file) throws IOException {
        return ByteSource.map(resolve(split(file.canonical())));
    }

    @Override
    public List<String> list(String directory) {
        Lookup l = lookup(directory);
        if (!(l instanceof Found f) || !f.isDirectory()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(resolve(split(f.canonical())))) {
            s.forEach(x -> out.add(x.getFileName().toString()));
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
        Collections.sort(out);
        return out;
    }
}

package dev.execray.rootfs;

import dev.execray.binary.ByteSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A root file system held in memory, for tests and fuzzing: files, directories and symlinks by canonical path. */
public final class MemoryRoot implements RootFs {
    private record Node(FileType type, int mode, byte[] content, String target) {
    }

    private final Map<String, Node> nodes = new TreeMap<>();

    public MemoryRoot() {
        nodes.put("/", new Node(FileType.DIRECTORY, 0755, new byte[0], ""));
    }

    private void parents(String path) {
        int i = path.lastIndexOf('/');
        String parent = i <= 0 ? "/" : path.substring(0, i);
        if (!nodes.containsKey(parent)) {
            parents(parent);
            nodes.put(parent, new Node(FileType.DIRECTORY, 0755, new byte[0], ""));
        }
    }

    public MemoryRoot file(String path, byte[] content, int mode) {
        parents(path);
        nodes.put(path, new Node(FileType.REGULAR, mode, content.clone(), ""));
        return this;
    }

    public MemoryRoot dir(String path) {
        parents(path);
        nodes.put(path, new Node(FileType.DIRECTORY, 0755, new byte[0], ""));
        return this;
    }

    public MemoryRoot link(String path, String target) {
        parents(path);
        nodes.put(path, new Node(FileType.SYMLINK, 0777, new byte[0], target));
        return this;
    }

    private Node node(String canonical) throws RootFsException {
        Node n = nodes.get(canonical);
        if (n == null) {
            throw new RootFsException(Errno.ENOENT, canonical, "no such file or directory");
        }
        return n;
    }

    @Override
    public String describe() {
        return "memory:/";
    }

    @Override
    public FileStat lstat(String canonical) throws RootFsException {
        Node n = node(canonical);
        long size = n.type() == FileType.SYMLINK ? n.target().length() : n.content().length;
        return new FileStat(n.type(), n.mode(), 0, 0, size, Optional.of(canonical));
    }

    @Override
    public String readlink(String canonical) throws RootFsException {
        Node n = node(canonical);
        if (n.type() != FileType.SYMLINK) {
            throw new RootFsException(Errno.EINVAL, canonical, "not a symlink");
        }
        return n.target();
    }

    @Override
    public byte[] readHead(String canonical, int max) throws RootFsException {
        Node n = node(canonical);
        return Arrays.copyOf(n.content(), Math.min(max, n.content().length));
    }

    @Override
    public ByteSource open(String canonical) throws RootFsException {
        return ByteSource.of(node(canonical).content());
    }

    @Override
    public List<String> list(String canonical) throws RootFsException {
        node(canonical);
        String prefix = canonical.equals("/") ? "/" : canonical + "/";
        List<String> out = new ArrayList<>();
        for (String k : nodes.keySet()) {
            if (k.startsWith(prefix) && k.length() > prefix.length() && k.indexOf('/', prefix.length()) < 0) {
                out.add(k.substring(prefix.length()));
            }
        }
        return out;
    }
}

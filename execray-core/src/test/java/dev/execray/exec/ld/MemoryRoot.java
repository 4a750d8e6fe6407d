package dev.execray.exec.ld;

import dev.execray.binary.ByteSource;
import dev.execray.place.ldconfig.LoaderFs;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A root file system in memory for loader tests: files, directories and symlinks, with chroot semantics. */
final class MemoryRoot implements LoaderFs {
    private sealed interface Node permits File, Dir, Link {
    }

    private record File(byte[] bytes, int mode, int inode) implements Node {
    }

    private record Dir(int inode) implements Node {
    }

    private record Link(String target) implements Node {
    }

    private final Map<String, Node> nodes = new TreeMap<>();
    private final Map<String, Integer> opens = new HashMap<>();
    private int nextInode = 1;

    MemoryRoot() {
        nodes.put("/", new Dir(nextInode++));
    }

    MemoryRoot file(String path, byte[] bytes) {
        return file(path, bytes, 0644);
    }

    MemoryRoot file(String path, byte[] bytes, int mode) {
        parents(path);
        nodes.put(path, new File(bytes, mode, nextInode++));
        return this;
    }

    MemoryRoot text(String path, String text) {
        return file(path, text.getBytes(StandardCharsets.UTF_8));
    }

    MemoryRoot dir(String path) {
        parents(path);
        nodes.putIfAbsent(path, new Dir(nextInode++));
        return this;
    }

    MemoryRoot link(String path, String target) {
        parents(path);
        nodes.put(path, new Link(target));
        return this;
    }

    int opens(String canonical) {
        return opens.getOrDefault(canonical, 0);
    }

    private void parents(String path) {
        int i = path.indexOf('/', 1);
        while (i > 0) {
            nodes.putIfAbsent(path.substring(0, i), new Dir(nextInode++));
            i = path.indexOf('/', i + 1);
        }
    }

    @Override
    public String describe() {
        return "memory";
    }

    @Override
    public Lookup lookup(String path) {
        if (!path.startsWith("/")) {
            return new Missing("ENOENT", "relative");
        }
        List<String> todo = new ArrayList<>(List.of(path.substring(1).split("/")));
        List<String> done = new ArrayList<>();
        int links = 0;
        while (!todo.isEmpty()) {
            String c = todo.remove(0);
            if (c.isEmpty() || c.equals(".")) {
                continue;
            }
            if (c.equals("..")) {
                if (!done.isEmpty()) {
                    done.remove(done.size() - 1);
                }
                continue;
            }
            String cur = "/" + String.join("/", done);
            Node dirNode = nodes.get(cur);
            if (!(dirNode instanceof Dir)) {
                return new Missing("ENOTDIR", "not a directory");
            }
            String next = (cur.equals("/") ? "" : cur) + "/" + c;
            Node n = nodes.get(next);
            if (n == null) {
                return new Missing("ENOENT", "no such file");
            }
            if (n instanceof Link l) {
                if (++links > 40) {
                    return new Missing("ELOOP", "too many levels of symbolic links");
                }
                List<String> t = new ArrayList<>(List.of(l.target().split("/")));
                if (l.target().startsWith("/")) {
                    done.clear();
                }
                t.addAll(todo);
                todo = t;
                continue;
            }
            done.add(c);
        }
        String canonical = "/" + String.join("/", done);
        Node n = nodes.get(canonical);
        if (n instanceof File f) {
            return new Found(canonical, FileKind.REGULAR, "mem:" + f.inode(), "v", f.bytes().length, f.mode());
        }
        if (n instanceof Dir d) {
            return new Found(canonical, FileKind.DIRECTORY, "mem:" + d.inode(), "v", 0, 0755);
        }
        return new Missing("ENOENT", "no such file");
    }

    @Override
    public ByteSource open(Found file) {
        opens.merge(file.canonical(), 1, Integer::sum);
        return ByteSource.of(((File) nodes.get(file.canonical())).bytes());
    }

    @Override
    public List<String> list(String directory) {
        String prefix = directory.endsWith("/") ? directory : directory + "/";
        List<String> out = new ArrayList<>();
        for (String k : nodes.keySet()) {
            if (k.startsWith(prefix) && k.length() > prefix.length() && k.indexOf('/', prefix.length()) < 0) {
                out.add(k.substring(prefix.length()));
            }
        }
        return out;
    }

    /** A minimal ELF header with one program header slot, enough for the loaders' header checks. */
    static byte[] elfHeader(int elfClass, ByteOrder order, int machine, int type) {
        boolean is64 = elfClass == 2;
        int ehsize = is64 ? 64 : 52;
        int phent = is64 ? 56 : 32;
        ByteBuffer b = ByteBuffer.allocate(ehsize + phent).order(order);
        b.put(new byte[] {0x7f, 'E', 'L', 'F', (byte) elfClass, (byte) (order == ByteOrder.LITTLE_ENDIAN ? 1 : 2), 1, 0});
        b.put(new byte[8]);
        b.putShort((short) type).putShort((short) machine).putInt(1);
        if (is64) {
            b.putLong(0).putLong(64).putLong(0);
        } else {
            b.putInt(0).putInt(52).putInt(0);
        }
        b.putInt(0).putShort((short) ehsize).putShort((short) phent).putShort((short) 1).putShort((short) 0)
                .putShort((short) 0).putShort((short) 0);
        return b.array();
    }
}

package dev.execray.exec.ld;

import dev.execray.binary.ByteSource;
import dev.execray.place.ldconfig.LoaderFs;
import dev.execray.rootfs.FileStat;
import dev.execray.rootfs.RootFs;
import dev.execray.rootfs.RootFsException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A root for loader tests in a real temporary directory, read as {@link RootFs#directory} reads it (the loaders see
 * it through {@link #fs()}): chroot path resolution, symlinks and modes are the product's, not a test's. The one
 * addition is a count of opens per file, to check that files are read once.
 * The directory is removed when the JVM exits.
 */
final class TempRoot implements RootFs {
    private final Path dir;
    private final Map<String, Integer> opens = new HashMap<>();
    private RootFs view;

    TempRoot() {
        try {
            dir = Files.createTempDirectory("execray-ld-root");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
    }

    TempRoot file(String path, byte[] bytes) {
        return file(path, bytes, 0644);
    }

    TempRoot file(String path, byte[] bytes, int mode) {
        Path p = host(path);
        try {
            Files.createDirectories(p.getParent());
            Files.write(p, bytes);
            Files.setPosixFilePermissions(p, permissions(mode));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    TempRoot text(String path, String text) {
        return file(path, text.getBytes(StandardCharsets.UTF_8));
    }

    TempRoot dir(String path) {
        try {
            Files.createDirectories(host(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    TempRoot link(String path, String target) {
        Path p = host(path);
        try {
            Files.createDirectories(p.getParent());
            Files.deleteIfExists(p);
            Files.createSymbolicLink(p, Path.of(target));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    int opens(String canonical) {
        return opens.getOrDefault(canonical, 0);
    }

    private Path host(String path) {
        return dir.resolve(path.substring(1));
    }

    /** The loader's view of this root. */
    LoaderFs fs() {
        return LoaderFs.of(this);
    }

    private RootFs view() {
        if (view == null) {
            view = RootFs.directory(dir);
        }
        return view;
    }

    @Override
    public String describe() {
        return view().describe();
    }

    @Override
    public FileStat lstat(String canonical) throws RootFsException {
        return view().lstat(canonical);
    }

    @Override
    public String readlink(String canonical) throws RootFsException {
        return view().readlink(canonical);
    }

    @Override
    public byte[] readHead(String canonical, int max) throws RootFsException {
        return view().readHead(canonical, max);
    }

    @Override
    public ByteSource open(String canonical) throws RootFsException {
        opens.merge(canonical, 1, Integer::sum);
        return view().open(canonical);
    }

    @Override
    public List<String> list(String canonical) throws RootFsException {
        return view().list(canonical);
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> s = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = PosixFilePermission.values(); // OWNER_READ ... OTHERS_EXECUTE, high bit first
        for (int i = 0; i < 9; i++) {
            if ((mode & (1 << (8 - i))) != 0) {
                s.add(bits[i]);
            }
        }
        return s;
    }

    private static void delete(Path root) {
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
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

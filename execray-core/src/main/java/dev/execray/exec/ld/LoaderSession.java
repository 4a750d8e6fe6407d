package dev.execray.exec.ld;

import dev.execray.binary.BinaryFormatException;
import dev.execray.binary.ByteSource;
import dev.execray.place.ldconfig.LoaderFs;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * State shared by every load in one run against one root: what each path reaches, which directories
 * exist, and each file parsed once (keyed by file identity and version, so two names of one file share
 * one parse, and a changed file is parsed again). Resolving thousands of programs against one root costs
 * one parse per library. Not thread-safe: one session per thread.
 */
public final class LoaderSession {
    /** Files larger than this are not treated as loadable objects (no loader maps a 2 GiB library here). */
    static final int HEAD = 1024;

    private final LoaderFs fs;
    private final DynamicObjectReader reader;
    private final Map<String, LoaderFs.Lookup> lookups = new HashMap<>();
    private final Map<String, Boolean> directories = new HashMap<>();
    private final Map<String, OpenedFile> files = new HashMap<>();
    private final Map<String, java.util.Set<String>> boundBy = new HashMap<>();
    private final Map<String, Map<String, String>> versionsMetBy = new HashMap<>();
    /** Open-addressed table from a symbol's GNU hash to the file that last defined a name with that hash. */
    private int[] definerHashes = new int[1 << 14];
    private String[] definerFiles = new String[1 << 14];
    private int definers;
    private final Map<String, Map<DynamicObject, Object>> memo = new HashMap<>();
    private long parses;

    public LoaderSession(LoaderFs fs, DynamicObjectReader reader) {
        this.fs = fs;
        this.reader = reader;
    }

    public LoaderFs fs() {
        return fs;
    }

    /** How many files were parsed so far (each at most once). */
    public long parses() {
        return parses;
    }

    /** What {@code open(path)} reaches, remembered for the session. */
    public LoaderFs.Lookup lookup(String path) {
        LoaderFs.Lookup l = lookups.get(path);
        if (l == null) {
            l = fs.lookup(path);
            lookups.put(path, l);
        }
        return l;
    }

    /** Whether {@code dir} names a directory (what ld.so stats after a failed open in it). */
    public boolean isDirectory(String dir) {
        Boolean b = directories.get(dir);
        if (b == null) {
            b = lookup(dir.isEmpty() ? "." : dir) instanceof LoaderFs.Found f && f.isDirectory();
            directories.put(dir, b);
        }
        return b;
    }

    /**
     * The files whose definitions bound every reference of the file {@code identity} the last time it was
     * bound, or null if it has not been bound completely yet. If they are all loaded again, so is each
     * definition, and the binding need not be repeated.
     */
    public java.util.Set<String> boundBy(String identity) {
        return boundBy.get(identity);
    }

    public void rememberBoundBy(String identity, java.util.Set<String> definers) {
        boundBy.put(identity, java.util.Set.copyOf(definers));
    }

    /** The provider file of each required file name when every version requirement of {@code identity} was met. */
    public Map<String, String> versionsMetBy(String identity) {
        return versionsMetBy.get(identity);
    }

    public void rememberVersionsMetBy(String identity, Map<String, String> providers) {
        versionsMetBy.put(identity, Map.copyOf(providers));
    }

    /**
     * The file that last defined a symbol with this name's hash, or null: a guess the caller verifies
     * (a hash collision only costs a wrong guess).
     */
    public String lastDefiner(SymbolName name) {
        int mask = definerHashes.length - 1;
        int h = name.gnuHash();
        for (int i = mix(h) & mask; definerFiles[i] != null; i = (i + 1) & mask) {
            if (definerHashes[i] == h) {
                return definerFiles[i];
            }
        }
        return null;
    }

    public void rememberDefiner(SymbolName name, String identity) {
        if (2 * (definers + 1) > definerHashes.length) {
            int[] oldH = definerHashes;
            String[] oldF = definerFiles;
            definerHashes = new int[oldH.length * 2];
            definerFiles = new String[oldF.length * 2];
            definers = 0;
            for (int i = 0; i < oldH.length; i++) {
                if (oldF[i] != null) {
                    put(oldH[i], oldF[i]);
                }
            }
        }
        put(name.gnuHash(), identity);
    }

    private void put(int h, String identity) {
        int mask = definerHashes.length - 1;
        int i = mix(h) & mask;
        while (definerFiles[i] != null && definerHashes[i] != h) {
            i = (i + 1) & mask;
        }
        if (definerFiles[i] == null) {
            definers++;
        }
        definerHashes[i] = h;
        definerFiles[i] = identity;
    }

    private static int mix(int h) {
        return h ^ (h >>> 16) * 0x45d9f3b;
    }

    /** A value computed once per parsed object (e.g. the newest glibc version it requires). */
    @SuppressWarnings("unchecked")
    <T> T memo(String what, DynamicObject o, java.util.function.Function<DynamicObject, T> compute) {
        Map<DynamicObject, Object> m = memo.computeIfAbsent(what, k -> new java.util.IdentityHashMap<>());
        Object v = m.get(o);
        if (v == null) {
            v = compute.apply(o);
            m.put(o, v);
        }
        return (T) v;
    }

    /** A file's first bytes and, on demand, its parsed view; one per file identity and version. */
    public OpenedFile open(LoaderFs.Found file) {
        String key = file.identity() + "|" + file.version();
        OpenedFile o = files.get(key);
        if (o == null) {
            o = new OpenedFile(file);
            files.put(key, o);
        }
        return o;
    }

    /** One file as the loaders read it. */
    public final class OpenedFile {
        private final LoaderFs.Found file;
        private ByteSource bytes;
        private byte[] head;
        private String readError;
        private DynamicObject object;
        private String parseError;

        OpenedFile(LoaderFs.Found file) {
            this.file = file;
        }

        public LoaderFs.Found file() {
            return file;
        }

        /** Up to {@link #HEAD} bytes from the start, or empty when the file cannot be read. */
        public Optional<byte[]> head() {
            load();
            return Optional.ofNullable(head);
        }

        public Optional<String> readError() {
            load();
            return Optional.ofNullable(readError);
        }

        public long size() {
            load();
            return bytes == null ? 0 : bytes.size();
        }

        /** The parsed object; empty with {@link #parseError} when the parts a loader needs are unreadable. */
        public Optional<DynamicObject> object() {
            load();
            if (object == null && parseError == null && bytes != null) {
                try {
                    parses++;
                    object = reader.read(bytes, file.canonical());
                } catch (BinaryFormatException e) {
                    // only a malformed file is data; any other exception is a bug and reaches exit code 70
                    parseError = e.getMessage();
                }
            }
            return Optional.ofNullable(object);
        }

        public Optional<String> parseError() {
            object();
            return Optional.ofNullable(parseError);
        }

        private void load() {
            if (bytes != null || readError != null) {
                return;
            }
            try {
                bytes = fs.open(file);
                int n = (int) Math.min(HEAD, bytes.size());
                head = bytes.bytes(0, n, "ELF header");
            } catch (IOException | BinaryFormatException e) {
                readError = e.getMessage() == null ? e.toString() : e.getMessage();
            }
        }
    }
}

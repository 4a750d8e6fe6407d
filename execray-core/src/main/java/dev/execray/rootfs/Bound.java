package dev.execray.rootfs;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The bounds execray keeps on work an input can cause, each with its reason. Each can be raised for one run
 * with {@code --limit NAME=VALUE} (any command); an input that would exceed one is refused with
 * {@link BoundExceededException} (exit 3) rather than being worked through or crashing. The limits the kernel
 * itself has (PATH_MAX, NAME_MAX, 40 symlinks) are not here: they are facts of the simulated system, not ours.
 * docs/bounds.md lists them all.
 */
public enum Bound {
    /**
     * Path components walked in one lookup, symlink targets included. The kernel's own limits (40 links of at most
     * PATH_MAX bytes) allow ~84,000; no real path comes near a tenth of that, and each step costs a lookup.
     */
    WALK_COMPONENTS("walk-components", 8_192, "path components walked in one lookup"),
    /** Entries in all layers of one image: every entry of the merged tree is a node in memory. */
    IMAGE_ENTRIES("image-entries", 2_000_000, "entries in one image"),
    /** Bytes written to the temporary extraction cache for one image (real data only; sparse holes cost nothing). */
    UNPACKED_BYTES("unpacked-bytes", 16L << 30, "bytes unpacked from one image"),
    /** Size of one JSON document of image metadata (index, manifest, config): a few KB in practice. */
    JSON_BYTES("json-bytes", 16L << 20, "bytes of one image metadata JSON document"),
    /** Nesting depth of image metadata JSON: real configs nest 4 deep. */
    JSON_DEPTH("json-depth", 64, "nesting depth of image metadata JSON"),
    /** Length of one JSON string (an Env entry, a label): a few hundred bytes in practice. */
    JSON_STRING("json-string", 1L << 20, "characters in one image metadata JSON string");

    private static final AtomicLongArray VALUES = new AtomicLongArray(
            Arrays.stream(values()).mapToLong(b -> b.defaultValue).toArray());

    private final String key;
    private final long defaultValue;
    private final String what;

    Bound(String key, long defaultValue, String what) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.what = what;
    }

    public String key() {
        return key;
    }

    public long defaultValue() {
        return defaultValue;
    }

    /** What the bound counts, in words. */
    public String what() {
        return what;
    }

    /** The value in force for this process. */
    public long value() {
        return VALUES.get(ordinal());
    }

    /** Sets the value for this process (the command line's {@code --limit}). */
    public void set(long v) {
        if (v <= 0) {
            throw new IllegalArgumentException("limit " + key + " must be positive");
        }
        VALUES.set(ordinal(), v);
    }

    /** Back to the default (tests). */
    public void reset() {
        VALUES.set(ordinal(), defaultValue);
    }

    public static Optional<Bound> byKey(String key) {
        return Arrays.stream(values()).filter(b -> b.key.equals(key.toLowerCase(Locale.ROOT))).findFirst();
    }

    /**
     * Parses {@code NAME=VALUE} (VALUE with an optional k, m, g suffix, powers of 1024) and sets it.
     *
     * @throws IllegalArgumentException with a one-line message naming the known limits
     */
    public static void apply(String assignment) {
        int eq = assignment.indexOf('=');
        String known = String.join(", ", Arrays.stream(values()).map(Bound::key).toList());
        if (eq <= 0) {
            throw new IllegalArgumentException("--limit takes NAME=VALUE (names: " + known + ")");
        }
        Bound b = byKey(assignment.substring(0, eq))
                .orElseThrow(() -> new IllegalArgumentException("unknown limit '" + assignment.substring(0, eq)
                        + "' (names: " + known + ")"));
        String v = assignment.substring(eq + 1).trim().toLowerCase(Locale.ROOT);
        long mult = 1;
        if (v.endsWith("k") || v.endsWith("m") || v.endsWith("g")) {
            mult = v.endsWith("k") ? 1L << 10 : v.endsWith("m") ? 1L << 20 : 1L << 30;
            v = v.substring(0, v.length() - 1);
        }
        try {
            b.set(Math.multiplyExact(Long.parseLong(v), mult));
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("--limit " + b.key + ": '" + assignment.substring(eq + 1)
                    + "' is not a positive number");
        }
    }

    /** Throws if {@code amount} is over the bound; {@code context} says what was being read. */
    public void check(long amount, String context) {
        if (amount > value()) {
            throw new BoundExceededException(this, context);
        }
    }
}

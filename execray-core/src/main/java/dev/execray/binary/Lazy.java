package dev.execray.binary;

import java.util.Objects;
import java.util.function.Function;

/**
 * A view of a file read on first use and then kept: the one laziness and publication discipline of every
 * reader. The view is computed into a local and published once, through a volatile field, so a thread that
 * sees it sees it whole, and never sees a stand-in (an empty table) while it is being computed. The first
 * computation holds this holder's lock, so threads reading one file at once (scan reads files from several
 * threads) compute it once; afterwards a read is one volatile load. Views that need other views take their
 * holders in the order of their dependencies, which has no cycle.
 *
 * <p>The computation is passed at each call as a method of the owner that captures nothing
 * ({@code sections.get(this, ElfFile::readSections)}), so neither a call nor a file allocates a lambda.
 * A computation that throws publishes nothing; the next call tries again.
 */
public final class Lazy<T> {
    private volatile T value;

    public <O> T get(O owner, Function<? super O, ? extends T> compute) {
        T v = value;
        if (v == null) {
            synchronized (this) {
                v = value;
                if (v == null) {
                    v = Objects.requireNonNull(compute.apply(owner), "a view is never null");
                    value = v;
                }
            }
        }
        return v;
    }
}

package dev.execray.rootfs;

/**
 * An input would make execray do more work than a {@link Bound} allows. Unchecked because it can arise deep in a
 * walk or an unpack, far from any code that could do better than stop; the command line turns it into exit 3 and
 * one line naming the bound and how to raise it.
 */
public final class BoundExceededException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Bound bound;

    public BoundExceededException(Bound bound, String context) {
        super(context.replace("\r", "\\r").replace("\n", "\\n") + ": more than the " + bound.value() + " " + bound.what() + " allowed (bound " + bound.key()
                + "; raise it with --limit " + bound.key() + "=N)");
        this.bound = bound;
    }

    public Bound bound() {
        return bound;
    }
}

package dev.execray.golang;

/**
 * Why no build info could be read, in debug/buildinfo's words so that {@code go version -m} output can be
 * reproduced: "not a Go executable", "unrecognized file format", or a ParseBuildInfo error.
 */
public final class BuildInfoException extends Exception {
    private static final long serialVersionUID = 1L;

    /** The class of failure, matching debug/buildinfo's error values. */
    public enum Kind {
        NOT_GO("not a Go executable"),
        UNRECOGNIZED("unrecognized file format"),
        PARSE(""),
        /** ReadData failed with an address outside the file (debug/buildinfo returns errUnrecognizedFormat). */
        UNMAPPED("unrecognized file format");

        private final String goText;

        Kind(String goText) {
            this.goText = goText;
        }

        public String goText() {
            return goText;
        }
    }

    private final Kind kind;
    private final String detail;

    public BuildInfoException(Kind kind, String detail) {
        super(kind == Kind.PARSE ? detail : kind.goText() + (detail.isEmpty() ? "" : " (" + detail + ")"));
        this.kind = kind;
        this.detail = detail;
    }

    public Kind kind() {
        return kind;
    }

    /** The text Go prints after "could not read Go build info from FILE: ". */
    public String goMessage() {
        return kind == Kind.PARSE ? detail : kind.goText();
    }

    /** execray's own explanation, more specific than Go's. */
    public String detail() {
        return detail;
    }
}

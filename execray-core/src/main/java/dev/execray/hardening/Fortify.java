package dev.execray.hardening;

/**
 * FORTIFY_SOURCE: {@code fortified} counts the dynamic symbols that are checked variants ({@code __memcpy_chk})
 * known to the C library, {@code unchecked} those that are plain calls to a function the C library has a checked
 * variant of ({@code memcpy}); {@code fortifiable} is their sum, as checksec counts it.
 *
 * @param any whether some dynamic symbol ends in {@code _chk} (checksec's "FORTIFY" yes/no)
 */
public record Fortify(boolean any, int fortified, int unchecked) {
    public int fortifiable() {
        return fortified + unchecked;
    }
}

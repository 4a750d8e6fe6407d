package dev.execray.runtime.trace;

/** How the runtime printed floats on a line (gcpacertrace): a release marker in its own right. */
public enum FloatStyle {
    /** {@code +1.823568e+000}: the runtime's own printfloat, go1.25 and older. */
    RUNTIME_EXPONENT,
    /** {@code 0.25}, {@code 1e+21}: strconv's shortest form, go1.26 and newer. */
    SHORTEST
}

package dev.execray.runtime.trace;

/** How a scheddetail line spells an absent P, M or G: go1.19 and older print -1, go1.21 and newer nil. */
public enum IdStyle {
    MINUS_ONE,
    NIL,
    /** Every id on the line was present, so the line does not tell. */
    UNDETERMINED
}

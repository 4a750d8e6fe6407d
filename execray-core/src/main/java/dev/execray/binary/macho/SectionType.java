package dev.execray.binary.macho;

import java.util.Optional;

/** The type in the low byte of a section's flags (S_*, mach-o/loader.h). */
public enum SectionType {
    REGULAR(0x0),
    ZEROFILL(0x1),
    CSTRING_LITERALS(0x2),
    FOUR_BYTE_LITERALS(0x3),
    EIGHT_BYTE_LITERALS(0x4),
    LITERAL_POINTERS(0x5),
    NON_LAZY_SYMBOL_POINTERS(0x6),
    LAZY_SYMBOL_POINTERS(0x7),
    SYMBOL_STUBS(0x8),
    MOD_INIT_FUNC_POINTERS(0x9),
    MOD_TERM_FUNC_POINTERS(0xa),
    COALESCED(0xb),
    GB_ZEROFILL(0xc),
    INTERPOSING(0xd),
    SIXTEEN_BYTE_LITERALS(0xe),
    DTRACE_DOF(0xf),
    LAZY_DYLIB_SYMBOL_POINTERS(0x10),
    THREAD_LOCAL_REGULAR(0x11),
    THREAD_LOCAL_ZEROFILL(0x12),
    THREAD_LOCAL_VARIABLES(0x13),
    THREAD_LOCAL_VARIABLE_POINTERS(0x14),
    THREAD_LOCAL_INIT_FUNCTION_POINTERS(0x15),
    INIT_FUNC_OFFSETS(0x16);

    private final int value;

    SectionType(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }

    public String specName() {
        return switch (this) {
            case FOUR_BYTE_LITERALS -> "S_4BYTE_LITERALS";
            case EIGHT_BYTE_LITERALS -> "S_8BYTE_LITERALS";
            case SIXTEEN_BYTE_LITERALS -> "S_16BYTE_LITERALS";
            default -> "S_" + name();
        };
    }

    public boolean isZeroFill() {
        return this == ZEROFILL || this == GB_ZEROFILL || this == THREAD_LOCAL_ZEROFILL;
    }

    public static Optional<SectionType> of(long flags) {
        int v = (int) (flags & 0xff);
        for (SectionType t : values()) {
            if (t.value == v) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    public static String describe(long flags) {
        return of(flags).map(SectionType::specName).orElse(String.format("unknown(0x%x)", flags & 0xff));
    }
}

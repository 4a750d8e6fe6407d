package dev.execray.binary.macho;

import java.util.Optional;

/**
 * Load command numbers (LC_*, mach-o/loader.h), including the LC_REQ_DYLD bit where the header
 * defines it: dyld refuses a file with a command it does not know that carries that bit.
 */
public enum LoadCommandType {
    SEGMENT(0x1),
    SYMTAB(0x2),
    SYMSEG(0x3),
    THREAD(0x4),
    UNIXTHREAD(0x5),
    LOADFVMLIB(0x6),
    IDFVMLIB(0x7),
    IDENT(0x8),
    FVMFILE(0x9),
    PREPAGE(0xa),
    DYSYMTAB(0xb),
    LOAD_DYLIB(0xc),
    ID_DYLIB(0xd),
    LOAD_DYLINKER(0xe),
    ID_DYLINKER(0xf),
    PREBOUND_DYLIB(0x10),
    ROUTINES(0x11),
    SUB_FRAMEWORK(0x12),
    SUB_UMBRELLA(0x13),
    SUB_CLIENT(0x14),
    SUB_LIBRARY(0x15),
    TWOLEVEL_HINTS(0x16),
    PREBIND_CKSUM(0x17),
    LOAD_WEAK_DYLIB(0x18 | LoadCommandType.REQ_DYLD),
    SEGMENT_64(0x19),
    ROUTINES_64(0x1a),
    UUID(0x1b),
    RPATH(0x1c | LoadCommandType.REQ_DYLD),
    CODE_SIGNATURE(0x1d),
    SEGMENT_SPLIT_INFO(0x1e),
    REEXPORT_DYLIB(0x1f | LoadCommandType.REQ_DYLD),
    LAZY_LOAD_DYLIB(0x20),
    ENCRYPTION_INFO(0x21),
    DYLD_INFO(0x22),
    DYLD_INFO_ONLY(0x22 | LoadCommandType.REQ_DYLD),
    LOAD_UPWARD_DYLIB(0x23 | LoadCommandType.REQ_DYLD),
    VERSION_MIN_MACOSX(0x24),
    VERSION_MIN_IPHONEOS(0x25),
    FUNCTION_STARTS(0x26),
    DYLD_ENVIRONMENT(0x27),
    MAIN(0x28 | LoadCommandType.REQ_DYLD),
    DATA_IN_CODE(0x29),
    SOURCE_VERSION(0x2a),
    DYLIB_CODE_SIGN_DRS(0x2b),
    ENCRYPTION_INFO_64(0x2c),
    LINKER_OPTION(0x2d),
    LINKER_OPTIMIZATION_HINT(0x2e),
    VERSION_MIN_TVOS(0x2f),
    VERSION_MIN_WATCHOS(0x30),
    NOTE(0x31),
    BUILD_VERSION(0x32),
    DYLD_EXPORTS_TRIE(0x33 | LoadCommandType.REQ_DYLD),
    DYLD_CHAINED_FIXUPS(0x34 | LoadCommandType.REQ_DYLD),
    FILESET_ENTRY(0x35 | LoadCommandType.REQ_DYLD),
    ATOM_INFO(0x36);

    public static final int REQ_DYLD = 0x80000000;

    private final int value;

    LoadCommandType(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }

    public String specName() {
        return "LC_" + name();
    }

    public static Optional<LoadCommandType> of(long cmd) {
        for (LoadCommandType t : values()) {
            if ((t.value & 0xffffffffL) == cmd) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** The spec name, or {@code LC_0x...} with the LC_REQ_DYLD bit spelled out for an unknown number. */
    public static String describe(long cmd) {
        return of(cmd).map(LoadCommandType::specName).orElseGet(() -> (cmd & 0x80000000L) != 0
                ? String.format("LC_REQ_DYLD|0x%x", cmd & 0x7fffffffL)
                : String.format("LC_0x%x", cmd));
    }
}

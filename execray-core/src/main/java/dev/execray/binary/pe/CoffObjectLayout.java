package dev.execray.binary.pe;

/**
 * The two layouts of a bare COFF object. The classic one has the 20-byte IMAGE_FILE_HEADER, 18-byte symbol
 * records and 16-bit section numbers; /bigobj (what cl.exe /bigobj writes, and LLVM and GNU as when an object has
 * more than 65,279 sections) has the 56-byte ANON_OBJECT_HEADER_BIGOBJ, 20-byte symbol records and 32-bit
 * section numbers. Section table, relocations and string table are the same in both.
 */
public enum CoffObjectLayout {
    CLASSIC(CoffHeader.SIZE, CoffSymbol.SIZE),
    BIG_OBJ(56, 20);

    /** ANON_OBJECT_HEADER_BIGOBJ.ClassID: tells a bigobj from a short import header (LLVM's BigObjMagic). */
    static final byte[] BIG_OBJ_CLASS_ID = {(byte) 0xc7, (byte) 0xa1, (byte) 0xba, (byte) 0xd1, (byte) 0xee,
        (byte) 0xba, (byte) 0xa9, 0x4b, (byte) 0xaf, 0x20, (byte) 0xfa, (byte) 0xf6, 0x6a, (byte) 0xa4, (byte) 0xdc,
        (byte) 0xb8};
    /** Offset of ClassID in ANON_OBJECT_HEADER_BIGOBJ (after Sig1, Sig2, Version, Machine, TimeDateStamp). */
    static final int CLASS_ID_OFFSET = 12;
    /** LLVM's COFF::BigObjHeader::MinBigObjectVersion: version 1 headers are anonymous objects of another kind. */
    static final int MIN_BIG_OBJ_VERSION = 2;

    private final int headerSize;
    private final int symbolSize;

    CoffObjectLayout(int headerSize, int symbolSize) {
        this.headerSize = headerSize;
        this.symbolSize = symbolSize;
    }

    public int headerSize() {
        return headerSize;
    }

    public int symbolSize() {
        return symbolSize;
    }

    /**
     * Whether {@code head} starts like a bigobj: Sig1 0 (IMAGE_FILE_MACHINE_UNKNOWN), Sig2 0xffff and the bigobj
     * ClassID, which is what LLVM's identify_magic looks at (the version is checked when reading).
     */
    static boolean startsBigObj(byte[] head) {
        if (head.length < CLASS_ID_OFFSET + BIG_OBJ_CLASS_ID.length || head[0] != 0 || head[1] != 0
                || head[2] != (byte) 0xff || head[3] != (byte) 0xff) {
            return false;
        }
        for (int i = 0; i < BIG_OBJ_CLASS_ID.length; i++) {
            if (head[CLASS_ID_OFFSET + i] != BIG_OBJ_CLASS_ID[i]) {
                return false;
            }
        }
        return true;
    }
}

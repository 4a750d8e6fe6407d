package dev.execray.binary.elf;

import java.nio.ByteOrder;

/** EI_DATA: the byte order of every multi-byte field after e_ident. */
public enum ElfData {
    LSB(1, "lsb", ByteOrder.LITTLE_ENDIAN, "2's complement, little endian"),
    MSB(2, "msb", ByteOrder.BIG_ENDIAN, "2's complement, big endian");

    private final int value;
    private final String jsonName;
    private final ByteOrder order;
    private final String readelfName;

    ElfData(int value, String jsonName, ByteOrder order, String readelfName) {
        this.value = value;
        this.jsonName = jsonName;
        this.order = order;
        this.readelfName = readelfName;
    }

    public int value() {
        return value;
    }

    public String jsonName() {
        return jsonName;
    }

    public ByteOrder order() {
        return order;
    }

    public String readelfName() {
        return readelfName;
    }
}

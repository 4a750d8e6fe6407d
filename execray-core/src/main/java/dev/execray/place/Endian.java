package dev.execray.place;

import java.nio.ByteOrder;

/** Byte order of a CPU: the order in which the kernel reads every multi-byte ELF field. */
public enum Endian {
    LITTLE(ByteOrder.LITTLE_ENDIAN, "LSB"),
    BIG(ByteOrder.BIG_ENDIAN, "MSB");

    private final ByteOrder order;
    private final String elfName;

    Endian(ByteOrder order, String elfName) {
        this.order = order;
        this.elfName = elfName;
    }

    public ByteOrder order() {
        return order;
    }

    /** LSB or MSB, as file(1) and readelf say. */
    public String elfName() {
        return elfName;
    }
}

package dev.execray.binary.elf;

import java.util.List;

/** A named value from the ELF specification or a vendor extension of it. */
public interface ElfConstant {
    /** The numeric value as stored in the file. */
    long value();

    /** The name GNU readelf prints for this value. */
    String readelfName();

    /** The machines on which the value has this meaning; empty when it means the same on every machine. */
    default List<ElfMachine> machines() {
        return List.of();
    }
}

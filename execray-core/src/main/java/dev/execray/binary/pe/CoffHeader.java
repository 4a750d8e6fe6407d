package dev.execray.binary.pe;

import dev.execray.binary.SpecFlag;
import java.util.List;

/** The COFF file header that follows the {@code PE\0\0} signature. */
public record CoffHeader(int machine, int numberOfSections, long timeDateStamp, long pointerToSymbolTable,
        long numberOfSymbols, int sizeOfOptionalHeader, int characteristics) {
    public static final int SIZE = 20;

    public List<CoffCharacteristic> characteristicFlags() {
        return SpecFlag.decode(CoffCharacteristic.values(), characteristics);
    }

    public boolean has(CoffCharacteristic c) {
        return (characteristics & c.mask()) != 0;
    }

    public String machineName() {
        return PeMachine.describe(machine);
    }
}

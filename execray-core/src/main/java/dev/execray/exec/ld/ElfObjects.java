package dev.execray.exec.ld;

import dev.execray.binary.BinaryFormatException;
import dev.execray.place.ldconfig.LoaderArch;
import java.nio.ByteOrder;

/** Reads loader views of ELF files, with the relocation types of each file's own architecture. */
public final class ElfObjects {
    private ElfObjects() {
    }

    public static DynamicObjectReader reader() {
        return (bytes, path) -> {
            if (bytes.size() < 20) {
                throw new BinaryFormatException("ELF header", 0, path + " is too short for an ELF header");
            }
            int cls = bytes.u8(4, "e_ident");
            ByteOrder order = bytes.u8(5, "e_ident") == 2 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
            int machine = bytes.withOrder(order).u16(18, "e_machine");
            long flags = 0;
            try {
                flags = bytes.withOrder(order).u32(cls == 2 ? 48 : 36, "e_flags");
            } catch (BinaryFormatException e) {
                // a short header still has a machine; flags only refine ARM and PowerPC
            }
            LoaderArch arch = LoaderArch.of(cls, order, machine, flags).orElse(null);
            int plt = arch == null ? -1 : arch.pltRelocType();
            int copy = arch == null ? -1 : arch.copyRelocType();
            return ElfDynamicObject.read(bytes, plt, copy);
        };
    }
}

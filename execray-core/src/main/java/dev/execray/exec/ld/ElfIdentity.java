package dev.execray.exec.ld;

import dev.execray.binary.elf.ElfClass;
import dev.execray.binary.elf.ElfData;
import dev.execray.binary.elf.ElfType;
import java.nio.ByteOrder;

/**
 * The ELF identification fields a loader checks before it maps a file: class (32/64), data encoding,
 * version, OS ABI and ABI version, type, machine and the e_flags some machines compare. The values are
 * the raw numbers the loader compares (a corrupt file can hold any); their meanings come from
 * {@code binary.elf}'s enums.
 */
public record ElfIdentity(int elfClass, int data, int identVersion, int osAbi, int abiVersion, boolean paddingZero,
                          int type, int machine, long eFlags, int eVersion, int phentsize) {

    public String className() {
        return elfClass == ElfClass.ELF64.value() ? "ELFCLASS64"
                : elfClass == ElfClass.ELF32.value() ? "ELFCLASS32" : "ELFCLASS?" + elfClass;
    }

    /** ET_EXEC: a fixed-address executable. */
    public boolean isExec() {
        return type == ElfType.EXEC.value();
    }

    /** ET_DYN: a shared object or a position-independent executable. */
    public boolean isDyn() {
        return type == ElfType.DYN.value();
    }

    /** The byte order EI_DATA names (anything but ELFDATA2MSB is read little-endian, as before). */
    public ByteOrder order() {
        return data == ElfData.MSB.value() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    }
}

package dev.execray.hardening;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.execray.binary.BinaryFile;
import dev.execray.binary.BinaryFormatException;
import dev.execray.binary.ByteSource;
import dev.execray.binary.elf.ElfFile;
import java.util.Optional;

/** Any bytes as a file to rate: the hardening view either refuses through the reader or answers every column. */
class HardeningFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void anyBytesAsAFile(byte[] input) {
        BinaryFile bin;
        try {
            bin = BinaryFile.read(ByteSource.of(input));
        } catch (BinaryFormatException e) {
            return;
        }
        Optional<Hardening> h;
        try {
            h = HardeningCheck.of(bin, FortifyCatalogue.GLIBC_2_36);
        } catch (BinaryFormatException e) {
            return; // a table the header promised is out of bounds: reported by the reader, as a scan records it
        }
        h.ifPresent(Hardening::missing);
        if (bin instanceof BinaryFile.Elf e) {
            try {
                FortifyCatalogue.of(e.elf(), "fuzz").checked();
            } catch (BinaryFormatException ex) {
                // as above
            }
        }
    }

    /** The same over ELF headers: most random inputs stop at the magic, these go deeper. */
    @FuzzTest(maxDuration = "30s")
    void anyBytesAfterAnElfMagic(byte[] input) {
        byte[] b = new byte[input.length + 4];
        b[0] = 0x7f;
        b[1] = 'E';
        b[2] = 'L';
        b[3] = 'F';
        System.arraycopy(input, 0, b, 4, input.length);
        try {
            ElfFile elf = ElfFile.read(ByteSource.of(b));
            HardeningCheck.elf(elf, FortifyCatalogue.GLIBC_2_36).missing();
        } catch (BinaryFormatException e) {
            // refused through the reader
        }
    }
}

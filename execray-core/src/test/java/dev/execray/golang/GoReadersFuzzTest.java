package dev.execray.golang;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.execray.binary.BinaryFormatException;
import dev.execray.binary.ByteSource;
import dev.execray.binary.ExecutableImage;
import dev.execray.binary.ImageSection;

/** Jazzer targets for the Go readers: any bytes give a result or a described error, nothing else. */
class GoReadersFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void buildInfo(byte[] data) {
        try {
            ExecutableImage image = GoImages.open(ByteSource.of(data));
            BuildInfoReader.readOrRecover(image);
        } catch (BinaryFormatException | BuildInfoException e) {
            // described errors are the expected outcome for most inputs
        }
    }

    @FuzzTest(maxDuration = "30s")
    void pclntab(byte[] data) {
        try {
            HostileInputTest.FlatImage img = HostileInputTest.FlatImage.of(data,
                    new ImageSection(".gopclntab", 0x1000, data.length, 0, data.length));
            PclntabReader.read(img);
        } catch (BinaryFormatException e) {
            // expected for malformed tables
        }
    }

    @FuzzTest(maxDuration = "30s")
    void modinfo(byte[] data) {
        try {
            ModuleInfo m = ModinfoParser.parse(GoStrconv.bytes(data));
            ModinfoParser.parse(m.toGoString());
        } catch (ModinfoParser.ModinfoException e) {
            // Go rejects the same inputs
        }
    }
}

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

    /** Any format, wasm included (its table is read from a rebuilt linear memory, bounded by the data present). */
    @FuzzTest(maxDuration = "30s")
    void functionTable(byte[] data) {
        try {
            PclntabReader.read(GoImages.open(ByteSource.of(data)));
        } catch (BinaryFormatException e) {
            // described errors are the expected outcome for most inputs
        }
    }

    /** The lean ELF reader of go --modinfo never throws and never disagrees with the general reader. */
    @FuzzTest(maxDuration = "30s")
    void elfBuildInfoScan(byte[] data) throws java.io.IOException {
        java.nio.file.Path f = java.nio.file.Files.createTempFile("execray-fuzz", ".elf");
        try {
            java.nio.file.Files.write(f, data);
            for (BuildInfoReader.Dialect d : BuildInfoReader.Dialect.values()) {
                ElfBuildInfoScan.Outcome o;
                try (java.io.RandomAccessFile r = new java.io.RandomAccessFile(f.toFile(), "r")) {
                    o = ElfBuildInfoScan.read(r, r.length(), d);
                }
                if (o instanceof ElfBuildInfoScan.Unsure) {
                    continue;
                }
                Object general;
                try {
                    general = BuildInfoReader.read(GoImages.open(ByteSource.of(data)), d);
                } catch (BuildInfoException | BinaryFormatException e) {
                    general = "failed";
                }
                if (o instanceof ElfBuildInfoScan.Found found) {
                    org.assertj.core.api.Assertions.assertThat(general).isEqualTo(found.info());
                } else {
                    org.assertj.core.api.Assertions.assertThat(general).isEqualTo("failed");
                }
            }
        } finally {
            java.nio.file.Files.deleteIfExists(f);
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

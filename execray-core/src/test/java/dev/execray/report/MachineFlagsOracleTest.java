package dev.execray.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.execray.binary.ByteSource;
import dev.execray.binary.ForeignExecutables;
import dev.execray.binary.elf.ElfFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * readelf -h's "Flags:" line for MIPS (both byte orders, EM_MIPS and EM_MIPS_RS3_LE), SPARC v9, AVR and LoongArch:
 * (a) objects clang-14 builds for those targets with a spread of -march/-mmcu options, (b) minimal ELF headers
 * crafted here for every value of each flag field and seeded random combinations, so every decoded bit and field
 * value is compared, including the "unknown" ones. readelf is the oracle for both.
 */
@Tag("oracle")
class MachineFlagsOracleTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    @Test
    void flagsLinesAgreeWithReadelf(@TempDir Path dir) throws Exception {
        assertThat(ForeignExecutables.available("readelf")).as("readelf is not installed: apt-get install binutils")
                .isTrue();
        assertThat(ForeignExecutables.available("clang-14")).as("clang-14 is not installed: apt-get install clang-14")
                .isTrue();
        List<Path> files = new ArrayList<>();
        Path src = Files.writeString(dir.resolve("f.c"), "int g; int f(int x) { return x + g; }\n");
        Map<String, List<String>> builds = new LinkedHashMap<>();
        for (String t : List.of("mips-linux-gnu", "mipsel-linux-gnu", "mips64-linux-gnuabi64",
                "mips64el-linux-gnuabi64", "mipsisa32r6-linux-gnu", "mipsisa64r6el-linux-gnuabi64")) {
            builds.put(t, List.of("--target=" + t));
        }
        for (String march : List.of("mips1", "mips2", "mips3", "mips4", "mips32", "mips32r2", "mips64", "mips64r2",
                "octeon", "octeon+", "p5600")) {
            builds.put("mips-" + march, List.of("--target=mips64-linux-gnuabi64", "-march=" + march));
        }
        builds.put("mips-micromips", List.of("--target=mips-linux-gnu", "-mmicromips"));
        builds.put("mips-fp64", List.of("--target=mips-linux-gnu", "-mfp64", "-mips32r2"));
        builds.put("mips-n32", List.of("--target=mips64-linux-gnuabin32"));
        builds.put("mips-nopic", List.of("--target=mips-linux-gnu", "-fno-pic", "-mno-abicalls"));
        builds.put("sparcv9", List.of("--target=sparcv9-linux-gnu", "-fintegrated-as"));
        for (String mcu : List.of("at90s8515", "attiny13", "atmega103", "atmega8", "atmega328p", "atmega2560",
                "atxmega128a1", "attiny10", "atmega16u2", "attiny167", "atxmega32a4")) {
            builds.put("avr-" + mcu, List.of("--target=avr", "-mmcu=" + mcu));
        }
        int built = 0;
        for (Map.Entry<String, List<String>> b : builds.entrySet()) {
            Path o = dir.resolve("real-" + b.getKey() + ".o");
            List<String> cmd = new ArrayList<>(List.of("clang-14", "-c", "-O1"));
            cmd.addAll(b.getValue());
            cmd.addAll(List.of(src.toString(), "-o", o.toString()));
            ForeignExecutables.run(cmd, TIMEOUT);
            if (Files.exists(o)) {
                files.add(o);
                built++;
            }
        }
        Random r = new Random(18);
        List<long[]> crafted = new ArrayList<>(); // {machine, is64, bigEndian, flags}
        for (int m : new int[] {8, 10}) {
            for (int bit = 0; bit < 32; bit++) {
                crafted.add(new long[] {m, 0, 1, 1L << bit});
            }
            for (int mach = 0; mach < 256; mach++) {
                crafted.add(new long[] {m, 0, m == 8 ? 1 : 0, (long) mach << 16 | 0x1007});
            }
            for (int v = 0; v < 16; v++) {
                crafted.add(new long[] {m, 1, 1, (long) v << 12 | 1});
                crafted.add(new long[] {m, 0, 0, (long) v << 28 | 2});
            }
            for (int i = 0; i < 200; i++) {
                crafted.add(new long[] {m, r.nextInt(2), r.nextInt(2), r.nextInt() & 0xffffffffL});
            }
        }
        for (int bit = 0; bit < 32; bit++) {
            crafted.add(new long[] {43, 1, 1, 1L << bit});
        }
        for (int i = 0; i < 100; i++) {
            crafted.add(new long[] {43, 1, 1, r.nextInt() & 0xffffffffL});
        }
        for (int v = 0; v < 256; v++) {
            crafted.add(new long[] {83, 0, 0, v});
            crafted.add(new long[] {258, 1, 0, v});
        }
        for (int i = 0; i < 100; i++) {
            crafted.add(new long[] {83, 0, 0, r.nextInt() & 0xffffffffL});
            crafted.add(new long[] {258, 1, 0, r.nextInt() & 0xffffffffL});
        }
        for (int i = 0; i < crafted.size(); i++) {
            long[] c = crafted.get(i);
            files.add(Files.write(dir.resolve("crafted-" + i), header((int) c[0], c[1] == 1, c[2] == 1, c[3])));
        }
        List<String> cmd = new ArrayList<>(List.of("readelf", "-h"));
        files.forEach(f -> cmd.add(f.toString()));
        List<String> expected = new ArrayList<>();
        String file = "";
        for (String line : ForeignExecutables.run(cmd, TIMEOUT).lines().toList()) {
            if (line.startsWith("File: ")) {
                file = line.substring(6);
            } else if (line.trim().startsWith("Flags:")) {
                expected.add(Path.of(file).getFileName() + " " + line.trim().replaceFirst("^Flags:\\s+", ""));
            }
        }
        List<String> actual = new ArrayList<>();
        for (Path f : files) {
            ElfFile elf = ElfFile.read(ByteSource.of(Files.readAllBytes(f)));
            actual.add(f.getFileName() + " 0x" + Long.toHexString(elf.header().flags())
                    + ReadelfText.machineFlags(elf.header()));
        }
        int agree = 0;
        List<String> disagreements = new ArrayList<>();
        for (int i = 0; i < Math.max(expected.size(), actual.size()); i++) {
            String e = i < expected.size() ? expected.get(i) : "(none)";
            String a = i < actual.size() ? actual.get(i) : "(none)";
            if (e.equals(a)) {
                agree++;
            } else if (disagreements.size() < 20) {
                disagreements.add("readelf: " + e + " | execray: " + a);
            }
        }
        String report = "oracle readelf -h Flags: " + agree + "/" + files.size() + " files agree (" + built
                + " built by clang-14, " + crafted.size() + " crafted headers)";
        System.out.println(report);
        disagreements.forEach(d -> System.out.println("  disagree: " + d));
        assertThat(disagreements).as(report).isEmpty();
        assertThat(expected).as(report).hasSize(files.size());
        assertThat(built).as(report).isGreaterThanOrEqualTo(25);
        assertThat(agree).as(report).isGreaterThanOrEqualTo(1900);
    }

    /** A relocatable ELF header alone: no program or section headers. */
    private static byte[] header(int machine, boolean is64, boolean bigEndian, long flags) {
        int size = is64 ? 64 : 52;
        ByteBuffer b = ByteBuffer.allocate(size).order(bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {0x7f, 'E', 'L', 'F', (byte) (is64 ? 2 : 1), (byte) (bigEndian ? 2 : 1), 1, 0});
        b.position(16);
        b.putShort((short) 1).putShort((short) machine).putInt(1);
        if (is64) {
            b.putLong(0).putLong(0).putLong(0);
        } else {
            b.putInt(0).putInt(0).putInt(0);
        }
        b.putInt((int) flags).putShort((short) size).putShort((short) 0).putShort((short) 0)
                .putShort((short) 0).putShort((short) 0).putShort((short) 0);
        return b.array();
    }
}

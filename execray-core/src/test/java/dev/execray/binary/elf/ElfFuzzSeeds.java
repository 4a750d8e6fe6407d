package dev.execray.binary.elf;

import dev.execray.testing.ElfBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Writes the seeds of {@link ElfFuzzTest} (committed under src/test/resources). Run by hand after
 * changing {@link ElfBuilder}: java -cp target/test-classes:target/classes:... dev.execray.binary.elf.ElfFuzzSeeds DIR
 */
public final class ElfFuzzSeeds {
    private ElfFuzzSeeds() {
    }

    public static void main(String[] a) throws Exception {
        Path dir = Path.of(a[0]);
        Files.createDirectories(dir);
        for (String[] v : new String[][] {{"64", "true"}, {"64", "false"}, {"32", "true"}, {"32", "false"}}) {
            ElfBuilder b = new ElfBuilder(v[0].equals("64"), v[1].equals("true"));
            byte[] f = ElfFileTest.dynamicFile(b);
            String name = "elf" + v[0] + (v[1].equals("true") ? "-lsb" : "-msb") + "-dynamic";
            Files.write(dir.resolve(name), f);
        }
        ElfBuilder sparc = new ElfBuilder(false, false);
        sparc.machine = 2;
        sparc.osAbi = 6;
        Files.write(dir.resolve("elf32-msb-solaris-dynamic-syminfo"), SolarisNamesOracleTest.solarisDynamicFile(sparc));
        ElfBuilder b = ElfBuilder.elf64();
        byte[] f = ElfFileTest.dynamicFile(b);
        byte[] noshdr = f.clone();
        ElfBuilder.put64(noshdr, b.eShoff(), 0, b.order);
        ElfBuilder.put16(noshdr, b.eShnum(), 0, b.order);
        ElfBuilder.put16(noshdr, b.eShstrndx(), 0, b.order);
        Files.write(dir.resolve("elf64-no-section-headers"), noshdr);
        Files.write(dir.resolve("elf64-truncated"), Arrays.copyOf(f, 300));
        byte[] ext = f.clone();
        ElfBuilder.put16(ext, b.eShnum(), 0, b.order);
        ElfBuilder.put16(ext, b.eShstrndx(), 0xffff, b.order);
        Files.write(dir.resolve("elf64-extended-numbering-broken"), ext);
        ElfBuilder z = ElfBuilder.elf64();
        byte[] plain = new byte[256];
        byte[] deflated = ElfFileTest.zlib(plain);
        z.section(".debug_info", ElfBuilder.SHT_PROGBITS, SectionHeader.SHF_COMPRESSED,
                z.bytes().u32(1).u32(0).u64(plain.length).u64(1).raw(deflated).bytes(), 0, 0, 1, 0);
        Files.write(dir.resolve("elf64-compressed-section"), z.build());
        // one file per structural rule (ElfMutations): the fuzzer starts from each broken form
        for (ElfMutations.Mutation m : ElfMutations.all()) {
            Files.write(dir.resolve("elf64-rule-" + m.name()), ElfMutations.mutated(m));
        }
    }
}

package dev.execray.place.ldconfig;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Pins every fact of every loader architecture, so that a change of how the table is written cannot change what it
 * says. The expected lines were printed from the table before it was regrouped into records; a deliberate change of a
 * fact changes its line here, with its source in the commit.
 */
class LoaderArchFactsTest {

    static String line(LoaderArch a) {
        return String.join(" | ", a.name(), "class=" + a.elfClass(), a.order().toString(), "machine=" + a.machine(),
                "cache=0x" + Integer.toHexString(a.cacheDefaultId()) + a.cacheAccepted(), "dirs=" + a.upstreamSystemDirs(),
                "debian=" + a.debianSystemDirs(), a.multiarch(), "hwcaps=" + a.hwcapsSubdirs(), a.glibcInterpreter(),
                a.muslArch(), a.muslInterpreter(), a.vdsoName(), "platform=" + a.platform(),
                "plt=" + a.pltRelocType(), "copy=" + a.copyRelocType(), "align=" + a.combinedCacheAlignment(),
                "abi<" + a.gnuAbiVersionLimit(),
                "byInterp=" + LoaderArch.byInterpreter(a.glibcInterpreter()).map(Enum::name).orElse("-") + "/"
                        + LoaderArch.byInterpreter(a.muslInterpreter()).map(Enum::name).orElse("-"),
                "of=" + LoaderArch.of(a.elfClass(), a.order(), a.machine(), a == LoaderArch.ARM_HF ? 0x400 : 0)
                        .map(Enum::name).orElse("-"));
    }

    static String table() {
        return Arrays.stream(LoaderArch.values()).map(LoaderArchFactsTest::line).collect(Collectors.joining("\n"));
    }

    @Test
    void everyArchitectureKeepsItsFacts() {
        assertThat(table()).isEqualTo(EXPECTED);
    }

    @Test
    void machineMatchingKeepsTheFlagRules() {
        assertThat(LoaderArch.PPC64LE.machineMatches(21, 2)).isTrue();
        assertThat(LoaderArch.PPC64LE.machineMatches(21, 1)).isFalse();
        assertThat(LoaderArch.PPC64.machineMatches(21, 1)).isTrue();
        assertThat(LoaderArch.RISCV64.machineMatches(243, 0x4)).isTrue();
        assertThat(LoaderArch.RISCV64.machineMatches(243, 0x2)).isFalse();
        assertThat(LoaderArch.S390X.machineMatches(0xa390, 0)).isTrue();
        assertThat(LoaderArch.X86_64.machineMatches(3, 0)).isFalse();
        assertThat(LoaderArch.of(1, java.nio.ByteOrder.LITTLE_ENDIAN, 40, 0)).contains(LoaderArch.ARM_SF);
        assertThat(LoaderArch.of(2, java.nio.ByteOrder.BIG_ENDIAN, 62, 0)).isEmpty();
    }

    static final String EXPECTED = String.join("\n",
            "X86_64 | class=2 | LITTLE_ENDIAN | machine=62 | cache=0x303[771] | dirs=[/lib64/, /usr/lib64/] | debian=[/lib/x86_64-linux-gnu/, /usr/lib/x86_64-linux-gnu/, /lib/, /usr/lib/] | x86_64-linux-gnu | hwcaps=[x86-64-v4, x86-64-v3, x86-64-v2] | /lib64/ld-linux-x86-64.so.2 | x86_64 | /lib/ld-musl-x86_64.so.1 | linux-vdso.so.1 | platform=Optional[x86_64] | plt=7 | copy=5 | align=8 | abi<4 | byInterp=X86_64/X86_64 | of=X86_64",
            "I386 | class=1 | LITTLE_ENDIAN | machine=3 | cache=0x3[1, 3] | dirs=[/lib/, /usr/lib/] | debian=[/lib/i386-linux-gnu/, /usr/lib/i386-linux-gnu/, /lib/, /usr/lib/] | i386-linux-gnu | hwcaps=[] | /lib/ld-linux.so.2 | i386 | /lib/ld-musl-i386.so.1 | linux-gate.so.1 | platform=Optional[i686] | plt=7 | copy=5 | align=4 | abi<4 | byInterp=I386/I386 | of=I386",
            "X32 | class=1 | LITTLE_ENDIAN | machine=62 | cache=0x803[2051] | dirs=[/libx32/, /usr/libx32/] | debian=[/lib/x86_64-linux-gnux32/, /usr/lib/x86_64-linux-gnux32/, /lib/, /usr/lib/] | x86_64-linux-gnux32 | hwcaps=[x86-64-v4, x86-64-v3, x86-64-v2] | /libx32/ld-linux-x32.so.2 | x32 | /lib/ld-musl-x32.so.1 | linux-vdso.so.1 | platform=Optional[x86_64] | plt=7 | copy=5 | align=8 | abi<4 | byInterp=X32/X32 | of=X32",
            "AARCH64 | class=2 | LITTLE_ENDIAN | machine=183 | cache=0xa03[2563] | dirs=[/lib/, /usr/lib/] | debian=[/lib/aarch64-linux-gnu/, /usr/lib/aarch64-linux-gnu/, /lib/, /usr/lib/] | aarch64-linux-gnu | hwcaps=[] | /lib/ld-linux-aarch64.so.1 | aarch64 | /lib/ld-musl-aarch64.so.1 | linux-vdso.so.1 | platform=Optional[aarch64] | plt=1026 | copy=1024 | align=8 | abi<3 | byInterp=AARCH64/AARCH64 | of=AARCH64",
            "AARCH64_BE | class=2 | BIG_ENDIAN | machine=183 | cache=0xa03[2563] | dirs=[/lib/, /usr/lib/] | debian=[/lib/aarch64_be-linux-gnu/, /usr/lib/aarch64_be-linux-gnu/, /lib/, /usr/lib/] | aarch64_be-linux-gnu | hwcaps=[] | /lib/ld-linux-aarch64_be.so.1 | aarch64_be | /lib/ld-musl-aarch64_be.so.1 | linux-vdso.so.1 | platform=Optional[aarch64_be] | plt=1026 | copy=1024 | align=8 | abi<3 | byInterp=AARCH64_BE/AARCH64_BE | of=AARCH64_BE",
            "ARM_HF | class=1 | LITTLE_ENDIAN | machine=40 | cache=0x903[2307, 3] | dirs=[/lib/, /usr/lib/] | debian=[/lib/arm-linux-gnueabihf/, /usr/lib/arm-linux-gnueabihf/, /lib/, /usr/lib/] | arm-linux-gnueabihf | hwcaps=[] | /lib/ld-linux-armhf.so.3 | armhf | /lib/ld-musl-armhf.so.1 | linux-vdso.so.1 | platform=Optional[v7l] | plt=22 | copy=20 | align=8 | abi<3 | byInterp=ARM_HF/ARM_HF | of=ARM_HF",
            "ARM_SF | class=1 | LITTLE_ENDIAN | machine=40 | cache=0xb03[2819, 3] | dirs=[/lib/, /usr/lib/] | debian=[/lib/arm-linux-gnueabi/, /usr/lib/arm-linux-gnueabi/, /lib/, /usr/lib/] | arm-linux-gnueabi | hwcaps=[] | /lib/ld-linux.so.3 | arm | /lib/ld-musl-arm.so.1 | linux-vdso.so.1 | platform=Optional[v7l] | plt=22 | copy=20 | align=8 | abi<3 | byInterp=ARM_SF/ARM_SF | of=ARM_SF",
            "PPC64LE | class=2 | LITTLE_ENDIAN | machine=21 | cache=0x503[1283] | dirs=[/lib64/, /usr/lib64/] | debian=[/lib/powerpc64le-linux-gnu/, /usr/lib/powerpc64le-linux-gnu/, /lib/, /usr/lib/] | powerpc64le-linux-gnu | hwcaps=[power10, power9] | /lib64/ld64.so.2 | powerpc64le | /lib/ld-musl-powerpc64le.so.1 | linux-vdso64.so.1 | platform=Optional[power8] | plt=21 | copy=19 | align=8 | abi<4 | byInterp=PPC64LE/PPC64LE | of=PPC64LE",
            "PPC64 | class=2 | BIG_ENDIAN | machine=21 | cache=0x503[1283] | dirs=[/lib64/, /usr/lib64/] | debian=[/lib/powerpc64-linux-gnu/, /usr/lib/powerpc64-linux-gnu/, /lib/, /usr/lib/] | powerpc64-linux-gnu | hwcaps=[] | /lib64/ld64.so.1 | powerpc64 | /lib/ld-musl-powerpc64.so.1 | linux-vdso64.so.1 | platform=Optional[power8] | plt=21 | copy=19 | align=8 | abi<4 | byInterp=PPC64/PPC64 | of=PPC64",
            "PPC | class=1 | BIG_ENDIAN | machine=20 | cache=0x3[1, 3] | dirs=[/lib/, /usr/lib/] | debian=[/lib/powerpc-linux-gnu/, /usr/lib/powerpc-linux-gnu/, /lib/, /usr/lib/] | powerpc-linux-gnu | hwcaps=[] | /lib/ld.so.1 | powerpc | /lib/ld-musl-powerpc.so.1 | linux-vdso32.so.1 | platform=Optional[ppc] | plt=21 | copy=19 | align=8 | abi<4 | byInterp=PPC/PPC | of=PPC",
            "S390X | class=2 | BIG_ENDIAN | machine=22 | cache=0x403[1027] | dirs=[/lib64/, /usr/lib64/] | debian=[/lib/s390x-linux-gnu/, /usr/lib/s390x-linux-gnu/, /lib/, /usr/lib/] | s390x-linux-gnu | hwcaps=[z16, z15, z14, z13] | /lib/ld64.so.1 | s390x | /lib/ld-musl-s390x.so.1 | linux-vdso64.so.1 | platform=Optional[z13] | plt=11 | copy=9 | align=8 | abi<3 | byInterp=PPC64/S390X | of=S390X",
            "RISCV64 | class=2 | LITTLE_ENDIAN | machine=243 | cache=0x1003[4099] | dirs=[/lib64/lp64d/, /usr/lib64/lp64d/] | debian=[/lib/riscv64-linux-gnu/, /usr/lib/riscv64-linux-gnu/, /lib/, /usr/lib/] | riscv64-linux-gnu | hwcaps=[] | /lib/ld-linux-riscv64-lp64d.so.1 | riscv64 | /lib/ld-musl-riscv64.so.1 | linux-vdso.so.1 | platform=Optional.empty | plt=5 | copy=4 | align=8 | abi<4 | byInterp=RISCV64/RISCV64 | of=RISCV64",
            "LOONGARCH64 | class=2 | LITTLE_ENDIAN | machine=258 | cache=0x1203[4611] | dirs=[/lib64/, /usr/lib64/] | debian=[/lib/loongarch64-linux-gnu/, /usr/lib/loongarch64-linux-gnu/, /lib/, /usr/lib/] | loongarch64-linux-gnu | hwcaps=[] | /lib64/ld-linux-loongarch-lp64d.so.1 | loongarch64 | /lib/ld-musl-loongarch64.so.1 | linux-vdso.so.1 | platform=Optional[loongarch] | plt=5 | copy=4 | align=8 | abi<3 | byInterp=LOONGARCH64/LOONGARCH64 | of=LOONGARCH64");
}

package dev.execray.place.ldconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.execray.binary.BinaryFormatException;
import dev.execray.binary.ByteSource;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class LdSoCacheTest {
    static final int X86_64 = 0x303;
    static final int I386 = 0x003;
    static final int X32 = 0x803;
    static final CacheQuery X86_64_V3 = new CacheQuery(X86_64, List.of(X86_64),
            List.of("x86-64-v3", "x86-64-v2"), OptionalInt.of(2), OptionalLong.empty());

    static LdSoCache parse(byte[] b) {
        return LdSoCache.parse(ByteSource.of(b), ByteOrder.LITTLE_ENDIAN, 8);
    }

    static CacheBuilder libcAndZ() {
        // ldconfig sorts descending by _dl_cache_libcmp
        return new CacheBuilder()
                .add(X86_64, "libz.so.1", "/lib/x86_64-linux-gnu/libz.so.1")
                .add(X32, "libc.so.6", "/libx32/libc.so.6")
                .add(X86_64, "libc.so.6", "/lib/x86_64-linux-gnu/libc.so.6")
                .add(I386, "libc.so.6", "/lib32/libc.so.6");
    }

    @Test
    void newFormatFindsTheEntryWithTheLoadersOwnFlags() {
        LdSoCache c = parse(libcAndZ().generator("ldconfig (test) 2.36").newFormat());
        assertThat(c.format()).isEqualTo(LdSoCache.Format.NEW);
        assertThat(c.size()).isEqualTo(4);
        assertThat(c.generator()).contains("ldconfig (test) 2.36");
        assertThat(c.lookup("libc.so.6", X86_64_V3).map(LdSoCache.Hit::path)).contains("/lib/x86_64-linux-gnu/libc.so.6");
        assertThat(c.lookup("libz.so.1", X86_64_V3).map(LdSoCache.Hit::path)).contains("/lib/x86_64-linux-gnu/libz.so.1");
        assertThat(c.lookup("libm.so.6", X86_64_V3)).isEmpty();
    }

    @Test
    void anI386LoaderTakesTheUntaggedEntry() {
        CacheQuery i386 = new CacheQuery(3, List.of(1, 3), List.of(), OptionalInt.empty(), OptionalLong.empty());
        LdSoCache c = parse(libcAndZ().newFormat());
        assertThat(c.lookup("libc.so.6", i386).map(LdSoCache.Hit::path)).contains("/lib32/libc.so.6");
        assertThat(c.lookup("libz.so.1", i386)).isEmpty();
    }

    @Test
    void oldAndCombinedFormatsGiveTheSameAnswers() {
        for (byte[] file : List.of(libcAndZ().oldFormat(), libcAndZ().combined(8), libcAndZ().combined(4))) {
            LdSoCache c = LdSoCache.parse(ByteSource.of(file), ByteOrder.LITTLE_ENDIAN,
                    file == null ? 8 : 8);
            assertThat(c.lookup("libc.so.6", X86_64_V3).map(LdSoCache.Hit::path))
                    .contains("/lib/x86_64-linux-gnu/libc.so.6");
        }
        assertThat(parse(libcAndZ().oldFormat()).format()).isEqualTo(LdSoCache.Format.OLD);
        assertThat(parse(libcAndZ().combined(8)).format()).isEqualTo(LdSoCache.Format.COMBINED);
    }

    @Test
    void combinedFileWithI386AlignmentIsFoundOnlyWithThatAlignment() {
        // 16 + 4*12 = 64 is already 8-aligned; 3 entries give 52, which 4 keeps and 8 pads to 56
        CacheBuilder b = new CacheBuilder().add(X86_64, "libz.so.1", "/z").add(X86_64, "libc.so.6", "/c")
                .add(I386, "libc.so.6", "/c32");
        byte[] file = b.combined(4);
        assertThat(LdSoCache.parse(ByteSource.of(file), ByteOrder.LITTLE_ENDIAN, 4).format())
                .isEqualTo(LdSoCache.Format.COMBINED);
        assertThat(LdSoCache.parse(ByteSource.of(file), ByteOrder.LITTLE_ENDIAN, 8).format())
                .isEqualTo(LdSoCache.Format.OLD);
    }

    @Test
    void bigEndianCacheIsReadByABigEndianLoaderAndIgnoredByALittleEndianOne() {
        byte[] file = libcAndZ().bigEndian().newFormat();
        LdSoCache c = LdSoCache.parse(ByteSource.of(file), ByteOrder.BIG_ENDIAN, 8);
        assertThat(c.lookup("libc.so.6", X86_64_V3).map(LdSoCache.Hit::path)).contains("/lib/x86_64-linux-gnu/libc.so.6");
        assertThatThrownBy(() -> parse(file)).isInstanceOf(BinaryFormatException.class)
                .hasMessageContaining("big-endian");
    }

    @Test
    void endiannessFlagZeroIsTrustedAndOneMeansInvalid() {
        assertThat(parse(libcAndZ().endianFlag(0).newFormat()).size()).isEqualTo(4);
        assertThatThrownBy(() -> parse(libcAndZ().endianFlag(1).newFormat())).hasMessageContaining("marked invalid");
    }

    @Test
    void hwcapsEntryWithTheBestSupportedSubdirectoryWins() {
        CacheBuilder b = new CacheBuilder().hwcapsName("x86-64-v2").hwcapsName("x86-64-v3").hwcapsName("x86-64-v4")
                .addHwcaps(X86_64, "libfoo.so.1", "/usr/lib/glibc-hwcaps/x86-64-v4/libfoo.so.1", 2, 3)
                .addHwcaps(X86_64, "libfoo.so.1", "/usr/lib/glibc-hwcaps/x86-64-v2/libfoo.so.1", 0, 1)
                .addHwcaps(X86_64, "libfoo.so.1", "/usr/lib/glibc-hwcaps/x86-64-v3/libfoo.so.1", 1, 2)
                .add(X86_64, "libfoo.so.1", "/usr/lib/libfoo.so.1");
        LdSoCache c = parse(b.newFormat());
        Optional<LdSoCache.Hit> hit = c.lookup("libfoo.so.1", X86_64_V3);
        assertThat(hit.map(LdSoCache.Hit::path)).contains("/usr/lib/glibc-hwcaps/x86-64-v3/libfoo.so.1");
        assertThat(hit.get().reason()).contains("x86-64-v3");
        CacheQuery baseline = new CacheQuery(X86_64, List.of(X86_64), List.of(), OptionalInt.of(0), OptionalLong.empty());
        assertThat(c.lookup("libfoo.so.1", baseline).map(LdSoCache.Hit::path)).contains("/usr/lib/libfoo.so.1");
        assertThat(c.hwcapsNames()).containsExactly("x86-64-v2", "x86-64-v3", "x86-64-v4");
        assertThat(c.entries().get(0).hwcapsSubdir()).contains("x86-64-v4");
    }

    @Test
    void legacyHwcapEntriesAreSkippedFromGlibc237AndTakenBeforeWhenTheCpuHasTheBits() {
        CacheBuilder b = new CacheBuilder()
                .addLegacy(X86_64, "libbar.so", "/lib/tls/libbar.so", CacheQuery.HWCAP_TLS)
                .add(X86_64, "libbar.so", "/lib/libbar.so");
        LdSoCache c = parse(b.newFormat());
        assertThat(c.lookup("libbar.so", X86_64_V3).map(LdSoCache.Hit::path)).contains("/lib/libbar.so");
        CacheQuery old = new CacheQuery(X86_64, List.of(X86_64), List.of(), OptionalInt.of(2),
                OptionalLong.of(CacheQuery.HWCAP_TLS));
        assertThat(c.lookup("libbar.so", old).map(LdSoCache.Hit::path)).contains("/lib/tls/libbar.so");
    }

    @Test
    void libcmpComparesDigitRunsByValue() {
        assertThat(LdSoCache.libcmp("libfoo.so.10", "libfoo.so.9")).isPositive();
        assertThat(LdSoCache.libcmp("libfoo.so.9", "libfoo.so.10")).isNegative();
        assertThat(LdSoCache.libcmp("libfoo.so.01", "libfoo.so.1")).isZero();
        assertThat(LdSoCache.libcmp("lib1", "liba")).isPositive();
        assertThat(LdSoCache.libcmp("libc.so", "libc.so.6")).isNegative();
    }

    @Test
    void tooManyEntriesForTheFileIsRejectedAsLdSoDoes() {
        byte[] file = libcAndZ().newFormat();
        file[20] = (byte) 0xff;
        file[21] = (byte) 0xff;
        assertThatThrownBy(() -> parse(file)).isInstanceOf(BinaryFormatException.class)
                .hasMessageContaining("ld.so.cache nlibs").hasMessageContaining("0x14");
    }

    @Test
    void truncatedAndForeignFilesAreRejectedWithAReason() {
        byte[] file = libcAndZ().newFormat();
        assertThatThrownBy(() -> parse(Arrays.copyOf(file, 30))).hasMessageContaining("header");
        assertThatThrownBy(() -> parse("hello world, not a cache".getBytes())).hasMessageContaining("magic");
        assertThatThrownBy(() -> parse(new byte[0])).hasMessageContaining("magic");
    }

    @Test
    void bogusStringOffsetsEndTheSearchWithoutReadingOutsideTheFile() {
        byte[] file = libcAndZ().newFormat();
        // the middle entry's key (entry 1 of 4 at 48 + 24) points far outside the file
        int at = LdSoCache.NEW_HEADER + LdSoCache.NEW_ENTRY + 4;
        file[at + 3] = 0x7f;
        LdSoCache c = parse(file);
        assertThat(c.lookup("libc.so.6", X86_64_V3)).isEmpty();
        assertThat(c.entries().get(1).problem()).isPresent();
    }

    @Test
    void brokenExtensionDirectoryKeepsTheCacheButDropsHwcaps() {
        CacheBuilder b = new CacheBuilder().hwcapsName("x86-64-v3")
                .addHwcaps(X86_64, "libfoo.so.1", "/v3/libfoo.so.1", 0, 2)
                .add(X86_64, "libfoo.so.1", "/plain/libfoo.so.1");
        byte[] file = b.newFormat();
        int extOffset = (file[32] & 0xff) | (file[33] & 0xff) << 8;
        file[extOffset] ^= 1; // wrong magic
        LdSoCache c = parse(file);
        assertThat(c.problems()).anyMatch(p -> p.contains("wrong magic"));
        assertThat(c.lookup("libfoo.so.1", X86_64_V3).map(LdSoCache.Hit::path)).contains("/plain/libfoo.so.1");
    }
}

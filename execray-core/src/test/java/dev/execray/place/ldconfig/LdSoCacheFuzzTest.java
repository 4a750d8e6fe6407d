package dev.execray.place.ldconfig;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.execray.binary.BinaryFormatException;
import dev.execray.binary.ByteSource;
import java.nio.ByteOrder;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** Any bytes as ld.so.cache: a clean rejection or a cache whose listing and lookups stay in bounds. */
class LdSoCacheFuzzTest {
    private static final CacheQuery QUERY = new CacheQuery(0x303, List.of(0x303, 3, 1),
            List.of("x86-64-v3", "x86-64-v2"), OptionalInt.of(2), OptionalLong.of(CacheQuery.HWCAP_TLS));

    @FuzzTest(maxDuration = "30s")
    void anyBytes(byte[] input) {
        for (ByteOrder order : List.of(ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN)) {
            for (int align : new int[] {4, 8}) {
                try {
                    LdSoCache c = LdSoCache.parse(ByteSource.of(input), order, align);
                    c.entries();
                    c.hwcapsNames();
                    c.generator();
                    for (String name : List.of("libc.so.6", "libz.so.1", "", "a")) {
                        c.lookup(name, QUERY);
                    }
                } catch (BinaryFormatException expected) {
                    // ld.so would ignore this file; that is the answer
                }
            }
        }
    }
}

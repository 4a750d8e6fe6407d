package dev.execray.place;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Arbitrary bytes as a binfmt_misc registration and as an entry file: refused with an errno and a
 * reason, or accepted — and then printed back to a registration that parses to the same entry.
 */
class BinfmtRegistrationFuzzTest {

    private static boolean validUtf8(byte[] b) {
        return java.util.Arrays.equals(new String(b, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8), b);
    }

    private static boolean noColon(BinfmtEntry e) {
        return (e.name() + e.interpreter() + (e.kind() == BinfmtEntry.Kind.EXTENSION ? e.magic().utf8() : ""))
                .indexOf(':') < 0;
    }

    @FuzzTest(maxDuration = "60s")
    void anyBytesAsARegistration(byte[] data) {
        for (KernelVersion k : new KernelVersion[] {KernelVersion.of(6, 12), KernelVersion.of(4, 19)}) {
            BinfmtRegistration.Result r = BinfmtRegistration.parse(data, k);
            if (r instanceof BinfmtRegistration.Accepted a) {
                String printed = a.entry().toRegistration();
                BinfmtRegistration.Result back = BinfmtRegistration.parse(printed, k);
                if (validUtf8(data) && printed.charAt(0) != ':' || validUtf8(data) && noColon(a.entry())) {
                    // the print-back names the same entry (bytes that are not UTF-8 cannot round-trip a String)
                    assertThat(back).isInstanceOf(BinfmtRegistration.Accepted.class);
                    assertThat(((BinfmtRegistration.Accepted) back).entry()).isEqualTo(a.entry());
                }
                a.entry().toStatusFile();
            } else {
                BinfmtRegistration.Rejected rej = (BinfmtRegistration.Rejected) r;
                assertThat(rej.errno()).isNotNull();
                assertThat(rej.reason()).isNotEmpty();
            }
        }
        List<BinfmtRegistry.Problem> problems = new ArrayList<>();
        BinfmtSources.parseEntryFile("fuzz", new String(data, StandardCharsets.ISO_8859_1), problems, "fuzz");
        BinfmtSources.parseEntryFile("fuzz", new String(data, StandardCharsets.UTF_8), problems, "fuzz");
    }
}

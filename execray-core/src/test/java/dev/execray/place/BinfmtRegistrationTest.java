package dev.execray.place;

import static org.assertj.core.api.Assertions.assertThat;

import dev.execray.rootfs.Errno;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BinfmtRegistrationTest {
    static final KernelVersion K612 = KernelVersion.of(6, 12);

    static BinfmtEntry accepted(String s) {
        BinfmtRegistration.Result r = BinfmtRegistration.parse(s, K612);
        assertThat(r).as(s).isInstanceOf(BinfmtRegistration.Accepted.class);
        return ((BinfmtRegistration.Accepted) r).entry();
    }

    static BinfmtRegistration.Rejected rejected(String s, KernelVersion k) {
        BinfmtRegistration.Result r = BinfmtRegistration.parse(s, k);
        assertThat(r).as(s).isInstanceOf(BinfmtRegistration.Rejected.class);
        return (BinfmtRegistration.Rejected) r;
    }

    static BinfmtRegistration.Rejected rejected(String s) {
        return rejected(s, K612);
    }

    @Test
    void qemuStyleRegistrationDecodesMagicAndMaskAndFlags() {
        BinfmtEntry e = accepted(":qemu-aarch64:M::\\x7f\\x45\\x4c\\x46\\x02\\x01\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00"
                + "\\x00\\x00\\x02\\x00\\xb7\\x00:\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\x00\\xff\\xff\\xff\\xff\\xff\\xff\\xff"
                + "\\xff\\xfe\\xff\\xff\\xff:/usr/libexec/qemu-binfmt/aarch64-binfmt-P:OPF");
        assertThat(e.name()).isEqualTo("qemu-aarch64");
        assertThat(e.kind()).isEqualTo(BinfmtEntry.Kind.MAGIC);
        assertThat(e.magic().toHex()).isEqualTo("7f454c460201010000000000000000000200b700");
        assertThat(e.mask()).map(Bytes::toHex).contains("ffffffffffffff00fffffffffffffffffeffffff");
        assertThat(e.flags()).containsExactlyInAnyOrder(BinfmtFlag.OPEN_BINARY, BinfmtFlag.PRESERVE_ARGV0,
                BinfmtFlag.FIX_BINARY);
        assertThat(e.interpreter()).isEqualTo("/usr/libexec/qemu-binfmt/aarch64-binfmt-P");
    }

    @Test
    void printableMagicIsTakenLiterallyAndTheTrailingNewlineIsAllowed() {
        BinfmtEntry e = accepted(":llvm:M::BC::/usr/bin/lli-14:\n");
        assertThat(e.magic().utf8()).isEqualTo("BC");
        assertThat(e.mask()).isEmpty();
        assertThat(e.flags()).isEmpty();
    }

    @Test
    void extensionEntriesKeepBackslashesAndIgnoreTheOffsetAndMaskFields() {
        BinfmtEntry e = accepted(":jar:E:junk:jar:also junk:/usr/bin/jexec:");
        assertThat(e.kind()).isEqualTo(BinfmtEntry.Kind.EXTENSION);
        assertThat(e.magic().utf8()).isEqualTo("jar");
        assertThat(accepted(":x:E::\\x41::/bin/i:").magic().utf8()).isEqualTo("\\x41");
    }

    @Test
    void anyFirstByteIsTheDelimiter() {
        BinfmtEntry e = accepted(",colon:name,M,2,\\x3a:,,/bin/i,P");
        assertThat(e.name()).isEqualTo("colon:name");
        assertThat(e.offset()).isEqualTo(2);
        assertThat(e.magic().toHex()).isEqualTo("3a3a");
    }

    @Test
    void theCFlagImpliesO() {
        assertThat(accepted(":c:M::ab::/bin/i:C").flags()).containsExactlyInAnyOrder(BinfmtFlag.CREDENTIALS,
                BinfmtFlag.OPEN_BINARY);
    }

    @Test
    void backslashNotFollowedByXIsKeptAndAShortHexEscapeIsRefused() {
        assertThat(accepted(":b:M::\\\\x41::/bin/i:").magic().toHex()).isEqualTo("5c5c783431");
        assertThat(accepted(":b:M::a\\b::/bin/i:").magic().utf8()).isEqualTo("a\\b");
        assertThat(rejected(":b:M::\\x4::/bin/i:").reason()).contains("two hex digits");
        assertThat(rejected(":b:M::\\xg1::/bin/i:").errno()).isEqualTo(Errno.EINVAL);
    }

    @Test
    void offsetFollowsKstrtointRules() {
        assertThat(accepted(":o:M:+7:ab::/bin/i:").offset()).isEqualTo(7);
        assertThat(accepted(":o:M:007:ab::/bin/i:").offset()).isEqualTo(7);
        assertThat(accepted(":o:M:-0:ab::/bin/i:").offset()).isZero();
        assertThat(rejected(":o:M:-1:ab::/bin/i:").reason()).contains("offset");
        assertThat(rejected(":o:M:0x10:ab::/bin/i:").errno()).isEqualTo(Errno.EINVAL);
        assertThat(rejected(":o:M: 1:ab::/bin/i:").errno()).isEqualTo(Errno.EINVAL);
        assertThat(rejected(":o:M:99999999999:ab::/bin/i:").errno()).isEqualTo(Errno.EINVAL);
    }

    @Test
    void magicPlusOffsetMustFitInTheExecBufferOfThatKernel() {
        String magic254 = "\\x01".repeat(254);
        accepted(":m:M:2:" + magic254 + "::/bin/i:");
        assertThat(rejected(":m:M:3:" + magic254 + "::/bin/i:").reason()).contains("256");
        assertThat(rejected(":m:M::" + "\\x01".repeat(129) + "::/bin/i:", KernelVersion.of(4, 19)).reason())
                .contains("128");
        assertThat(BinfmtRegistration.parse(":m:M::" + "\\x01".repeat(128) + "::/bin/i:", KernelVersion.of(4, 19)))
                .isInstanceOf(BinfmtRegistration.Accepted.class);
        assertThat(BinfmtRegistration.parse(":m:M::" + "\\x01".repeat(128) + "::/bin/i:", KernelVersion.of(5, 1)))
                .isInstanceOf(BinfmtRegistration.Accepted.class);
    }

    @Test
    void maskMustDecodeToTheMagicLength() {
        assertThat(rejected(":m:M::abc:\\xff\\xff:/bin/i:").reason()).contains("mask decodes to 2 bytes");
    }

    @Test
    void structuralErrorsAreEinvalWithAReason() {
        assertThat(rejected(":short:").reason()).contains("11 bytes");
        assertThat(rejected(":" + "n".repeat(1920) + ":M::a::/i:").reason()).contains("1920");
        assertThat(rejected("Pname:M::a::/bin/i:").reason()).contains("flag letter");
        assertThat(rejected("::M::ab::/bin/i:").reason()).contains("name is empty");
        assertThat(rejected(":..:M::ab::/bin/i:").errno()).isEqualTo(Errno.EINVAL);
        assertThat(rejected(":a/b:M::ab::/bin/i:").errno()).isEqualTo(Errno.EINVAL);
        assertThat(rejected(":n:X::ab::/bin/i:").reason()).contains("M (magic) or E (extension)");
        assertThat(rejected(":n:MM::ab::/bin/i:").errno()).isEqualTo(Errno.EINVAL);
        assertThat(rejected(":n:M::::/bin/i:").reason()).contains("magic is empty");
        assertThat(rejected(":n:M::ab:::").reason()).contains("interpreter is empty");
        assertThat(rejected(":n:M::ab::/bin/interp").reason()).contains("flags field");
        assertThat(rejected(":n:M::ab::/bin/i:X").reason()).contains("'X'");
        assertThat(rejected(":n:M::ab::/bin/i:P\n\n").errno()).isEqualTo(Errno.EINVAL);
        assertThat(rejected(":n:E::a/b::/bin/i:").reason()).contains("'/'");
    }

    @Test
    void fFlagIsUnknownBeforeLinux48() {
        assertThat(rejected(":n:M::ab::/bin/i:F", KernelVersion.of(4, 4)).reason()).contains("'F'");
    }

    @Test
    void aRegistrationPrintsBackToAnEquivalentOne() {
        for (String s : new String[] {":qemu-arm:M::\\x7fELF\\x01:\\xff\\xff\\xff\\xff\\xfe:/usr/bin/qemu-arm-static:POCF",
                ":jar:E::jar::/usr/bin/jexec:", ":o:M:12:xyz:\\x0f\\xf0\\xff:/bin/i:P", ",a:b,M,,q,,/i,"}) {
            BinfmtEntry e = accepted(s);
            assertThat(accepted(e.toRegistration())).isEqualTo(e);
        }
        assertThat(accepted(":o:M:12:xyz::/bin/i:").toRegistration()).isEqualTo(":o:M:12:\\x78\\x79\\x7a::/bin/i:");
    }

    @Test
    void statusFileMatchesTheKernelsFormat() {
        BinfmtEntry e = accepted(":b:M::XRTESTQQb::/bin/true:");
        assertThat(e.toStatusFile()).isEqualTo("enabled\ninterpreter /bin/true\nflags: \noffset 0\n"
                + "magic 585254455354515162\n");
        BinfmtEntry x = accepted(":jar:E::jar::/usr/bin/jexec:OC");
        assertThat(x.toStatusFile()).isEqualTo("enabled\ninterpreter /usr/bin/jexec\nflags: OC\nextension .jar\n");
        java.util.List<BinfmtRegistry.Problem> problems = new java.util.ArrayList<>();
        assertThat(BinfmtSources.parseEntryFile("b", e.toStatusFile(), problems, "b")).contains(e);
        assertThat(BinfmtSources.parseEntryFile("jar", x.toStatusFile(), problems, "jar")).contains(x);
        assertThat(BinfmtSources.parseEntryFile("bad", "hello\n", problems, "bad")).isEqualTo(Optional.empty());
        assertThat(problems).hasSize(1);
    }
}

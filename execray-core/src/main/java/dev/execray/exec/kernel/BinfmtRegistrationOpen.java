package dev.execray.exec.kernel;

import dev.execray.place.BinfmtEntry;
import dev.execray.place.BinfmtFlag;
import dev.execray.place.BinfmtRegistration;
import dev.execray.place.KernelVersion;
import dev.execray.rootfs.Credentials;
import dev.execray.rootfs.RootFs;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The part of a binfmt_misc registration that is not syntax: with flag F, bm_register_write() opens the
 * interpreter then and there (open_exec(), in the writer's root), so a missing or non-executable
 * interpreter makes the write fail with that open's errno, and the entry is never added.
 */
public final class BinfmtRegistrationOpen {
    private BinfmtRegistrationOpen() {
    }

    /**
     * {@code binfmt parse}: each registration string as the kernel of version {@code kernel} answers a write of it
     * to {@code register} (its UTF-8 bytes), the F open included, against {@code root}; in the order given.
     */
    public static List<BinfmtRegistration.Result> checkAll(List<String> inputs, KernelVersion kernel, RootFs root) {
        return inputs.stream().map(s -> check(BinfmtRegistration.parse(s.getBytes(StandardCharsets.UTF_8), kernel), s,
                root)).toList();
    }

    /** {@code parsed} as the kernel finally answers the write, the F open included, against {@code root}. */
    public static BinfmtRegistration.Result check(BinfmtRegistration.Result parsed, String input, RootFs root) {
        if (!(parsed instanceof BinfmtRegistration.Accepted a) || !a.entry().has(BinfmtFlag.FIX_BINARY)) {
            return parsed;
        }
        BinfmtEntry e = a.entry();
        OpenExec.Result o = OpenExec.open(root, e.interpreter(), "/", Credentials.ROOT, true);
        if (o instanceof OpenExec.Refused r) {
            int at = Math.max(0, input.lastIndexOf(e.interpreter()));
            return new BinfmtRegistration.Rejected(r.errno(), "flag F: the kernel opens the interpreter "
                    + e.interpreter() + " at registration, and it " + r.why(), at);
        }
        return parsed;
    }
}

package dev.execray.place;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The binfmt_misc entries a kernel would consult, in the order it consults them (the most recently
 * registered first), whether the whole registry is enabled, where this view came from, and the
 * registrations or files that could not be read, each with the errno the kernel would have given.
 * {@code live} is true when this is the running kernel's own registry: interpreters registered with
 * the F flag were then opened on the host, whatever root a program later runs in.
 */
public record BinfmtRegistry(boolean enabled, List<BinfmtEntry> entries, String source, List<Problem> problems,
        boolean live) {

    /** A registration or registry file that was refused, and why. */
    public record Problem(String where, String errnoName, String reason) {
    }

    public BinfmtRegistry {
        entries = List.copyOf(entries);
        problems = List.copyOf(problems);
    }

    public static BinfmtRegistry empty(String source) {
        return new BinfmtRegistry(true, List.of(), source, List.of(), false);
    }

    public Optional<BinfmtEntry> entry(String name) {
        return entries.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    /**
     * The registry after writing {@code registrations} to {@code register} one after the other: each
     * new entry goes to the head of the list (K: bm_register_write(), list_add()); a duplicate name
     * is refused with EEXIST.
     */
    public BinfmtRegistry register(List<BinfmtEntry> registrations) {
        List<BinfmtEntry> list = new ArrayList<>(entries);
        List<Problem> probs = new ArrayList<>(problems);
        for (BinfmtEntry e : registrations) {
            if (e.name().getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 255) {
                probs.add(new Problem(e.name(), "ENAMETOOLONG", "the name is longer than 255 bytes (NAME_MAX)"));
                continue;
            }
            if (list.stream().anyMatch(x -> x.name().equals(e.name())) || e.name().equals("register")
                    || e.name().equals("status")) {
                probs.add(new Problem(e.name(), "EEXIST", "an entry named '" + e.name() + "' already exists"));
                continue;
            }
            list.add(0, e);
        }
        return new BinfmtRegistry(enabled, list, source, probs, live);
    }

    /**
     * The errno a write of this entry's registration to {@code register} would end in, after the
     * string itself was accepted: the F flag opens the interpreter first (since Linux 6.7; after the
     * name check before), then the name must be new and fit NAME_MAX.
     */
    public java.util.Optional<String> registerErrno(BinfmtEntry e, dev.execray.rootfs.RootFs root, KernelVersion k) {
        java.util.Optional<String> open = java.util.Optional.empty();
        if (e.has(BinfmtFlag.FIX_BINARY)) {
            dev.execray.rootfs.Resolution r = root.resolve(e.interpreter());
            if (r instanceof dev.execray.rootfs.Resolution.Failed f) {
                open = java.util.Optional.of(f.errno().name());
            } else {
                dev.execray.rootfs.FileStat st = ((dev.execray.rootfs.Resolution.Found) r).stat();
                if (!st.isRegular() || !st.anyExecuteBit()) {
                    open = java.util.Optional.of("EACCES");
                }
            }
        }
        if (open.isPresent() && k.atLeast(6, 7)) {
            return open;
        }
        BinfmtRegistry after = register(java.util.List.of(e));
        if (after.problems().size() > problems.size()) {
            return java.util.Optional.of(after.problems().get(after.problems().size() - 1).errnoName());
        }
        return open;
    }

    public BinfmtRegistry withEnabled(boolean on) {
        return new BinfmtRegistry(on, entries, source, problems, live);
    }
}

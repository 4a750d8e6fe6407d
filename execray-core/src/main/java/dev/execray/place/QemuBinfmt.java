package dev.execray.place;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The binfmt_misc registrations qemu-user-static makes, one per emulated CPU: an ELF-header magic
 * and mask that pick out executables (ET_EXEC or ET_DYN, the class, byte order and e_machine of
 * that CPU) and the qemu binary as interpreter.
 *
 * <p>Two styles. {@link Style#DEBIAN} is what Debian's qemu-user-static (7.2, bookworm) installs as
 * /usr/lib/binfmt.d/qemu-*.conf and /usr/share/binfmts/qemu-*: the {@code -binfmt-P} wrapper path
 * and flags {@code OPF}; the table below holds those magic and mask strings exactly as the package
 * writes them (the oracle test compares every one with the installed files). Debian does not register
 * the host's own family, so on amd64 the i386, i486 and x86_64 entries are absent from the package;
 * for them the values of qemu's scripts/qemu-binfmt-conf.sh are used. {@link Style#UPSTREAM} is what
 * qemu-binfmt-conf.sh writes: interpreter /usr/local/bin/qemu-NAME and no flags unless asked.
 */
public final class QemuBinfmt {

    public enum Style {
        DEBIAN, UPSTREAM;

        /** {@code upstream} (any case) is {@link #UPSTREAM}; anything else is Debian's, the default. */
        public static Style named(String name) {
            return name.equalsIgnoreCase("upstream") ? UPSTREAM : DEBIAN;
        }
    }

    /** One CPU qemu-user emulates, with its binfmt magic and mask as escaped text. */
    public record QemuTarget(String name, String magic, String mask, String family) {
        /** The qemu binary that emulates this CPU (i486 shares qemu-i386). */
        public String emulator() {
            return name.equals("i486") ? "i386" : name;
        }
    }

    // name, magic, mask: Debian qemu-user-static 7.2 (/usr/lib/binfmt.d/qemu-*.conf)
    private static final String DEBIAN_TABLE = """
            aarch64 \\x7f\\x45\\x4c\\x46\\x02\\x01\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x02\\x00\\xb7\\x00 \\xff\\xff\\xff\\xff\\xff\\xff\\xff\\x00\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xfe\\xff\\xff\\xff
            alpha \\x7f\\x45\\x4c\\x46\\x02\\x01\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x02\\x00\\x26\\x90 \\xff\\xff\\xff\\xff\\xff\\xff\\xff\\x00\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xfe\\xff\\xff\\xff
            arm \\x7f\\x45\\x4c\\x46\\x01\\x01\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x02\\x00\\x28\\x00 \\xff\\xff\\xff\\xff\\xff\\xff\\xff\\x00\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xfe\\xff\\xff\\xff
            armeb \\x7f\\x45\\x4c\\x46\\x01\\x02\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x02\\x00\\x28 \\xff\\xff\\xff\\xff\\xff\\xff\\xff\\x00\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xfe\\xff\\xff
            cris \\x7f\\x45\\x4c\\x46\\x01\\x01\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x02\\x00\\x4c\\x00 \\xff\\xff\\xff\\xff\\xff\\xff\\xff\\x00\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xfe\\xff\\xff\\xff
            hexagon \\x7fELF\\x01\\x01\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x02\\x00\\xa4\\x00 \\xff\\xff\\xff\\xff\\xff\\xff\\xff\\x00\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xfe\\xff\\xff\\xff
            hppa \\x7f\\x45\\x4c\\x46\\x01\\x02\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x02\\x00\\x0f \\xff\\xff\\xff\\xff\\xff\\xff\\xff\\x00\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xfe\\xff\\xff
            loongarch64 \\x7fELF\\x02\\x01\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x02\\x00\\x02\\x01 \\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xfc\\x00\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xfe\\xff\\xff\\xff
            m68k \\x7f\\x45\\x4c\\x46\\x01\\x02\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x02\\x00\\x04 \\xff\\xff\\xff\\xff\\xff\\xff\\xff\\x00\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xfe\\xff\\xff
            microblaze \\x7f\\x45\\x4c\\x46\\x01\\x02\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x02\\xba\\xab \\xff\\xff\\xff\\xff\\xff\\xff\\xff\\x00\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xfe\\xff\\xff
            mips \\x7f\\x45\\x4c\\x46\\x01\\x02\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x02\\x00\\x08\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00 \\xff\\xff\\xff\\xff\\xff\\xff\\xff\\x00\\xfe\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xfe\\xff\\xff\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x20
            mips64 \\x7f\\x45\\x4c\\x46\\x02\\x02\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x02\\x00\\x08 \\xff\\xff\\xff\\xff\\xff\\xff\\xff\\x00\\xfe\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xfe\\xff\\xff
            mips64el \\x7f\\x45\\x4c\\x46\\x02\\x01\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x02\\x00\\x08\\x00 \\xff\\xff\\xff\\xff\\xff\\xff\\xff\\x00\\xfe\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xfe\\xff\\xff\\xff
            mipsel \\x7f\\x45\\x4c\\x46\\x01\\x01\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x02\\x00\\x08\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00 \\xff\\xff\\xff\\xff\\xff\\xff\\xff\\x00\\xfe\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xfe\\xff\\xff\\xff\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x20
            mipsn32 \\x7f\\x45\\x4c\\x46\\x01\\x02\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x02\\x00\\x08\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x20 \\xff\\xff\\xff\\xff\\xff\\xff\\xff\\x00\\xfe\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xfe\\xff\\xff\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x20
            mipsn32el \\x7f\\x45\\x4c\\x46\\x01\\x01\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x02\\x00\\x08\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x20 \\xff\\xff\\xff\\xff\\xff\\xff\\xff\\x00\\xfe\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xfe\\xff\\xff\\xff\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x20
            ppc \\x7f\\x45\\x4c\\x46\\x01\\x02\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x02\\x00\\x14 \\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xfc\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xfe\\xff\\xff
            ppc64 \\x7f\\x45\\x4c\\x46\\x02\\x02\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x02\\x00\\x15 \\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xfc\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xfe\\xff\\xff
            ppc64le \\x7f\\x45\\x4c\\x46\\x02\\x01\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x02\\x00\\x15\\x00 \\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xfc\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xfe\\xff\\xff\\x00
            riscv32 \\x7f\\x45\\x4c\\x46\\x01\\x01\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x02\\x00\\xf3\\x00 \\xff\\xff\\xff\\xff\\xff\\xff\\xff\\x00\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xfe\\xff\\xff\\xff
            riscv64 \\x7f\\x45\\x4c\\x46\\x02\\x01\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x02\\x00\\xf3\\x00 \\xff\\xff\\xff\\xff\\xff\\xff\\xff\\x00\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xfe\\xff\\xff\\xff
            s390x \\x7f\\x45\\x4c\\x46\\x02\\x02\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x02\\x00\\x16 \\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xfc\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xfe\\xff\\xff
            sh4 \\x7f\\x45\\x4c\\x46\\x01\\x01\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x02\\x00\\x2a\\x00 \\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xfc\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xfe\\xff\\xff\\xff
            sh4eb \\x7f\\x45\\x4c\\x46\\x01\\x02\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x02\\x00\\x2a \\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xfc\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xfe\\xff\\xff
            sparc \\x7f\\x45\\x4c\\x46\\x01\\x02\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x02\\x00\\x02 \\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xfc\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xfe\\xff\\xff
            sparc32plus \\x7f\\x45\\x4c\\x46\\x01\\x02\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x02\\x00\\x12 \\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xfc\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xfe\\xff\\xff
            sparc64 \\x7f\\x45\\x4c\\x46\\x02\\x02\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x02\\x00\\x2b \\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xfc\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xfe\\xff\\xff
            xtensa \\x7f\\x45\\x4c\\x46\\x01\\x01\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x02\\x00\\x5e\\x00 \\xff\\xff\\xff\\xff\\xff\\xff\\xff\\x00\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xfe\\xff\\xff\\xff
            xtensaeb \\x7f\\x45\\x4c\\x46\\x01\\x02\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x02\\x00\\x5e \\xff\\xff\\xff\\xff\\xff\\xff\\xff\\x00\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xfe\\xff\\xff
            """;

    // qemu's scripts/qemu-binfmt-conf.sh values for the x86 family, which Debian omits on amd64 hosts
    private static final String X86_TABLE = """
            i386 \\x7fELF\\x01\\x01\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x02\\x00\\x03\\x00 \\xff\\xff\\xff\\xff\\xff\\xfe\\xfe\\x00\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xfe\\xff\\xff\\xff
            i486 \\x7fELF\\x01\\x01\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x02\\x00\\x06\\x00 \\xff\\xff\\xff\\xff\\xff\\xfe\\xfe\\x00\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xfe\\xff\\xff\\xff
            x86_64 \\x7fELF\\x02\\x01\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x02\\x00\\x3e\\x00 \\xff\\xff\\xff\\xff\\xff\\xfe\\xfe\\x00\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xfe\\xff\\xff\\xff
            """;

    private static final List<QemuTarget> TARGETS = load();

    private QemuBinfmt() {
    }

    private static List<QemuTarget> load() {
        List<QemuTarget> out = new ArrayList<>();
        for (String table : List.of(X86_TABLE, DEBIAN_TABLE)) {
            for (String line : table.strip().split("\\n")) {
                String[] f = line.strip().split(" ");
                out.add(new QemuTarget(f[0], f[1], f[2], family(f[0])));
            }
        }
        return List.copyOf(out);
    }

    /** qemu-binfmt-conf.sh's families: a host never registers emulators of its own family. */
    static String family(String cpu) {
        if (cpu.equals("i386") || cpu.equals("i486") || cpu.equals("x86_64")) {
            return "i386";
        }
        if (cpu.equals("arm") || cpu.equals("aarch64")) {
            return "arm";
        }
        if (cpu.equals("armeb") || cpu.equals("aarch64_be")) {
            return "armeb";
        }
        if (cpu.startsWith("sparc")) {
            return "sparc";
        }
        if (cpu.equals("ppc") || cpu.equals("ppc64")) {
            return "ppc";
        }
        if (cpu.equals("ppc64le")) {
            return "ppcle";
        }
        if (cpu.startsWith("mips")) {
            return "mips";
        }
        if (cpu.startsWith("riscv")) {
            return "riscv";
        }
        if (cpu.startsWith("sh4")) {
            return "sh4";
        }
        return cpu;
    }

    public static List<QemuTarget> targets() {
        return TARGETS;
    }

    public static Optional<QemuTarget> target(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        Optional<Arch> a = Arch.parse(n);
        for (QemuTarget t : TARGETS) {
            if (t.name().equals(n) || a.isPresent() && t.name().equals(a.get().qemuName())) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /**
     * {@code binfmt gen ARCH}: the one target named {@code arch}, or with {@code all} every target, or every target
     * but the family of {@code host} when it is given.
     *
     * @throws TargetException when {@code arch} or {@code host} names nothing known (the message says so)
     */
    public static List<QemuTarget> select(String arch, Optional<String> host) throws TargetException {
        if (!arch.equals("all")) {
            return List.of(target(arch).orElseThrow(() -> new TargetException("qemu-user has no binfmt entry for '"
                    + arch + "'; known: " + TARGETS.stream().map(QemuTarget::name).toList())));
        }
        if (host.isEmpty()) {
            return TARGETS;
        }
        return forHost(Arch.parse(host.get()).orElseThrow(() -> new TargetException("unknown host architecture '"
                + host.get() + "'")));
    }

    /** The entry the kernel makes of {@link #registration} (a registration qemu's packages make is always valid). */
    public static BinfmtEntry entry(QemuTarget t, Style style) {
        return ((BinfmtRegistration.Accepted) BinfmtRegistration.parse(registration(t, style), KernelVersion.ASSUMED))
                .entry();
    }

    /** The targets a host of architecture {@code host} registers: all but its own family. */
    public static List<QemuTarget> forHost(Arch host) {
        String fam = family(host.qemuName());
        return TARGETS.stream().filter(t -> !t.family().equals(fam)).toList();
    }

    /** The registration string for one target, in the given style. */
    public static String registration(QemuTarget t, Style style) {
        String interp = style == Style.DEBIAN
                ? "/usr/libexec/qemu-binfmt/" + t.name() + "-binfmt-P"
                : "/usr/local/bin/qemu-" + t.emulator();
        String flags = style == Style.DEBIAN ? "OPF" : "";
        return ":qemu-" + t.name() + ":M::" + t.magic() + ":" + t.mask() + ":" + interp + ":" + flags;
    }

    /** binfmt-support's format file for one target, as Debian ships it in /usr/share/binfmts. */
    public static String binfmtsFile(QemuTarget t) {
        return "package qemu-user-static\n"
                + "interpreter /usr/libexec/qemu-binfmt/" + t.name() + "-binfmt-P\n"
                + "magic " + t.magic() + "\n"
                + "offset 0\n"
                + "mask " + t.mask() + "\n"
                + "credentials no\n"
                + "fix_binary yes\n"
                + "preserve yes\n";
    }
}

package dev.execray.place;

import java.util.Optional;

/**
 * Kernel configuration that changes what the ELF loader accepts: 32-bit x86 binaries on x86_64
 * (CONFIG_IA32_EMULATION, switchable with ia32_emulation= since 6.7), x32 (CONFIG_X86_X32_ABI),
 * and AArch32 binaries on arm64 (CONFIG_COMPAT and a CPU with 32-bit EL0).
 */
public record KernelFeatures(boolean ia32Emulation, boolean x32, boolean aarch32, Optional<String> ia32Unsettled,
        boolean ia32AskKernelLog) {

    public KernelFeatures(boolean ia32Emulation, boolean x32, boolean aarch32) {
        this(ia32Emulation, x32, aarch32, Optional.empty(), false);
    }

    public KernelFeatures(boolean ia32Emulation, boolean x32, boolean aarch32, Optional<String> ia32Unsettled) {
        this(ia32Emulation, x32, aarch32, ia32Unsettled, false);
    }

    /**
     * The host's features with the kernel log's say on 32-bit support deferred to the first 32-bit program judged
     * ({@link #ia32FromLog}): reading the log costs, and most programs are not 32-bit.
     */
    public static KernelFeatures hostAmd64Deferred(Optional<KernelConfig> config, java.util.List<String> cmdline,
                                                   java.util.List<String> notes) {
        KernelFeatures f = hostAmd64(config, cmdline, notes, Optional.of(java.util.List.of()), false);
        return f.ia32Emulation() && f.ia32Unsettled().isEmpty()
                ? new KernelFeatures(true, f.x32(), false, Optional.empty(), true) : f;
    }

    /**
     * What the kernel log adds to an enabled configuration: a refusal (the line saying so), or, with no readable
     * log under a hypervisor, why 32-bit support is not certain.
     */
    public sealed interface LogSays {
    }

    public record Refused(String line) implements LogSays {
    }

    public record Unsettled(String why) implements LogSays {
    }

    public record Nothing() implements LogSays {
    }

    public static LogSays ia32FromLog(Optional<java.util.List<String>> kernelLog, boolean hypervisor) {
        return ia32FromRead(kernelLog.map(l -> new KernelLog.Read(l, true)), hypervisor);
    }

    /**
     * What the kernel log says about 32-bit x86. Only a log that still holds its boot messages can say "nothing":
     * the hypervisor's refusal is printed at boot, and a busy machine's ring buffer overwrites its oldest records
     * (this development machine's did within two hours: segfault reports of tests), so a log without them proves
     * nothing, and a 32-bit program's verdict depends on the fact.
     */
    public static LogSays ia32FromRead(Optional<KernelLog.Read> kernelLog, boolean hypervisor) {
        Optional<String> refused = kernelLog.flatMap(r -> KernelLog.ia32Refusal(r.lines()));
        if (refused.isPresent()) {
            return new Refused(refused.get());
        }
        if (hypervisor && (kernelLog.isEmpty() || !kernelLog.get().fromBoot())) {
            return new Unsettled("this machine runs under a hypervisor, which can switch IA-32 emulation off, and the "
                    + (kernelLog.isEmpty() ? "kernel log that would say so cannot be read" : "kernel log no longer "
                    + "holds its boot messages, where that would be said (its oldest records were overwritten)"));
        }
        return new Nothing();
    }

    public static KernelFeatures defaults(Arch arch) {
        return new KernelFeatures(arch == Arch.AMD64, false, arch == Arch.ARM64);
    }

    /**
     * The running x86-64 kernel's support for 32-bit x86 and x32 programs, from what it shows: the command line
     * (ia32_emulation=, 6.7+) and its configuration (CONFIG_IA32_EMULATION, CONFIG_IA32_EMULATION_DEFAULT_DISABLED,
     * CONFIG_X86_X32_ABI). Where the configuration cannot be read, 32-bit support is assumed but unsettled, and
     * a 32-bit program's verdict depends on it.
     */
    public static KernelFeatures hostAmd64(Optional<KernelConfig> config, java.util.List<String> cmdline,
                                           java.util.List<String> notes) {
        return hostAmd64(config, cmdline, notes, Optional.of(java.util.List.of()), false);
    }

    /**
     * @param kernelLog  the kernel log's lines when they can be read: a hypervisor's refusal of 32-bit code is
     *                   only there
     * @param hypervisor whether the machine runs under a hypervisor (the CPU's "hypervisor" flag): without a
     *                   readable log, 32-bit support there is not certain
     */
    public static KernelFeatures hostAmd64(Optional<KernelConfig> config, java.util.List<String> cmdline,
                                           java.util.List<String> notes, Optional<java.util.List<String>> kernelLog,
                                           boolean hypervisor) {
        Optional<Boolean> onCmdline = Optional.empty();
        for (String w : cmdline) {
            if (w.startsWith("ia32_emulation=")) {
                String v = w.substring("ia32_emulation=".length());
                onCmdline = Optional.of(v.equals("1") || v.equals("y") || v.equals("on") || v.equals("true"));
            }
        }
        if (config.isEmpty()) {
            if (onCmdline.isPresent() && !onCmdline.get()) {
                notes.add("32-bit x86 emulation switched off on the kernel command line");
                return new KernelFeatures(false, false, false);
            }
            return new KernelFeatures(true, false, false, Optional.of("the kernel configuration cannot be read "
                    + "(/proc/config.gz, /boot/config-RELEASE)"));
        }
        KernelConfig c = config.get();
        boolean x32 = c.enabled("X86_X32_ABI");
        if (!c.enabled("IA32_EMULATION")) {
            notes.add("32-bit x86 programs cannot run: CONFIG_IA32_EMULATION is not set (" + c.source() + ")");
            return new KernelFeatures(false, x32, false);
        }
        boolean on = onCmdline.orElse(!c.enabled("IA32_EMULATION_DEFAULT_DISABLED"));
        if (!on) {
            notes.add("32-bit x86 emulation is off: " + (onCmdline.isPresent() ? "ia32_emulation= on the kernel command"
                    + " line" : "CONFIG_IA32_EMULATION_DEFAULT_DISABLED and no ia32_emulation=1"));
            return new KernelFeatures(false, x32, false);
        }
        // the configuration says yes; a hypervisor can still say no, and only the kernel log tells
        LogSays says = ia32FromLog(kernelLog, hypervisor);
        if (says instanceof Refused r) {
            notes.add("32-bit x86 programs cannot run: the kernel log says \"" + r.line() + "\"");
            return new KernelFeatures(false, x32, false);
        }
        if (says instanceof Unsettled u) {
            return new KernelFeatures(true, x32, false, Optional.of(u.why()));
        }
        return new KernelFeatures(true, x32, false);
    }
}

package dev.execray.place;

/**
 * Kernel configuration that changes what the ELF loader accepts: 32-bit x86 binaries on x86_64
 * (CONFIG_IA32_EMULATION, switchable with ia32_emulation= since 6.7), x32 (CONFIG_X86_X32_ABI),
 * and AArch32 binaries on arm64 (CONFIG_COMPAT and a CPU with 32-bit EL0).
 */
public record KernelFeatures(boolean ia32Emulation, boolean x32, boolean aarch32) {

    public static KernelFeatures defaults(Arch arch) {
        return new KernelFeatures(arch == Arch.AMD64, false, arch == Arch.ARM64);
    }
}

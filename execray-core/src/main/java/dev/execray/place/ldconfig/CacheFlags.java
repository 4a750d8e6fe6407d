package dev.execray.place.ldconfig;

/**
 * The {@code flags} word of an ld.so.cache entry: the library kind in the low byte and the ABI tag in
 * the next byte ({@code sysdeps/generic/ldconfig.h}). A loader only takes entries whose flags equal its
 * own {@code _DL_CACHE_DEFAULT_ID} (for a few 32-bit ABIs also the untagged {@code 0x0003} or the
 * libc5-era {@code 0x0001}), so the x86-64 ld.so never picks an x32 or i386 entry for the same soname.
 */
public enum CacheFlags {
    UNTAGGED(0x0000, ""),
    SPARC_LIB64(0x0100, "64bit"),
    IA64_LIB64(0x0200, "IA-64"),
    X8664_LIB64(0x0300, "x86-64"),
    S390_LIB64(0x0400, "64bit"),
    POWERPC_LIB64(0x0500, "64bit"),
    MIPS64_LIBN32(0x0600, "N32"),
    MIPS64_LIBN64(0x0700, "64bit"),
    X8664_LIBX32(0x0800, "x32"),
    ARM_LIBHF(0x0900, "hard-float"),
    AARCH64_LIB64(0x0a00, "AArch64"),
    ARM_LIBSF(0x0b00, "soft-float"),
    MIPS_LIB32_NAN2008(0x0c00, "nan2008"),
    MIPS64_LIBN32_NAN2008(0x0d00, "N32,nan2008"),
    MIPS64_LIBN64_NAN2008(0x0e00, "64bit,nan2008"),
    RISCV_FLOAT_ABI_SOFT(0x0f00, "soft-float"),
    RISCV_FLOAT_ABI_DOUBLE(0x1000, "double-float"),
    LARCH_FLOAT_ABI_SOFT(0x1100, "soft-float"),
    LARCH_FLOAT_ABI_DOUBLE(0x1200, "double-float");

    /** {@code FLAG_ELF_LIBC6}: every entry a glibc ldconfig writes has this kind. */
    public static final int ELF_LIBC6 = 0x0003;
    /** {@code FLAG_ELF}: the kind libc5-era caches used; the generic 32-bit check still accepts it. */
    public static final int ELF = 0x0001;
    static final int TYPE_MASK = 0x00ff;
    static final int REQUIRED_MASK = 0xff00;

    private final int value;
    private final String label;

    CacheFlags(int value, String label) {
        this.value = value;
        this.label = label;
    }

    public int value() {
        return value;
    }

    /** The ABI tag of a flags word, or empty if the tag is one no glibc defines. */
    public static java.util.Optional<CacheFlags> tagOf(int flags) {
        int tag = flags & REQUIRED_MASK;
        for (CacheFlags f : values()) {
            if (f.value == tag) {
                return java.util.Optional.of(f);
            }
        }
        return java.util.Optional.empty();
    }

    /**
     * The description {@code ldconfig -p} prints between the parentheses, e.g. {@code libc6,x86-64}
     * ({@code elf/cache.c} {@code print_entry} of glibc 2.36); an unknown tag prints as its decimal value.
     */
    public static String describe(int flags) {
        StringBuilder sb = new StringBuilder();
        switch (flags & TYPE_MASK) {
            case 0x0000 -> sb.append("libc4");
            case ELF -> sb.append("ELF");
            case 0x0002 -> sb.append("libc5");
            case ELF_LIBC6 -> sb.append("libc6");
            default -> sb.append("unknown");
        }
        int tag = flags & REQUIRED_MASK;
        if (tag != 0) {
            sb.append(',').append(tagOf(flags).map(f -> f.label)
                    .orElse(Integer.toString(tag)));
        }
        return sb.toString();
    }
}

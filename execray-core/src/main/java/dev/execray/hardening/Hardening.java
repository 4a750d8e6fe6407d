package dev.execray.hardening;

import java.util.List;

/** The exploit mitigations a file was built with, per format. Computed from the readers' models, never a second parse. */
public sealed interface Hardening {

    /** Short names of the mitigations this file lacks, in a stable order (for diffs and CI policies). */
    List<String> missing();

    /**
     * An ELF file's mitigations, with checksec's meaning for each column.
     *
     * @param canary         a stack protector symbol is referenced or defined (__stack_chk_fail / _guard)
     * @param nx             PT_GNU_STACK present and not executable
     * @param rpath          DT_RPATH entries, as written (empty: none)
     * @param runpath        DT_RUNPATH entries, as written
     * @param riskyPaths     RPATH/RUNPATH entries that are relative (not $ORIGIN-anchored) or empty (= the cwd)
     * @param ibt            x86 GNU property IBT (or AArch64 BTI) marked in every input of the link
     * @param shstk          x86 GNU property SHSTK (or AArch64 PAC)
     * @param stripped       no .symtab section
     * @param writableExec   a PT_LOAD segment both writable and executable
     * @param executableStack PT_GNU_STACK asks for PF_X, or is missing (the kernel's default is then an executable stack)
     */
    record Elf(Relro relro, boolean canary, boolean nx, Pie pie, Fortify fortify, List<String> rpath,
            List<String> runpath, List<String> riskyPaths, boolean ibt, boolean shstk, boolean stripped,
            boolean writableExec, boolean executableStack) implements Hardening {
        public Elf {
            rpath = List.copyOf(rpath);
            runpath = List.copyOf(runpath);
            riskyPaths = List.copyOf(riskyPaths);
        }

        @Override
        public List<String> missing() {
            List<String> m = new java.util.ArrayList<>();
            if (relro != Relro.FULL) {
                m.add(relro == Relro.NONE ? "relro" : "full-relro");
            }
            if (!canary) {
                m.add("canary");
            }
            if (!nx) {
                m.add("nx");
            }
            if (pie == Pie.NO) {
                m.add("pie");
            }
            if (!fortify.any() && fortify.unchecked() > 0) {
                m.add("fortify");
            }
            if (!ibt) {
                m.add("ibt");
            }
            if (!shstk) {
                m.add("shstk");
            }
            return m;
        }
    }

    /** A PE image's DllCharacteristics and signature. */
    record Pe(boolean dynamicBase, boolean highEntropyVa, boolean nxCompat, boolean guardCf, boolean noSeh,
            boolean forceIntegrity, boolean signed) implements Hardening {
        @Override
        public List<String> missing() {
            List<String> m = new java.util.ArrayList<>();
            if (!dynamicBase) {
                m.add("dynamic-base");
            }
            if (!highEntropyVa) {
                m.add("high-entropy-va");
            }
            if (!nxCompat) {
                m.add("nx-compat");
            }
            if (!guardCf) {
                m.add("guard-cf");
            }
            return m;
        }
    }

    /**
     * A Mach-O image's mitigations, with the meaning of checksec's macOS columns (checksec.sh's macOS mode and
     * otool-based scripts: header flags, load commands, imported symbols).
     *
     * @param pie             {@link Pie#PIE} for an MH_EXECUTE with MH_PIE, {@link Pie#NO} without, {@link Pie#DSO}
     *                        for dylibs and bundles, {@link Pie#REL} for MH_OBJECT
     * @param canary          ___stack_chk_guard or ___stack_chk_fail is referenced or defined
     * @param nxStack         MH_ALLOW_STACK_EXECUTION is not set
     * @param nxHeap          MH_NO_HEAP_EXECUTION is set (opt-in; 64-bit heaps are never executable anyway)
     * @param arc             _objc_release is referenced: Objective-C automatic reference counting
     * @param fortified       imported *_chk functions (___memcpy_chk ...), the stack protector's aside
     * @param restrict        a __RESTRICT segment: dyld ignores DYLD_* environment variables
     * @param encrypted       LC_ENCRYPTION_INFO(_64) with a non-zero cryptid (App Store encryption)
     * @param codeSignature   an LC_CODE_SIGNATURE command
     * @param hardenedRuntime the code directory's CS_RUNTIME flag (0x10000), from the embedded signature
     * @param rpath           LC_RPATH entries, as written
     */
    record MachO(Pie pie, boolean canary, boolean nxStack, boolean nxHeap, boolean arc, int fortified,
            boolean restrict, boolean encrypted, boolean codeSignature, boolean hardenedRuntime, List<String> rpath)
            implements Hardening {
        public MachO {
            rpath = List.copyOf(rpath);
        }

        @Override
        public List<String> missing() {
            List<String> m = new java.util.ArrayList<>();
            if (pie == Pie.NO) {
                m.add("pie");
            }
            if (!canary) {
                m.add("canary");
            }
            if (!nxStack) {
                m.add("nx");
            }
            if (!codeSignature) {
                m.add("code-signature");
            }
            return m;
        }
    }
}

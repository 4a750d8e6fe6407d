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
}

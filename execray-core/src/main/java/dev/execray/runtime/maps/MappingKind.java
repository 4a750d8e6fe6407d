package dev.execray.runtime.maps;

/** What backs a mapping, from its name column (fs/proc/task_mmu.c show_map_vma, get_vma_name). */
public enum MappingKind {
    /** A file, named by its path ("(deleted)" when unlinked). */
    FILE,
    /** Anonymous memory with no name: heaps of runtimes (Go's arenas, the JVM's heap), thread stacks. */
    ANONYMOUS,
    /** [heap]: the brk heap. */
    HEAP,
    /** [stack]: the main thread's stack. */
    STACK,
    /** [vdso], [vvar], [vvar_vclock], [vsyscall], [uprobes] and other kernel-supplied special mappings. */
    SPECIAL,
    /** [anon:name] or [anon_shmem:name]: anonymous memory named with prctl(PR_SET_VMA_ANON_NAME). */
    NAMED_ANONYMOUS;

    static MappingKind of(String name) {
        if (name.isEmpty()) {
            return ANONYMOUS;
        }
        if (name.startsWith("/")) {
            return FILE;
        }
        if (name.equals("[heap]")) {
            return HEAP;
        }
        if (name.startsWith("[stack")) {
            return STACK;
        }
        if (name.startsWith("[anon:") || name.startsWith("[anon_shmem:")) {
            return NAMED_ANONYMOUS;
        }
        if (name.startsWith("[")) {
            return SPECIAL;
        }
        // memfd:, SYSV shared memory ("/SYSV..." is a path), or a file name from a foreign format
        return FILE;
    }
}

package dev.execray.place;

/**
 * BINPRM_BUF_SIZE: how many bytes of a file the kernel reads before choosing a handler. 256 since
 * Linux 5.1 (commit 6eb3c3d0a52d, "exec: increase BINPRM_BUF_SIZE to 256"), 128 before. It bounds
 * the shebang line and binfmt_misc's offset+magic.
 */
public final class ExecBuffer {
    private ExecBuffer() {
    }

    public static int size(KernelVersion kernel) {
        return kernel.atLeast(5, 1) ? 256 : 128;
    }
}

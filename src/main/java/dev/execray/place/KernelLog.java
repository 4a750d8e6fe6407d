package dev.execray.place;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The kernel's log, where this process may read it. Some facts are only there: a paravirtualised guest's kernel
 * can be built with CONFIG_IA32_EMULATION=y and still refuse every 32-bit exec because its hypervisor runs 64-bit
 * user code only ("pvm-pv: IA-32 emulation off" at boot, "32-bit emulation disabled" at the first refusal).
 * Read with util-linux dmesg (a system tool, never a file being inspected), bounded in time and size.
 */
public final class KernelLog {
    private static final long MAX_BYTES = 8L << 20;

    private KernelLog() {
    }

    /** The log's lines, or empty when it cannot be read (no dmesg, kernel.dmesg_restrict, a container). */
    public static Optional<List<String>> host() {
        try {
            Process p = new ProcessBuilder("dmesg").redirectErrorStream(false)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            p.getOutputStream().close();
            byte[] out;
            try (InputStream in = p.getInputStream()) {
                out = in.readNBytes((int) MAX_BYTES);
            }
            if (!p.waitFor(2, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.empty();
            }
            if (p.exitValue() != 0) {
                return Optional.empty();
            }
            return Optional.of(new String(out, StandardCharsets.UTF_8).lines().toList());
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** The line saying the kernel refuses 32-bit x86 programs whatever its configuration, if the log has one. */
    public static Optional<String> ia32Refusal(List<String> lines) {
        return lines.stream().filter(l -> l.contains("IA-32 emulation off") || l.contains("32-bit emulation disabled"))
                .findFirst().map(String::trim);
    }
}

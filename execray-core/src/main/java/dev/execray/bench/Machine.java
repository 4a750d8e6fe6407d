package dev.execray.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Facts about this machine that change timings: the CPU frequency governor and CPU pinning, when set. */
public final class Machine {
    private Machine() {
    }

    public static List<String> facts() {
        List<String> f = new ArrayList<>();
        try {
            Path gov = Path.of("/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor");
            if (Files.isReadable(gov)) {
                f.add("CPU frequency governor: " + Bounded.read(gov, 256).trim());
            }
            Path status = Path.of("/proc/self/status");
            if (Files.isReadable(status)) {
                String allowed = Bounded.read(status, 1 << 16).lines().filter(l -> l.startsWith("Cpus_allowed_list:"))
                        .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("");
                int cpus = Runtime.getRuntime().availableProcessors();
                String online = Files.isReadable(Path.of("/sys/devices/system/cpu/online"))
                        ? Bounded.read(Path.of("/sys/devices/system/cpu/online"), 256).trim() : "";
                if (!allowed.isEmpty() && !online.isEmpty() && !allowed.equals(online)) {
                    f.add("CPU pinning: runs on CPUs " + allowed + " of " + online + " (" + cpus + " usable)");
                }
            }
        } catch (IOException e) {
            // facts are extras; an unreadable /sys leaves them out
        }
        return f;
    }

    /** The time-stamp counter's rate as xrtime measures it against CLOCK_MONOTONIC; 0 when unknown. */
    public static double tscHz(XrTimer t) {
        try {
            Process p = new ProcessBuilder(t.helper().toString(), "-T").redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String s = new String(p.getInputStream().readNBytes(256), java.nio.charset.StandardCharsets.US_ASCII).trim();
            p.waitFor();
            return s.startsWith("tsc_hz ") ? Double.parseDouble(s.substring(7)) : 0;
        } catch (IOException | NumberFormatException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }
}

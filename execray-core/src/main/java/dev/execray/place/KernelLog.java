package dev.execray.place;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.nio.file.Path;

/**
 * The kernel's log, where this process may read it. Some facts are only there: a paravirtualised guest's kernel
 * can be built with CONFIG_IA32_EMULATION=y and still refuse every 32-bit exec because its hypervisor runs 64-bit
 * user code only ("pvm-pv: IA-32 emulation off" at boot, "32-bit emulation disabled" at the first refusal).
 * Read from /dev/kmsg, bounded in time and size; consulted only when a 32-bit x86 program is judged.
 */
public final class KernelLog {
    private static final long MAX_BYTES = 8L << 20;

    private KernelLog() {
    }

    /**
     * The log's lines as read, and whether they begin with the first record since boot (sequence number 0): the ring
     * buffer overwrites its oldest records, so a line's absence proves something only when nothing was lost.
     */
    public record Read(List<String> lines, boolean fromBoot) {
        public Read {
            lines = List.copyOf(lines);
        }
    }

    private static volatile Optional<Read> host;

    /**
     * The log's lines, or empty when it cannot be read (kernel.dmesg_restrict, a container without /dev/kmsg).
     * Read once per process from /dev/kmsg, which hands out one record per read and then blocks: a daemon reader
     * stops being waited for once the records stop coming (the whole ring buffer is there at once). Nothing is
     * executed to read it.
     */
    public static Optional<Read> host() {
        Optional<Read> h = host;
        if (h == null) {
            h = readKmsg(Path.of("/dev/kmsg"));
            host = h;
        }
        return h;
    }

    static Optional<Read> readKmsg(Path dev) {
        List<String> lines = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        java.util.concurrent.atomic.AtomicLong firstSeq = new java.util.concurrent.atomic.AtomicLong(-1);
        java.util.concurrent.atomic.AtomicBoolean refused = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicLong bytes = new java.util.concurrent.atomic.AtomicLong();
        Thread t = new Thread(() -> {
            try (InputStream in = java.nio.file.Files.newInputStream(dev)) {
                byte[] buf = new byte[8192];
                int n;
                while ((n = in.read(buf)) > 0 && bytes.addAndGet(n) < MAX_BYTES) {
                    // a record: "PRIORITY,SEQ,USEC,FLAGS;message\n"
                    String rec = new String(buf, 0, n, StandardCharsets.UTF_8);
                    int semi = rec.indexOf(';');
                    if (firstSeq.get() < 0) {
                        firstSeq.set(sequence(rec));
                    }
                    lines.add((semi >= 0 ? rec.substring(semi + 1) : rec).strip());
                }
            } catch (IOException e) {
                if (lines.isEmpty()) {
                    refused.set(true);
                }
            }
        }, "execray-kmsg");
        t.setDaemon(true);
        t.start();
        long deadline = System.nanoTime() + 1_000_000_000L;
        int last = -1;
        try {
            while (System.nanoTime() < deadline && t.isAlive()) {
                Thread.sleep(30);
                int now = lines.size();
                if (now == last && now > 0) {
                    break;
                }
                last = now;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (refused.get() || lines.isEmpty()) {
            return Optional.empty();
        }
        synchronized (lines) {
            return Optional.of(new Read(List.copyOf(lines), firstSeq.get() == 0));
        }
    }

    /** A /dev/kmsg record's sequence number ("PRIORITY,SEQ,USEC,FLAGS;message"); -1 when it has none. */
    static long sequence(String record) {
        int c1 = record.indexOf(',');
        int c2 = c1 < 0 ? -1 : record.indexOf(',', c1 + 1);
        int semi = record.indexOf(';');
        if (c2 < 0 || (semi >= 0 && c2 > semi)) {
            return -1;
        }
        try {
            return Long.parseLong(record.substring(c1 + 1, c2));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The line saying the kernel refuses 32-bit x86 programs whatever its configuration, if the log has one. */
    public static Optional<String> ia32Refusal(List<String> lines) {
        return lines.stream().filter(l -> l.contains("IA-32 emulation off") || l.contains("32-bit emulation disabled"))
                .findFirst().map(String::trim);
    }
}

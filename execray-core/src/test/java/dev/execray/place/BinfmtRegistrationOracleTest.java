package dev.execray.place;

import static org.assertj.core.api.Assertions.assertThat;

import dev.execray.rootfs.Errno;
import dev.execray.rootfs.RootFs;
import dev.execray.truth.Oracle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The binfmt_misc registration oracle: each string is written to the real kernel's register file
 * (with the registry disabled, so nothing registered can match any exec on the machine), and the
 * kernel's answer — the errno of the write, or the entry file it creates — is compared with
 * {@link BinfmtRegistration} and {@link BinfmtEntry#toStatusFile()}. Also compares the qemu-user-static
 * registrations execray generates with the files the installed package ships.
 */
@Tag("oracle")
class BinfmtRegistrationOracleTest {
    static final Path BINFMT = Path.of("/proc/sys/fs/binfmt_misc");

    static Optional<String> cannotRun() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (l.startsWith("Uid:") && !l.split("\\s+")[2].equals("0")) {
                    return Optional.of("root (registering binfmt_misc entries needs root: run mvn -Poracle as root)");
                }
            }
        } catch (IOException e) {
            return Optional.of("/proc (mount proc)");
        }
        return Optional.empty();
    }

    static List<String> strings() {
        List<String> s = new ArrayList<>();
        String n = "{name}";
        // accepted forms
        s.add(":" + n + ":M::XRQ::/bin/true:");
        s.add(":" + n + ":M::XRQ::/bin/true:\n");
        s.add(":" + n + ":M:0:XRQ::/bin/true:POCF");
        s.add(":" + n + ":M:12:\\x58\\x52\\x51:\\xff\\xfe\\xff:/bin/true:P");
        s.add(":" + n + ":M:+7:XRQ::/bin/true:");
        s.add(":" + n + ":M:007:XRQ::/bin/true:");
        s.add(":" + n + ":M:-0:XRQ::/bin/true:");
        s.add(":" + n + ":M:5\n:XRQ::/bin/true:");
        s.add(":" + n + ":M::XRQ\\\\x41::/bin/true:");
        s.add(":" + n + ":M::a\\b::/bin/true:");
        s.add(":" + n + ":M::XR\\x00\\x00::/bin/true:");
        s.add(":" + n + ":M::\\x00XR::/bin/true:");
        s.add(":" + n + ":M::XRQ:\\x00\\x00\\x00:/bin/true:");
        s.add(":" + n + ":M::" + "\\x01".repeat(256) + "::/bin/true:");
        s.add(":" + n + ":M:2:" + "\\x01".repeat(254) + "::/bin/true:");
        s.add(":" + n + ":M:255:Q::/bin/true:");
        s.add(":" + n + ":M::\\XRQ::/bin/true:");
        s.add(":" + n + ":M::\\X41::/bin/true:");
        s.add(":" + n + ":M::\\xAa\\xbB::/bin/true:");
        s.add(":" + n + ":E::xrq::/bin/true:");
        s.add(":" + n + ":E:junk:xrq:junk:/bin/true:OC");
        s.add(":" + n + ":E::\\x41::/bin/true:");
        s.add(":" + n + ":E::x.y::/bin/true:");
        s.add(":" + n + ":M::XRQ::relative/interp:");
        s.add(":" + n + ":M::XRQ::/bin/true:CCCC");
        s.add(":" + n + ":M::XRQ::/bin/true:FPFP");
        s.add("," + n + ",M,,XR:Q,,/bin/true,");
        s.add("|" + n + "|M||XRQ||/bin/true|P");
        s.add(":" + n + ":M::XRQ::/bin/true with space:");
        s.add(":" + n + ":M::XRQ::/nonexistent/interp:");
        // refused forms
        s.add(":" + n + ":M::XRQ::/nonexistent/interp:F");
        s.add(":" + n + ":M::XRQ::/etc/hostname:F");
        s.add(":" + n + ":M::XRQ::/tmp:F");
        s.add(":" + n + ":M::\\x4::/bin/true:");
        s.add(":" + n + ":M::\\xg1::/bin/true:");
        s.add(":" + n + ":M::XRQ:\\x1:/bin/true:");
        s.add(":" + n + ":M::XRQ:\\xff\\xff:/bin/true:");
        s.add(":" + n + ":M::XRQ:\\xff\\xff\\xff\\xff:/bin/true:");
        s.add(":" + n + ":M::" + "\\x01".repeat(257) + "::/bin/true:");
        s.add(":" + n + ":M:3:" + "\\x01".repeat(254) + "::/bin/true:");
        s.add(":" + n + ":M:256:Q::/bin/true:");
        s.add(":" + n + ":M:-1:XRQ::/bin/true:");
        s.add(":" + n + ":M:0x1:XRQ::/bin/true:");
        s.add(":" + n + ":M: 1:XRQ::/bin/true:");
        s.add(":" + n + ":M:99999999999:XRQ::/bin/true:");
        s.add(":" + n + ":M:1 :XRQ::/bin/true:");
        s.add(":" + n + ":M::::/bin/true:");
        s.add(":" + n + ":M::XRQ:::");
        s.add(":" + n + ":M::XRQ::/bin/true");
        s.add(":" + n + ":M::XRQ::/bin/true:X");
        s.add(":" + n + ":M::XRQ::/bin/true:P\n\n");
        s.add(":" + n + ":M::XRQ::/bin/true:P:");
        s.add(":" + n + ":M::XRQ::/bin/true: ");
        s.add(":" + n + ":X::XRQ::/bin/true:");
        s.add(":" + n + ":MM::XRQ::/bin/true:");
        s.add(":" + n + ":m::XRQ::/bin/true:");
        s.add(":" + n + ":E::::/bin/true:");
        s.add(":" + n + ":E::a/b::/bin/true:");
        s.add(":" + n + ":E::xrq:/bin/true:");
        s.add("P" + n + "PMPPXRQPP/bin/trueP");
        s.add("F" + n + "FMFFXRQFF/bin/trueF");
        s.add("::M::XRQ::/bin/true:");
        s.add(":.:M::XRQ::/bin/true:");
        s.add(":..:M::XRQ::/bin/true:");
        s.add(":xrtest_a/b:M::XRQ::/bin/true:");
        s.add(":register:M::XRQ::/bin/true:");
        s.add(":status:M::XRQ::/bin/true:");
        s.add(":" + n + "_" + "n".repeat(260) + ":M::XRQ::/bin/true:");
        s.add(":short");
        s.add(":" + n + ":M::" + "\\x41".repeat(480) + "::/bin/true:");
        s.add(":" + n + ":M::XRQ::/bin/true:\0");
        s.add(":" + n + "\0:M::XRQ::/bin/true:");
        s.add(":" + n + ":M::XR\0Q::/bin/true:");
        return s;
    }

    @Test
    void theKernelAcceptsAndRefusesRegistrationsAsTheParserSays() throws Exception {
        Optional<String> why = cannotRun();
        Oracle.require(why.isEmpty(), "oracle binfmt-register: " + why.orElse(""));
        boolean mounted = false;
        if (!Files.exists(BINFMT.resolve("register"))) {
            mounted = run("mount", "-t", "binfmt_misc", "binfmt_misc", BINFMT.toString()) == 0;
        }
        Oracle.require(Files.exists(BINFMT.resolve("register")),
                "oracle binfmt-register: binfmt_misc cannot be mounted (needs root and CONFIG_BINFMT_MISC)");
        KernelVersion k = KernelVersion.parse(Files.readString(Path.of("/proc/sys/kernel/osrelease"))).orElseThrow();
        String status = Files.readString(BINFMT.resolve("status")).trim();
        List<String> disagree = new ArrayList<>();
        int total = 0;
        int agree = 0;
        try {
            Files.writeString(BINFMT.resolve("status"), "0");
            List<String> cases = strings();
            for (int i = 0; i < cases.size(); i++) {
                String name = "xrtest_r" + i;
                byte[] reg = cases.get(i).replace("{name}", name).getBytes(StandardCharsets.ISO_8859_1);
                String kernel;
                try {
                    Files.write(BINFMT.resolve("register"), reg);
                    kernel = "accepted";
                } catch (IOException e) {
                    kernel = "errno " + errnoOf(e);
                }
                String regName = new String(reg, StandardCharsets.ISO_8859_1);
                BinfmtRegistration.Result r = BinfmtRegistration.parse(reg, k);
                String sim;
                Optional<BinfmtEntry> entry = Optional.empty();
                if (r instanceof BinfmtRegistration.Accepted a) {
                    Optional<String> e = BinfmtRegistry.empty("x").registerErrno(a.entry(), RootFs.host(), k);
                    sim = e.map(x -> "errno " + x).orElse("accepted");
                    entry = Optional.of(a.entry());
                } else {
                    sim = "errno " + ((BinfmtRegistration.Rejected) r).errno().name();
                }
                total++;
                boolean ok = kernel.equals(sim);
                if (ok && kernel.equals("accepted")) {
                    String file = Files.readString(BINFMT.resolve(entry.get().name()), StandardCharsets.ISO_8859_1);
                    String mine = entry.get().toStatusFile();
                    if (!file.equals(mine)) {
                        ok = false;
                        disagree.add(printable(regName) + ": entry file\n" + file + "--- expected\n" + mine);
                    }
                    // and it prints back to a registration the kernel reads the same way
                    Files.writeString(BINFMT.resolve(entry.get().name()), "-1");
                    String back = entry.get().toRegistration();
                    try {
                        Files.write(BINFMT.resolve("register"), back.getBytes(StandardCharsets.ISO_8859_1));
                        String again = Files.readString(BINFMT.resolve(entry.get().name()), StandardCharsets.ISO_8859_1);
                        if (!again.equals(file)) {
                            ok = false;
                            disagree.add(printable(regName) + ": printed back as " + back + " reads differently");
                        }
                    } catch (IOException e) {
                        ok = false;
                        disagree.add(printable(regName) + ": printed back as " + back + " is refused: " + e.getMessage());
                    }
                } else if (!ok) {
                    disagree.add(printable(regName) + ": kernel " + kernel + " / parser " + sim);
                }
                if (ok) {
                    agree++;
                }
                cleanEntries();
            }
        } finally {
            cleanEntries();
            Files.writeString(BINFMT.resolve("status"), status.equals("disabled") ? "0" : "1");
            // unmounting frees every entry of the instance (Linux 6.7+), other tests' included: only when none is left
            boolean onlyControl;
            try (var s = Files.list(BINFMT)) {
                onlyControl = s.allMatch(p -> p.getFileName().toString().equals("register")
                        || p.getFileName().toString().equals("status"));
            }
            if (mounted && onlyControl) {
                run("umount", BINFMT.toString());
            }
        }
        System.out.println("oracle binfmt-register: " + agree + "/" + total + " agree");
        disagree.forEach(d -> System.out.println("  DISAGREE " + d));
        assertThat(disagree).isEmpty();
        Oracle.atLeast(total, strings().size(), "registration strings");
    }

    @Test
    void generatedQemuRegistrationsEqualTheInstalledPackagesFiles() throws IOException {
        Path dir = Path.of("/usr/lib/binfmt.d");
        Oracle.require(Files.exists(dir.resolve("qemu-aarch64.conf")),
                "qemu-user-static's " + dir + "/qemu-*.conf (apt-get install qemu-user-static)");
        List<String> disagree = new ArrayList<>();
        int total = 0;
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "qemu-*.conf")) {
                for (Path p : s) {
                    String file = Files.readString(p).strip();
                    String arch = p.getFileName().toString().replace("qemu-", "").replace(".conf", "");
                    total++;
                    Optional<QemuBinfmt.QemuTarget> t = QemuBinfmt.target(arch);
                    String mine = t.map(x -> QemuBinfmt.registration(x, QemuBinfmt.Style.DEBIAN)).orElse("(none)");
                    if (!mine.equals(file)) {
                        disagree.add(arch + ": installed " + file + " / generated " + mine);
                    }
                    Path binfmts = Path.of("/usr/share/binfmts/qemu-" + arch);
                    if (t.isPresent() && Files.exists(binfmts)
                            && !Files.readString(binfmts).equals(QemuBinfmt.binfmtsFile(t.get()))) {
                        disagree.add(arch + ": /usr/share/binfmts file differs");
                    }
                }
            }
        }
        System.out.println("oracle qemu-binfmt: " + (total - disagree.size()) + "/" + total + " agree"
                + (total == 0 ? " (qemu-user-static not installed: skipped)" : ""));
        disagree.forEach(d -> System.out.println("  DISAGREE " + d));
        assertThat(disagree).isEmpty();
        // qemu-user-static 7.2 installs 30 of them; fewer means a broken or partial package
        Oracle.atLeast(total, 20, "qemu-*.conf files");
        for (QemuBinfmt.QemuTarget t : QemuBinfmt.targets()) {
            for (QemuBinfmt.Style st : QemuBinfmt.Style.values()) {
                assertThat(BinfmtRegistration.parse(QemuBinfmt.registration(t, st), KernelVersion.of(6, 12)))
                        .as(t.name()).isInstanceOf(BinfmtRegistration.Accepted.class);
            }
        }
    }

    private static String errnoOf(IOException e) {
        String m = String.valueOf(e.getMessage());
        for (Errno x : Errno.values()) {
            if (m.contains(x.strerror())) {
                return x.name();
            }
        }
        return m;
    }

    private static void cleanEntries() throws IOException {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(BINFMT, "xrtest_*")) {
            for (Path p : s) {
                try {
                    Files.writeString(p, "-1");
                } catch (IOException ignored) {
                    // gone already
                }
            }
        }
    }

    private static int run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        p.waitFor(60, TimeUnit.SECONDS);
        return p.exitValue();
    }

    private static String printable(String s) {
        String t = s.replace("\n", "\\n").replace("\0", "\\0");
        return t.length() > 120 ? t.substring(0, 120) + "…" : t;
    }
}

package dev.execray.exec;

import dev.execray.exec.kernel.ShebangParser;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.execray.rootfs.Credentials;
import dev.execray.rootfs.MemoryRoot;
import dev.execray.place.Arch;
import dev.execray.place.BinfmtRegistry;
import dev.execray.place.KernelFeatures;
import dev.execray.place.KernelVersion;
import dev.execray.place.Libc;
import dev.execray.place.Os;
import dev.execray.place.Target;
import java.util.List;

/**
 * Arbitrary bytes as an executable, as its #! interpreter and as its program interpreter, on
 * x86-64 and on arm64 with 64 KiB pages: the simulation always ends in a verdict with a trace, and
 * never throws, whatever the headers claim.
 */
class ExecSimulatorFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void anyBytesAsAnExecutable(byte[] data) {
        MemoryRoot root = new MemoryRoot()
                .file("/bin/x", data, 0755)
                .file("/lib64/ld-linux-x86-64.so.2", data, 0755)
                .file("/lib/ld-linux-aarch64.so.1", data, 0755)
                .file("/bin/sh", data, 0755)
                .link("/usr/bin/env", "/bin/x");
        for (Arch arch : new Arch[] {Arch.AMD64, Arch.ARM64, Arch.RISCV64, Arch.PPC64}) {
            int page = arch == Arch.ARM64 ? 65536 : arch.defaultPageSize();
            Target t = new Target(Os.LINUX, arch, KernelVersion.of(6, 12), page, BinfmtRegistry.empty("none"),
                    KernelFeatures.defaults(arch), Libc.GLIBC, Credentials.ROOT, root, List.of());
            ExecResult r = new ExecSimulator(t).explain(ExecRequest.of("/bin/x"));
            assertThat(r.trace().steps()).isNotEmpty();
            assertThat(r.verdict()).isNotNull();
        }
    }

    @FuzzTest(maxDuration = "60s")
    void anyBytesAsAShebangBuffer(byte[] data) {
        for (KernelVersion k : new KernelVersion[] {KernelVersion.of(6, 12), KernelVersion.of(5, 4),
                KernelVersion.of(4, 19)}) {
            byte[] buf = java.util.Arrays.copyOf(data, k.atLeast(5, 1) ? 256 : 128);
            assertThat(ShebangParser.parse(buf, k)).isNotNull();
        }
    }
}

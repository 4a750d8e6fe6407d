package dev.execray.exec;

import dev.execray.exec.kernel.KernelOutcome;
import dev.execray.exec.verdict.Cause;
import dev.execray.exec.verdict.ExecTrace;
import dev.execray.exec.verdict.Fact;
import dev.execray.exec.verdict.Signal;
import dev.execray.exec.verdict.Verdict;

import static org.assertj.core.api.Assertions.assertThat;

import dev.execray.rootfs.Credentials;
import dev.execray.rootfs.Errno;
import dev.execray.rootfs.RootFs;
import dev.execray.place.Arch;
import dev.execray.place.BinfmtEntry;
import dev.execray.place.BinfmtRegistration;
import dev.execray.place.BinfmtRegistry;
import dev.execray.place.KernelFeatures;
import dev.execray.place.KernelVersion;
import dev.execray.place.Libc;
import dev.execray.place.Os;
import dev.execray.place.Target;
import dev.execray.testing.ElfBuilder;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecSimulatorTest {
    @TempDir
    Path dir;
    RootFs root;

    @BeforeEach
    void setUp() throws IOException {
        root = RootFs.directory(dir);
        write("/bin/native", ElfBuilder.x8664().build(), "rwxr-xr-x");
        write("/lib64/ld-linux-x86-64.so.2", ElfBuilder.x8664().build(), "rwxr-xr-x");
    }

    void write(String path, byte[] content, String perms) throws IOException {
        Path p = dir.resolve(path.substring(1));
        Files.createDirectories(p.getParent());
        Files.write(p, content);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
    }

    void write(String path, String content, String perms) throws IOException {
        write(path, content.getBytes(StandardCharsets.UTF_8), perms);
    }

    Target target(Arch arch, KernelVersion k, int page, List<String> registrations) {
        List<BinfmtEntry> entries = new ArrayList<>();
        for (String r : registrations) {
            entries.add(((BinfmtRegistration.Accepted) BinfmtRegistration.parse(r, k)).entry());
        }
        BinfmtRegistry reg = BinfmtRegistry.empty("test").register(entries);
        return new Target(Os.LINUX, arch, k, page, reg, KernelFeatures.defaults(arch), Libc.GLIBC, Credentials.ROOT,
                root, List.of());
    }

    Target amd64(String... registrations) {
        return target(Arch.AMD64, KernelVersion.of(6, 12), 4096, List.of(registrations));
    }

    ExecResult run(Target t, String path, String... args) {
        List<String> argv = new ArrayList<>();
        argv.add(path);
        argv.addAll(List.of(args));
        return new ExecSimulator(t).explain(new ExecRequest(path, argv, "/"));
    }

    /** The kernel's part alone: what execve() starts, before the started program has its say. */
    static KernelOutcome.Started started(Target t, String path, List<String> argv) {
        KernelOutcome k = new ExecSimulator(t).execve(path, argv, "/", new ExecTrace.Builder());
        assertThat(k).isInstanceOf(KernelOutcome.Started.class);
        return (KernelOutcome.Started) k;
    }

    /** A binfmt_misc interpreter execray does not model started: the verdict depends on what it does. */
    static Verdict.Depends handedOver(ExecResult r) {
        assertThat(r.verdict()).as(r.trace().toString()).isInstanceOf(Verdict.Depends.class);
        Verdict.Depends d = (Verdict.Depends) r.verdict();
        assertThat(d.fact()).isEqualTo(Fact.INTERPRETER_BEHAVIOUR);
        return d;
    }

    static Verdict.Runs runs(ExecResult r) {
        assertThat(r.verdict()).as(r.trace().toString()).isInstanceOf(Verdict.Runs.class);
        return (Verdict.Runs) r.verdict();
    }

    static Verdict.Fails fails(ExecResult r, Errno e) {
        assertThat(r.verdict()).as(r.trace().toString()).isInstanceOf(Verdict.Fails.class);
        Verdict.Fails f = (Verdict.Fails) r.verdict();
        assertThat(f.errno()).as(f.why()).contains(e);
        return f;
    }

    @Test
    void aNativeElfRunsWithItsArgvUnchanged() {
        Verdict.Runs v = runs(run(amd64(), "/bin/native", "a", "b"));
        assertThat(v.chain()).isEmpty();
        assertThat(v.argv()).containsExactly("/bin/native", "a", "b");
        assertThat(v.program()).isEqualTo("/bin/native");
    }

    @Test
    void aScriptGetsTheInterpreterItsOneArgumentAndThePathAsPassed() throws IOException {
        write("/s", "#!/bin/native  -x  -y \nbody\n", "rwxr-xr-x");
        Verdict.Runs v = runs(run(amd64(), "/s", "arg1"));
        assertThat(v.chain()).containsExactly("/bin/native");
        assertThat(v.argv()).containsExactly("/bin/native", "-x  -y", "/s", "arg1");
    }

    @Test
    void nestedScriptsSubstituteUpToFiveTimesAndTheSixthIsEloop() throws IOException {
        write("/s0", "#!/bin/native\n", "rwxr-xr-x");
        for (int i = 1; i <= 6; i++) {
            write("/s" + i, "#!/s" + (i - 1) + "\n", "rwxr-xr-x");
        }
        Verdict.Runs five = runs(run(amd64(), "/s4"));
        assertThat(five.chain()).containsExactly("/s3", "/s2", "/s1", "/s0", "/bin/native");
        assertThat(five.argv()).containsExactly("/bin/native", "/s0", "/s1", "/s2", "/s3", "/s4");
        fails(run(amd64(), "/s5"), Errno.ELOOP);
    }

    @Test
    void aCrlfShebangLooksForAnInterpreterEndingInCarriageReturn() throws IOException {
        write("/crlf", "#!/bin/native\r\necho\r\n", "rwxr-xr-x");
        Verdict.Fails f = fails(run(amd64(), "/crlf"), Errno.ENOENT);
        assertThat(f.messages().bash()).contains("bash: /crlf: cannot execute: required file not found");
        assertThat(f.fix()).contains("sed -i");
    }

    @Test
    void aNonExecutableInterpreterIsEaccesAndBashCallsItABadInterpreter() throws IOException {
        write("/bin/plain", "data", "rw-r--r--");
        write("/s", "#!/bin/plain\n", "rwxr-xr-x");
        Verdict.Fails f = fails(run(amd64(), "/s"), Errno.EACCES);
        assertThat(f.messages().bash()).contains("bash: /s: /bin/plain: bad interpreter: Permission denied");
        assertThat(f.messages().python()).contains("PermissionError: [Errno 13] Permission denied: '/s'");
        assertThat(f.messages().go()).contains("fork/exec /s: permission denied");
    }

    @Test
    void aTextFileWithoutShebangIsEnoexecAndBashRunsItItself() throws IOException {
        write("/t", "echo hi\n", "rwxr-xr-x");
        Verdict.Fails f = fails(run(amd64(), "/t"), Errno.ENOEXEC);
        assertThat(f.messages().bash()).isEmpty();
        assertThat(f.messages().bashNote().get()).contains("shell script");
        assertThat(f.messages().go()).contains("fork/exec /t: exec format error");
        assertThat(f.messages().python()).contains("OSError: [Errno 8] Exec format error: '/t'");
    }

    @Test
    void aFileWithoutExecuteBitsIsEaccesEvenForRoot() throws IOException {
        write("/noexec", ElfBuilder.x8664().build(), "rw-r--r--");
        Verdict.Fails f = fails(run(amd64(), "/noexec"), Errno.EACCES);
        assertThat(f.fix()).isEqualTo("chmod +x /noexec");
        assertThat(f.messages().bash()).contains("bash: /noexec: Permission denied");
    }

    @Test
    void aDirectoryIsEaccesAndBashSaysIsADirectory() {
        Verdict.Fails f = fails(run(amd64(), "/bin"), Errno.EACCES);
        assertThat(f.messages().bash()).contains("bash: /bin: Is a directory");
    }

    @Test
    void binfmtMagicWithMaskAndOffsetMatchesAndTheArgvDropsArgv0WithoutP() throws IOException {
        write("/m", "..XRTEST", "rwxr-xr-x");
        Target t = amd64(":xm:M:2:XRT\\x00ST:\\xff\\xff\\xff\\x00\\xff\\xff:/bin/native:");
        KernelOutcome.Started v = started(t, "/m", List.of("/m", "one"));
        assertThat(v.chain()).containsExactly("/bin/native");
        assertThat(handedOver(run(t, "/m", "one")).fact()).isEqualTo(Fact.INTERPRETER_BEHAVIOUR);
        assertThat(v.argv()).containsExactly("/bin/native", "/m", "one");
    }

    @Test
    void thePFlagKeepsArgv0() throws IOException {
        write("/m", "XRTEST", "rwxr-xr-x");
        Target t = amd64(":xm:M::XRTEST::/bin/native:P");
        KernelOutcome.Started v = started(t, "/m", List.of("name0", "one"));
        assertThat(v.argv()).containsExactly("/bin/native", "/m", "name0", "one");
    }

    @Test
    void theNewestMatchingEntryWinsAndDisabledEntriesArePassedOver() throws IOException {
        write("/bin/other", ElfBuilder.x8664().build(), "rwxr-xr-x");
        write("/m", "XRTEST", "rwxr-xr-x");
        Target t = amd64(":old:M::XRTEST::/bin/native:", ":new:M::XRTEST::/bin/other:");
        assertThat(handedOver(run(t, "/m")).chain()).containsExactly("/bin/other");
        BinfmtRegistry reg = t.binfmt();
        List<BinfmtEntry> es = new ArrayList<>(reg.entries());
        es.set(0, es.get(0).withEnabled(false));
        Target t2 = t.withBinfmt(new BinfmtRegistry(true, es, "test", List.of(), false));
        assertThat(handedOver(run(t2, "/m")).chain()).containsExactly("/bin/native");
        fails(run(t2.withBinfmt(t2.binfmt().withEnabled(false)), "/m"), Errno.ENOEXEC);
    }

    @Test
    void extensionEntriesLookAtTheWholePathAfterTheLastDot() throws IOException {
        write("/d.x/prog", "data", "rwxr-xr-x");
        write("/prog.xrt", "data", "rwxr-xr-x");
        Target t = amd64(":ext:E::xrt::/bin/native:");
        assertThat(started(t, "/prog.xrt", List.of("/prog.xrt")).argv()).containsExactly("/bin/native", "/prog.xrt");
        fails(run(t, "/d.x/prog"), Errno.ENOEXEC);
    }

    @Test
    void aMissingBinfmtInterpreterIsTheErrorEvenIfAShebangWouldWork() throws IOException {
        write("/m", "#!/bin/native\nXRTEST", "rwxr-xr-x");
        Target t = amd64(":m:M::#!/bin/native::/bin/nothere:");
        fails(run(t, "/m"), Errno.ENOENT);
    }

    @Test
    void theOFlagFollowedByAScriptInterpreterIsEnoexec() throws IOException {
        write("/bin/wrapper", "#!/bin/native\n", "rwxr-xr-x");
        write("/m", "XRTEST", "rwxr-xr-x");
        fails(run(amd64(":o:M::XRTEST::/bin/wrapper:O"), "/m"), Errno.ENOEXEC);
        assertThat(handedOver(run(amd64(":o:M::XRTEST::/bin/wrapper:"), "/m")).chain()).containsExactly("/bin/wrapper",
                "/bin/native");
    }

    @Test
    void aMissingProgramInterpreterIsEnoentAndBashSaysRequiredFileNotFound() throws IOException {
        write("/bin/dyn", ElfBuilder.x8664().interp("/lib/ld-musl-x86_64.so.1").build(), "rwxr-xr-x");
        Verdict.Fails f = fails(run(amd64(), "/bin/dyn"), Errno.ENOENT);
        assertThat(f.messages().bash()).contains("bash: /bin/dyn: cannot execute: required file not found");
        assertThat(f.fix()).contains("dynamic loader");
    }

    @Test
    void aProgramInterpreterThatIsNotElfIsElibbadAndAShortOneIsEio() throws IOException {
        write("/lib/text", "#!/bin/sh\n" + "x".repeat(100), "rwxr-xr-x");
        write("/lib/short", "\u007fELF", "rwxr-xr-x");
        write("/bin/a", ElfBuilder.x8664().interp("/lib/text").build(), "rwxr-xr-x");
        write("/bin/b", ElfBuilder.x8664().interp("/lib/short").build(), "rwxr-xr-x");
        fails(run(amd64(), "/bin/a"), Errno.ELIBBAD);
        fails(run(amd64(), "/bin/b"), Errno.EIO);
    }

    @Test
    void aProgramInterpreterForAnotherMachineIsElibbad() throws IOException {
        write("/lib/ld-arm", ElfBuilder.of(64, 183, ByteOrder.LITTLE_ENDIAN).build(), "rwxr-xr-x");
        write("/bin/a", ElfBuilder.x8664().interp("/lib/ld-arm").build(), "rwxr-xr-x");
        fails(run(amd64(), "/bin/a"), Errno.ELIBBAD);
    }

    @Test
    void ptInterpLengthAndTerminationAreChecked() throws IOException {
        ElfBuilder noNul = ElfBuilder.x8664().interp("/lib64/ld-linux-x86-64.so.2");
        noNul.interpNulTerminated = false;
        write("/bin/nonul", noNul.build(), "rwxr-xr-x");
        fails(run(amd64(), "/bin/nonul"), Errno.ENOEXEC);
        ElfBuilder one = ElfBuilder.x8664().interp("");
        one.interpFileszOverride = 1;
        write("/bin/one", one.build(), "rwxr-xr-x");
        fails(run(amd64(), "/bin/one"), Errno.ENOEXEC);
    }

    @Test
    void anElfForAnotherMachineIsEnoexecUnlessQemuIsRegistered() throws IOException {
        write("/bin/arm", ElfBuilder.of(64, 183, ByteOrder.LITTLE_ENDIAN).build(), "rwxr-xr-x");
        write("/usr/bin/qemu-aarch64-static", ElfBuilder.x8664().build(), "rwxr-xr-x");
        Verdict.Fails f = fails(run(amd64(), "/bin/arm"), Errno.ENOEXEC);
        assertThat(f.messages().bash()).contains("bash: /bin/arm: cannot execute binary file: Exec format error");
        assertThat(f.fix()).contains("qemu-user-static");
        String qemu = ":qemu-aarch64:M::\\x7fELF\\x02\\x01\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x02\\x00\\xb7\\x00"
                + ":\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\x00\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xfe\\xff\\xff\\xff"
                + ":/usr/bin/qemu-aarch64-static:F";
        Verdict.Runs v = runs(run(amd64(qemu), "/bin/arm"));
        assertThat(v.chain()).containsExactly("/usr/bin/qemu-aarch64-static");
    }

    @Test
    void thirtyTwoBitX86RunsThroughTheCompatHandlerUnlessEmulationIsOff() throws IOException {
        ElfBuilder i386 = ElfBuilder.of(32, 3, ByteOrder.LITTLE_ENDIAN);
        write("/bin/i386", i386.build(), "rwxr-xr-x");
        runs(run(amd64(), "/bin/i386"));
        Target off = new Target(Os.LINUX, Arch.AMD64, KernelVersion.of(6, 12), 4096, BinfmtRegistry.empty("x"),
                new KernelFeatures(false, false, false), Libc.GLIBC, Credentials.ROOT, root, List.of());
        Verdict.Fails f = fails(run(off, "/bin/i386"), Errno.ENOEXEC);
        assertThat(f.why()).contains("emulation");
    }

    @Test
    void x8664IgnoresEiClassAndEiDataButRiscvChecksTheClass() throws IOException {
        ElfBuilder odd = ElfBuilder.x8664();
        odd.identClass = 1;
        odd.identData = 2;
        write("/bin/odd", odd.build(), "rwxr-xr-x");
        runs(run(amd64(), "/bin/odd"));
        ElfBuilder rv = ElfBuilder.of(64, 243, ByteOrder.LITTLE_ENDIAN);
        write("/bin/rv", rv.build(), "rwxr-xr-x");
        Target riscv = target(Arch.RISCV64, KernelVersion.of(6, 12), 4096, List.of());
        runs(run(riscv, "/bin/rv"));
        rv.identClass = 1;
        write("/bin/rv32", rv.build(), "rwxr-xr-x");
        fails(run(riscv, "/bin/rv32"), Errno.ENOEXEC);
    }

    @Test
    void aBigEndianProgramIsRefusedAsAnotherMachinesNotAsADamagedFile() throws IOException {
        // the kernel reads e_type in its own byte order (2 reads as 512), so the type check refuses first: the
        // errno is the kernel's, but the reason and the fix are those of a program for another machine
        write("/bin/be", ElfBuilder.of(64, 21, ByteOrder.BIG_ENDIAN).build(), "rwxr-xr-x");
        Verdict.Fails f = fails(run(amd64(), "/bin/be"), Errno.ENOEXEC);
        assertThat(f.cause()).isEqualTo(Cause.WRONG_MACHINE);
        assertThat(f.why()).contains("e_type 768 is neither ET_EXEC (2) nor ET_DYN (3)")
                .contains("a big-endian ELF file for PowerPC64");
    }

    @Test
    void aBigEndianObjectFileIsStillADamagedOrNonProgramFile() throws IOException {
        ElfBuilder rel = ElfBuilder.of(64, 21, ByteOrder.BIG_ENDIAN);
        rel.type = 1; // ET_REL in its own order: not a program on any machine
        write("/bin/be.o", rel.build(), "rwxr-xr-x");
        assertThat(fails(run(amd64(), "/bin/be.o"), Errno.ENOEXEC).cause()).isEqualTo(Cause.BAD_ELF);
    }

    @Test
    void programHeaderTableIsLimitedByThePageSize() throws IOException {
        ElfBuilder many = ElfBuilder.of(64, 183, ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 80; i++) {
            many.load(0, 0x100000L * (i + 2), 0, 0x10, 4, 0x10000);
        }
        many.totalSize = 0x10000;
        write("/bin/many", many.build(), "rwxr-xr-x");
        fails(run(target(Arch.ARM64, KernelVersion.of(6, 12), 4096, List.of()), "/bin/many"), Errno.ENOEXEC);
        runs(run(target(Arch.ARM64, KernelVersion.of(6, 12), 16384, List.of()), "/bin/many"));
    }

    @Test
    void segmentsLinkedForFourKibPagesAreKilledOnA16KibKernel() throws IOException {
        ElfBuilder e = ElfBuilder.of(64, 183, ByteOrder.LITTLE_ENDIAN);
        e.segments.clear();
        e.load(0, 0, 0x800, 0x800, 5, 0x1000);
        e.load(0x1800, 0x2800, 0x100, 0x200, 6, 0x1000);
        write("/bin/a64", e.build(), "rwxr-xr-x");
        runs(run(target(Arch.ARM64, KernelVersion.of(6, 12), 4096, List.of()), "/bin/a64"));
        ExecResult r = run(target(Arch.ARM64, KernelVersion.of(6, 12), 16384, List.of()), "/bin/a64");
        assertThat(r.verdict()).isInstanceOf(Verdict.Fails.class);
        Verdict.Fails f = (Verdict.Fails) r.verdict();
        assertThat(f.signal()).contains(Signal.SIGSEGV);
        assertThat(f.cause()).isEqualTo(Cause.PAGE_SIZE);
        assertThat(f.errno()).isEmpty();
        assertThat(f.why()).contains("16 KiB");
        assertThat(f.fix()).contains("max-page-size=16384");
    }

    @Test
    void aTruncatedElfIsEnoexecBecauseItsProgramHeadersCannotBeRead() throws IOException {
        byte[] full = ElfBuilder.x8664().build();
        write("/bin/trunc", java.util.Arrays.copyOf(full, 80), "rwxr-xr-x");
        fails(run(amd64(), "/bin/trunc"), Errno.ENOEXEC);
        write("/bin/tiny", java.util.Arrays.copyOf(full, 10), "rwxr-xr-x");
        fails(run(amd64(), "/bin/tiny"), Errno.ENOEXEC);
    }

    @Test
    void anEmptyFileIsEnoexecAndBashTreatsItAsAnEmptyScript() throws IOException {
        write("/empty", new byte[0], "rwxr-xr-x");
        Verdict.Fails f = fails(run(amd64(), "/empty"), Errno.ENOEXEC);
        assertThat(f.messages().bashStatus()).isZero();
    }

    @Test
    void symlinkLoopsAndDanglingLinksAreStepsNotCrashes() throws IOException {
        Files.createSymbolicLink(dir.resolve("loop"), Path.of("loop"));
        Files.createSymbolicLink(dir.resolve("dangling"), Path.of("/nowhere"));
        write("/s", "#!/loop\n", "rwxr-xr-x");
        fails(run(amd64(), "/loop"), Errno.ELOOP);
        fails(run(amd64(), "/dangling"), Errno.ENOENT);
        Verdict.Fails f = fails(run(amd64(), "/s"), Errno.ELOOP);
        assertThat(f.messages().bash().get()).contains("/loop: bad interpreter: Too many levels of symbolic links");
    }

    @Test
    void absoluteSymlinksToTheInterpreterResolveInsideTheRoot() throws IOException {
        Files.createSymbolicLink(dir.resolve("bin/sh"), Path.of("/bin/native"));
        write("/s", "#!/bin/sh\n", "rwxr-xr-x");
        assertThat(runs(run(amd64(), "/s")).program()).isEqualTo("/bin/native");
    }
}

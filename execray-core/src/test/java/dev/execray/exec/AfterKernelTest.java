package dev.execray.exec;

import dev.execray.exec.verdict.Cause;
import dev.execray.exec.verdict.Fact;
import dev.execray.exec.verdict.Stage;
import dev.execray.exec.verdict.Verdict;

import static org.assertj.core.api.Assertions.assertThat;

import dev.execray.place.Arch;
import dev.execray.place.BinfmtEntry;
import dev.execray.place.BinfmtRegistration;
import dev.execray.place.BinfmtRegistry;
import dev.execray.place.KernelConfig;
import dev.execray.place.KernelFeatures;
import dev.execray.place.KernelVersion;
import dev.execray.place.Libc;
import dev.execray.place.Os;
import dev.execray.place.Target;
import dev.execray.rootfs.Credentials;
import dev.execray.rootfs.Errno;
import dev.execray.rootfs.MountPoint;
import dev.execray.rootfs.Mounts;
import dev.execray.rootfs.RootFs;
import dev.execray.testing.ElfBuilder;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What happens after the kernel accepted the file: other OSes, emulated guests, mounts, 32-bit support. */
class AfterKernelTest {
    @TempDir
    Path dir;

    void write(String path, byte[] content) throws IOException {
        Path p = dir.resolve(path.substring(1));
        Files.createDirectories(p.getParent());
        Files.write(p, content);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    Target amd64(RootFs root, KernelFeatures f, String... registrations) {
        List<BinfmtEntry> entries = new ArrayList<>();
        for (String r : registrations) {
            entries.add(((BinfmtRegistration.Accepted) BinfmtRegistration.parse(r, KernelVersion.of(6, 12))).entry());
        }
        return new Target(Os.LINUX, Arch.AMD64, KernelVersion.of(6, 12), 4096,
                BinfmtRegistry.empty("test").register(entries), f, Libc.GLIBC, Credentials.ROOT, root, List.of());
    }

    Verdict explain(Target t, String path) {
        return new ExecSimulator(t).explain(new ExecRequest(path, List.of(path), "/")).verdict();
    }

    static ElfBuilder staticX8664() {
        return ElfBuilder.x8664().load(0, 0x400000, 0x1000, 0x1000, 5, 0x1000);
    }

    @Test
    void aProgramBrandedFreeBsdOnlyByItsOsAbiByteDependsOnWhatItReallyIs() throws IOException {
        // the kernel ignores EI_OSABI: a Linux program with the byte set runs (exec-path oracle case c237), a real
        // FreeBSD program dies; FreeBSD's linker adds a FreeBSD note and Go records GOOS, this file has neither
        ElfBuilder e = staticX8664();
        e.osAbi = 9;
        write("/bsd", e.build());
        Verdict v = explain(amd64(RootFs.directory(dir), KernelFeatures.defaults(Arch.AMD64)), "/bsd");
        assertThat(v).isInstanceOf(Verdict.Depends.class);
        Verdict.Depends d = (Verdict.Depends) v;
        assertThat(d.fact()).isEqualTo(Fact.PROGRAM_OS);
        assertThat(d.stage()).isEqualTo(Stage.RUN);
        assertThat(d.ifNot()).hasValueSatisfying(s -> assertThat(s).contains("SIGSEGV"));
    }

    @Test
    void aLinuxProgramWithTheGnuOsAbiRuns() throws IOException {
        ElfBuilder e = staticX8664();
        e.osAbi = 3;
        write("/gnu", e.build());
        assertThat(explain(amd64(RootFs.directory(dir), KernelFeatures.defaults(Arch.AMD64)), "/gnu"))
                .isInstanceOf(Verdict.Runs.class);
    }

    static final String QEMU_AARCH64 = ":qemu-aarch64:M::\\x7fELF\\x02\\x01\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00"
            + "\\x00\\x00\\x02\\x00\\xb7\\x00:\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\x00\\xff\\xff\\xff\\xff\\xff\\xff"
            + "\\xff\\xff\\xfe\\xff\\xff\\xff:/usr/libexec/qemu-binfmt/aarch64-binfmt-P:POF";

    byte[] arm64(String interp) {
        ElfBuilder e = ElfBuilder.of(64, 183, ByteOrder.LITTLE_ENDIAN).load(0, 0x400000, 0x1000, 0x1000, 5, 0x1000);
        e.type = 2;
        if (interp != null) {
            e.interp(interp);
        }
        return e.build();
    }

    @Test
    void aDynamicGuestWhoseLoaderIsMissingIsQemusCouldNotOpenAndExit255() throws IOException {
        write("/usr/libexec/qemu-binfmt/aarch64-binfmt-P", staticX8664().build());
        write("/a64", arm64("/lib/ld-linux-aarch64.so.1"));
        Verdict v = explain(amd64(RootFs.directory(dir), KernelFeatures.defaults(Arch.AMD64), QEMU_AARCH64), "/a64");
        assertThat(v).isInstanceOf(Verdict.Fails.class);
        Verdict.Fails f = (Verdict.Fails) v;
        assertThat(f.cause()).isEqualTo(Cause.GUEST_LOADER_MISSING);
        assertThat(f.messages().bash()).contains(
                "aarch64-binfmt-P: Could not open '/lib/ld-linux-aarch64.so.1': No such file or directory");
        assertThat(f.messages().bashStatus()).isEqualTo(255);
    }

    @Test
    void aStaticGuestRunsThroughQemu() throws IOException {
        write("/usr/libexec/qemu-binfmt/aarch64-binfmt-P", staticX8664().build());
        write("/a64", arm64(null));
        assertThat(explain(amd64(RootFs.directory(dir), KernelFeatures.defaults(Arch.AMD64), QEMU_AARCH64), "/a64"))
                .isInstanceOf(Verdict.Runs.class);
    }

    @Test
    void aQemuPrefixInTheRootMakesTheGuestsLoaderDependOnIt() throws IOException {
        write("/usr/libexec/qemu-binfmt/aarch64-binfmt-P", staticX8664().build());
        write("/a64", arm64("/lib/ld-linux-aarch64.so.1"));
        Files.createDirectories(dir.resolve("etc/qemu-binfmt/aarch64"));
        Verdict v = explain(amd64(RootFs.directory(dir), KernelFeatures.defaults(Arch.AMD64), QEMU_AARCH64), "/a64");
        assertThat(v).isInstanceOf(Verdict.Depends.class);
        assertThat(((Verdict.Depends) v).fact()).isEqualTo(Fact.EMULATOR_PREFIX);
    }

    /** A directory root whose files all live on one mount with the given options. */
    static RootFs onMount(Path dir, String options) {
        RootFs base = RootFs.directory(dir);
        MountPoint m = new MountPoint("/test", "tmpfs", "tmpfs", java.util.Set.of(options.split(",")));
        return new DelegatingRoot(base) {
            @Override
            public Optional<MountPoint> mountOf(String canonical) {
                return Optional.of(m);
            }
        };
    }

    @Test
    void aProgramOnANoexecMountIsEacces() throws IOException {
        write("/prog", staticX8664().build());
        Verdict v = explain(amd64(onMount(dir, "rw,noexec"), KernelFeatures.defaults(Arch.AMD64)), "/prog");
        assertThat(v).isInstanceOf(Verdict.Fails.class);
        Verdict.Fails f = (Verdict.Fails) v;
        assertThat(f.cause()).isEqualTo(Cause.NOEXEC_MOUNT);
        assertThat(f.errno()).contains(Errno.EACCES);
        assertThat(f.messages().bashStatus()).isEqualTo(126);
    }

    @Test
    void mountinfoLinesGiveTheLongestMountPointWithPerMountOptions() {
        Mounts m = Mounts.parse("""
                22 1 0:21 / / rw,relatime shared:1 - ext4 /dev/vda rw
                35 22 0:30 / /mnt/no\\040exec rw,nosuid,noexec,relatime shared:7 - tmpfs tmpfs rw,size=10k
                36 22 0:31 / /mnt rw,relatime - tmpfs tmpfs rw
                garbage line
                """);
        assertThat(m.all()).hasSize(3);
        assertThat(m.find("/mnt/no exec/prog").orElseThrow().noexec()).isTrue();
        assertThat(m.find("/mnt/no exec/prog").orElseThrow().nosuid()).isTrue();
        assertThat(m.find("/mnt/no execx").orElseThrow().mountPoint()).isEqualTo("/mnt");
        assertThat(m.find("/usr/bin/true").orElseThrow().mountPoint()).isEqualTo("/");
    }

    @Test
    void thirtyTwoBitSupportComesFromTheKernelsConfigAndCommandLine() {
        KernelConfig on = KernelConfig.parse("t", "CONFIG_IA32_EMULATION=y\n# CONFIG_X86_X32_ABI is not set\n");
        KernelConfig off = KernelConfig.parse("t", "# CONFIG_IA32_EMULATION is not set\n");
        KernelConfig defaultOff = KernelConfig.parse("t", "CONFIG_IA32_EMULATION=y\nCONFIG_IA32_EMULATION_DEFAULT_DISABLED=y\n");
        List<String> notes = new ArrayList<>();
        assertThat(KernelFeatures.hostAmd64(Optional.of(on), List.of(), notes).ia32Emulation()).isTrue();
        assertThat(KernelFeatures.hostAmd64(Optional.of(on), List.of("ia32_emulation=0"), notes).ia32Emulation()).isFalse();
        assertThat(KernelFeatures.hostAmd64(Optional.of(off), List.of("ia32_emulation=1"), notes).ia32Emulation()).isFalse();
        assertThat(KernelFeatures.hostAmd64(Optional.of(defaultOff), List.of(), notes).ia32Emulation()).isFalse();
        assertThat(KernelFeatures.hostAmd64(Optional.of(defaultOff), List.of("ia32_emulation=1"), notes).ia32Emulation())
                .isTrue();
        KernelFeatures unknown = KernelFeatures.hostAmd64(Optional.empty(), List.of(), notes);
        assertThat(unknown.ia32Emulation()).isTrue();
        assertThat(unknown.ia32Unsettled()).isPresent();
    }

    @Test
    void aHypervisorsRefusalInTheKernelLogOverridesAnEnabledConfiguration() {
        KernelConfig on = KernelConfig.parse("t", "CONFIG_IA32_EMULATION=y\n");
        List<String> log = List.of("[    0.000000] Linux version 6.18.0", "[    0.012000] pvm-pv: IA-32 emulation off: the "
                + "host runs 64-bit user code only (i386 execve returns ENOEXEC, ia32_emulation= is overridden)");
        List<String> notes = new ArrayList<>();
        assertThat(KernelFeatures.hostAmd64(Optional.of(on), List.of(), notes, Optional.of(log), true).ia32Emulation())
                .isFalse();
        assertThat(notes).anyMatch(n -> n.contains("IA-32 emulation off"));
        KernelFeatures unreadable = KernelFeatures.hostAmd64(Optional.of(on), List.of(), notes, Optional.empty(), true);
        assertThat(unreadable.ia32Unsettled()).hasValueSatisfying(w -> assertThat(w).contains("hypervisor"));
        KernelFeatures bareMetal = KernelFeatures.hostAmd64(Optional.of(on), List.of(), notes, Optional.empty(), false);
        assertThat(bareMetal.ia32Emulation()).isTrue();
        assertThat(bareMetal.ia32Unsettled()).isEmpty();
        KernelFeatures quietLog = KernelFeatures.hostAmd64(Optional.of(on), List.of(), notes,
                Optional.of(List.of("[ 1.0] nothing about 32-bit")), true);
        assertThat(quietLog.ia32Emulation()).isTrue();
        assertThat(quietLog.ia32Unsettled()).isEmpty();
    }

    @Test
    void theKernelLogIsAskedOnlyWhenTheConfigurationSaysYes() {
        KernelConfig on = KernelConfig.parse("t", "CONFIG_IA32_EMULATION=y\n");
        KernelFeatures deferred = KernelFeatures.hostAmd64Deferred(Optional.of(on), List.of(), new ArrayList<>());
        assertThat(deferred.ia32AskKernelLog()).isTrue();
        KernelFeatures off = KernelFeatures.hostAmd64Deferred(Optional.of(KernelConfig.parse("t", "")), List.of(),
                new ArrayList<>());
        assertThat(off.ia32AskKernelLog()).isFalse();
        assertThat(KernelFeatures.ia32FromLog(Optional.of(List.of("32-bit emulation disabled. You can reenable with "
                + "ia32_emulation=on")), true)).isInstanceOf(KernelFeatures.Refused.class);
        assertThat(KernelFeatures.ia32FromLog(Optional.empty(), true)).isInstanceOf(KernelFeatures.Unsettled.class);
        assertThat(KernelFeatures.ia32FromLog(Optional.empty(), false)).isInstanceOf(KernelFeatures.Nothing.class);
    }

    @Test
    void aThirtyTwoBitProgramWhereSupportIsUnsettledDependsOnIt() throws IOException {
        ElfBuilder e = ElfBuilder.of(32, 3, ByteOrder.LITTLE_ENDIAN).load(0, 0x8048000, 0x1000, 0x1000, 5, 0x1000);
        e.type = 2;
        write("/p32", e.build());
        KernelFeatures unknown = KernelFeatures.hostAmd64(Optional.empty(), List.of(), new ArrayList<>());
        Verdict v = explain(amd64(RootFs.directory(dir), unknown), "/p32");
        assertThat(v).isInstanceOf(Verdict.Depends.class);
        assertThat(((Verdict.Depends) v).fact()).isEqualTo(Fact.IA32_EMULATION);
        KernelFeatures off = KernelFeatures.hostAmd64(Optional.of(KernelConfig.parse("t", "")), List.of(), new ArrayList<>());
        Verdict.Fails f = (Verdict.Fails) explain(amd64(RootFs.directory(dir), off), "/p32");
        assertThat(f.cause()).isEqualTo(Cause.NO_32BIT_SUPPORT);
        assertThat(f.errno()).contains(Errno.ENOEXEC);
    }

    @Test
    void aKernelLogThatLostItsBootMessagesProvesNothingUnderAHypervisor() throws IOException {
        // the ring buffer overwrote its oldest records: no refusal line in it is no evidence that 32-bit code runs
        List<String> lines = List.of("dyn[11292]: segfault at 0 ip 00007fd8dd8636a8", "binfmt_misc: register: failed");
        assertThat(KernelFeatures.ia32FromRead(Optional.of(new dev.execray.place.KernelLog.Read(lines, false)), true))
                .isInstanceOfSatisfying(KernelFeatures.Unsettled.class,
                        u -> assertThat(u.why()).contains("no longer holds its boot messages"));
        assertThat(KernelFeatures.ia32FromRead(Optional.of(new dev.execray.place.KernelLog.Read(lines, true)), true))
                .isInstanceOf(KernelFeatures.Nothing.class);
        assertThat(KernelFeatures.ia32FromRead(Optional.of(new dev.execray.place.KernelLog.Read(lines, false)), false))
                .isInstanceOf(KernelFeatures.Nothing.class); // bare metal: no hypervisor to refuse it
        List<String> refused = List.of("32-bit emulation disabled. You can reenable with ia32_emulation=on");
        assertThat(KernelFeatures.ia32FromRead(Optional.of(new dev.execray.place.KernelLog.Read(refused, false)), true))
                .isInstanceOf(KernelFeatures.Refused.class);
    }

    @Test
    void aThirtyTwoBitProgramThatFailsAnywayStillFailsWhereSupportIsUnsettled() throws IOException {
        // its interpreter is missing: ENOENT where 32-bit x86 runs, ENOEXEC where it does not -- "fails" either way
        ElfBuilder e = ElfBuilder.of(32, 3, ByteOrder.LITTLE_ENDIAN).interp("/lib/ld-linux.so.2")
                .load(0, 0x8048000, 0x1000, 0x1000, 5, 0x1000);
        e.type = 2;
        write("/dyn32", e.build());
        KernelFeatures unknown = KernelFeatures.hostAmd64(Optional.empty(), List.of(), new ArrayList<>());
        ExecResult r = new ExecSimulator(amd64(RootFs.directory(dir), unknown))
                .explain(new ExecRequest("/dyn32", List.of("/dyn32"), "/"));
        assertThat(r.verdict()).isInstanceOf(Verdict.Fails.class);
        assertThat(((Verdict.Fails) r.verdict()).errno()).contains(Errno.ENOENT);
        assertThat(r.trace().steps()).anyMatch(st -> st.why().contains("fails earlier, with ENOEXEC"));
    }

    @Test
    void theKernelLogsRefusalOfThirtyTwoBitCodeComesBeforeAMissingInterpreter() throws IOException {
        // the deferred reading of this machine's kernel log: whatever it says, a 32-bit program whose interpreter
        // is missing gets the refusal exactly when a 32-bit program that would run does (compat_binfmt_elf refuses
        // at elf_check_arch(), before PT_INTERP is looked at)
        ElfBuilder stat = ElfBuilder.of(32, 3, ByteOrder.LITTLE_ENDIAN).load(0, 0x8048000, 0x1000, 0x1000, 5, 0x1000);
        stat.type = 2;
        write("/static32", stat.build());
        ElfBuilder dyn = ElfBuilder.of(32, 3, ByteOrder.LITTLE_ENDIAN).interp("/lib/ld-linux.so.2")
                .load(0, 0x8048000, 0x1000, 0x1000, 5, 0x1000);
        dyn.type = 2;
        write("/dyn32", dyn.build());
        KernelConfig on = KernelConfig.parse("t", "CONFIG_IA32_EMULATION=y\n");
        Target t = amd64(RootFs.directory(dir), KernelFeatures.hostAmd64Deferred(Optional.of(on), List.of(),
                new ArrayList<>()));
        Verdict runs = explain(t, "/static32");
        Verdict.Fails missing = (Verdict.Fails) explain(t, "/dyn32");
        boolean refused = runs instanceof Verdict.Fails f && f.cause() == Cause.NO_32BIT_SUPPORT;
        assertThat(missing.cause()).isEqualTo(refused ? Cause.NO_32BIT_SUPPORT : Cause.ELF_INTERPRETER_MISSING);
        assertThat(missing.errno()).contains(refused ? Errno.ENOEXEC : Errno.ENOENT);
    }

    /** A root that answers from another, so a test can change one of its facts. */
    static class DelegatingRoot implements RootFs {
        private final RootFs base;

        DelegatingRoot(RootFs base) {
            this.base = base;
        }

        @Override
        public String describe() {
            return base.describe();
        }

        @Override
        public dev.execray.rootfs.FileStat lstat(String c) throws dev.execray.rootfs.RootFsException {
            return base.lstat(c);
        }

        @Override
        public String readlink(String c) throws dev.execray.rootfs.RootFsException {
            return base.readlink(c);
        }

        @Override
        public byte[] readHead(String c, int max) throws dev.execray.rootfs.RootFsException {
            return base.readHead(c, max);
        }

        @Override
        public dev.execray.binary.ByteSource open(String c) throws dev.execray.rootfs.RootFsException {
            return base.open(c);
        }

        @Override
        public List<String> list(String c) throws dev.execray.rootfs.RootFsException {
            return base.list(c);
        }
    }
}

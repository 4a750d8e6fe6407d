package dev.execray.exec.emulator;

import dev.execray.binary.BinaryFormatException;
import dev.execray.exec.kernel.ElfHandler;
import dev.execray.exec.kernel.ElfLoader;
import dev.execray.exec.kernel.FileWindow;
import dev.execray.exec.kernel.KernelOutcome;
import dev.execray.exec.run.ProgramOs;
import dev.execray.exec.verdict.Cause;
import dev.execray.exec.verdict.ExecStep;
import dev.execray.exec.verdict.ExecTrace;
import dev.execray.exec.verdict.Fact;
import dev.execray.exec.verdict.Messages;
import dev.execray.exec.verdict.Signal;
import dev.execray.exec.verdict.Stage;
import dev.execray.exec.verdict.UserMessages;
import dev.execray.exec.verdict.Verdict;
import dev.execray.exec.verdict.VerdictBuilder;

import dev.execray.exec.ExecRequest;
import dev.execray.exec.ExecSimulator;

import dev.execray.binary.ByteSource;
import dev.execray.binary.elf.ElfClass;
import dev.execray.binary.elf.ElfData;
import dev.execray.binary.elf.ElfField;
import dev.execray.binary.elf.ElfFile;
import dev.execray.place.BinfmtEntry;
import dev.execray.rootfs.Errno;
import dev.execray.rootfs.Resolution;
import dev.execray.rootfs.RootFs;
import dev.execray.rootfs.RootFsException;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Optional;

/**
 * After binfmt_misc handed a file to its interpreter: the kernel's part succeeded, and the interpreter now
 * decides. qemu-user (linux-user) loads the guest itself: a static guest runs, a dynamic one needs its own
 * (guest-architecture) loader and libraries, which qemu looks for first under its prefix
 * (/etc/qemu-binfmt/CPU as Debian builds it, or -L / QEMU_LD_PREFIX) and then in the process's root —
 * inside a container, the container's. A missing guest loader is qemu's "Could not open" and exit status 255
 * (observed on this project's arm64 test program). Other interpreters are their own business: the verdict
 * depends on them.
 */
public final class EmulatedGuest {
    private EmulatedGuest() {
    }

    public static Optional<Verdict> follow(ExecSimulator sim, ExecRequest request, KernelOutcome.Started s,
                                    ExecTrace.Builder trace, Messages msgs) {
        KernelOutcome.Handoff h = s.handoff().get();
        BinfmtEntry entry = h.entry();
        RootFs root = sim.target().root();
        String emulator = entry.interpreter();
        String shortName = emulator.substring(emulator.lastIndexOf('/') + 1);
        if (!isQemuUser(emulator)) {
            trace.add(ExecStep.note(Stage.EMULATOR, shortName, "an interpreter execray does not model",
                    "what it does with " + h.guest() + " is up to it"));
            return Optional.of(new Verdict.Depends(Stage.EMULATOR, Fact.INTERPRETER_BEHAVIOUR, s.chain(),
                    "the kernel hands the file to " + emulator + " (binfmt_misc entry " + entry.name()
                            + "), which starts; whether it runs the file is up to that program",
                    "run '" + emulator + " --help' or its documentation; execray models qemu-user only",
                    Optional.empty(), Messages.none()));
        }
        ElfFile guest;
        try {
            guest = ElfFile.read(root.open(h.guest()));
        } catch (RootFsException | BinaryFormatException e) {
            return Optional.empty(); // not an ELF qemu would load: the entry's magic said it was; nothing to add
        }
        Optional<Verdict> invalid = guestImage(sim, request, s, h, shortName, trace);
        if (invalid.isPresent()) {
            return invalid;
        }
        Optional<String> interp = guest.interpreter();
        String cpu = cpuName(guest.header().machine().value(), guest.pointerSize() == 8, guest.byteOrder());
        Optional<Verdict> os = guestOs(sim, request, s, h, shortName, trace);
        if (os.isPresent()) {
            return os;
        }
        if (interp.isEmpty()) {
            trace.add(ExecStep.ok(Stage.EMULATOR, shortName, "static " + cpu + " guest", "qemu loads it itself"));
            return Optional.empty();
        }
        String prefix = "/etc/qemu-binfmt/" + cpu;
        trace.add(ExecStep.note(Stage.EMULATOR, shortName, "guest loader " + interp.get(),
                "qemu looks under " + prefix + " first, then in the root; QEMU_LD_PREFIX is assumed unset"));
        if (root.resolve(prefix) instanceof Resolution.Found) {
            return Optional.of(new Verdict.Depends(Stage.EMULATOR, Fact.EMULATOR_PREFIX, s.chain(),
                    prefix + " exists: qemu takes the guest's loader and libraries from under it where they exist there",
                    "check " + prefix + interp.get() + " and the guest's libraries under " + prefix,
                    Optional.empty(), Messages.none()));
        }
        if (!(root.resolve(interp.get()) instanceof Resolution.Found)) {
            String line = shortName + ": Could not open '" + interp.get() + "': " + Errno.ENOENT.strerror();
            trace.add(ExecStep.failed(Stage.EMULATOR, interp.get(), "guest loader not found", Errno.ENOENT,
                    "the " + cpu + " program's own dynamic loader is not in " + root.describe()));
            return Optional.of(new Verdict.Fails(Stage.EMULATOR, Cause.GUEST_LOADER_MISSING, "emulator",
                    Optional.empty(), Optional.empty(), s.chain(), "qemu starts, but the " + cpu + " program is "
                            + "dynamically linked and its loader " + interp.get() + " is not in " + root.describe(),
                    VerdictBuilder.fix(Cause.GUEST_LOADER_MISSING, Optional.empty(), sim.target(), request),
                    new UserMessages(Optional.of(line), 255, Optional.of("exit status 255"), Optional.empty(),
                            Optional.of("qemu prints this and exits with status 255"))));
        }
        String argv0 = request.argv().isEmpty() ? request.path() : request.argv().get(0);
        return sim.followLoader(h.guest(), argv0, request.cwd(), s.chain(), trace);
    }

    /**
     * qemu's linux-user loader makes the checks the guest's own kernel would (header, program headers, mappings):
     * run the guest through the kernel's ELF handler of its architecture. A refusal is qemu's "Error mapping file"
     * or "Invalid ELF image" and exit status 255; a mapping past the end of the file is the same signal.
     */
    private static Optional<Verdict> guestImage(ExecSimulator sim, ExecRequest request, KernelOutcome.Started s,
                                                KernelOutcome.Handoff h, String shortName, ExecTrace.Builder trace) {
        var root = sim.target().root();
        byte[] buf;
        long size;
        try {
            buf = java.util.Arrays.copyOf(root.readHead(h.guest(), 256), 256);
            size = root.lstat(h.guest()).size();
        } catch (dev.execray.rootfs.RootFsException e) {
            return Optional.empty();
        }
        Optional<dev.execray.place.Arch> arch = guestArch(buf);
        if (arch.isEmpty()) {
            return Optional.empty();
        }
        var features = dev.execray.place.KernelFeatures.defaults(arch.get());
        ElfHandler native_ = ElfHandler.forArch(arch.get(), features).get(0);
        ElfLoader loader = new ElfLoader(native_, features, arch.get().defaultPageSize(), sim.target().kernel(), root,
                request.cwd(), sim.target().credentials());
        ElfLoader.Outcome o = loader.load(buf, h.guest(), new FileWindow(root, h.guest(), size));
        if (o instanceof ElfLoader.Loaded l && l.killed().isEmpty() && l.crashes().isEmpty()) {
            return Optional.empty();
        }
        if (o instanceof ElfLoader.Loaded l) {
            ElfLoader.Mapping m = l.killed().or(l::crashes).get();
            Signal sig = l.killed().isPresent() ? Signal.SIGSEGV : Signal.SIGBUS;
            trace.add(ExecStep.killed(Stage.EMULATOR, shortName, "the guest's mappings fail", m.why()));
            return Optional.of(new Verdict.Fails(Stage.EMULATOR, m.cause(), "emulator", Optional.empty(),
                    Optional.of(sig), s.chain(), "qemu maps the guest as its kernel would, and " + m.why(),
                    VerdictBuilder.fix(m.cause(), Optional.empty(), sim.target(), request),
                    new Messages(root, request.cwd(), sim.target().credentials(), sim.target().arch().uname())
                            .forSignal(request.path(), sig)));
        }
        if (o instanceof ElfLoader.Error e && e.stage() == Stage.INTERP) {
            return Optional.empty(); // the guest's loader is qemu's business below: looked up in the root
        }
        String why = o instanceof ElfLoader.NotMine n ? n.why() : ((ElfLoader.Error) o).why();
        trace.add(ExecStep.failed(Stage.EMULATOR, shortName, "refuses the guest image", Errno.ENOEXEC, why));
        return Optional.of(new Verdict.Fails(Stage.EMULATOR, Cause.GUEST_INVALID, "emulator", Optional.empty(),
                Optional.empty(), s.chain(), "qemu's ELF loader refuses the " + arch.get().goarch() + " program: " + why,
                VerdictBuilder.fix(Cause.GUEST_INVALID, Optional.empty(), sim.target(), request),
                new UserMessages(Optional.empty(), 255, Optional.of("exit status 255"), Optional.empty(),
                        Optional.of("qemu prints an error about the image (such as \"Error mapping file\") and exits "
                                + "with status 255"))));
    }

    /**
     * qemu's linux-user runs Linux programs: another OS's guest dies as it would natively (truth corpus: a
     * FreeBSD arm64 Go program under qemu-aarch64, "qemu: uncaught target signal 11"). And a known gap of the
     * emulator: Go programs for 386 under qemu-i386 crash in the Go runtime's signal handling (truth corpus:
     * exit 2 or 4 or SIGSEGV, "bad g in signal handler", varying from run to run).
     */
    private static Optional<Verdict> guestOs(ExecSimulator sim, ExecRequest request, KernelOutcome.Started s,
                                             KernelOutcome.Handoff h, String shortName, ExecTrace.Builder trace) {
        var root = sim.target().root();
        Optional<ProgramOs.Foreign> foreign = ProgramOs.foreign(root, h.guest());
        if (foreign.isPresent() && foreign.get().certain()) {
            ProgramOs.Foreign f = foreign.get();
            trace.add(ExecStep.killed(Stage.RUN, "OS", "a " + f.os() + " program", f.evidence()
                    + "; qemu's linux-user passes its system calls to Linux"));
            return Optional.of(new Verdict.Fails(Stage.RUN, Cause.FOREIGN_OS, "run", Optional.empty(),
                    Optional.of(Signal.SIGSEGV), s.chain(), "a " + f.os() + " program (" + f.evidence() + "): qemu-user "
                            + "emulates Linux programs; its first system call is another kernel's and it is killed",
                    VerdictBuilder.fix(Cause.FOREIGN_OS, Optional.empty(), sim.target(), request),
                    new Messages(root, request.cwd(), sim.target().credentials(), sim.target().arch().uname())
                            .forSignal(request.path(), Signal.SIGSEGV)));
        }
        if (shortName.contains("i386") && ProgramOs.isGo(root, h.guest())) {
            trace.add(ExecStep.note(Stage.EMULATOR, shortName, "a Go program for 386",
                    "the Go runtime's signal handling is known to crash under qemu-i386"));
            return Optional.of(new Verdict.Depends(Stage.EMULATOR, Fact.EMULATOR_FIDELITY, s.chain(), "a Go program for "
                    + "386 run by qemu-i386: the Go runtime crashes under it (\"bad g in signal handler\", "
                    + "\"morestack on g0\"; exit 2 or SIGSEGV, varying from run to run) on the qemu versions tried",
                    "run it natively: a 64-bit x86 kernel with IA-32 emulation runs 386 programs without qemu (remove "
                            + "the qemu-i386 binfmt_misc entry), or build for amd64",
                    Optional.of("a crash in the Go runtime (exit status 2) or SIGSEGV"), Messages.none()));
        }
        return Optional.empty();
    }

    private static Optional<dev.execray.place.Arch> guestArch(byte[] h) {
        boolean little = h[ElfField.EI_DATA] == ElfData.LSB.value();
        ByteSource s = ByteSource.of(h).withOrder(little ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        int machine = (int) ElfField.E_MACHINE.read(s, 0, false, "e_machine");
        return dev.execray.place.Arch.ofElf(machine, h[ElfField.EI_CLASS] == ElfClass.ELF64.value() ? 64 : 32, little);
    }

    /** qemu-user under its own name, or Debian's binfmt wrappers (/usr/libexec/qemu-binfmt/CPU-binfmt-P). */
    static boolean isQemuUser(String interpreter) {
        String base = interpreter.substring(interpreter.lastIndexOf('/') + 1);
        return base.startsWith("qemu-") || interpreter.contains("/qemu-binfmt/");
    }

    /** qemu's name for the guest CPU (its linux-user target), as in /etc/qemu-binfmt/CPU. */
    static String cpuName(long machine, boolean is64, java.nio.ByteOrder order) {
        boolean le = order == java.nio.ByteOrder.LITTLE_ENDIAN;
        return dev.execray.place.Arch.ofElf((int) machine, is64 ? 64 : 32, le).map(dev.execray.place.Arch::qemuName)
                // the big-endian and other CPUs qemu emulates that execray has no Arch for
                .orElse(switch ((int) machine) {
                    case 6 -> "i386"; // EM_486
                    case 183 -> "aarch64_be";
                    case 40 -> "armeb";
                    case 243 -> "riscv32";
                    case 20 -> "ppc";
                    case 8 -> is64 ? "mips64" : "mips";
                    default -> "cpu" + machine;
                });
    }

}

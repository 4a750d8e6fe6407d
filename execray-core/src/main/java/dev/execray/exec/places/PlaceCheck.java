package dev.execray.exec.places;

import dev.execray.exec.verdict.ExecStep;
import dev.execray.exec.verdict.Stage;
import dev.execray.exec.verdict.StepOutcome;
import dev.execray.exec.verdict.Verdict;

import dev.execray.exec.ExecRequest;
import dev.execray.exec.ExecResult;
import dev.execray.exec.ExecSimulator;

import dev.execray.binary.BinaryFile;
import dev.execray.binary.BinaryFormatException;
import dev.execray.binary.ByteSource;
import dev.execray.binary.ExecutableImage;
import dev.execray.binary.elf.ElfFile;
import dev.execray.binary.elf.NoteContent;
import dev.execray.binary.elf.VersionNeed;
import dev.execray.binary.elf.VersionNeedAux;
import dev.execray.exec.places.PlaceVerdict.Status;
import dev.execray.golang.BuildInfoReader;
import dev.execray.golang.GoImages;
import dev.execray.golang.GoSummary;
import dev.execray.rootfs.Errno;
import dev.execray.rootfs.OverlayRoot;
import dev.execray.place.Arch;
import dev.execray.place.Libc;
import dev.execray.place.Os;
import dev.execray.place.RootFacts;
import dev.execray.place.Target;
import dev.execray.place.TargetProfile;
import dev.execray.place.ldconfig.CpuModel;
import dev.execray.place.ldconfig.LoaderArch;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.Optional;
import java.util.Set;

/**
 * Would a file of this machine start in a place? On Linux places the file is placed into the place's root
 * (an {@link OverlayRoot}, nothing copied) and walked through the whole simulated exec path, dynamic loader
 * included; places known only by a profile's facts get the kernel's checks from the same simulation and the C
 * library checks from the facts. macOS, Windows and FreeBSD places follow their own loaders' rules. Go
 * binaries get the Go release's and the GOAMD64 level's checks on top. Never runs the file.
 */
public final class PlaceCheck {
    /** Where the file appears inside a Linux place's root. */
    static final String DIR = "/.execray";

    private PlaceCheck() {
    }

    /**
     * {@code matrix}: every file in every place, a row at a time: {@code row} gets each file's cells in the order of
     * {@code places}, {@code cellDone} runs after each cell. Returns whether some cell fails.
     */
    public static boolean rows(List<Path> files, List<Place> places, Runnable cellDone,
            BiConsumer<String, List<PlaceVerdict>> row) {
        boolean anyFails = false;
        for (Path f : files) {
            List<PlaceVerdict> cells = new ArrayList<>();
            for (Place p : places) {
                cells.add(check(f, p));
                cellDone.run();
            }
            anyFails |= cells.stream().anyMatch(v -> v.status() == PlaceVerdict.Status.FAILS);
            row.accept(f.toString(), cells);
        }
        return anyFails;
    }

    public static PlaceVerdict check(Path file, Place place) {
        BinaryFile bin;
        try {
            bin = BinaryFile.open(file);
        } catch (IOException e) {
            return failed("cannot read " + file + ": " + e.getMessage(), List.of(), Optional.of("EIO"), Optional.empty());
        } catch (BinaryFormatException e) {
            return failed("malformed: " + e.getMessage(), List.of(), Optional.of("ENOEXEC"), Optional.empty());
        }
        Optional<GoSummary> go = goFacts(file, bin);
        PlaceVerdict v = switch (place.target().os()) {
            case LINUX -> linux(file, bin, place);
            case DARWIN -> MacOsRules.check(file, bin, place);
            case WINDOWS -> WindowsRules.check(file, bin, place);
            case FREEBSD, OPENBSD, NETBSD -> freebsd(bin, place);
        };
        return go.isPresent() ? goChecks(v, go.get(), place) : v;
    }

    static PlaceVerdict failed(String why, List<ExecStep> steps, Optional<String> errno, Optional<String> says) {
        return new PlaceVerdict(Status.FAILS, why, steps, errno, says, List.of());
    }

    private static Optional<GoSummary> goFacts(Path file, BinaryFile bin) {
        if (!(bin instanceof BinaryFile.Elf || bin instanceof BinaryFile.Pe || bin instanceof BinaryFile.MachO)) {
            return Optional.empty();
        }
        try {
            ExecutableImage image = GoImages.open(ByteSource.open(file));
            return Optional.of(GoSummary.of(image, BuildInfoReader.readOrRecover(image)));
        } catch (IOException | BinaryFormatException | dev.execray.golang.BuildInfoException e) {
            return Optional.empty();
        }
    }

    // --- Linux --------------------------------------------------------------------------------

    private static PlaceVerdict linux(Path file, BinaryFile bin, Place place) {
        String name = file.getFileName() == null ? "program" : file.getFileName().toString().replace('/', '_');
        String placed = DIR + "/" + (name.isEmpty() || name.equals(".") || name.equals("..") ? "program" : name);
        Target t = place.target().withRoot(new OverlayRoot(place.target().root(), placed, file));
        ExecResult r = new ExecSimulator(t).explain(new ExecRequest(placed, List.of(placed), "/"));
        List<ExecStep> steps = r.trace().steps();
        PlaceVerdict v;
        if (r.verdict() instanceof Verdict.Runs runs) {
            v = new PlaceVerdict(Status.RUNS, runs.how(), steps, Optional.empty(), Optional.empty(), List.of());
        } else if (r.verdict() instanceof Verdict.Depends d) {
            v = new PlaceVerdict(Status.DEPENDS, d.why() + " (settle: " + d.settle() + ")", steps, Optional.empty(),
                    d.ifNot(), List.of());
        } else {
            Verdict.Fails f = (Verdict.Fails) r.verdict();
            v = new PlaceVerdict(Status.FAILS, f.why(), steps, f.errno().map(Errno::name),
                    f.messages().bash().map(b -> b.lines().findFirst().orElse(b)), List.of());
        }
        v = shownAs(v, placed, "./" + placed.substring(DIR.length() + 1));
        if (place.hasRoot() || v.status() == Status.RUNS || place.profile().isEmpty()) {
            return v;
        }
        // A place known by its facts: the simulation ran in an empty root, so anything the file needs from the
        // place's files (loader, #! interpreter, binfmt interpreter) was "missing". Decide those from the facts.
        ExecStep last = lastFailure(steps);
        TargetProfile p = place.profile().get();
        List<ExecStep> kept = steps.subList(0, Math.max(0, steps.indexOf(last)));
        if (last == null || !(last.stage() == Stage.INTERP || last.stage() == Stage.LOAD
                || last.stage() == Stage.SCRIPT || last.stage() == Stage.BINFMT_MISC || last.stage() == Stage.OPEN)) {
            return v;
        }
        if (last.stage() == Stage.BINFMT_MISC || (last.stage() == Stage.OPEN && steps.stream()
                .anyMatch(s -> s.stage() == Stage.BINFMT_MISC && s.outcome() == StepOutcome.OK))) {
            String via = steps.stream().filter(s -> s.stage() == Stage.BINFMT_MISC && s.outcome() == StepOutcome.OK)
                    .map(ExecStep::subject).findFirst().orElse("binfmt_misc");
            return new PlaceVerdict(Status.RUNS, "through " + via + " (" + String.join("; ", p.notes()) + ")", kept,
                    Optional.empty(), Optional.empty(), p.notes());
        }
        if (last.stage() == Stage.SCRIPT || (last.stage() == Stage.OPEN && bin instanceof BinaryFile.Script)) {
            String interp = bin instanceof BinaryFile.Script s ? s.firstLine() : "its interpreter";
            boolean shell = interp.matches("#! ?/bin/sh\\b.*");
            return new PlaceVerdict(shell && p.hasLibc() ? Status.RUNS : Status.DEPENDS,
                    shell && p.hasLibc() ? "a /bin/sh script" : interp + ": the interpreter must exist in " + p.name()
                            + " (not checked without its files)", kept, Optional.empty(), Optional.empty(), List.of());
        }
        if (bin instanceof BinaryFile.Elf e) {
            return loaderFacts(e.elf(), placed, p, kept, v);
        }
        return v;
    }

    /** Messages name the file as the user would start it, not where the simulation placed it. */
    private static PlaceVerdict shownAs(PlaceVerdict v, String placed, String shown) {
        return new PlaceVerdict(v.status(), v.reason().replace(placed, shown), v.steps(), v.errno(),
                v.says().map(s -> s.replace(placed, shown)), v.notes());
    }

    private static ExecStep lastFailure(List<ExecStep> steps) {
        for (int i = steps.size() - 1; i >= 0; i--) {
            if (steps.get(i).outcome() == StepOutcome.FAILED) {
                return steps.get(i);
            }
        }
        return null;
    }

    private static final Set<String> LIBC_FAMILY = Set.of("libc.so.6", "libm.so.6", "libpthread.so.0", "libdl.so.2",
            "librt.so.1", "libresolv.so.2", "libutil.so.1", "libanl.so.1", "libc.musl-x86_64.so.1", "libc.so");

    /** The C-library part of the dynamic loader's work, from a profile's facts. */
    private static PlaceVerdict loaderFacts(ElfFile elf, String placed, TargetProfile p, List<ExecStep> kept,
            PlaceVerdict simulated) {
        Optional<String> interp = elf.interpreter();
        if (interp.isEmpty() || !p.hasLibc()) {
            return simulated; // no loader in the place: the simulation's ENOENT is what really happens
        }
        String in = interp.get();
        Libc wants = in.contains("ld-musl") ? Libc.MUSL : Libc.GLIBC;
        if (wants != p.libc()) {
            return simulated.withStatus(Status.FAILS, "the program asks for " + wants.display() + "'s loader " + in
                    + "; " + p.name() + " has " + p.libc().display() + " (fix: build statically, CGO_ENABLED=0 for Go,"
                    + " or use a " + wants.display() + " base)", List.of(), simulated.errno(), simulated.says());
        }
        List<ExecStep> steps = new ArrayList<>(kept);
        steps.add(ExecStep.ok(Stage.INTERP, "PT_INTERP " + in, p.libc().display() + " loader of " + p.name(),
                "the loader the program asks for is " + p.libc().display() + "'s, which " + p.name() + " has"));
        if (wants == Libc.GLIBC && p.libcVersion().isPresent()) {
            Optional<String> need = newestGlibcNeeded(elf);
            if (need.isPresent() && RootFacts.compareVersions(need.get(), p.libcVersion().get()) > 0) {
                String lib = p.name().startsWith("rhel") ? "/lib64/libc.so.6" : "/lib/" + triplet(p.arch()) + "/libc.so.6";
                String shown = "./" + placed.substring(DIR.length() + 1);
                String msg = shown + ": " + lib + ": version `GLIBC_" + need.get() + "' not found (required by " + shown
                        + ")";
                steps.add(ExecStep.killed(Stage.LOAD, "GLIBC_" + need.get(), "newest glibc version needed",
                        p.name() + " has glibc " + p.libcVersion().get()));
                return new PlaceVerdict(Status.FAILS, "needs glibc " + need.get() + ", " + p.name() + " has "
                        + p.libcVersion().get() + " (fix: build on an older glibc, or statically)", steps,
                        Optional.empty(), Optional.of(msg), List.of());
            }
            need.ifPresent(n -> steps.add(ExecStep.ok(Stage.LOAD, "GLIBC_" + n, "newest glibc version needed",
                    p.name() + " has glibc " + p.libcVersion().get())));
        }
        List<String> others = elf.dynamic().needed().stream().filter(n -> !LIBC_FAMILY.contains(n)
                && !n.startsWith("ld-linux") && !n.startsWith("ld64.so")).toList();
        if (!others.isEmpty()) {
            return new PlaceVerdict(Status.DEPENDS, "needs " + String.join(", ", others) + ": present only if installed"
                    + " in " + p.name() + " (give a root or an image to check)", steps, Optional.empty(), Optional.empty(),
                    List.of());
        }
        return new PlaceVerdict(Status.RUNS, "dynamically linked against " + p.libc().display() + " only", steps,
                Optional.empty(), Optional.empty(), List.of());
    }

    static String triplet(Arch a) {
        return switch (a) {
            case AMD64 -> "x86_64-linux-gnu";
            case ARM64 -> "aarch64-linux-gnu";
            case I386 -> "i386-linux-gnu";
            default -> a.uname() + "-linux-gnu";
        };
    }

    /** The newest GLIBC_x.y among the version requirements of a file: the oldest glibc it can run on. */
    public static Optional<String> newestGlibcNeeded(ElfFile elf) {
        String best = null;
        for (VersionNeed n : elf.versionNeeds()) {
            for (VersionNeedAux a : n.versions()) {
                String v = a.name();
                if (v.startsWith("GLIBC_") && v.length() > 6 && Character.isDigit(v.charAt(6))
                        && (best == null || RootFacts.compareVersions(v.substring(6), best) > 0)) {
                    best = v.substring(6);
                }
            }
        }
        return Optional.ofNullable(best);
    }

    // --- FreeBSD ------------------------------------------------------------------------------

    /** FreeBSD's image activator: ELF branded for FreeBSD by EI_OSABI, its ABI note or its interpreter path. */
    private static PlaceVerdict freebsd(BinaryFile bin, Place place) {
        List<ExecStep> steps = new ArrayList<>();
        if (bin instanceof BinaryFile.Script s) {
            steps.add(ExecStep.note(Stage.SCRIPT, s.firstLine(), "interpreter script", "the interpreter must exist"));
            return new PlaceVerdict(Status.DEPENDS, s.firstLine() + ": the interpreter must exist in the place", steps,
                    Optional.empty(), Optional.empty(), List.of());
        }
        if (!(bin instanceof BinaryFile.Elf e)) {
            steps.add(ExecStep.failed(Stage.ELF, "format", bin.format().name(), Errno.ENOEXEC, "FreeBSD runs ELF only"));
            return failed("not an ELF file: FreeBSD cannot execute it", steps, Optional.of("ENOEXEC"),
                    Optional.of("Exec format error"));
        }
        ElfFile elf = e.elf();
        int machine = (int) elf.header().machine().value();
        Arch a = place.target().arch();
        boolean machineOk = machine == a.elfMachine() || (a == Arch.AMD64 && machine == Arch.I386.elfMachine());
        if (!machineOk) {
            steps.add(ExecStep.failed(Stage.ELF, "e_machine " + machine, elf.machine(), Errno.ENOEXEC,
                    "not a " + a.goarch() + " program"));
            return failed("built for " + elf.machine() + ", not " + a.goarch(), steps, Optional.of("ENOEXEC"),
                    Optional.of("Exec format error"));
        }
        int osabi = (int) elf.header().osAbi().value();
        boolean note = elf.notes().stream().anyMatch(n -> n.content() instanceof NoteContent.FreeBsdAbiTag);
        boolean interp = elf.interpreter().map(i -> i.startsWith("/libexec/ld-elf")).orElse(false);
        if (osabi == 9 || note || interp) {
            steps.add(ExecStep.ok(Stage.ELF, "brand", osabi == 9 ? "EI_OSABI FreeBSD" : note ? "FreeBSD ABI note"
                    : "interpreter " + elf.interpreter().get(), "a FreeBSD program"));
            return new PlaceVerdict(Status.RUNS, "a FreeBSD " + a.goarch() + " program", steps, Optional.empty(),
                    Optional.empty(), List.of());
        }
        steps.add(ExecStep.failed(Stage.ELF, "brand", "EI_OSABI " + osabi + ", no FreeBSD note", Errno.ENOEXEC,
                "no FreeBSD brand: a Linux program, and Linux compatibility (linux.ko) is off"));
        return failed("a Linux program: FreeBSD runs it only with Linux compatibility (kldload linux64)", steps,
                Optional.of("ENOEXEC"), Optional.of("ELF binary type \"0\" not known. / Exec format error"));
    }

    // --- Go -----------------------------------------------------------------------------------

    private static PlaceVerdict goChecks(PlaceVerdict v, GoSummary go, Place place) {
        List<ExecStep> steps = new ArrayList<>(v.steps());
        Status status = v.status();
        String reason = v.reason();
        Optional<String> says = v.says();
        Target t = place.target();
        String release = go.release().map(r -> r.linuxRequirement()).orElse("built with " + go.goVersion());
        steps.add(ExecStep.note(Stage.LOAD, "Go", go.goVersion() + go.recoveredMark() + ", " + go.goos() + "/"
                + go.goarch() + go.cgo().map(c -> c ? ", cgo (needs the C library)" : ", no cgo").orElse(""), release));
        if (go.release().isPresent() && t.os() == Os.LINUX && (place.profile().flatMap(TargetProfile::kernel).isPresent()
                || t.root().isHost())) {
            String min = go.release().get().minimumOs().linuxKernel();
            if (RootFacts.compareVersions(t.kernel().toString(), min) < 0) {
                steps.add(ExecStep.note(Stage.LOAD, "kernel " + t.kernel(), "below " + min, release));
                if (status == Status.RUNS) {
                    status = Status.DEPENDS;
                    reason = release + "; this kernel is " + t.kernel() + " (unsupported)";
                }
            }
        }
        Optional<String> level = go.archLevel().filter(l -> l.startsWith("GOAMD64=v"));
        if (level.isPresent() && status != Status.FAILS && (t.arch() == Arch.AMD64)) {
            int need = Integer.parseInt(level.get().substring("GOAMD64=v".length()).replaceAll("\\D.*", "0"));
            int guaranteed;
            String whose;
            if (t.root().isHost() || place.name().equals("host")) {
                guaranteed = CpuModel.host(LoaderArch.X86_64).isaLevel().orElse(0) + 1;
                whose = "this machine's CPU is x86-64-v" + guaranteed;
            } else {
                guaranteed = Math.max(1, place.profile().map(TargetProfile::minX86Level).orElse(1));
                whose = place.profile().map(TargetProfile::name).orElse(place.name()) + " guarantees x86-64-v" + guaranteed;
            }
            String msg = "This program can only be run on AMD64 processors with v" + need + " microarchitecture support.";
            if (need <= guaranteed) {
                steps.add(ExecStep.ok(Stage.LOAD, level.get(), "x86-64-v" + need, whose));
            } else if (t.root().isHost() || place.name().equals("host")) {
                steps.add(ExecStep.killed(Stage.LOAD, level.get(), "x86-64-v" + need, whose));
                status = Status.FAILS;
                reason = "built with " + level.get() + "; " + whose + " (fix: build with GOAMD64=v" + guaranteed + ")";
                says = Optional.of(msg);
            } else {
                steps.add(ExecStep.note(Stage.LOAD, level.get(), "x86-64-v" + need, whose));
                status = Status.DEPENDS;
                reason = "built with " + level.get() + ": starts only on CPUs with x86-64-v" + need + "; " + whose
                        + " (else: \"" + msg + "\")";
            }
        }
        return new PlaceVerdict(status, reason, steps, v.errno(), says, v.notes());
    }
}

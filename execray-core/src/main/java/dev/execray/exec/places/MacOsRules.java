package dev.execray.exec.places;

import dev.execray.exec.verdict.ExecStep;
import dev.execray.exec.verdict.Stage;

import dev.execray.binary.BinaryFile;
import dev.execray.binary.macho.FatArch;
import dev.execray.binary.macho.LoadCommand;
import dev.execray.binary.macho.MachOFile;
import dev.execray.exec.places.PlaceVerdict.Status;
import dev.execray.rootfs.Errno;
import dev.execray.place.Arch;
import dev.execray.place.RootFacts;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * macOS: the kernel takes a Mach-O (a universal file: the slice for the CPU, else x86_64 under Rosetta 2 on
 * Apple silicon) and refuses other CPU types with EBADARCH ("Bad CPU type in executable"); dyld then refuses a
 * file built for a newer macOS and loads its dylibs (system ones live in the shared cache, so /usr/lib and
 * /System/Library paths are present on every install; any other path must be installed).
 */
public final class MacOsRules {
    static final int CPU_X86 = 7;
    static final int CPU_X86_64 = 0x01000007;
    static final int CPU_ARM64 = 0x0100000c;

    private MacOsRules() {
    }

    static PlaceVerdict check(Path file, BinaryFile bin, Place place) {
        List<ExecStep> steps = new ArrayList<>();
        Arch cpu = place.target().arch();
        String os = place.profile().flatMap(p -> p.osVersion()).orElse("14.0");
        if (bin instanceof BinaryFile.Script s) {
            boolean standard = s.firstLine().matches("#! ?/(bin/(sh|bash|zsh)|usr/bin/(env|perl|python3|ruby))\\b.*");
            steps.add(ExecStep.note(Stage.SCRIPT, s.firstLine(), "interpreter script", standard
                    ? "the interpreter is part of macOS" : "the interpreter must be installed"));
            return new PlaceVerdict(standard ? Status.RUNS : Status.DEPENDS, standard ? "a script run by " + s.firstLine()
                    : s.firstLine() + ": the interpreter must be installed", steps, Optional.empty(), Optional.empty(),
                    List.of());
        }
        MachOFile m;
        if (bin instanceof BinaryFile.MachO mo) {
            m = mo.macho();
            steps.add(ExecStep.ok(Stage.OPEN, file.toString(), "Mach-O " + m.header().arch() + ", "
                    + m.header().fileTypeName(), "a Mach-O file"));
        } else if (bin instanceof BinaryFile.Fat f) {
            List<FatArch> arches = f.fat().arches();
            int want = cpu == Arch.ARM64 ? CPU_ARM64 : CPU_X86_64;
            Optional<FatArch> pick = arches.stream().filter(a -> a.cputype() == want).findFirst();
            if (pick.isEmpty() && cpu == Arch.ARM64) {
                pick = arches.stream().filter(a -> a.cputype() == CPU_X86_64).findFirst();
            }
            if (pick.isEmpty()) {
                steps.add(ExecStep.killed(Stage.ELF, "universal file", arches.stream().map(FatArch::arch).toList()
                        .toString(), "no slice for " + cpu.goarch()));
                return PlaceCheck.failed("a universal file without a slice this Mac can run", steps,
                        Optional.of("EBADARCH"), Optional.of("Bad CPU type in executable"));
            }
            FatArch a = pick.get();
            steps.add(ExecStep.ok(Stage.OPEN, file.toString(), "universal file, slice " + a.arch(), "the kernel picks"
                    + " the slice for the CPU"));
            try {
                m = MachOFile.read(dev.execray.binary.ByteSource.open(file).slice(a.offset(), a.size(), "fat slice"));
            } catch (java.io.IOException | dev.execray.binary.BinaryFormatException e) {
                return PlaceCheck.failed("the " + a.arch() + " slice is unreadable: " + e.getMessage(), steps,
                        Optional.of("ENOEXEC"), Optional.of("Exec format error"));
            }
        } else {
            steps.add(ExecStep.failed(Stage.ELF, "format", bin.format().name(), Errno.ENOEXEC,
                    "macOS runs Mach-O programs only"));
            return PlaceCheck.failed("not a Mach-O file: macOS cannot execute it", steps, Optional.of("ENOEXEC"),
                    Optional.of("zsh: exec format error"));
        }
        int type = m.header().cputype();
        List<String> notes = new ArrayList<>();
        Status status = Status.RUNS;
        String reason = "a native " + m.header().arch() + " program";
        if (type == CPU_X86_64 && cpu == Arch.ARM64) {
            steps.add(ExecStep.note(Stage.ELF, "cputype", m.header().arch(), "runs under Rosetta 2"));
            status = Status.DEPENDS;
            reason = "x86_64: runs under Rosetta 2, if installed (softwareupdate --install-rosetta)";
        } else if (!(type == CPU_X86_64 && cpu == Arch.AMD64) && !(type == CPU_ARM64 && cpu == Arch.ARM64)) {
            steps.add(ExecStep.killed(Stage.ELF, "cputype", m.header().arch(),
                    "not a CPU type this Mac runs" + (type == CPU_X86 ? " (no 32-bit programs since macOS 10.15)" : "")));
            return PlaceCheck.failed("built for " + m.header().arch() + ": Bad CPU type in executable", steps,
                    Optional.of("EBADARCH"), Optional.of("zsh: bad CPU type in executable"));
        } else {
            steps.add(ExecStep.ok(Stage.ELF, "cputype", m.header().arch(), "native"));
        }
        Optional<MachOFile.MinimumOs> min = m.minimumOs();
        if (min.isPresent() && min.get().platform().toLowerCase(java.util.Locale.ROOT).contains("macos")
                && RootFacts.compareVersions(min.get().versionText(), os) > 0) {
            steps.add(ExecStep.killed(Stage.LOAD, "minimum macOS", min.get().versionText() + " ("
                    + min.get().from().name() + ")", "this Mac runs macOS " + os));
            return new PlaceVerdict(Status.FAILS, "built for macOS " + min.get().versionText() + ", newer than " + os
                    + " (dyld refuses it)", steps, Optional.empty(), Optional.of("dyld: built for macOS "
                    + min.get().versionText() + " which is newer than running OS"), notes);
        }
        min.ifPresent(v -> steps.add(ExecStep.ok(Stage.LOAD, "minimum OS", v.platform() + " " + v.versionText(),
                "this Mac runs macOS " + os)));
        List<String> missing = new ArrayList<>();
        for (LoadCommand.Dylib d : m.dylibs()) {
            String n = d.name();
            if (n.startsWith("/usr/lib/") || n.startsWith("/System/Library/")) {
                steps.add(ExecStep.ok(Stage.LOAD, n, "system library", "in the dyld shared cache of every install"));
            } else {
                steps.add(ExecStep.note(Stage.LOAD, n, "not a system library", "must be installed or shipped"));
                missing.add(n);
            }
        }
        if (!missing.isEmpty() && status == Status.RUNS) {
            status = Status.DEPENDS;
            reason = "needs " + String.join(", ", missing) + ": present only if installed (else dyld: Library not loaded)";
        }
        return new PlaceVerdict(status, reason, steps, Optional.empty(), Optional.empty(), notes);
    }
}

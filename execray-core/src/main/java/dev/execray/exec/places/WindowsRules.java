package dev.execray.exec.places;

import dev.execray.exec.verdict.ExecStep;
import dev.execray.exec.verdict.Stage;

import dev.execray.binary.BinaryFile;
import dev.execray.binary.pe.CoffCharacteristic;
import dev.execray.binary.pe.ImportedDll;
import dev.execray.binary.pe.OptionalHeader;
import dev.execray.binary.pe.PeFile;
import dev.execray.exec.places.PlaceVerdict.Status;
import dev.execray.place.Arch;
import dev.execray.place.TargetProfile;
import dev.execray.place.TargetProfiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Windows: CreateProcess takes a PE image (.exe, not a DLL) of a console or GUI subsystem, for the CPU or one
 * it emulates (x86 on x64 through WOW64; x64 and x86 on Arm64; 32-bit Arm no longer on Windows 11 24H2), with
 * a subsystem version the OS supports; the loader then needs every imported DLL: the system's (System32, API
 * sets) are on every install, any other must be next to the program or on PATH. Messages are those of
 * ERROR_BAD_EXE_FORMAT (193) and STATUS_DLL_NOT_FOUND (0xC0000135); they are modelled from Microsoft's
 * documentation, not checked against a Windows machine (docs/targets.md).
 */
public final class WindowsRules {
    static final int AMD64 = 0x8664;
    static final int I386 = 0x14c;
    static final int ARM64 = 0xaa64;
    static final int ARMNT = 0x1c4;

    private WindowsRules() {
    }

    static PlaceVerdict check(Path file, BinaryFile bin, Place place) {
        List<ExecStep> steps = new ArrayList<>();
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        String badFormat = name + " is not a valid Win32 application.";
        if (!(bin instanceof BinaryFile.Pe p)) {
            steps.add(ExecStep.killed(Stage.ELF, "format", bin.format().name(), "Windows runs PE images only"));
            return PlaceCheck.failed("not a PE file: Windows cannot execute it (ERROR_BAD_EXE_FORMAT)", steps,
                    Optional.of("ERROR_BAD_EXE_FORMAT"), Optional.of(badFormat));
        }
        PeFile pe = p.pe();
        Arch cpu = place.target().arch();
        int machine = pe.coffHeader().machine();
        if (pe.coffHeader().has(CoffCharacteristic.DLL)) {
            steps.add(ExecStep.killed(Stage.ELF, "characteristics", "IMAGE_FILE_DLL", "a DLL is loaded, not started"));
            return PlaceCheck.failed("a DLL, not a program", steps, Optional.of("ERROR_BAD_EXE_FORMAT"), Optional.of(badFormat));
        }
        Status status = Status.RUNS;
        String reason;
        if (machine == (cpu == Arch.ARM64 ? ARM64 : AMD64)) {
            reason = "a native " + cpu.goarch() + " program";
            steps.add(ExecStep.ok(Stage.ELF, "machine", String.format("0x%x", machine), "native"));
        } else if (cpu == Arch.AMD64 && machine == I386) {
            reason = "an x86 program, run by WOW64";
            steps.add(ExecStep.ok(Stage.ELF, "machine", "x86 (0x14c)", "WOW64 runs 32-bit x86 programs on x64"));
        } else if (cpu == Arch.ARM64 && (machine == AMD64 || machine == I386)) {
            reason = (machine == AMD64 ? "an x64" : "an x86") + " program, run by emulation on Arm";
            steps.add(ExecStep.ok(Stage.ELF, "machine", String.format("0x%x", machine), "Windows 11 on Arm emulates it"));
        } else {
            String why = machine == ARMNT ? "32-bit Arm programs no longer run on Windows 11 (24H2)"
                    : "not a CPU this Windows runs or emulates";
            steps.add(ExecStep.killed(Stage.ELF, "machine", String.format("0x%x", machine), why));
            return PlaceCheck.failed(why, steps, Optional.of("ERROR_BAD_EXE_FORMAT"), Optional.of(badFormat));
        }
        OptionalHeader oh = pe.optionalHeader();
        if (oh.subsystem() != 2 && oh.subsystem() != 3) {
            steps.add(ExecStep.killed(Stage.ELF, "subsystem", oh.subsystemName(), "CreateProcess starts console (3) and"
                    + " GUI (2) programs only"));
            return PlaceCheck.failed("subsystem " + oh.subsystemName() + ": not a Windows program", steps,
                    Optional.of("ERROR_BAD_EXE_FORMAT"), Optional.of(badFormat));
        }
        String os = place.profile().flatMap(TargetProfile::osVersion).orElse("10.0");
        int osMajor = Integer.parseInt(os.substring(0, os.indexOf('.')));
        if (oh.majorSubsystemVersion() > osMajor) {
            steps.add(ExecStep.killed(Stage.ELF, "subsystem version", oh.subsystemVersion(), "this Windows is " + os));
            return PlaceCheck.failed("needs Windows " + oh.subsystemVersion() + " or newer", steps,
                    Optional.of("ERROR_BAD_EXE_FORMAT"), Optional.of(badFormat));
        }
        steps.add(ExecStep.ok(Stage.ELF, "subsystem", oh.subsystemName() + " " + oh.subsystemVersion(), "Windows " + os));
        List<String> missing = new ArrayList<>();
        for (ImportedDll d : pe.imports().entries()) {
            String n = d.name().toLowerCase(Locale.ROOT);
            if (TargetProfiles.WINDOWS_SYSTEM_DLLS.contains(n) || n.startsWith("api-ms-win-") || n.startsWith("ext-ms-")) {
                steps.add(ExecStep.ok(Stage.LOAD, d.name(), "system DLL", "part of every Windows install"));
            } else {
                steps.add(ExecStep.note(Stage.LOAD, d.name(), "not a system DLL", "must be next to the program or on"
                        + " PATH" + (n.startsWith("vcruntime") || n.startsWith("msvcp") ? " (Visual C++ redistributable)"
                                : "")));
                missing.add(d.name());
            }
        }
        if (!missing.isEmpty()) {
            status = Status.DEPENDS;
            reason = "needs " + String.join(", ", missing) + " next to the program or installed (else: The code execution"
                    + " cannot proceed because " + missing.get(0) + " was not found; exit 0xC0000135)";
        }
        return new PlaceVerdict(status, reason, steps, Optional.empty(), Optional.empty(), List.of());
    }
}

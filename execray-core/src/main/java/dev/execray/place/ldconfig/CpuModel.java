package dev.execray.place.ldconfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * What the CPU contributes to library search: the AT_PLATFORM string ({@code $PLATFORM}, which glibc's
 * x86-64 ld.so replaces by "haswell" or "xeon_phi" on Intel CPUs, {@code sysdeps/x86/cpu-features.c}), the
 * glibc-hwcaps subdirectories it supports (best first), its x86 ISA level, and the legacy hwcap names glibc
 * before 2.37 turned into subdirectories ({@code HWCAP_IMPORTANT}).
 */
public record CpuModel(Optional<String> platform, List<String> hwcapsSupported, OptionalInt isaLevel,
                       List<String> legacyHwcapNames, String source) {

    public CpuModel {
        hwcapsSupported = List.copyOf(hwcapsSupported);
        legacyHwcapNames = List.copyOf(legacyHwcapNames);
    }

    /** A CPU with no optional features: no glibc-hwcaps subdirectory is used. */
    public static CpuModel baseline(LoaderArch arch) {
        boolean x86 = arch == LoaderArch.X86_64 || arch == LoaderArch.X32;
        List<String> legacy = x86 ? List.of("x86_64") : List.of();
        return new CpuModel(arch.platform(), List.of(), x86 ? OptionalInt.of(0) : OptionalInt.empty(), legacy,
                "baseline " + arch.name().toLowerCase() + " CPU");
    }

    /**
     * This machine's CPU for x86-64 targets, from the flags in /proc/cpuinfo (the x86-64 micro-architecture
     * levels of the psABI); other architectures get the baseline.
     */
    public static CpuModel host(LoaderArch arch) {
        if (arch != LoaderArch.X86_64 && arch != LoaderArch.X32) {
            return baseline(arch);
        }
        try {
            return fromCpuinfo(Files.readString(Path.of("/proc/cpuinfo")), arch);
        } catch (IOException e) {
            return baseline(arch);
        }
    }

    static CpuModel fromCpuinfo(String cpuinfo, LoaderArch arch) {
        Set<String> flags = new HashSet<>();
        String vendor = "";
        for (String line : cpuinfo.split("\n")) {
            if (line.startsWith("flags") && flags.isEmpty()) {
                flags.addAll(Arrays.asList(line.substring(line.indexOf(':') + 1).trim().split("\\s+")));
            } else if (line.startsWith("vendor_id") && vendor.isEmpty()) {
                vendor = line.substring(line.indexOf(':') + 1).trim();
            }
        }
        boolean v2 = flags.containsAll(List.of("cx16", "lahf_lm", "popcnt", "sse4_1", "sse4_2", "ssse3"));
        boolean v3 = v2 && flags.containsAll(List.of("avx", "avx2", "bmi1", "bmi2", "f16c", "fma", "abm", "movbe",
                "xsave"));
        boolean v4 = v3 && flags.containsAll(List.of("avx512f", "avx512bw", "avx512cd", "avx512dq", "avx512vl"));
        List<String> hw = new ArrayList<>();
        if (v4) {
            hw.add("x86-64-v4");
        }
        if (v3) {
            hw.add("x86-64-v3");
        }
        if (v2) {
            hw.add("x86-64-v2");
        }
        int level = v4 ? 3 : v3 ? 2 : v2 ? 1 : 0;
        String platform = "x86_64";
        List<String> legacy = new ArrayList<>(List.of("x86_64"));
        if (vendor.equals("GenuineIntel")) {
            if (flags.contains("avx512cd") && flags.contains("avx512er") && flags.contains("avx512pf")) {
                platform = "xeon_phi";
            } else {
                if (flags.contains("avx512cd") && flags.containsAll(List.of("avx512bw", "avx512dq", "avx512vl"))) {
                    legacy.add("avx512_1");
                }
                if (flags.containsAll(List.of("avx2", "fma", "bmi1", "bmi2", "abm", "movbe", "popcnt"))) {
                    platform = "haswell";
                }
            }
        }
        return new CpuModel(Optional.of(platform), hw, OptionalInt.of(level), legacy,
                "this machine's CPU (/proc/cpuinfo" + (vendor.isEmpty() ? "" : ", " + vendor) + ")");
    }
}

package dev.execray.place.ldconfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Everything about one glibc ld.so that decides where it finds libraries: its trusted (default)
 * directories, the value of {@code $LIB}, the CPU's {@code $PLATFORM} and hwcaps subdirectories, what it
 * accepts from ld.so.cache, and its version (glibc 2.37 dropped the legacy {@code tls/} and platform
 * subdirectories). {@link InterpreterProbe} reads most of this from the interpreter file in the root;
 * {@code source} says where each answer came from.
 */
public record GlibcLoaderFacts(LoaderArch arch, String interpreter, List<String> systemDirs, String dstLib,
                               CpuModel cpu, List<String> hwcapsSubdirs, List<String> legacySubdirs,
                               CacheQuery cacheQuery, String cachePath, Optional<GlibcVersion> version,
                               List<String> sources) {

    public GlibcLoaderFacts {
        systemDirs = List.copyOf(systemDirs);
        hwcapsSubdirs = List.copyOf(hwcapsSubdirs);
        legacySubdirs = List.copyOf(legacySubdirs);
        sources = List.copyOf(sources);
    }

    /** Facts from what the root's interpreter says, falling back per item to the architecture's defaults. */
    public static GlibcLoaderFacts of(LoaderArch arch, String interpreter, InterpreterProbe probe, CpuModel cpu) {
        List<String> sources = new ArrayList<>();
        List<String> dirs;
        if (!probe.systemDirs().isEmpty()) {
            dirs = probe.systemDirs();
            sources.add("default directories read from " + probe.path());
        } else {
            dirs = arch.upstreamSystemDirs();
            sources.add("default directories: upstream glibc's for " + arch.name().toLowerCase()
                    + " (" + probe.problem().orElse("interpreter gave none") + ")");
        }
        String lib = probe.dstLib().orElseGet(() -> {
            String first = dirs.get(0);
            String trimmed = first.substring(0, first.length() - 1);
            return trimmed.substring(trimmed.lastIndexOf('/') + 1);
        });
        Optional<GlibcVersion> version = probe.glibcVersion();
        version.ifPresent(v -> sources.add("glibc " + v + " (" + probe.path() + ")"));
        sources.add("CPU: " + cpu.source());
        List<String> hw = new ArrayList<>();
        for (String s : arch.hwcapsSubdirs()) {
            if (cpu.hwcapsSupported().contains(s)) {
                hw.add(s);
            }
        }
        boolean legacy = version.map(v -> !v.atLeast(2, 37)).orElse(false);
        List<String> legacyDirs = legacy ? legacySubdirs(cpu.legacyHwcapNames(), cpu.platform()) : List.of("");
        CacheQuery q = new CacheQuery(arch.cacheDefaultId(), arch.cacheAccepted(), hw, cpu.isaLevel(),
                legacy ? OptionalLong.of(CacheQuery.HWCAP_TLS) : OptionalLong.empty());
        return new GlibcLoaderFacts(arch, interpreter, dirs, lib, cpu, hw, legacyDirs, q,
                probe.cachePath().orElse("/etc/ld.so.cache"), version, sources);
    }

    /**
     * The legacy subdirectories glibc before 2.37 tries in every search directory, best first, ending with
     * the directory itself ({@code ""}): the power set of the CPU's important hwcap names, the platform and
     * {@code tls}, in the order {@code _dl_important_hwcaps} builds it (e.g. {@code tls/x86_64/x86_64/},
     * {@code tls/x86_64/}, ..., {@code x86_64/}, {@code ""}).
     */
    public static List<String> legacySubdirs(List<String> hwcapNames, Optional<String> platform) {
        List<String> temp = new ArrayList<>(hwcapNames);
        platform.ifPresent(temp::add);
        temp.add("tls");
        int cnt = temp.size();
        List<String> out = new ArrayList<>(1 << cnt);
        for (int m = (1 << cnt) - 1; m >= 0; m--) {
            StringBuilder sb = new StringBuilder();
            for (int n = cnt - 1; n >= 0; n--) {
                if ((m & (1 << n)) != 0) {
                    sb.append(temp.get(n)).append('/');
                }
            }
            out.add(sb.toString());
        }
        return out;
    }

    /** Every subdirectory tried inside each search directory, best first, ending with "" (the directory). */
    public List<String> subdirectories() {
        List<String> out = new ArrayList<>();
        for (String h : hwcapsSubdirs) {
            out.add("glibc-hwcaps/" + h + "/");
        }
        out.addAll(legacySubdirs);
        return out;
    }
}

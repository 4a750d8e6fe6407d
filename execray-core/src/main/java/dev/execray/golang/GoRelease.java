package dev.execray.golang;

import java.util.List;
import java.util.Optional;

/**
 * What execray knows about each Go release from 1.13 on: when it came out, the oldest systems it runs on,
 * and which build-info and function-table layouts its linker writes. Later verdicts quote this table
 * ("built with Go 1.24, which needs Linux 3.2 or later").
 *
 * <p>Sources, per column:
 * <ul>
 * <li>Linux kernel: Go wiki "Linux" (kernel 2.6.23 final support Go 1.18.x, 2.6.32 final support 1.23.x) and
 *     the Go 1.19 and Go 1.24 release notes ("Go 1.24 now requires Linux kernel version 3.2 or later").</li>
 * <li>macOS: release notes go1.13 (10.11 El Capitan), go1.15 (10.12 Sierra), go1.17 (10.13 High Sierra),
 *     go1.21 (10.15 Catalina), go1.23 (11 Big Sur), go1.25 (12 Monterey, announced in the go1.24 notes).</li>
 * <li>Windows: Go wiki MinimumRequirements; go1.21 release notes (Windows 10 / Server 2016; 7, 8 and
 *     Server 2008/2012 dropped).</li>
 * <li>FreeBSD: go1.13 release notes (11.2); go1.18 notes announce the end of 11.x, while the Go wiki
 *     "FreeBSD" page lists 11-STABLE final support as Go 1.19.x, so 1.19 keeps 11.2 here; go1.20 needs 12
 *     (the wiki: "Go versions prior to 1.20 require COMPAT_FREEBSD11"). Later FreeBSD minimums are not
 *     stated in a primary source execray has read and are kept at 12.</li>
 * <li>Layouts: src/debug/buildinfo/buildinfo.go (inline strings since 1.18), src/debug/gosym/pclntab.go
 *     (magics 0xfffffffb 1.2, 0xfffffffa 1.16, 0xfffffff0 1.18, 0xfffffff1 1.20).</li>
 * </ul>
 */
public record GoRelease(GoVersion version, String released, MinimumOs minimumOs, BuildInfoLayout buildInfoLayout,
        PclntabVersion pclntab) {

    /** How the build-info blob holds its two strings. */
    public enum BuildInfoLayout {
        /** Before 1.18: the blob holds addresses of the Go string headers of runtime.buildVersion and runtime.modinfo. */
        POINTERS,
        /** 1.18 and later: the two strings follow the 32-byte header, each with a uvarint length. */
        INLINE
    }

    private static final MinimumOs GO113 = new MinimumOs("2.6.23", "10.11", "7 / Server 2008 R2", "11.2");
    private static final MinimumOs GO115 = new MinimumOs("2.6.23", "10.12", "7 / Server 2008 R2", "11.2");
    private static final MinimumOs GO117 = new MinimumOs("2.6.23", "10.13", "7 / Server 2008 R2", "11.2");
    private static final MinimumOs GO119 = new MinimumOs("2.6.32", "10.13", "7 / Server 2008 R2", "11.2");
    private static final MinimumOs GO120 = new MinimumOs("2.6.32", "10.13", "7 / Server 2008 R2", "12");
    private static final MinimumOs GO121 = new MinimumOs("2.6.32", "10.15", "10 / Server 2016", "12");
    private static final MinimumOs GO123 = new MinimumOs("2.6.32", "11", "10 / Server 2016", "12");
    private static final MinimumOs GO124 = new MinimumOs("3.2", "11", "10 / Server 2016", "12");
    private static final MinimumOs GO125 = new MinimumOs("3.2", "12", "10 / Server 2016", "12");

    private static final List<GoRelease> ALL = List.of(
            r(13, "2019-09", GO113, BuildInfoLayout.POINTERS, PclntabVersion.GO12),
            r(14, "2020-02", GO113, BuildInfoLayout.POINTERS, PclntabVersion.GO12),
            r(15, "2020-08", GO115, BuildInfoLayout.POINTERS, PclntabVersion.GO12),
            r(16, "2021-02", GO115, BuildInfoLayout.POINTERS, PclntabVersion.GO116),
            r(17, "2021-08", GO117, BuildInfoLayout.POINTERS, PclntabVersion.GO116),
            r(18, "2022-03", GO117, BuildInfoLayout.INLINE, PclntabVersion.GO118),
            r(19, "2022-08", GO119, BuildInfoLayout.INLINE, PclntabVersion.GO118),
            r(20, "2023-02", GO120, BuildInfoLayout.INLINE, PclntabVersion.GO120),
            r(21, "2023-08", GO121, BuildInfoLayout.INLINE, PclntabVersion.GO120),
            r(22, "2024-02", GO121, BuildInfoLayout.INLINE, PclntabVersion.GO120),
            r(23, "2024-08", GO123, BuildInfoLayout.INLINE, PclntabVersion.GO120),
            r(24, "2025-02", GO124, BuildInfoLayout.INLINE, PclntabVersion.GO120),
            r(25, "2025-08", GO125, BuildInfoLayout.INLINE, PclntabVersion.GO120),
            r(26, "2026-02", GO125, BuildInfoLayout.INLINE, PclntabVersion.GO120),
            r(27, "2026-08", GO125, BuildInfoLayout.INLINE, PclntabVersion.GO120));

    private static GoRelease r(int minor, String date, MinimumOs os, BuildInfoLayout layout, PclntabVersion pcln) {
        return new GoRelease(GoVersion.of(1, minor), date, os, layout, pcln);
    }

    public static List<GoRelease> all() {
        return ALL;
    }

    /** The newest release this table knows. */
    public static GoRelease newest() {
        return ALL.get(ALL.size() - 1);
    }

    /** The release line of {@code v} (go1.22 for go1.22.3); empty before 1.13 or beyond this table. */
    public static Optional<GoRelease> of(GoVersion v) {
        return ALL.stream().filter(r -> r.version.major() == v.major() && r.version.minor() == v.minor()).findFirst();
    }

    /** "built with Go 1.24, which needs Linux ≥ 3.2" */
    public String linuxRequirement() {
        return "built with Go " + version.shortName() + ", which needs Linux \u2265 " + minimumOs.linuxKernel();
    }
}

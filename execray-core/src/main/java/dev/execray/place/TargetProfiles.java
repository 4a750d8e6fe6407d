package dev.execray.place;

import dev.execray.rootfs.RootFs;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The named places execray knows, each fact with its source (docs/targets.md has the same table). A profile
 * without a root holds what can be known without one: kernel, page size, C library and its version, OS
 * version, CPU baseline; checks that need the place's files (which libraries exist) are done only when a root
 * or an image is given.
 */
public final class TargetProfiles {
    private TargetProfiles() {
    }

    private static final String DEBIAN_12 = "https://www.debian.org/releases/bookworm/amd64/release-notes/ch-whats-new.en.html"
            + " (Linux 6.1, GNU C library 2.36)";
    private static final String UBUNTU_2004 = "https://wiki.ubuntu.com/FocalFossa/ReleaseNotes (Linux 5.4, glibc 2.31)";
    private static final String UBUNTU_2204 = "https://discourse.ubuntu.com/t/jammy-jellyfish-release-notes/24668"
            + " (Linux 5.15, glibc 2.35)";
    private static final String UBUNTU_2404 = "https://discourse.ubuntu.com/t/noble-numbat-release-notes/39890"
            + " (Linux 6.8, glibc 2.39)";
    private static final String RHEL_KERNELS = "https://access.redhat.com/articles/3078 (RHEL 8: kernel 4.18, RHEL 9: 5.14)";
    private static final String RHEL_8 = "https://docs.redhat.com/en/documentation/red_hat_enterprise_linux/8/html/8.0_release_notes/"
            + " (glibc 2.28)";
    private static final String RHEL_9 = "https://docs.redhat.com/en/documentation/red_hat_enterprise_linux/9/html/9.0_release_notes/"
            + " (glibc 2.34; x86-64-v2 baseline)";
    private static final String RHEL_9_V2 = "https://developers.redhat.com/blog/2021/01/05/building-red-hat-enterprise-linux-9"
            + "-for-the-x86-64-v2-microarchitecture-level";
    private static final String RHEL_9_64K = "https://docs.redhat.com/en/documentation/red_hat_enterprise_linux/9/html/"
            + "9.2_release_notes/ (kernel-64k: 64 KiB pages on 64-bit ARM)";
    private static final String ALPINE_320 = "https://alpinelinux.org/posts/Alpine-3.20.0-released.html (linux-lts 6.6);"
            + " https://pkgs.alpinelinux.org/packages?name=musl&branch=v3.20 (musl 1.2.5)";
    private static final String DISTROLESS = "https://github.com/GoogleContainerTools/distroless/blob/main/base/README.md"
            + " (static: ca-certificates, /etc/passwd, tzdata; no libc, no shell)";
    private static final String BUSYBOX = "https://hub.docker.com/_/busybox (variants :musl and :uclibc are one static"
            + " busybox binary; :glibc ships glibc)";
    private static final String WSL_KERNEL = "https://github.com/microsoft/WSL2-Linux-Kernel/releases (linux-msft-wsl-6.6.y)";
    private static final String WSL_INTEROP = "https://learn.microsoft.com/en-us/windows/wsl/filesystems#run-windows-tools"
            + "-from-linux; /proc/sys/fs/binfmt_misc/WSLInterop: magic 4d5a (MZ) at 0, interpreter /init, flags PF";
    private static final String FREEBSD_14 = "https://www.freebsd.org/releases/14.1R/relnotes/ ; ELF branding:"
            + " sys/kern/imgact_elf.c (__elfN(get_brandinfo): EI_OSABI, ABI note, interpreter path)";
    private static final String MACOS_14 = "https://support.apple.com/en-us/102527 (Rosetta 2 runs x86_64 on Apple"
            + " silicon); https://support.apple.com/en-us/103076 (no 32-bit apps since 10.15)";
    private static final String WINDOWS_WOW64 = "https://learn.microsoft.com/en-us/windows/win32/winprog64/running-32-bit"
            + "-applications (WOW64: x86 on x64)";
    private static final String WINDOWS_ARM = "https://learn.microsoft.com/en-us/windows/arm/apps-on-arm-x86-emulation"
            + " (x86 and x64 emulation); https://learn.microsoft.com/en-us/windows/arm/arm32-to-arm64 (no 32-bit Arm"
            + " apps from 24H2)";
    private static final String WINDOWS_DLLS = "https://learn.microsoft.com/en-us/windows/win32/dlls/dynamic-link-library"
            + "-search-order (system directory; known DLLs); list of System32 DLLs of a standard install, see docs/targets.md";

    /**
     * DLLs every Windows 10/11 install has in System32 (plus the UCRT API sets); not: the Visual C++
     * redistributable (vcruntime140.dll, msvcp140.dll) or MinGW's runtime DLLs, which an app must ship.
     */
    public static final List<String> WINDOWS_SYSTEM_DLLS = List.of("advapi32.dll", "bcrypt.dll", "bcryptprimitives.dll",
            "cfgmgr32.dll", "comctl32.dll", "comdlg32.dll", "crypt32.dll", "d3d11.dll", "d3d12.dll", "dbghelp.dll",
            "dnsapi.dll", "dwmapi.dll", "dxgi.dll", "gdi32.dll", "gdiplus.dll", "imm32.dll", "iphlpapi.dll",
            "kernel32.dll", "kernelbase.dll", "msvcp_win.dll", "msvcrt.dll", "mswsock.dll", "ncrypt.dll",
            "netapi32.dll", "normaliz.dll", "ntdll.dll", "ole32.dll", "oleaut32.dll", "opengl32.dll", "powrprof.dll",
            "psapi.dll", "rpcrt4.dll", "secur32.dll", "setupapi.dll", "shell32.dll", "shlwapi.dll", "sspicli.dll",
            "ucrtbase.dll", "user32.dll", "userenv.dll", "uxtheme.dll", "version.dll", "winhttp.dll", "wininet.dll",
            "winmm.dll", "winspool.drv", "ws2_32.dll", "wsock32.dll", "wtsapi32.dll");

    private static final List<TargetProfile> ALL = build();

    private static List<TargetProfile> build() {
        List<TargetProfile> p = new ArrayList<>();
        p.add(linux("debian-12", "Debian 12 (bookworm)", Arch.AMD64, 4096, k(6, 1), Libc.GLIBC, "2.36", 1, DEBIAN_12));
        p.add(linux("debian-12-arm64", "Debian 12 (bookworm) on 64-bit ARM", Arch.ARM64, 4096, k(6, 1), Libc.GLIBC,
                "2.36", 0, DEBIAN_12));
        p.add(linux("ubuntu-20.04", "Ubuntu 20.04 LTS (focal)", Arch.AMD64, 4096, k(5, 4), Libc.GLIBC, "2.31", 1,
                UBUNTU_2004));
        p.add(linux("ubuntu-22.04", "Ubuntu 22.04 LTS (jammy)", Arch.AMD64, 4096, k(5, 15), Libc.GLIBC, "2.35", 1,
                UBUNTU_2204));
        p.add(linux("ubuntu-24.04", "Ubuntu 24.04 LTS (noble)", Arch.AMD64, 4096, k(6, 8), Libc.GLIBC, "2.39", 1,
                UBUNTU_2404));
        p.add(linux("rhel-8", "Red Hat Enterprise Linux 8", Arch.AMD64, 4096, k(4, 18), Libc.GLIBC, "2.28", 1,
                RHEL_KERNELS, RHEL_8));
        p.add(linux("rhel-9", "Red Hat Enterprise Linux 9 (x86-64-v2 CPUs only)", Arch.AMD64, 4096, k(5, 14),
                Libc.GLIBC, "2.34", 2, RHEL_KERNELS, RHEL_9, RHEL_9_V2));
        p.add(linux("rhel-9-arm64-64k", "Red Hat Enterprise Linux 9 on 64-bit ARM with the 64 KiB page kernel",
                Arch.ARM64, 65536, k(5, 14), Libc.GLIBC, "2.34", 0, RHEL_KERNELS, RHEL_9, RHEL_9_64K));
        p.add(linux("alpine-3.20", "Alpine Linux 3.20 (musl)", Arch.AMD64, 4096, k(6, 6), Libc.MUSL, "1.2.5", 1,
                ALPINE_320));
        p.add(new TargetProfile("distroless-static", "gcr.io/distroless/static-debian12: no C library, no shell",
                Os.LINUX, Arch.AMD64, 4096, Optional.empty(), Libc.GLIBC, false, Optional.empty(), Optional.empty(), 1,
                List.of(), List.of(), List.of(), List.of(DISTROLESS), List.of("a container image: the kernel is the host's")));
        p.add(new TargetProfile("busybox", "busybox image (:musl or :uclibc variant): one static busybox, no C library",
                Os.LINUX, Arch.AMD64, 4096, Optional.empty(), Libc.MUSL, false, Optional.empty(), Optional.empty(), 1,
                List.of(), List.of(), List.of(), List.of(BUSYBOX),
                List.of("a container image: the kernel is the host's", "busybox:glibc has glibc: use image:PATH for it")));
        p.add(new TargetProfile("wsl2", "WSL 2 (Ubuntu 24.04 on Microsoft's 6.6 kernel), runs Windows .exe files",
                Os.LINUX, Arch.AMD64, 4096, k(6, 6), Libc.GLIBC, true, Optional.of("2.39"), Optional.empty(), 1,
                List.of(), List.of(":WSLInterop:M::MZ::/init:PF"), List.of(), List.of(WSL_KERNEL, WSL_INTEROP, UBUNTU_2404),
                List.of("Windows .exe files are handed to /init (WSLInterop), which starts them on Windows")));
        p.add(new TargetProfile("freebsd-14", "FreeBSD 14 (Linux compatibility off)", Os.FREEBSD, Arch.AMD64, 4096,
                k(14, 1), Libc.BSD, true, Optional.empty(), Optional.of("14.1"), 1, List.of(), List.of(), List.of(),
                List.of(FREEBSD_14), List.of()));
        p.add(new TargetProfile("macos-14-arm64", "macOS 14 Sonoma on Apple silicon (Rosetta 2 for x86_64)", Os.DARWIN,
                Arch.ARM64, 16384, Optional.empty(), Libc.BSD, true, Optional.empty(), Optional.of("14.0"), 0,
                List.of(Arch.AMD64), List.of(), List.of(), List.of(MACOS_14), List.of()));
        p.add(new TargetProfile("macos-14-x86_64", "macOS 14 Sonoma on an Intel Mac", Os.DARWIN, Arch.AMD64, 4096,
                Optional.empty(), Libc.BSD, true, Optional.empty(), Optional.of("14.0"), 1, List.of(), List.of(),
                List.of(), List.of(MACOS_14), List.of()));
        p.add(new TargetProfile("windows-11-amd64", "Windows 11 on x64 (WOW64 runs x86)", Os.WINDOWS, Arch.AMD64, 4096,
                Optional.empty(), Libc.MSVCRT, true, Optional.empty(), Optional.of("10.0"), 1, List.of(Arch.I386),
                List.of(), WINDOWS_SYSTEM_DLLS, List.of(WINDOWS_WOW64, WINDOWS_DLLS), List.of()));
        p.add(new TargetProfile("windows-11-arm64", "Windows 11 on Arm (x64 and x86 by emulation, no 32-bit Arm)",
                Os.WINDOWS, Arch.ARM64, 4096, Optional.empty(), Libc.MSVCRT, true, Optional.empty(), Optional.of("10.0"),
                0, List.of(Arch.AMD64, Arch.I386), List.of(), WINDOWS_SYSTEM_DLLS, List.of(WINDOWS_ARM, WINDOWS_DLLS),
                List.of()));
        return List.copyOf(p);
    }

    private static Optional<KernelVersion> k(int major, int minor) {
        return Optional.of(KernelVersion.of(major, minor));
    }

    private static TargetProfile linux(String name, String description, Arch arch, int page,
            Optional<KernelVersion> kernel, Libc libc, String libcVersion, int x86Level, String... sources) {
        return new TargetProfile(name, description, Os.LINUX, arch, page, kernel, libc, true, Optional.of(libcVersion),
                Optional.empty(), arch == Arch.AMD64 ? x86Level : 0, List.of(), List.of(), List.of(), List.of(sources),
                List.of());
    }

    public static List<TargetProfile> all() {
        return ALL;
    }

    public static Optional<TargetProfile> byName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return ALL.stream().filter(p -> p.name().equals(n)).findFirst();
    }

    /** A profile name, or an OS/ARCH spec (facts from the host where it is the host's platform). */
    public static Target resolve(String nameOrSpec, Optional<RootFs> root) throws TargetException {
        Optional<TargetProfile> p = byName(nameOrSpec);
        if (p.isPresent()) {
            return p.get().target(root);
        }
        if (!nameOrSpec.contains("/")) {
            throw new TargetException("unknown target '" + nameOrSpec + "' (profiles: "
                    + String.join(", ", ALL.stream().map(TargetProfile::name).toList()) + "; or OS/ARCH)");
        }
        Target t = new TargetSpec(Optional.of(nameOrSpec), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty()).resolve();
        return root.map(t::withRoot).orElse(t);
    }
}

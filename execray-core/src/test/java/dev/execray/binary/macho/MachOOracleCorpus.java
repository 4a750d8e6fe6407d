package dev.execray.binary.macho;

import dev.execray.binary.ForeignExecutables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Mach-O files Go does not make, built here from a few lines of C with clang and ld64.lld (packages
 * clang-14, lld-14) and LLVM's lipo and install-name-tool: objects for every Apple target clang
 * knows (32-bit i386 and armv7*, arm64e, arm64_32, x86_64h; LC_BUILD_VERSION and, for old OS
 * versions, LC_VERSION_MIN_*), dylibs with install names and versions, an executable with a weak
 * dylib, a re-exported one and rpaths, universal files with 32- and 64-bit fat headers.
 */
final class MachOOracleCorpus {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    /** clang targets: a variety of architectures, platforms and OS versions. */
    private static final List<String> OBJECT_TARGETS = List.of("x86_64-apple-macos11", "arm64-apple-macos11",
            "x86_64-apple-macosx10.12", "i386-apple-macosx10.6", "x86_64h-apple-macos10.15", "arm64e-apple-ios14",
            "armv7-apple-ios9", "armv7s-apple-ios9", "armv7k-apple-watchos5", "arm64_32-apple-watchos6",
            "arm64-apple-tvos14", "x86_64-apple-ios13-simulator", "arm64-apple-ios14-macabi", "arm64-apple-ios12",
            "arm64-apple-watchos7-simulator", "x86_64-apple-tvos14-simulator", "i386-apple-ios9-simulator",
            "x86_64-apple-macosx10.5");

    private MachOOracleCorpus() {
    }

    static void build(Path scratch, List<Path> thin, List<Path> fat) {
        String clang = tool("clang-14", "clang");
        String ld = tool("ld64.lld-14", "ld64.lld");
        String lipo = tool("llvm-lipo-14", "llvm-lipo");
        String installName = tool("llvm-install-name-tool-14", "llvm-install-name-tool");
        try {
            Path dir = Files.createDirectories(scratch.resolve("macho-built"));
            String d = dir + "/";
            Files.writeString(dir.resolve("foo.c"), "int foo(void) { return 42; }\nint foo_data = 7;\n");
            Files.writeString(dir.resolve("bar.c"), "int bar(void) { return 1; }\n");
            Files.writeString(dir.resolve("main.c"), "int foo(void);\nint bar(void);\nstatic int local = 3;\n"
                    + "int main(void) { return foo() + bar() + local; }\n");
            if (!clang.isEmpty()) {
                for (String t : OBJECT_TARGETS) {
                    Path o = dir.resolve("main-" + t + ".o");
                    run(clang, "-target", t, "-O1", "-c", d + "main.c", "-o", o.toString());
                    add(thin, o);
                }
            }
            if (!clang.isEmpty() && !ld.isEmpty()) {
                for (String arch : List.of("arm64", "x86_64")) {
                    String target = arch + "-apple-macos11";
                    for (String src : List.of("foo", "bar", "main")) {
                        run(clang, "-target", target, "-O1", "-c", d + src + ".c", "-o", d + src + "-" + arch + ".o");
                    }
                    run(ld, "-arch", arch, "-platform_version", "macos", "11.0", "13.1", "-dylib", "-install_name",
                            "@rpath/libfoo.dylib", "-current_version", "1.2.3", "-compatibility_version", "1.0.0",
                            "-o", d + "libfoo-" + arch + ".dylib", d + "foo-" + arch + ".o", "-undefined",
                            "dynamic_lookup");
                    run(ld, "-arch", arch, "-platform_version", "macos", "11.0", "13.1", "-dylib", "-install_name",
                            "/usr/local/lib/libbar.1.dylib", "-current_version", "3.0", "-o",
                            d + "libbar-" + arch + ".dylib", d + "bar-" + arch + ".o", "-undefined", "dynamic_lookup");
                    run(ld, "-arch", arch, "-platform_version", "macos", "11.0", "13.1", "-dylib", "-install_name",
                            "/usr/lib/libumbrella.dylib", "-o", d + "libumbrella-" + arch + ".dylib",
                            "-reexport_library", d + "libbar-" + arch + ".dylib", "-undefined", "dynamic_lookup");
                    // with debug information: the linker leaves stabs (N_SO, N_OSO, N_FUN) in the symbol table
                    run(clang, "-target", target, "-g", "-c", d + "main.c", "-o", d + "main-g-" + arch + ".o");
                    run(ld, "-arch", arch, "-platform_version", "macos", "11.0", "13.1", "-o", d + "app-g-" + arch,
                            d + "main-g-" + arch + ".o", "-undefined", "dynamic_lookup");
                    add(thin, dir.resolve("app-g-" + arch));
                    run(ld, "-arch", arch, "-platform_version", "macos", "11.0", "13.1", "-o", d + "app-" + arch,
                            d + "main-" + arch + ".o", d + "libfoo-" + arch + ".dylib", "-weak_library",
                            d + "libbar-" + arch + ".dylib", "-rpath", "@executable_path/../lib", "-rpath", "/opt/x",
                            "-undefined", "dynamic_lookup");
                    for (String name : List.of("libfoo-", "libbar-", "libumbrella-", "app-")) {
                        add(thin, dir.resolve(name + arch + (name.equals("app-") ? "" : ".dylib")));
                    }
                }
                if (!lipo.isEmpty()) {
                    run(lipo, "-create", d + "app-x86_64", d + "app-arm64", "-output", d + "app-universal");
                    add(fat, dir.resolve("app-universal"));
                    if (Files.exists(dir.resolve("app-x86_64")) && Files.exists(dir.resolve("app-arm64"))) {
                        Path wide = dir.resolve("app-universal64");
                        Files.write(wide, MachOBuilder.fat(true, Files.readAllBytes(dir.resolve("app-x86_64")),
                                Files.readAllBytes(dir.resolve("app-arm64"))));
                        fat.add(wide);
                    }
                }
            }
            // Big-endian files, which no toolchain here makes any more: written by the test builder, read by LLVM.
            Path ppc = dir.resolve("built-ppc");
            Files.write(ppc, bigEndian(false));
            thin.add(ppc);
            Path ppc64 = dir.resolve("built-ppc64");
            Files.write(ppc64, bigEndian(true));
            thin.add(ppc64);
            Path go = ForeignExecutables.projectRoot().resolve("fixtures/out/go/hello-darwin-amd64");
            if (!installName.isEmpty() && Files.exists(go)) {
                Path copy = dir.resolve("hello-darwin-amd64-rpath");
                Files.copy(go, copy);
                run(installName, "-add_rpath", "@loader_path/../Frameworks", copy.toString());
                add(thin, copy);
            }
            if (!lipo.isEmpty()) {
                Path a = ForeignExecutables.projectRoot().resolve("fixtures/out/go/hello-darwin-amd64.stripped");
                Path b = ForeignExecutables.projectRoot().resolve("fixtures/out/go/hello-darwin-arm64.stripped");
                if (Files.exists(a) && Files.exists(b)) {
                    run(lipo, "-create", a.toString(), b.toString(), "-output", d + "hello-universal");
                    add(fat, dir.resolve("hello-universal"));
                }
            }
        } catch (IOException e) {
            // what could not be built is not compared
        }
    }

    private static byte[] bigEndian(boolean is64) {
        long base = is64 ? 0x100000000L : 0x1000;
        return new MachOBuilder(is64, true).cpu(is64 ? 0x01000012 : 18, is64 ? 0 : 10).filetype(2).flags(0x85)
                .segment("__PAGEZERO", 0, base, 0, 0, 0, 0)
                .segment("__TEXT", base, 0x1000, 0, 0x1000, 7, 5,
                        new MachOBuilder.Sect("__text", "__TEXT", base + 0x800, 0x100, 0x800, 0x80000400L),
                        new MachOBuilder.Sect("__cstring", "__TEXT", base + 0x900, 0x20, 0x900, 0x2))
                .segment("__DATA", base + 0x1000, 0x1000, 0x1000, 0x200, 3, 3,
                        new MachOBuilder.Sect("__data", "__DATA", base + 0x1000, 0x100, 0x1000, 0),
                        new MachOBuilder.Sect("__bss", "__DATA", base + 0x1100, 0x300, 0, 0x1))
                .dylinker("/usr/lib/dyld")
                .dylib(MachOBuilder.LC_LOAD_DYLIB, "/usr/lib/libSystem.B.dylib", 0x1110000, 0x10000)
                .dylib(MachOBuilder.LC_LOAD_WEAK_DYLIB, "/usr/lib/libobjc.A.dylib", 0xe40000, 0x10000)
                .rpath("@executable_path/../Frameworks")
                .versionMin(MachOBuilder.LC_VERSION_MIN_MACOSX, 0xa0400, 0xa0500)
                .symbols(new MachOBuilder.Sym("_main", 0x0f, 1, 0, base + 0x800),
                        new MachOBuilder.Sym("_local", 0x0e, 3, 0, base + 0x1000),
                        new MachOBuilder.Sym("_printf", 0x01, 0, 0x0100, 0))
                .fileSize(0x1200).build();
    }

    private static void add(List<Path> into, Path p) {
        if (Files.exists(p)) {
            into.add(p);
        }
    }

    private static String tool(String... names) {
        for (String n : names) {
            if (!ForeignExecutables.run(List.of("which", n), Duration.ofSeconds(10)).isBlank()) {
                return n;
            }
        }
        return "";
    }

    private static void run(String... command) {
        ForeignExecutables.run(List.of(command), TIMEOUT);
    }
}

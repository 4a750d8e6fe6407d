package dev.execray.binary.pe;

import dev.execray.binary.ForeignExecutables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * PE images the Go toolchain never makes, linked here with clang and lld-link (packages clang-14,
 * lld-14) from a few lines of C: DLLs exporting by name and by ordinal only, with forwarders; and
 * executables importing by name and by ordinal, delay-loading a DLL, and carrying a CodeView PDB
 * record; for x64, x86, arm64 and armnt. Empty when the tools are missing.
 */
final class PeOracleCorpus {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    private static final String LIB_C = """
            int alpha(void) { return 1; }
            int beta(void) { return 2; }
            int gamma_(void) { return 3; }
            """;
    private static final String LIB_DEF = """
            LIBRARY mylib.dll
            EXPORTS
              alpha
              beta @7 NONAME
              gamma_ @9
              HeapAlloc = NTDLL.RtlAllocateHeap
              Legacy = OLD.#12
            """;
    private static final String SYS_DEF = """
            LIBRARY sysdep.dll
            EXPORTS
              ExitProcess
              ByOrdinal @5 NONAME
            """;
    private static final String DELAYED_DEF = """
            LIBRARY delayed.dll
            EXPORTS
              MessageBoxW
              Beep @3 NONAME
            """;
    private static final String APP_C = """
            void ExitProcess(int);
            int ByOrdinal(void);
            int MessageBoxW(void*, const void*, const void*, unsigned);
            int Beep(void);
            /* the delay-load helper normally comes from delayimp.lib; the image only needs the symbol */
            void * __stdcall __delayLoadHelper2(void *d, void **f) { return 0; }
            void start(void) { MessageBoxW(0, 0, 0, 0); Beep(); ExitProcess(ByOrdinal()); }
            """;

    /** lld-link /machine, clang target triple prefix, llvm-dlltool -m. */
    private record Machine(String lld, String triple, String dlltool) {
    }

    private static final List<Machine> MACHINES = List.of(new Machine("x64", "x86_64", "i386:x86-64"),
            new Machine("x86", "i686", "i386"), new Machine("arm64", "aarch64", "arm64"),
            new Machine("arm", "thumbv7", "arm"));

    private PeOracleCorpus() {
    }

    static List<Path> build(Path scratch) {
        List<Path> out = new ArrayList<>();
        String clang = tool("clang-14", "clang");
        String lld = tool("lld-link-14", "lld-link");
        String dlltool = tool("llvm-dlltool-14", "llvm-dlltool");
        if (clang.isEmpty() || lld.isEmpty() || dlltool.isEmpty()) {
            return out;
        }
        try {
            Path dir = Files.createDirectories(scratch.resolve("pe-linked"));
            Files.writeString(dir.resolve("lib.c"), LIB_C);
            Files.writeString(dir.resolve("mylib.def"), LIB_DEF);
            Files.writeString(dir.resolve("sys.def"), SYS_DEF);
            Files.writeString(dir.resolve("delayed.def"), DELAYED_DEF);
            Files.writeString(dir.resolve("app.c"), APP_C);
            for (Machine m : MACHINES) {
                String d = dir.toString() + "/";
                String target = "--target=" + m.triple() + "-pc-windows-msvc";
                run(clang, target, "-O1", "-c", d + "lib.c", "-o", d + "lib-" + m.lld() + ".obj");
                run(clang, target, "-O1", "-c", d + "app.c", "-o", d + "app-" + m.lld() + ".obj");
                run(dlltool, "-m", m.dlltool(), "-d", d + "sys.def", "-l", d + "sys-" + m.lld() + ".lib");
                run(dlltool, "-m", m.dlltool(), "-d", d + "delayed.def", "-l", d + "delayed-" + m.lld() + ".lib");
                run(lld, "/nologo", "/dll", "/noentry", "/machine:" + m.lld(), "/def:" + d + "mylib.def",
                        d + "lib-" + m.lld() + ".obj", "/out:" + d + "mylib-" + m.lld() + ".dll");
                run(lld, "/nologo", "/entry:start", "/subsystem:console", "/machine:" + m.lld(),
                        d + "app-" + m.lld() + ".obj", d + "sys-" + m.lld() + ".lib", d + "delayed-" + m.lld() + ".lib",
                        "/delayload:delayed.dll", "/debug", "/pdb:" + d + "app-" + m.lld() + ".pdb",
                        "/out:" + d + "app-" + m.lld() + ".exe");
                for (String name : List.of("mylib-" + m.lld() + ".dll", "app-" + m.lld() + ".exe")) {
                    if (Files.exists(dir.resolve(name))) {
                        out.add(dir.resolve(name));
                    }
                }
            }
        } catch (IOException e) {
            // an unbuildable corpus is an empty one; the oracle still runs over the files it found
        }
        return out;
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

package dev.execray.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.execray.exec.ld.DynamicLoaderStage;
import dev.execray.exec.ld.ElfObjects;
import dev.execray.exec.ld.LoadOutcome;
import dev.execray.exec.ld.LoaderSession;
import dev.execray.exec.ld.LoaderSettings;
import dev.execray.report.LddJson;
import dev.execray.report.LddText;
import dev.execray.place.ldconfig.CpuModel;
import dev.execray.place.ldconfig.LoaderFs;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "ldd", mixinStandardHelpOptions = true,
        description = {"List the shared libraries a program loads, as glibc's or musl's loader finds them, for any "
                + "architecture and any root. Reads files only: nothing is executed.",
                "By default prints the lines ldd prints (without load addresses); --tree says why each path was "
                + "chosen; --json carries the same facts. Exit status 1 when a library, a version or a symbol is "
                + "not found."})
final class LddCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "programs or libraries (paths inside the root)")
    List<String> files;

    @picocli.CommandLine.Mixin
    TargetOptions targetOptions;

    @Option(names = "--tree", description = "a tree of dependencies that says why each path was chosen")
    boolean tree;

    @Option(names = "--json", description = "JSON output")
    boolean json;

    @Option(names = "--ld-library-path", paramLabel = "PATH", description = "LD_LIBRARY_PATH of the start")
    Optional<String> ldLibraryPath;

    @Option(names = "--preload", paramLabel = "NAMES", split = "[ :]", description = "LD_PRELOAD of the start")
    List<String> preload = new ArrayList<>();

    @Option(names = "--secure", description = "the exec is secure (set-user-ID/set-group-ID or capabilities: AT_SECURE)")
    boolean secure;

    @Option(names = "--bind-now", description = "LD_BIND_NOW: bind every symbol at startup")
    boolean bindNow;

    @Option(names = "--cwd", paramLabel = "DIR", description = "working directory inside the root (default: the current"
            + " directory for /, else /)")
    Optional<String> cwd;

    @Option(names = "--as-ldd", description = "take $ORIGIN of the program from the name given, as ldd (ld.so FILE) does,"
            + " instead of from the resolved file, as a real exec does")
    boolean asLdd;

    @Option(names = "--quiet", description = "print nothing per file; the exit status and --stats still tell")
    boolean quiet;

    @Option(names = "--stats", description = "print counts, time, files parsed and peak heap to stderr at the end")
    boolean stats;

    @Option(names = "--cpu", paramLabel = "MODEL", description = "CPU for glibc-hwcaps and $PLATFORM: host (default on "
            + "this machine's architecture) or baseline")
    Optional<String> cpu;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        dev.execray.place.Target target;
        try {
            target = targetOptions.resolve();
        } catch (dev.execray.place.TargetException e) {
            err.println("execray ldd: " + e.getMessage());
            return ExitCode.USAGE;
        }
        LoaderFs fs = LoaderFs.of(target.root());
        String wd = cwd.orElse(target.defaultWorkingDirectory());
        java.util.Optional<dev.execray.place.Arch> hostArch = dev.execray.place.HostFacts.arch();
        boolean baseline = cpu.map(c -> c.equals("baseline")).orElse(false);
        boolean forceHost = cpu.map(c -> c.equals("host")).orElse(false);
        DynamicLoaderStage stage = new DynamicLoaderStage(new LoaderSession(fs, ElfObjects.reader()), a -> {
            // this machine's CPU when the files are for it, else a CPU without optional features
            boolean sameMachine = hostArch.map(h -> h.elfMachine() == a.machine()).orElse(false);
            return !baseline && (forceHost || sameMachine) ? CpuModel.host(a) : CpuModel.baseline(a);
        });
        int code = ExitCode.OK;
        long started = System.nanoTime();
        int[] tally = new int[4];
        ArrayNode all = json ? JsonNodeFactory.instance.arrayNode() : null;
        for (String f : files) {
            LoaderSettings s = new LoaderSettings(ldLibraryPath, preload, bindNow, secure, wd, Optional.of(f), asLdd);
            DynamicLoaderStage.Result r = stage.run(f, s);
            tally[codeOf(r)]++;
            if (quiet) {
                code = Math.max(code, codeOf(r));
                continue;
            }
            if (json) {
                all.add(LddJson.of(f, r));
            } else {
                if (files.size() > 1) {
                    out.println(f + ":");
                }
                if (r instanceof DynamicLoaderStage.NotDynamic nd) {
                    out.println("\t" + nd.message());
                } else if (r instanceof DynamicLoaderStage.Unloadable u) {
                    err.println("execray: " + u.message());
                } else {
                    DynamicLoaderStage.Loaded l = (DynamicLoaderStage.Loaded) r;
                    if (tree) {
                        LddText.tree(l, out);
                    } else {
                        LddText.lines(l.result(), out);
                    }
                }
            }
            code = Math.max(code, codeOf(r));
        }
        if (stats) {
            long heap = 0;
            for (java.lang.management.MemoryPoolMXBean p : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
                if (p.getType() == java.lang.management.MemoryType.HEAP) {
                    heap += p.getPeakUsage().getUsed();
                }
            }
            long cpu = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            err.printf("execray ldd: %d files (%d start, %d fail, %d unreadable) in %.2f s (%.2f s CPU in this "
                            + "thread); %d files parsed; peak heap %d MB%n", files.size(), tally[0], tally[1], tally[3],
                    (System.nanoTime() - started) / 1e9, cpu / 1e9, stage.session().parses(), heap >> 20);
        }
        if (json && !quiet) {
            out.print(dev.execray.report.JsonDocument.LDD.write("files", all));
        }
        out.flush();
        return code;
    }

    private static int codeOf(DynamicLoaderStage.Result r) {
        if (r instanceof DynamicLoaderStage.Unloadable) {
            return ExitCode.BAD_INPUT;
        }
        if (r instanceof DynamicLoaderStage.Loaded l && !(l.result().outcome() instanceof LoadOutcome.Starts)) {
            return ExitCode.FINDING;
        }
        return ExitCode.OK;
    }
}

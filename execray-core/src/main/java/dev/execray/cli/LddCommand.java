package dev.execray.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.execray.exec.ld.DynamicLoaderStage;
import dev.execray.exec.ld.LoaderSettings;
import dev.execray.place.Target;
import dev.execray.place.ldconfig.LoaderFs;
import dev.execray.report.JsonDocument;
import dev.execray.report.LddJson;
import dev.execray.report.LddText;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

    @Mixin
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
        Optional<Target> target = targetOptions.resolve(err, "execray ldd");
        if (target.isEmpty()) {
            return ExitCode.USAGE;
        }
        if (target.get().os() != dev.execray.place.Os.LINUX) {
            // ld.so's search is Linux's (glibc's or musl's); answering it for another OS would be a made-up answer
            err.println("execray ldd: the target is " + target.get().platform() + ", not Linux: ldd follows the Linux "
                    + "dynamic loader only (execray explain --target or matrix judge programs on other systems)");
            return ExitCode.USAGE;
        }
        DynamicLoaderStage stage = DynamicLoaderStage.forCpu(LoaderFs.of(target.get().root()), cpu);
        String wd = target.get().workingDirectory(cwd);
        long started = System.nanoTime();
        Map<DynamicLoaderStage.Status, Integer> tally = new EnumMap<>(DynamicLoaderStage.Status.class);
        ArrayNode all = JsonNodeFactory.instance.arrayNode();
        for (String f : files) {
            LoaderSettings s = new LoaderSettings(ldLibraryPath, preload, bindNow, secure, wd, Optional.of(f), asLdd);
            DynamicLoaderStage.Result r = stage.run(f, s);
            tally.merge(DynamicLoaderStage.status(r), 1, Integer::sum);
            if (json && !quiet) {
                all.add(LddJson.of(f, r));
            } else if (!quiet) {
                LddText.result(f, r, files.size() > 1, tree, out, err);
            }
        }
        if (stats) {
            LddText.stats(err, files.size(), tally, started, stage.session().parses());
        }
        if (json && !quiet) {
            out.print(JsonDocument.LDD.write("files", all));
        }
        out.flush();
        return tally.containsKey(DynamicLoaderStage.Status.UNREADABLE) ? ExitCode.BAD_INPUT
                : tally.containsKey(DynamicLoaderStage.Status.FAILS) ? ExitCode.FINDING : ExitCode.OK;
    }
}

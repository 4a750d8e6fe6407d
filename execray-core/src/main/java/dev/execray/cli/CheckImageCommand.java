package dev.execray.cli;

import dev.execray.report.InputError;
import dev.execray.rootfs.Errno;
import dev.execray.report.JsonDocument;
import dev.execray.exec.places.ImageCheck;
import dev.execray.report.ImageCheckReport;
import dev.execray.report.Style;
import dev.execray.rootfs.image.Platform;
import dev.execray.place.TargetException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "check-image", mixinStandardHelpOptions = true,
        description = {"Would this container image start, and would every program on its PATH run?",
                "Reads a docker-save archive or an OCI layout (directory or tar) without Docker: ENTRYPOINT and CMD "
                + "through the image's PATH, WorkingDir and platform, then every executable file on PATH, each through "
                + "the simulated exec path and dynamic loader inside the image. Nothing is executed. Exit status 1 when "
                + "the entrypoint would fail."})
final class CheckImageCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IMAGE", description = "docker save archive, OCI layout directory or OCI tar.")
    Path image;

    @Option(names = "--platform", paramLabel = "OS/ARCH[/VARIANT]", description = "For a multi-platform image.")
    String platform;

    @Option(names = "--all", description = "List every PATH program, not only those that would fail.")
    boolean all;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.exists(image)) {
            InputError e = InputError.of(image.toString(), Errno.ENOENT);
            err.println("execray: " + e.text());
            if (json) {
                out.print(JsonDocument.CHECK_IMAGE.error(e));
            }
            return ExitCode.BAD_INPUT;
        }
        ImageCheck check;
        try {
            check = ImageCheck.run(image.toString(), image, Optional.ofNullable(platform).map(Platform::parse),
                    new ImageCheckListener(err, json));
        } catch (TargetException e) {
            err.println("execray: " + e.getMessage());
            return ExitCode.BAD_INPUT;
        }
        if (json) {
            out.print(JsonDocument.CHECK_IMAGE.write(ImageCheckReport.json(check)));
        } else {
            out.print(ImageCheckReport.text(check, all, Style.detect()));
        }
        out.flush();
        return check.entrypointRuns() ? ExitCode.OK : ExitCode.FINDING;
    }
}

package dev.execray.cli;

import dev.execray.binary.BinaryFormatException;
import dev.execray.binary.ByteSource;
import dev.execray.binary.ExecutableImage;
import dev.execray.golang.BuildInfoException;
import dev.execray.golang.BuildInfoReader;
import dev.execray.golang.FunctionTable;
import dev.execray.golang.GoBuildInfo;
import dev.execray.golang.GoSummary;
import dev.execray.golang.PclntabReader;
import dev.execray.golang.image.HeaderImages;
import dev.execray.report.GoSummaryRenderer;
import dev.execray.report.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/** {@code execray go FILE...} (summary) and {@code execray go --funcs FILE...}. */
final class GoSummaryCommand {
    private GoSummaryCommand() {
    }

    static int run(CommandSpec spec, List<String> files, boolean json, boolean funcs) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int code = ExitCode.OK;
        var arr = Json.array();
        for (String f : files) {
            ExecutableImage image;
            try {
                image = HeaderImages.open(ByteSource.open(Path.of(f)));
            } catch (IOException e) {
                err.println("execray: " + f + ": " + e.getMessage());
                code = ExitCode.BAD_INPUT;
                continue;
            } catch (BinaryFormatException e) {
                err.println("execray: " + f + ": " + e.getMessage());
                code = ExitCode.BAD_INPUT;
                continue;
            }
            if (funcs) {
                try {
                    FunctionTable t = PclntabReader.read(image);
                    if (json) {
                        arr.add(GoSummaryRenderer.functionsJson(f, t));
                    } else {
                        out.print(GoSummaryRenderer.functionsText(f, t));
                    }
                } catch (BinaryFormatException e) {
                    err.println("execray: " + f + ": " + e.getMessage());
                    code = ExitCode.BAD_INPUT;
                }
                continue;
            }
            try {
                GoBuildInfo bi = BuildInfoReader.readOrRecover(image);
                GoSummary s = GoSummary.of(image, bi);
                if (json) {
                    arr.add(GoSummaryRenderer.json(f, s));
                } else {
                    out.print(GoSummaryRenderer.text(f, s));
                }
            } catch (BuildInfoException e) {
                err.println("execray: " + f + ": " + e.getMessage());
                code = Math.max(code, ExitCode.FINDING);
            } catch (BinaryFormatException e) {
                err.println("execray: " + f + ": " + e.getMessage());
                code = ExitCode.BAD_INPUT;
            }
        }
        if (json) {
            out.println(Json.write(arr));
        }
        out.flush();
        return code;
    }
}

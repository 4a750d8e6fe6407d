package dev.execray.cli;

import dev.execray.binary.BinaryFormatException;
import dev.execray.binary.ByteSource;
import dev.execray.binary.ExecutableImage;
import dev.execray.golang.BuildInfoException;
import dev.execray.golang.BuildInfoReader;
import dev.execray.golang.FunctionTable;
import dev.execray.golang.GoImages;
import dev.execray.golang.GoSummary;
import dev.execray.golang.InitOrder;
import dev.execray.golang.PclntabReader;
import dev.execray.report.GoSummaryOutput;
import dev.execray.report.InputError;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;

/** {@code execray go FILE...} (summary) and {@code execray go --funcs FILE...}, written by {@link GoSummaryOutput}. */
final class GoSummaryCommand {
    private GoSummaryCommand() {
    }

    static int run(CommandSpec spec, List<String> files, boolean json, boolean jsonl, boolean funcs) {
        PrintWriter err = spec.commandLine().getErr();
        GoSummaryOutput output = new GoSummaryOutput(spec.commandLine().getOut(), json, jsonl);
        int code = ExitCode.OK;
        for (String f : files) {
            try {
                ExecutableImage image = open(f);
                if (funcs) {
                    FunctionTable t = PclntabReader.read(image);
                    output.functions(f, t, InitOrder.read(image, t));
                } else {
                    output.summary(f, GoSummary.of(image, BuildInfoReader.readOrRecover(image)));
                }
            } catch (Unreadable e) {
                failed(output, err, e.error);
                code = ExitCode.BAD_INPUT;
            } catch (BuildInfoException e) {
                failed(output, err, new InputError(f, Optional.empty(), e.getMessage()));
                code = Math.max(code, ExitCode.FINDING);
            } catch (BinaryFormatException e) {
                failed(output, err, new InputError(f, Optional.empty(), e.getMessage()));
                code = ExitCode.BAD_INPUT;
            }
        }
        output.finish();
        return code;
    }

    /** A file that could not be opened, or whose header is no executable's. */
    private static final class Unreadable extends Exception {
        final InputError error;

        Unreadable(InputError error) {
            super(error.text(), null, false, false);
            this.error = error;
        }
    }

    private static ExecutableImage open(String f) throws Unreadable {
        try {
            return GoImages.open(ByteSource.open(Path.of(f)));
        } catch (IOException e) {
            throw new Unreadable(InputError.of(f, e));
        } catch (BinaryFormatException e) {
            throw new Unreadable(new InputError(f, Optional.empty(), e.getMessage()));
        }
    }

    /** The file's error on standard error and, in JSON, where its result would have been. */
    private static void failed(GoSummaryOutput output, PrintWriter err, InputError e) {
        err.println("execray: " + e.text());
        output.failed(e);
    }
}

package dev.execray.cli;

import dev.execray.binary.ByteSource;
import dev.execray.binary.Magic;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Identify and read executables (ELF, PE, Mach-O, scripts): a summary, details behind flags.")
final class InspectCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE")
    List<Path> files;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int code = ExitCode.OK;
        for (Path f : files) {
            try {
                Magic.Detected d = Magic.detect(ByteSource.head(f, Magic.HEAD_SIZE));
                out.println(f + ": " + d.format().jsonName() + " (" + d.reason() + ")");
            } catch (IOException e) {
                err.println("execray: " + f + ": " + e.getMessage());
                code = ExitCode.BAD_INPUT;
            }
        }
        return code;
    }
}

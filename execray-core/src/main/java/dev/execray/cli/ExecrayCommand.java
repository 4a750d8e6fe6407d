package dev.execray.cli;

import java.util.List;
import picocli.CommandLine.Command;

@Command(name = "execray",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Will this executable run there - and if not, exactly why and what to do.%n"
                + "Never executes the files it inspects.",
        footer = {"",
                "Exit codes: 0 ok, 1 a check failed (the finding is the answer), 2 usage error,",
                "            3 unreadable or malformed input, 70 internal error."})
public final class ExecrayCommand implements Runnable {
    /**
     * The subcommands, in the order help lists them. Registered by {@link Main}: only the one invoked when
     * the command line names one, since building every subcommand's model costs a start-up tenth of a second.
     */
    static final List<Class<?>> SUBCOMMANDS = List.of(
            InspectCommand.class,
            WhichCommand.class,
            ExplainCommand.class,
            BinfmtCommand.class,
            LddCommand.class,
            RuntimeCommand.class,
            GoCommand.class,
            GodebugCommand.class,
            MatrixCommand.class,
            CheckImageCommand.class,
            TargetsCommand.class,
            CdsTrainingCommand.class,
            BenchCommand.class,
            ScanCommand.class,
            ScanDiffCommand.class,
            ScansCommand.class,
            ScanQueryCommand.class,
            FleetCommand.class,
            // `execray generate-completion >> ~/.bashrc` (bash and zsh): picocli's own, from this very model
            picocli.AutoComplete.GenerateCompletion.class);

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a subcommand is needed");
    }
}

package dev.execray.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "runtime", mixinStandardHelpOptions = true,
        description = "Go runtime diagnostics: GODEBUG trace logs (gctrace, schedtrace, gcpacertrace, scavtrace) "
                + "and process memory maps.",
        subcommands = {RuntimeGcCommand.class, RuntimeSchedCommand.class, RuntimeMapsCommand.class, RuntimeCaptureCommand.class})
final class RuntimeCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a subcommand is needed: gc, sched, maps or capture");
    }
}

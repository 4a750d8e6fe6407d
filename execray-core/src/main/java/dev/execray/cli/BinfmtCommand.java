package dev.execray.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "binfmt", mixinStandardHelpOptions = true,
        description = "binfmt_misc: list a registry, find the entry a file matches, check a registration string, "
                + "generate qemu-user-static's registrations.",
        subcommands = {BinfmtListCommand.class, BinfmtMatchCommand.class, BinfmtParseCommand.class,
                BinfmtGenCommand.class})
final class BinfmtCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a subcommand is needed: list, match, parse or gen");
    }
}

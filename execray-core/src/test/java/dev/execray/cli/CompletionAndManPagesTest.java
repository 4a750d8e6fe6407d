package dev.execray.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Command;

/** The completion script and the man pages come from the model the command line runs on: every command is in them. */
class CompletionAndManPagesTest {
    /** Hidden commands (the launcher's cds-training) are left out of both, as from --help. */
    private static java.util.List<Class<?>> visible() {
        return ExecrayCommand.SUBCOMMANDS.stream().filter(c -> !c.getAnnotation(Command.class).hidden()).toList();
    }

    @Test
    void theCompletionScriptCompletesEveryCommandAndItsOptions() {
        CliRun r = CliRun.of("generate-completion");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("#!/usr/bin/env bash").contains("complete -F _complete_execray");
        for (Class<?> c : visible()) {
            assertThat(r.out()).contains(c.getAnnotation(Command.class).name());
        }
        assertThat(r.out()).contains("--jsonl").contains("--targets");
    }

    @Test
    void thereIsAManPageSourceForEveryCommand(@TempDir Path dir) throws Exception {
        ManPages.main(new String[] {dir.toString()});
        assertThat(dir.resolve("execray.adoc")).exists();
        for (Class<?> c : visible()) {
            String name = c.getAnnotation(Command.class).name();
            Path page = dir.resolve("execray-" + name + ".adoc");
            assertThat(page).exists();
            assertThat(Files.readString(page)).contains(":doctype: manpage").contains("== Name");
        }
        assertThat(Files.readString(dir.resolve("execray-inspect.adoc"))).contains("--jsonl");
    }
}

package dev.execray.cli;

import java.io.File;
import java.io.IOException;
import picocli.CommandLine;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * Build step, not a command: writes one AsciiDoc man page per command (execray.adoc, execray-inspect.adoc, ...)
 * from the same picocli model the command line runs on, with picocli-codegen's generator; the build turns them
 * into troff pages in target/man (execray-core/pom.xml). Run by exec-maven-plugin at prepare-package.
 */
public final class ManPages {
    private ManPages() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: ManPages OUTPUT_DIRECTORY");
        }
        CommandLine cmd = Main.commandLine("");
        File out = new File(args[0]);
        if (!out.isDirectory() && !out.mkdirs()) {
            throw new IOException(out + ": cannot create the directory");
        }
        ManPageGenerator.generateManPage(out, null, new boolean[0], true, cmd.getCommandSpec());
    }
}

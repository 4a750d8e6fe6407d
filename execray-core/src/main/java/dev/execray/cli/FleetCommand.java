package dev.execray.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Listed so that help shows the fleet scan, which is not in this jar: it runs on Apache Spark from the
 * execray-spark module, so the CLI never carries Spark. The ./execray launcher runs {@code fleet} there
 * itself; this command is reached only through the core jar alone, and says where the job is.
 */
@Command(name = "fleet", mixinStandardHelpOptions = true,
        description = "The same scan over thousands of images and trees as an Apache Spark job (embedded with "
                + "--master local[*], or spark-submit on a cluster; inputs on HDFS or any shared store), tables written "
                + "as Parquet and loaded with `scan --import`. Runs from the execray-spark module, which ./execray fleet "
                + "builds and starts (docs/fleet.md).")
final class FleetCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "ARG", arity = "0..*", description = "The fleet job's arguments (./execray fleet --help).")
    List<String> args = List.of();

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("execray: fleet runs on Spark from the execray-spark module, not from this"
                + " jar: start it with ./execray fleet ... (it builds the job jar on first use), or spark-submit --class"
                + " dev.execray.spark.FleetMain execray-spark.jar ...; see docs/fleet.md");
        return ExitCode.USAGE;
    }
}

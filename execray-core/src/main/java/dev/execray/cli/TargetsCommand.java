package dev.execray.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.execray.report.Json;
import dev.execray.place.PlaceFile;
import dev.execray.place.TargetProfile;
import dev.execray.place.TargetProfiles;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "targets", mixinStandardHelpOptions = true,
        description = "The named places matrix and explain know, with their facts and where each fact comes from.")
final class TargetsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print JSON: an array of place files (schema execray-place/1), or with "
            + "NAME one place file to edit and pass as --targets file:PLACE.json.")
    boolean json;

    @picocli.CommandLine.Parameters(paramLabel = "NAME", arity = "0..1", description = "One profile.")
    String name;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (name != null) {
            java.util.Optional<TargetProfile> p = TargetProfiles.byName(name);
            if (p.isEmpty()) {
                spec.commandLine().getErr().println("execray: no profile named '" + name + "' (see execray targets)");
                return ExitCode.USAGE;
            }
            if (json) {
                out.println(Json.write(PlaceFile.write(p.get())));
            } else {
                out.printf("%-18s %s%n", p.get().name(), p.get().summary());
                out.printf("%-18s %s%n", "", p.get().description());
                p.get().sources().forEach(s -> out.printf("%-18s source: %s%n", "", s));
            }
            out.flush();
            return ExitCode.OK;
        }
        if (json) {
            // each element is the profile's place file (PlaceFile.write), so one shape describes a place everywhere
            ArrayNode a = Json.array();
            for (TargetProfile p : TargetProfiles.all()) {
                a.add(PlaceFile.write(p));
            }
            out.print(dev.execray.report.JsonDocument.TARGETS.write("places", a));
        } else {
            for (TargetProfile p : TargetProfiles.all()) {
                out.printf("%-18s %s%n", p.name(), p.summary());
                out.printf("%-18s %s%n", "", p.description());
                for (String s : p.sources()) {
                    out.printf("%-18s source: %s%n", "", s);
                }
            }
        }
        out.flush();
        return ExitCode.OK;
    }
}

package dev.execray.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.execray.report.Json;
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

    @Option(names = "--json", description = "Print JSON; with NAME, one place file (schema execray-place/1) to edit "
            + "and pass as --targets file:PLACE.json.")
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
                out.println(Json.write(dev.execray.place.PlaceFile.write(p.get())));
            } else {
                out.printf("%-18s %s%n", p.get().name(), p.get().summary());
                out.printf("%-18s %s%n", "", p.get().description());
                p.get().sources().forEach(s -> out.printf("%-18s source: %s%n", "", s));
            }
            out.flush();
            return ExitCode.OK;
        }
        if (json) {
            ArrayNode a = Json.array();
            for (TargetProfile p : TargetProfiles.all()) {
                ObjectNode o = a.addObject();
                o.put("name", p.name());
                o.put("description", p.description());
                o.put("os", p.os().goos());
                o.put("arch", p.arch().goarch());
                o.put("pageSize", p.pageSize());
                o.put("kernel", p.kernel().map(Object::toString).orElse(null));
                o.put("libc", p.hasLibc() ? p.libc().display() : null);
                o.put("libcVersion", p.libcVersion().orElse(null));
                o.put("osVersion", p.osVersion().orElse(null));
                o.put("minX86Level", p.minX86Level());
                ArrayNode em = o.putArray("emulates");
                p.emulates().forEach(e -> em.add(e.goarch()));
                ArrayNode bf = o.putArray("binfmt");
                p.binfmtLines().forEach(bf::add);
                ArrayNode src = o.putArray("sources");
                p.sources().forEach(src::add);
                ArrayNode notes = o.putArray("notes");
                p.notes().forEach(notes::add);
            }
            out.println(Json.write(a));
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

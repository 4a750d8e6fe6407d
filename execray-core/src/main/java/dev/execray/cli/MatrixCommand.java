package dev.execray.cli;

import dev.execray.report.InputError;
import dev.execray.report.MatrixText;
import dev.execray.report.JsonDocument;
import dev.execray.exec.places.Place;
import dev.execray.exec.places.PlaceCheck;
import dev.execray.exec.places.Places;
import dev.execray.report.MatrixReport;
import dev.execray.report.Style;
import dev.execray.place.TargetException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "matrix", mixinStandardHelpOptions = true,
        description = {"Would these files start in those places? Files × targets, each cell with a one-line reason.",
                "Targets: profile names (execray targets lists them), host, dir:PATH (a root directory), "
                + "image:PATH[@OS/ARCH] (a docker-save or OCI image) or OS/ARCH. Nothing is executed. Exit status 1 "
                + "when some cell fails."})
final class MatrixCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Executables of this machine.")
    List<Path> files;

    @Option(names = "--targets", paramLabel = "T,T,...", split = ",", required = true,
            description = "The places, comma-separated.")
    List<String> targets;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Option(names = "--html", paramLabel = "FILE", description = "Also write one self-contained HTML page with every cell's trace.")
    Path html;

    @Option(names = "--only-fails", description = "Text: only the files with a failing cell, and only the reasons of failures "
            + "(the counts stay whole).")
    boolean onlyFails;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        for (Path f : files) {
            Optional<InputError> bad = InputError.checkRegularFile(f.toString(), f);
            if (bad.isPresent()) {
                err.println("execray: " + bad.get().text());
                if (json) {
                    out.print(JsonDocument.MATRIX.error(bad.get()));
                }
                return ExitCode.BAD_INPUT;
            }
        }
        try (Places resolver = new Places()) {
            List<Place> places = new ArrayList<>();
            for (String t : targets) {
                try {
                    places.add(resolver.resolve(t.strip()));
                } catch (TargetException e) {
                    err.println("execray: " + e.getMessage());
                    return ExitCode.forPlace(t.strip());
                }
            }
            // text is written row by row and keeps only the reasons; JSON and HTML need every cell's trace
            boolean keep = json || html != null;
            MatrixText text = json ? null
                    : new MatrixText(out, places, files.stream().map(Path::toString).toList(), Style.detect(), onlyFails);
            List<MatrixReport.Row> rows = new ArrayList<>();
            Progress progress = new Progress(err, (long) files.size() * places.size(), "cells");
            boolean anyFails = PlaceCheck.rows(files, places, progress::step, (f, cells) -> {
                if (text != null) {
                    text.row(f, cells);
                }
                if (keep) {
                    rows.add(new MatrixReport.Row(f, cells));
                }
            });
            progress.done();
            if (html != null) {
                try {
                    Files.writeString(html, MatrixReport.html(places, rows, "execray matrix"), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    err.println("execray: " + html + ": " + e.getMessage());
                    return ExitCode.BAD_INPUT;
                }
            }
            if (json) {
                out.print(JsonDocument.MATRIX.write(MatrixReport.json(places, rows)));
            } else {
                text.finish();
            }
            out.flush();
            return anyFails ? ExitCode.FINDING : ExitCode.OK;
        }
    }
}

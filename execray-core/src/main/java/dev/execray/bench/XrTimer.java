package dev.execray.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Times runs with xrtime, the small C program compiled from this package's xrtime.c: each sample is the time
 * from just before posix_spawn to just after wait4, measured by the process that spawns, with nothing of the
 * JVM inside it.
 */
public record XrTimer(Path helper) implements Timer {

    @Override
    public String method() {
        return "xrtime (" + helper + "): CLOCK_MONOTONIC around posix_spawn + wait4, rusage from wait4";
    }

    @Override
    public Measurement measure(Launch launch, RunPlan plan) throws IOException, InterruptedException {
        if (plan.warmup() > 0) {
            Measurement w = invoke(launch, new RunPlan(0, plan.warmup(), plan.warmup(), 0, plan.timeoutNanos(),
                    plan.prepare(), plan.output()));
            if (!w.complete()) {
                return w;
            }
        }
        return invoke(launch, plan.timedRunsOnly());
    }

    private Measurement invoke(Launch launch, RunPlan plan) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(helper.toString(), "-m", Integer.toString(plan.minRuns()), "-M",
                Integer.toString(plan.maxRuns()), "-b", Long.toString(plan.budgetNanos()), "-t",
                Long.toString(plan.timeoutNanos())));
        plan.prepare().ifPresent(p -> cmd.addAll(List.of("-p", p)));
        plan.output().ifPresent(p -> cmd.addAll(List.of("-o", p.toString())));
        if (launch.pathLookup()) {
            cmd.add("-P");
        }
        // the loader's variables go to the child only (-e): set on xrtime, its own loader would report a run of
        // its own (one more LD_DEBUG file, one more audit record); the others (PATH for a PATH lookup) stay ours
        Map<String, String> own = new java.util.HashMap<>();
        launch.env().forEach((k, v) -> {
            if (k.startsWith("LD_")) {
                cmd.addAll(List.of("-e", k + "=" + v));
            } else {
                own.put(k, v);
            }
        });
        cmd.addAll(List.of("-a", launch.argv().get(0), "--", launch.file()));
        cmd.addAll(launch.argv().subList(1, launch.argv().size()));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().putAll(own);
        pb.redirectErrorStream(false);
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process p = pb.start();
        List<Run> runs = new ArrayList<>();
        Optional<Long> timeout = Optional.empty();
        Optional<Integer> spawn = Optional.empty();
        Optional<Integer> prepare = Optional.empty();
        int strays = 0;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII))) {
            String line;
            while ((line = r.readLine()) != null) {
                String[] f = line.trim().split(" ");
                switch (f[0]) {
                    case "run" -> runs.add(new Run(Long.parseLong(f[2]), Long.parseLong(f[3]), Long.parseLong(f[4]),
                            Long.parseLong(f[5]), f[6].equals("signal"), Integer.parseInt(f[7])));
                    case "timeout" -> timeout = Optional.of(Long.parseLong(f[2]));
                    case "spawn_error" -> spawn = Optional.of(Integer.parseInt(f[1]));
                    case "prepare_failed" -> prepare = Optional.of(Integer.parseInt(f[1]));
                    case "stray" -> strays += Integer.parseInt(f[1]);
                    default -> throw new IOException("xrtime printed an unexpected line: " + line);
                }
            }
        }
        int rc = p.waitFor();
        if (rc == 2) {
            throw new IOException("xrtime refused its arguments: " + cmd);
        }
        return new Measurement(runs, timeout, spawn, prepare, strays);
    }
}

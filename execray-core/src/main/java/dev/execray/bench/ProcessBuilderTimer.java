package dev.execray.bench;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The fallback when no C compiler is found: System.nanoTime around ProcessBuilder.start() and waitFor().
 * The JVM's spawn (a jspawnhelper process by default) and its reaper thread sit inside every sample, so
 * figures are higher than the program's own cost; the output says so and shows the overhead on /bin/true.
 * Without rusage from the JVM, CPU times are not reported.
 */
public record ProcessBuilderTimer() implements Timer {

    @Override
    public String method() {
        return "ProcessBuilder (no C compiler for xrtime): System.nanoTime around start() and waitFor(); "
                + "includes the JVM's spawn cost";
    }

    @Override
    public Measurement measure(Launch launch, RunPlan plan) throws IOException, InterruptedException {
        List<Run> runs = new ArrayList<>();
        long spent = 0;
        int total = plan.warmup() + plan.maxRuns();
        for (int i = 0; i < total; i++) {
            int timed = i - plan.warmup();
            if (timed >= plan.minRuns() && (plan.budgetNanos() <= 0 || spent >= plan.budgetNanos())) {
                break;
            }
            if (plan.prepare().isPresent()) {
                Process pp = new ProcessBuilder("/bin/sh", "-c", plan.prepare().get())
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.INHERIT)
                        .start();
                int ps = pp.waitFor();
                if (ps != 0) {
                    return new Measurement(runs, Optional.empty(), Optional.empty(), Optional.of(ps), 0);
                }
            }
            List<String> cmd = new ArrayList<>(launch.argv());
            // ProcessBuilder has no argv[0] of its own: the file is what it runs, argv[0] follows it
            cmd.set(0, launch.file());
            ProcessBuilder pb = new ProcessBuilder(cmd);
            pb.environment().putAll(launch.env());
            pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            if (plan.output().isPresent()) {
                pb.redirectErrorStream(true);
                pb.redirectOutput(ProcessBuilder.Redirect.appendTo(plan.output().get().toFile()));
            } else {
                pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
                pb.redirectError(ProcessBuilder.Redirect.DISCARD);
            }
            long t0 = System.nanoTime();
            Process p;
            try {
                p = pb.start();
            } catch (IOException e) {
                return new Measurement(runs, Optional.empty(), Optional.of(errnoOf(e)), Optional.empty(), 0);
            }
            boolean done = plan.timeoutNanos() <= 0 ? waitAll(p) : p.waitFor(plan.timeoutNanos(), TimeUnit.NANOSECONDS);
            long t1 = System.nanoTime();
            if (!done) {
                int strays = killTree(p);
                return new Measurement(runs, Optional.of(t1 - t0), Optional.empty(), Optional.empty(), strays);
            }
            int strays = killTree(p);
            int st = p.exitValue();
            boolean sig = st > 128;
            if (timed >= 0) {
                runs.add(new Run(t1 - t0, 0, 0, 0, sig, sig ? st - 128 : st));
                spent += t1 - t0;
            }
            if (strays > 0) {
                return new Measurement(runs, Optional.empty(), Optional.empty(), Optional.empty(), strays);
            }
        }
        return new Measurement(runs, Optional.empty(), Optional.empty(), Optional.empty(), 0);
    }

    private static boolean waitAll(Process p) throws InterruptedException {
        p.waitFor();
        return true;
    }

    /** Kills the process and everything it started that is still alive; returns how many were left besides it. */
    private static int killTree(Process p) {
        List<ProcessHandle> kids = p.descendants().toList();
        kids.forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        return kids.size();
    }

    /** Java's message for a failed start ends in "error=2, No such file or directory". */
    static int errnoOf(IOException e) {
        String m = String.valueOf(e.getMessage());
        int i = m.indexOf("error=");
        if (i >= 0) {
            int j = i + 6;
            while (j < m.length() && Character.isDigit(m.charAt(j))) {
                j++;
            }
            if (j > i + 6) {
                return Integer.parseInt(m.substring(i + 6, j));
            }
        }
        return 0;
    }
}

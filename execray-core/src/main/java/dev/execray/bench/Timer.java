package dev.execray.bench;

import java.io.IOException;

/** A way of timing runs; which one was used is said in every output. */
public sealed interface Timer permits XrTimer, ProcessBuilderTimer {

    /** One line for the output: how each sample is timed. */
    String method();

    Measurement measure(Launch launch, RunPlan plan) throws IOException, InterruptedException;
}

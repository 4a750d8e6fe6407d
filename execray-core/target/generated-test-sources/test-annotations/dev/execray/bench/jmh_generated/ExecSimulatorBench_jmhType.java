package dev.execray.bench.jmh_generated;
public class ExecSimulatorBench_jmhType extends ExecSimulatorBench_jmhType_B3 {
}


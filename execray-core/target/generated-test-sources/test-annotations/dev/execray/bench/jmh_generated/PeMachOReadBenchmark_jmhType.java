package dev.execray.bench.jmh_generated;
public class PeMachOReadBenchmark_jmhType extends PeMachOReadBenchmark_jmhType_B3 {
}


package dev.execray.bench.jmh_generated;
public class GoReadersBenchmark_jmhType extends GoReadersBenchmark_jmhType_B3 {
}


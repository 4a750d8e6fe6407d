#!/usr/bin/env bash
# Trace-parsing throughput on one core: generates a log of SIZE_MB (default 1024) under /tmp (never
# committed), then parses it RUNS times as a stream (TraceReader + GC and scheduler analysis) with the
# JVM pinned to CPU 0 and a small fixed heap, and prints MB/s and the peak heap. Figures: docs/perf.md.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE_MB=${SIZE_MB:-1024}
RUNS=${RUNS:-3}
LOG=${LOG:-/tmp/execray-bench/trace-${SIZE_MB}m.log}
mvn -B -q -o -pl execray-core -am test-compile
mvn -B -q -o -f execray-core dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
CP="execray-core/target/classes:execray-core/target/test-classes:$(cat execray-core/target/bench.classpath)"
# one core for everything the JVM does (parser, JIT compiler, GC); 256 MB heap shows memory is bounded
exec taskset -c 0 java -Xms256m -Xmx256m -XX:+UseSerialGC -XX:ActiveProcessorCount=1 -cp "$CP" \
  dev.execray.bench.TraceParseBench "$LOG" "$SIZE_MB" "$RUNS"

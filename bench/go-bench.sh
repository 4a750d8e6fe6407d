#!/usr/bin/env bash
# Side-by-side benchmark of execray's Go readers against the Go toolchain on this machine
# (numbers go to docs/perf.md). Needs the corpus of bench/go-corpus.sh.
#
#   bench/go-bench.sh [CORPUS_DIR] [BIG_GO_BINARY]
#
# 1. `go version -m` with every corpus file in one invocation vs `execray go --modinfo` the same way
#    (wall time, median of RUNS), and execray's start-up alone (one small file) reported separately;
# 2. the same build-info work in-process (JMH, no start-up) and the function table of a ~100 MB binary.
set -euo pipefail
cd "$(dirname "$0")/.."
CORPUS=${1:-/tmp/go-corpus/bin}
BIG=${2:-$CORPUS/deb-packer__usr_bin_packer}
RUNS=${RUNS:-5}
[ -d "$CORPUS" ] || { echo "no corpus at $CORPUS: run bench/go-corpus.sh first" >&2; exit 2; }
mvn -B -q -o -pl execray-core -am package -DskipTests >/dev/null
JAR=execray-core/target/execray.jar
ER=(java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar "$JAR")
[ -x ./execray ] && ER=(./execray)   # the launcher: AppCDS archive, C1, as users run it
mapfile -t FILES < <(find "$CORPUS" -maxdepth 1 -type f | sort)
N=${#FILES[@]}
SMALL=$(ls -S "${FILES[@]}" | tail -1)

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
wall() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }

echo "files: $N Go-binary candidates in $CORPUS; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
go_ms=$(for i in $(seq "$RUNS"); do wall go version -m "${FILES[@]}"; done | median)
er_ms=$(for i in $(seq "$RUNS"); do wall "${ER[@]}" go --modinfo --go-reader 1.19 "${FILES[@]}"; done | median)
st_ms=$(for i in $(seq "$RUNS"); do wall "${ER[@]}" go --modinfo "$SMALL"; done | median)
echo "go version -m, $N files, one process:       ${go_ms} ms  ($(( N * 1000 / (go_ms > 0 ? go_ms : 1) )) files/s)"
echo "execray go --modinfo, $N files, one process: ${er_ms} ms  (start-up alone: ${st_ms} ms;" \
     "$(( N * 1000 / ((er_ms - st_ms) > 0 ? (er_ms - st_ms) : 1) )) files/s after start-up)"
fn_ms=$(for i in $(seq "$RUNS"); do wall "${ER[@]}" go --funcs --json "$BIG"; done | median)
echo "execray go --funcs --json $(basename "$BIG") ($(( $(stat -c %s "$BIG") / 1048576 )) MiB), incl. start-up and output: ${fn_ms} ms"

CP=$(mvn -B -q -o -f execray-core dependency:build-classpath -Dmdep.outputFile=/dev/stdout -Dmdep.includeScope=test)
java -cp "execray-core/target/test-classes:execray-core/target/classes:$CP" -Dexecray.goCorpus="$CORPUS" -Dexecray.bigGoBinary="$BIG" \
  org.openjdk.jmh.Main GoReadersBenchmark -jvmArgsAppend "-Dexecray.goCorpus=$CORPUS -Dexecray.bigGoBinary=$BIG" \
  2>&1 | grep -E "^Benchmark|GoReadersBenchmark\." || true

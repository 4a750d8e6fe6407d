#!/usr/bin/env bash
# Fleet bench (issue 15): the generated fleet of >= N images and trees (FleetFixtures: Debian packages of the apt
# cache on a glibc base, the project's fixtures, failing and hostile images) scanned
#   - on one machine:  ./execray scan --no-db --threads C   (C = 1 and 2 cores)
#   - on Spark:        ./execray fleet --master local[C]    (one executor with C cores; C = 1 and 2)
# and prints wall times, the fleet's own stage times (scan, write), the scaling ratio 2 vs 1 and Spark's overhead
# over the single-machine scan at equal cores. Figures go to docs/perf.md ("Fleet scan on Spark").
#
#   bench/fleet.sh              (N=50 RUNS=1; the fleet goes to /tmp/execray-fleet-bench, never committed)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-50}
RUNS=${RUNS:-1}
W=/tmp/execray-fleet-bench
mkdir -p "$W"

./execray --version >/dev/null
./execray fleet --help >/dev/null   # builds the job jar if needed
if [ ! -s "$W/inputs.txt" ]; then
  echo "building the fleet (test classes of execray-spark) ..." >&2
  mvn -B -o -q -Dstyle.color=never -Djacoco.skip=true -pl execray-core,execray-spark test-compile >/dev/null
  mvn -B -o -q -Dstyle.color=never -pl execray-spark dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/test.classpath >/dev/null
  java -cp "execray-spark/target/test-classes:execray-core/target/classes:$(cat execray-spark/target/test.classpath)" \
    dev.execray.spark.FleetFixtures "$W/fleet" "$N" >"$W/inputs.txt"
fi
mapfile -t inputs <"$W/inputs.txt"
size=$(du -sh "$W/fleet" | cut -f1)
echo "fleet: ${#inputs[@]} inputs, $size on disk"

# seconds of wall time of a command, its output discarded (exit 3 is expected: the hostile inputs)
wall() {
  local t0 t1
  t0=$(date +%s.%N)
  "$@" >"$W/last.out" 2>"$W/last.err" || [ $? = 3 ] || { cat "$W/last.err" >&2; return 1; }
  t1=$(date +%s.%N)
  echo "$t0 $t1" | awk '{printf "%.2f", $2 - $1}'
}

best() { sort -n | head -1; }

declare -A T S WR
for c in 1 2; do
  T[scan$c]=$(for _ in $(seq "$RUNS"); do wall ./execray scan --no-db --threads "$c" "${inputs[@]}"; echo; done | best)
  T[fleet$c]=$(for _ in $(seq "$RUNS"); do
    rm -rf "$W/out$c"
    wall ./execray fleet --json --master "local[$c]" --out "$W/out$c" --scan-id bench "${inputs[@]}"; echo
  done | best)
  S[$c]=$(sed -n 's/.*"scanMillis":\([0-9]*\).*/\1/p' "$W/last.out")
  WR[$c]=$(sed -n 's/.*"writeMillis":\([0-9]*\).*/\1/p' "$W/last.out")
  echo "cores=$c  execray scan ${T[scan$c]} s   execray fleet ${T[fleet$c]} s (scan stage $((S[$c] / 1000)).$(((S[$c] % 1000) / 10)) s, write $((WR[$c] / 1000)).$(((WR[$c] % 1000) / 10)) s)"
done
awk -v s1="${T[scan1]}" -v s2="${T[scan2]}" -v f1="${T[fleet1]}" -v f2="${T[fleet2]}" -v st1="${S[1]}" \
    -v st2="${S[2]}" -v n="${#inputs[@]}" 'BEGIN {
  printf "scaling, fleet 2 cores vs 1: %.2fx wall, %.2fx scan stage   (single-machine scan: %.2fx)\n", f1 / f2, st1 / st2, s1 / s2
  printf "Spark overhead at equal cores: 1 core %+.0f %%, 2 cores %+.0f %% (wall, JVM and Spark start included)\n", (f1 / s1 - 1) * 100, (f2 / s2 - 1) * 100
  printf "scan stage vs single-machine scan: 1 core %+.0f %%, 2 cores %+.0f %%\n", (st1 / 1000 / s1 - 1) * 100, (st2 / 1000 / s2 - 1) * 100
  printf "per input: %.0f ms of one core (fleet scan stage, 1 core)\n", st1 / n
}'

#!/usr/bin/env bash
# Fleet bench (issue 15): the generated fleet of >= N images and trees (FleetFixtures: Debian packages of the apt
# cache on a glibc base, the project's fixtures, failing and hostile images) scanned
#   - on one machine:  ./execray scan --no-db --threads C   (C = 1 and 2 cores)
#   - on Spark:        ./execray fleet --master local[C]    (one executor with C cores; C = 1 and 2)
# and prints wall times, the fleet's own stage times (scan, write), the scaling ratio 2 vs 1 and Spark's overhead
# over the single-machine scan at equal cores. Figures go to docs/perf.md ("Fleet scan on Spark").
#
#   bench/fleet.sh              (N=50 RUNS=1; the fleet goes to /tmp/execray-fleet-bench, never committed)
#   PIN=1 bench/fleet.sh        each run of C cores confined to C CPUs (taskset -c 0..C-1), JIT and GC threads
#                               included: on a 2-core machine a "1 core" JVM otherwise uses the second core for its
#                               compiler and collector, and "2 vs 1" measures nothing
#   W=DIR N=200 bench/fleet.sh  another fleet, in DIR
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-50}
RUNS=${RUNS:-1}
W=${W:-/tmp/execray-fleet-bench}
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

# "wall cpu" seconds of a command (cpu = user + sys of it and its children), output kept in last.out / last.err;
# exit 3 is expected: the hostile inputs
run() {
  /usr/bin/time -f '%e %U %S' -o "$W/time" "$@" >"$W/last.out" 2>"$W/last.err" || [ $? = 3 ] ||
    { cat "$W/last.err" >&2; return 1; }
  # GNU time writes "Command exited with non-zero status 3" before its figures
  tail -n 1 "$W/time" | awk '{printf "%.2f %.2f\n", $1, $2 + $3}'
}

best() { sort -n | head -1; }

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
declare -A T C S WR
for c in 1 2; do
  pin=()
  [ "${PIN:-0}" = 1 ] && pin=(taskset -c "0-$((c - 1))")
  read -r T[scan$c] C[scan$c] < <(for _ in $(seq "$RUNS"); do run "${pin[@]}" ./execray scan --no-db --threads "$c" "${inputs[@]}"; done | best)
  read -r T[fleet$c] C[fleet$c] < <(for _ in $(seq "$RUNS"); do
    rm -rf "$W/out$c"
    run "${pin[@]}" ./execray fleet --json --master "local[$c]" --out "$W/out$c" --scan-id bench "${inputs[@]}"
  done | best)
  S[$c]=$(sed -n 's/.*"scanMillis":\([0-9]*\).*/\1/p' "$W/last.out")
  WR[$c]=$(sed -n 's/.*"writeMillis":\([0-9]*\).*/\1/p' "$W/last.out")
  echo "cores=$c  execray scan ${T[scan$c]} s wall, ${C[scan$c]} s cpu   execray fleet ${T[fleet$c]} s wall, ${C[fleet$c]} s cpu" \
    "(Spark job $(awk -v m="${S[$c]}" 'BEGIN{printf "%.2f", m/1000}') s, moving the tables $(awk -v m="${WR[$c]}" 'BEGIN{printf "%.2f", m/1000}') s)"
done
# the job alone, after the JVM and Spark started: a fleet with one tiny input
rm -rf "$W/out0"
read -r T[tiny] C[tiny] < <(run ./execray fleet --json --master "local[1]" --out "$W/out0" --scan-id bench "$W/fleet/fail-missing.tar")
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
awk -v s1="${T[scan1]}" -v s2="${T[scan2]}" -v f1="${T[fleet1]}" -v f2="${T[fleet2]}" -v st1="${S[1]}" \
    -v st2="${S[2]}" -v n="${#inputs[@]}" -v cs1="${C[scan1]}" -v cf1="${C[fleet1]}" -v cs2="${C[scan2]}" \
    -v cf2="${C[fleet2]}" -v tiny="${T[tiny]}" -v ctiny="${C[tiny]}" 'BEGIN {
  printf "scaling, fleet 2 cores vs 1: %.2fx wall, %.2fx Spark job   (single-machine scan 2 vs 1 threads: %.2fx)\n", f1 / f2, st1 / st2, s1 / s2
  printf "Spark overhead at equal cores, wall: 1 core %+.0f %%, 2 cores %+.0f %% (JVM and Spark start included)\n", (f1 / s1 - 1) * 100, (f2 / s2 - 1) * 100
  printf "Spark job alone vs single-machine scan, wall: 1 core %+.0f %%, 2 cores %+.0f %%\n", (st1 / 1000 / s1 - 1) * 100, (st2 / 1000 / s2 - 1) * 100
  printf "cpu: scan %.1f s, fleet %.1f s at 1 core (%+.0f %%); scan %.1f s, fleet %.1f s at 2 (%+.0f %%); fixed cost of a fleet run (1 tiny input): %.1f s wall, %.1f s cpu\n", cs1, cf1, (cf1 / cs1 - 1) * 100, cs2, cf2, (cf2 / cs2 - 1) * 100, tiny, ctiny
  printf "per input: %.0f ms of wall (fleet Spark job, 1 core), %.0f ms cpu (single-machine scan, 1 thread)\n", st1 / n, cs1 * 1000 / n
}'

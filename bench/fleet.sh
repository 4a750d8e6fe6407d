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
#   RUNS=3 bench/fleet.sh       every run three times, the runs of a round interleaved; the median (by CPU) is shown
#   BASE_JAR=FILE bench/fleet.sh  also an earlier job jar (a copy of execray-spark/target/execray-spark.jar built from
#                               another commit), run beside this tree's in every round: before and after in one run
#
# Spark's overhead is given twice: for the whole run (JVM and Spark start included), and per input: the CPU each tool
# spends beyond its own run of a fleet of one tiny input (its fixed start-up cost), fleet against scan. CPU time
# (user + sys) is the figure to read on a shared machine; wall time depends on who else runs.
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

# "wall cpu job" of a command (cpu = user + sys of it and its children; job = the fleet's Spark job in seconds, from
# its --json summary, 0 for a scan), output kept in last.out / last.err; exit 3 is expected: the hostile inputs
run() {
  /usr/bin/time -f '%e %U %S' -o "$W/time" "$@" >"$W/last.out" 2>"$W/last.err" || [ $? = 3 ] ||
    { cat "$W/last.err" >&2; return 1; }
  local job
  job=$(sed -n 's/.*"scanMillis":\([0-9]*\).*/\1/p' "$W/last.out")
  # GNU time writes "Command exited with non-zero status 3" before its figures
  tail -n 1 "$W/time" | awk -v j="${job:-0}" '{printf "%.2f %.2f %.2f\n", $1, $2 + $3, j / 1000}'
}

# the median line of "wall cpu job" lines, by cpu
median() { sort -n -k2 | awk '{l[NR] = $0} END {print l[int((NR + 1) / 2)]}'; }

# pinned C CMD...: CMD confined to C CPUs when PIN=1 (a prefix for run, which needs a program, not a function)
pinned() { if [ "${PIN:-0}" = 1 ]; then echo taskset -c "0-$(($1 - 1))"; else echo env; fi; }

fleet() { # fleet JAR CORES OUT INPUT...
  local jar=$1 c=$2 out=$3
  shift 3
  rm -rf "$out"
  EXECRAY_FLEET_JAR=$jar run $(pinned "$c") ./execray fleet --json --master "local[$c]" --out "$out" --scan-id bench "$@"
}

jobs=(fleet)
[ -n "${BASE_JAR:-}" ] && jobs+=(base)
jar_of() { if [ "$1" = base ]; then echo "$BASE_JAR"; else echo ""; fi; }
tiny=$W/fleet/fail-missing.tar
rm -f "$W"/res.*
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
for r in $(seq "$RUNS"); do
  for c in 1 2; do
    run $(pinned "$c") ./execray scan --no-db --threads "$c" "${inputs[@]}" >>"$W/res.scan$c"
    for j in "${jobs[@]}"; do fleet "$(jar_of "$j")" "$c" "$W/out$c" "${inputs[@]}" >>"$W/res.$j$c"; done
  done
  # the fixed cost of each tool: a run over one tiny input, at one core
  run $(pinned 1) ./execray scan --no-db --threads 1 "$tiny" >>"$W/res.scan0"
  for j in "${jobs[@]}"; do fleet "$(jar_of "$j")" 1 "$W/out0" "$tiny" >>"$W/res.${j}0"; done
  echo "round $r done, load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
declare -A M
for f in "$W"/res.*; do
  k=${f##*/res.}
  M[$k]=$(median <"$f")
  printf '%-7s median of %d: %s s wall, %s s cpu, Spark job %s s   (cpu of every run: %s)\n' "$k" "$(wc -l <"$f")" \
    $(echo "${M[$k]}") "$(awk '{printf "%s ", $2}' "$f")"
done
for j in "${jobs[@]}"; do
  if [ "$j" = base ]; then echo "--- BASE_JAR $BASE_JAR"; else echo "--- this tree's job jar"; fi
  echo "${M[scan1]} ${M[scan2]} ${M[scan0]} ${M[${j}1]} ${M[${j}2]} ${M[${j}0]}" | awk -v n="${#inputs[@]}" '{
    s1 = $1; cs1 = $2; s2 = $4; cs2 = $5; cs0 = $8; f1 = $10; cf1 = $11; j1 = $12; f2 = $13; cf2 = $14; j2 = $15
    cf0 = $17
    printf "scaling, fleet 2 cores vs 1: %.2fx wall, %.2fx Spark job   (single-machine scan 2 vs 1 threads: %.2fx)\n", f1 / f2, j1 / j2, s1 / s2
    printf "Spark overhead at equal cores, whole run: cpu %+.0f %% at 1 core, %+.0f %% at 2; wall %+.0f %%, %+.0f %%\n", (cf1 / cs1 - 1) * 100, (cf2 / cs2 - 1) * 100, (f1 / s1 - 1) * 100, (f2 / s2 - 1) * 100
    printf "fixed cost (one tiny input, 1 core): fleet %.1f s cpu, scan %.1f s cpu\n", cf0, cs0
    printf "per input, beyond the fixed cost: fleet %.0f ms cpu, scan %.0f ms cpu at 1 core (%+.0f %%); %.0f against %.0f ms at 2 (%+.0f %%)\n", (cf1 - cf0) * 1000 / n, (cs1 - cs0) * 1000 / n, ((cf1 - cf0) / (cs1 - cs0) - 1) * 100, (cf2 - cf0) * 1000 / n, (cs2 - cs0) * 1000 / n, ((cf2 - cf0) / (cs2 - cs0) - 1) * 100
    printf "Spark job alone vs the whole single-machine scan, wall: %+.0f %% at 1 core, %+.0f %% at 2\n", (j1 / s1 - 1) * 100, (j2 / s2 - 1) * 100
  }'
done

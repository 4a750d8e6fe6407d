#!/usr/bin/env bash
# Split bench (issue 15, "large images by layer or by file ranges"): one large docker-save image (FleetFixtures
# --large: Debian packages of the apt cache on the glibc base, a top layer with a whiteout and a replaced file)
# scanned
#   - on one machine:  ./execray scan --no-db --threads 1
#   - on Spark, whole: ./execray fleet --master local[2] --split-parts 1            (one task scans it)
#   - on Spark, split: ./execray fleet --master local[2] --split-above 1 --split-parts 2   (two tasks, one slice each)
#   - in one warm JVM: the whole scan, then slice 0 and slice 1 of 2, one after the other (the critical path a split
#     run has when it gets two free cores; FleetFixtures --time-slices)
# and prints the wall times, the Spark job's own times and whether the two fleet runs wrote the same result lines
# (millis aside) with the same file count as the single-machine scan. Figures go to docs/perf.md and docs/fleet.md.
#
#   bench/fleet-split.sh        (MIB=400 RUNS=1; the image goes to /tmp/execray-fleet-bench/large.tar, never committed)
set -euo pipefail
cd "$(dirname "$0")/.."
MIB=${MIB:-400}
RUNS=${RUNS:-1}
W=/tmp/execray-fleet-bench
mkdir -p "$W"
img=$W/large-$MIB.tar

./execray --version >/dev/null
./execray fleet --help >/dev/null   # builds the job jar if needed
# the test classes: the image's builder and the in-JVM timing
mvn -B -o -q -Dstyle.color=never -Djacoco.skip=true -pl execray-core,execray-spark test-compile >/dev/null
[ -s execray-spark/target/test.classpath ] ||
  mvn -B -o -q -Dstyle.color=never -pl execray-spark dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/test.classpath >/dev/null
if [ ! -s "$img" ]; then
  echo "building the large image ..." >&2
  java -Xmx2g -cp "execray-spark/target/test-classes:execray-core/target/classes:$(cat execray-spark/target/test.classpath)" \
    dev.execray.spark.FleetFixtures --large "$img.part" "$MIB" >/dev/null
  mv "$img.part" "$img"
fi
echo "image: $(du -h "$img" | cut -f1), $(tar -tf "$img" | grep -c 'layer.tar$') layers"

run() {
  /usr/bin/time -f '%e %U %S' -o "$W/time" "$@" >"$W/last.out" 2>"$W/last.err" || { cat "$W/last.err" >&2; return 1; }
  tail -n 1 "$W/time" | awk '{printf "%.2f %.2f\n", $1, $2 + $3}'
}
best() { sort -n | head -1; }
millis() { sed -n "s/.*\"$1\":\([0-9]*\).*/\1/p" "$W/last.out"; }

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
read -r ts cs < <(for _ in $(seq "$RUNS"); do run ./execray scan --no-db --json --threads 1 "$img"; done | best)
files_single=$(grep -o '"sha256"' "$W/last.out" | wc -l)
echo "execray scan --threads 1: $ts s wall, $cs s cpu, $files_single files"
declare -A T C J
for mode in whole split; do
  if [ "$mode" = whole ]; then opts=(--split-parts 1); else opts=(--split-above 1 --split-parts 2); fi
  read -r T[$mode] C[$mode] < <(for _ in $(seq "$RUNS"); do
    rm -rf "$W/split-$mode"
    run ./execray fleet --json --master 'local[2]' "${opts[@]}" --out "$W/split-$mode" --scan-id bench "$img"
  done | best)
  J[$mode]=$(millis scanMillis)
  echo "execray fleet local[2] $mode: ${T[$mode]} s wall, ${C[$mode]} s cpu (Spark job $(awk -v m="${J[$mode]}" 'BEGIN{printf "%.2f", m/1000}') s): $(tr -d '\n' <"$W/last.out" | sed 's/.*"files":\([0-9]*\).*"split":\([0-9]*\),"slices":\([0-9]*\).*/\1 files, \2 image split into \3 slices/')"
done
same() { sed 's/"millis":[0-9]*//g' "$W/split-$1"/results/scan_id=bench/*.txt | sort; }
if cmp -s <(same whole) <(same split); then eq=identical; else eq=DIFFERENT; fi
echo "result lines of the whole and the split run (millis aside): $eq"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "in one warm JVM, one after the other (no free core needed; ROUNDS=${ROUNDS:-6}):"
java -cp "execray-spark/target/test-classes:execray-core/target/classes:$(cat execray-spark/target/test.classpath)" \
  dev.execray.spark.FleetFixtures --time-slices "$img" "${ROUNDS:-6}"
awk -v w="${T[whole]}" -v s="${T[split]}" -v jw="${J[whole]}" -v js="${J[split]}" 'BEGIN {
  printf "split in 2 vs whole, local[2]: %.2fx wall, %.2fx Spark job\n", w / s, jw / js }'

#!/usr/bin/env bash
# execray scan versus checksec and scanelf over the same tree, side by side in one run on this machine.
#   execray scan DIR --no-db            verdict in this machine's root, hardening, glibc, libraries, Go info
#   execray scan DIR --db (fresh file)  the same, written to SQLite, plus a CycloneDX SBOM
#   checksec --format=json --dir=DIR    hardening only (Debian's checksec 2.6.0: apt-get install checksec)
#   scanelf -R -a DIR                   reading only (pax-utils)
# Prints wall and CPU seconds and max RSS for each, and the ratios. Nothing is committed; output goes to /tmp.
#
# Then a first scan into an empty store and two re-scans of the unchanged tree (verdicts and owners reused), and
# execray's own time for each (ScanService's, without the JVM start and the store's open).
#
#   bench/scan-vs-checksec.sh [DIR]      (default /usr/bin; HEAP=512m; JAR=another execray.jar to compare;
#                                         SKIP_CHECKSEC=1 to leave out checksec's ten minutes)
set -euo pipefail
cd "$(dirname "$0")/.."
DIR=${1:-/usr/bin}
HEAP=${HEAP:-512m}
OUT=/tmp/execray-bench-scan
mkdir -p "$OUT"
for tool in checksec scanelf; do
  command -v "$tool" >/dev/null || { echo "$tool is missing: apt-get install checksec pax-utils" >&2; exit 2; }
done
if [ -z "${JAR:-}" ]; then
  ./execray --version >/dev/null   # builds the jar when needed, outside the timings
  JAR=execray-core/target/execray.jar
fi
elf=$(find "$DIR" -xdev -type f -exec sh -c 'head -c4 "$1" 2>/dev/null | grep -q "^.ELF" && echo x' _ {} \; | wc -l)
echo "tree: $DIR ($elf ELF files); $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"

measure() { # name, command...: prints "name wall user+sys rss"
  local name=$1; shift
  /usr/bin/time -f "%e %U %S %M" -o "$OUT/$name.time" "$@" > "$OUT/$name.out" 2> "$OUT/$name.err" || true
  read -r wall user sys rss < <(tail -1 "$OUT/$name.time")
  printf '%-22s wall %7.2f s   cpu %7.2f s   max RSS %6d MB\n' "$name" "$wall" "$(echo "$user + $sys" | bc)" $((rss / 1024))
  echo "$wall" > "$OUT/$name.wall"
  echo "$user + $sys" | bc > "$OUT/$name.cpu"
}

rm -f "$OUT/scan.db"
measure execray-scan java -Xmx$HEAP -jar $JAR scan "$DIR" --no-db --json
measure execray-scan+db+sbom java -Xmx$HEAP -jar $JAR scan "$DIR" --db "$OUT/scan.db" --sbom cyclonedx --sbom-out "$OUT/bom.json"
if [ -z "${SKIP_CHECKSEC:-}" ]; then
  measure checksec checksec --format=json --dir="$DIR"
fi
measure scanelf scanelf -R -a "$DIR"
rm -f "$OUT/rescan.db"
measure first-scan java -Xmx$HEAP -jar $JAR scan "$DIR" --db "$OUT/rescan.db"
measure re-scan java -Xmx$HEAP -jar $JAR scan "$DIR" --db "$OUT/rescan.db"
measure re-scan-2 java -Xmx$HEAP -jar $JAR scan "$DIR" --db "$OUT/rescan.db"
measure jvm-start java -Xmx$HEAP -jar $JAR --version
for n in first-scan re-scan re-scan-2; do
  echo "$n: $(grep -E '^[^ ].*ms\)$' "$OUT/$n.out" | head -1 | sed 's/.*, \([0-9]*\) ms)$/\1/') ms in the scan itself;" \
    "$(grep -E 'analysed' "$OUT/$n.out" | head -1 | sed 's/^ *//')"
done

files=$(python3 -c "import json,sys; print(len(json.load(open('$OUT/execray-scan.out'))['files']))")
echo "execray recorded $files files"
ratio() { echo "scale=1; $(cat "$OUT/$1.wall") / $(cat "$OUT/$2.wall")" | bc; }
cpuratio() { # /usr/bin/time counts in 10 ms steps: a run under one step counts as one
  local d; d=$(cat "$OUT/$2.cpu"); [ "$(echo "$d < 0.01" | bc)" = 1 ] && d=0.01
  echo "scale=1; $(cat "$OUT/$1.cpu") / $d" | bc; }
if [ -z "${SKIP_CHECKSEC:-}" ]; then
  echo "checksec / execray scan:          $(ratio checksec execray-scan)x"
  echo "checksec / execray scan+db+sbom:  $(ratio checksec execray-scan+db+sbom)x"
fi
echo "execray scan / scanelf -R -a:     $(ratio execray-scan scanelf)x wall, $(cpuratio execray-scan scanelf)x CPU"
echo "first scan / re-scan:             $(ratio first-scan re-scan)x, $(ratio first-scan re-scan-2)x wall;" \
  "$(cpuratio first-scan re-scan)x, $(cpuratio first-scan re-scan-2)x CPU"

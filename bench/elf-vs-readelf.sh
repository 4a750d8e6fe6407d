#!/usr/bin/env bash
# ELF reading benchmark: execray reads every ELF file of the corpus in full (file header, program and
# section headers, dynamic section, .symtab and .dynsym with every symbol's version, version sections,
# notes) in one process and writes the JSON to /dev/null; side by side, in the same run and on the same
# files, `readelf -W -hlSdsVn` and `eu-readelf -h -l -S -d -s -V -n` read them in batches through xargs.
# Everything is pinned to one core (taskset -c 0); each tool runs RUNS times and the best wall time
# counts. Figures go to docs/perf.md ("ELF reading").
#
#   bench/elf-vs-readelf.sh [ROOT...]     (default roots: /usr/bin /usr/sbin /usr/lib /usr/libexec /usr/local/bin)
#   RUNS=3 HEAP=256m bench/elf-vs-readelf.sh
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-3}
HEAP=${HEAP:-256m}
ROOTS=("$@")
[ ${#ROOTS[@]} -gt 0 ] || ROOTS=(/usr/bin /usr/sbin /usr/lib /usr/libexec /usr/local/bin)
command -v readelf >/dev/null || { echo "readelf (binutils) is needed" >&2; exit 2; }
command -v eu-readelf >/dev/null || { echo "eu-readelf (elfutils) is needed" >&2; exit 2; }
# the launcher builds the jar if needed and makes its class-data-sharing archive on first use; do that now,
# outside the measurement
./execray --version > /dev/null

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
list=$work/files

# regular ELF files, once per inode (hard links and symlinks counted once), in a stable order
find "${ROOTS[@]}" -type f -print0 2>/dev/null | sort -z | perl -0 -ne '
  chomp; my @s = lstat($_) or next; next if $seen{"$s[0]:$s[1]"}++;
  open(my $f, "<", $_) or next; read($f, my $m, 4); print "$_\n" if defined $m && $m eq "\x7fELF";' > "$list"
n=$(wc -l < "$list")
bytes=$(tr '\n' '\0' < "$list" | du -cb --files0-from=- | tail -1 | cut -f1)
echo "corpus: $n ELF files, $((bytes / 1000000)) MB, under ${ROOTS[*]}"

# best wall time of RUNS runs; also user+sys CPU and max RSS of that run
measure() {
  local name=$1; shift
  local best="" line
  for _ in $(seq "$RUNS"); do
    /usr/bin/time -f "%e %U %S %M" -o "$work/t" "$@" > /dev/null 2>> "$work/$name.err" || true
    line=$(tail -1 "$work/t")
    if [ -z "$best" ] || awk -v a="${line%% *}" -v b="${best%% *}" 'BEGIN{exit !(a<b)}'; then best=$line; fi
  done
  echo "$best" > "$work/$name.best"
  read -r wall user sys rss <<< "$best"
  printf "%-11s wall %6.2f s   cpu %6.2f s (user %.2f + sys %.2f)   max RSS %4d MB\n" \
    "$name" "$wall" "$(echo "$user + $sys" | bc)" "$user" "$sys" "$((rss / 1024))"
}

# the launcher's own JVM settings (C1 only, AppCDS), plus a heap limit, the serial collector (one core)
# and a GC log for the heap figures
export EXECRAY_JAVA_OPTS="-Xmx$HEAP -XX:+UseSerialGC -XX:-UsePerfData -Xlog:gc:file=$work/gc.log"
measure execray taskset -c 0 ./execray inspect --json -a --files-from "$list"
measure readelf taskset -c 0 xargs -a "$list" -d '\n' -n 200 readelf -W -hlSdsVn
measure eu-readelf taskset -c 0 xargs -a "$list" -d '\n' -n 200 eu-readelf -h -l -S -d -s -V -n

ours=$(cut -d' ' -f1 "$work/execray.best")
for other in readelf eu-readelf; do
  theirs=$(cut -d' ' -f1 "$work/$other.best")
  printf "execray vs %-10s %5.1fx faster (wall)\n" "$other" "$(echo "$theirs / $ours" | bc -l)"
done
# heap: the largest heap occupancy the GC log shows before a collection, against the -Xmx limit
peak=$( (grep -o '[0-9]*M->[0-9]*M' "$work/gc.log" || true) | cut -dM -f1 | sort -n | tail -1)
gcs=$( (grep -c 'Pause' "$work/gc.log" || true) )
echo "execray heap: -Xmx$HEAP, peak occupancy ${peak:-0} MB over $gcs collections (last run)"
json=$( (./execray inspect --json -a --files-from "$list" 2>/dev/null || true) | wc -c)
echo "execray JSON output: $((json / 1000000)) MB; files reported malformed: $(grep -c '^execray: ' "$work/execray.err" || true) (over $RUNS runs)"

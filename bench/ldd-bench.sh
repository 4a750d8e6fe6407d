#!/usr/bin/env bash
# Side-by-side benchmark of `execray ldd` against ldd, lddtree and libtree (docs/perf.md, "ldd").
#
# Resolves every dynamically linked ELF file of one machine's /usr (bench/dynamic-elf-list.py) on ONE core
# (taskset -c 0): execray in one process with the symbol-version and binding check; ldd one file at a
# time; lddtree (pax-utils, needs python3-pyelftools) batched and one file at a time; libtree one file at
# a time. Prints a markdown table of the median wall time of RUNS runs (default 3) per tool.
#
# Usage: bench/ldd-bench.sh [DIR] [RUNS]      DIR defaults to /usr
# Needs: taskset (util-linux), ldd, lddtree, libtree, GNU time (/usr/bin/time), python3.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-/usr}
runs=${2:-3}
list=$(mktemp)
timing=$(mktemp)
trap 'rm -f "$list" "$timing"' EXIT
/usr/bin/python3 bench/dynamic-elf-list.py "$dir" > "$list"
n=$(wc -l < "$list")
# lddtree is a python3 script: use the system interpreter, which has pyelftools
export PATH=/usr/bin:/bin:$PATH
./execray --version >/dev/null   # build and train the class-data archive outside the measurement

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

measure() { # name command...
  local name=$1; shift
  local times=()
  for _ in $(seq "$runs"); do
    local t
    # ldd, lddtree and libtree exit non-zero when something is not found; the time is what counts
    /usr/bin/time -f '%e' -o "$timing" taskset -c 0 "$@" >/dev/null 2>&1 || true
    t=$(tail -1 "$timing")
    times+=("$t")
  done
  printf '%s\n' "${times[@]}" | median | xargs printf '| %s | %s s |\n' "$name"
}

echo "$n dynamically linked ELF files under $dir; one core (taskset -c 0); median of $runs runs"
echo
echo "| tool | wall time |"
echo "|---|---|"
measure "execray ldd (one process, versions and symbols checked)" ./execray ldd --quiet --as-ldd "@$list"
measure "ldd, one file at a time" sh -c 'while read -r f; do ldd "$f"; done < "$0"' "$list"
measure "lddtree, batched" sh -c 'xargs lddtree < "$0"' "$list"
measure "lddtree, one file at a time" sh -c 'while read -r f; do lddtree "$f"; done < "$0"' "$list"
measure "libtree, one file at a time" sh -c 'while read -r f; do libtree "$f"; done < "$0"' "$list"
echo
taskset -c 0 ./execray ldd --quiet --stats --as-ldd "@$list" 2>&1 >/dev/null | tail -1 || true

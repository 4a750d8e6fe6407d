#!/usr/bin/env bash
# `execray go --modinfo DIR` against `go version -m DIR`, one CLI run each, over a directory of >= 500 Go
# binaries; prints both medians and the ratio, and checks that stdout and stderr are byte-identical.
#
#   bench/go-modinfo.sh [DIR]        default DIR=/tmp/execray-go-modinfo-corpus (built when missing)
#
# Corpus: the Go programs of the Go installation (/usr/lib/go-*/bin and pkg/tool/*), the cross builds of
# GoPlatformsOracleTest (/tmp/execray-go-platforms: every GOOS/GOARCH, with and without the build-info header),
# and copies of all of them in numbered subdirectories until there are MIN_FILES files. Copies are honest for
# this purpose: both tools read every file from the page cache either way.
# Prints wall medians and CPU (user+sys) medians; under load the CPU figures are the comparable ones.
# Environment: RUNS (default 7), MIN_FILES (default 500), GO_READER (default 1.19: the error wording of the
# go on PATH, checked below).
set -euo pipefail
cd "$(dirname "$0")/.."
DIR=${1:-/tmp/execray-go-modinfo-corpus}
RUNS=${RUNS:-7}
MIN_FILES=${MIN_FILES:-500}
GO_READER=${GO_READER:-1.19}
PLATFORMS=/tmp/execray-go-platforms

if [ ! -d "$DIR" ]; then
  mkdir -p "$DIR/base"
  for f in /usr/lib/go-*/bin/* /usr/lib/go-*/pkg/tool/*/*; do
    [ -f "$f" ] && [ -x "$f" ] && cp "$f" "$DIR/base/$(echo "${f#/usr/lib/}" | tr / _)"
  done
  if [ -d "$PLATFORMS" ]; then
    find "$PLATFORMS" -maxdepth 2 -type f ! -name '*.log' ! -name '*.tmp' ! -name '*.go' ! -name 'go.mod' \
      ! -name '*.sh' ! -name '*.out' | while read -r f; do
      cp "$f" "$DIR/base/$(echo "${f#$PLATFORMS/}" | tr / _)"; chmod +x "$DIR/base/$(echo "${f#$PLATFORMS/}" | tr / _)"
    done
  fi
  n=$(find "$DIR/base" -type f | wc -l)
  [ "$n" -gt 0 ] || { echo "no Go binaries found (install golang-go; run GoPlatformsOracleTest once)" >&2; exit 2; }
  i=1
  while [ $(( n * (i + 1) )) -le "$MIN_FILES" ] || [ $(( n * i )) -lt "$MIN_FILES" ]; do
    cp -r "$DIR/base" "$DIR/copy$i"; i=$((i + 1))
  done
fi
N=$(find "$DIR" -type f | wc -l)
./execray --version >/dev/null 2>&1 || true   # build the jar and the AppCDS archive outside the timings

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
wall() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }

go version -m "$DIR" >/tmp/gm.go.out 2>/tmp/gm.go.err || true
./execray go --modinfo --go-reader "$GO_READER" "$DIR" >/tmp/gm.er.out 2>/tmp/gm.er.err || true
if cmp -s /tmp/gm.go.out /tmp/gm.er.out && cmp -s /tmp/gm.go.err /tmp/gm.er.err; then same=identical; else same=DIFFERENT; fi
gobin=$(grep -c '^[^	]' /tmp/gm.go.out || true)

echo "corpus: $N files ($gobin Go binaries printed) in $DIR; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "output of both (stdout and stderr): $same"
# interleaved rounds: both commands see the same load
go_t=(); er_t=()
for i in $(seq "$RUNS"); do
  go_t+=("$(wall go version -m "$DIR")")
  er_t+=("$(wall ./execray go --modinfo --go-reader "$GO_READER" "$DIR")")
done
go_ms=$(printf '%s\n' "${go_t[@]}" | median)
er_ms=$(printf '%s\n' "${er_t[@]}" | median)
echo "go version -m DIR:          median ${go_ms} ms  (runs: ${go_t[*]})"
echo "execray go --modinfo DIR:   median ${er_ms} ms  (runs: ${er_t[*]})"
awk -v g="$go_ms" -v e="$er_ms" 'BEGIN { printf "ratio execray/go: %.2f (%s)\n", e / g, e < g ? "execray faster" : "go faster" }'
# CPU time (user+sys of the whole process tree), the figure that stays stable when the machine is loaded and wall
# time is mostly waiting for a CPU: GNU time, median of the same number of runs
if [ -x /usr/bin/time ]; then
  cpu() { /usr/bin/time -f '%U %S' "$@" 2>&1 >/dev/null | tail -1 | awk '{ printf "%d\n", ($1 + $2) * 1000 }'; }
  go_c=(); er_c=()
  for i in $(seq "$RUNS"); do
    go_c+=("$(cpu go version -m "$DIR")")
    er_c+=("$(cpu ./execray go --modinfo --go-reader "$GO_READER" "$DIR")")
  done
  go_cm=$(printf '%s\n' "${go_c[@]}" | median)
  er_cm=$(printf '%s\n' "${er_c[@]}" | median)
  echo "CPU user+sys, median: go ${go_cm} ms, execray ${er_cm} ms (ratio $(awk -v g="$go_cm" -v e="$er_cm" 'BEGIN { if (g > 0) printf "%.2f", e / g; else printf "n/a" }'))"
fi

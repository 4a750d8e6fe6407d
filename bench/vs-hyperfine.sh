#!/usr/bin/env bash
# execray bench beside hyperfine (Debian's package) on the same machine and the same commands: /bin/true,
# a static C program, a dynamic C program, a Go program and a #!/bin/sh script (the programs are built into
# a temporary directory under /tmp with gcc and go first). Both tools run each command directly (hyperfine
# -N: no shell, so no shell-spawn correction) with the same warm-up and run count, in ROUNDS interleaved
# rounds (hyperfine, execray, hyperfine, execray, ...) so that a shared machine's drifting load hurts both
# alike; the medians over all rounds' runs are compared. For docs/bench.md and docs/perf.md.
#
#   bench/vs-hyperfine.sh [RUNS_PER_ROUND] [ROUNDS]      (default 200 and 3; needs hyperfine, gcc, go, python3)
#
# With BENCH_RT=1, as root, everything runs under real-time scheduling (chrt -f 10), which gives the measured
# processes the CPU the way an idle machine would.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-200}
rounds=${2:-3}
if [ "${BENCH_RT:-}" = 1 ] && [ -z "${BENCH_RT_ACTIVE:-}" ]; then
  BENCH_RT_ACTIVE=1 exec chrt -f 10 "$0" "$@"
fi
for tool in hyperfine gcc go python3; do
  command -v $tool >/dev/null || { echo "vs-hyperfine.sh: needs $tool (apt-get install hyperfine gcc golang-go python3)" >&2; exit 1; }
done
./execray --version >/dev/null   # builds the jar if needed
work=$(mktemp -d /tmp/execray-vs-hyperfine.XXXXXX)
trap 'rm -rf "$work"' EXIT

cat >"$work/hello.c" <<'C'
#include <stdio.h>
int main(void) { puts("hello"); return 0; }
C
gcc -O2 -static -o "$work/hello-static" "$work/hello.c"
gcc -O2 -o "$work/hello-dynamic" "$work/hello.c"
mkdir -p "$work/gohello"
cat >"$work/gohello/main.go" <<'GO'
package main

import "fmt"

func main() { fmt.Println("hello") }
GO
(cd "$work/gohello" && GO111MODULE=off GOCACHE="$work/gocache" go build -o "$work/hello-go" main.go)
printf '#!/bin/sh\necho hello\n' >"$work/hello.sh"
chmod +x "$work/hello.sh"

programs=(/bin/true "$work/hello-static" "$work/hello-dynamic" "$work/hello-go" "$work/hello.sh")
names=("/bin/true" "static C" "dynamic C" "Go (fmt)" "#!/bin/sh script")

for i in "${!programs[@]}"; do
  p=${programs[$i]}
  for r in $(seq 1 "$rounds"); do
    hyperfine -N --warmup 10 --runs "$runs" --export-json "$work/hf-$i-$r.json" "$p" >/dev/null 2>&1
    ./execray bench --warmup 10 --runs "$runs" --export-json "$work/xr-$i-$r.json" "$p" >/dev/null
  done
done
./execray bench --runs 1 --warmup 0 --json /bin/true >"$work/method.json"

python3 - "$work" "$rounds" "${names[@]}" <<'PY'
import json, statistics, sys
work, rounds, names = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
def times(tool, i):
    t = []
    for r in range(1, rounds + 1):
        t += json.load(open(f"{work}/{tool}-{i}-{r}.json"))["results"][0]["times"]
    return t
m = json.load(open(f"{work}/method.json"))["execray"]
print(f"execray timer: {m['timer']}")
print(f"harness floor (/bin/true through it): {m['floor_bin_true_median']*1e6:.1f} µs median; "
      f"through Java's ProcessBuilder: {m.get('processbuilder_bin_true_median', 0)*1e6:.1f} µs")
print()
print("| program | runs | hyperfine -N median | execray median | execray / hyperfine | hyperfine mean | execray mean |")
print("|:---|---:|---:|---:|---:|---:|---:|")
worst = 0
for i, n in enumerate(names):
    h, x = times("hf", i), times("xr", i)
    hm, xm = statistics.median(h), statistics.median(x)
    worst = max(worst, xm / hm)
    print(f"| {n} | {len(h)} + {len(x)} | {hm*1e6:.1f} µs | {xm*1e6:.1f} µs | {xm/hm:.3f} | "
          f"{statistics.mean(h)*1e6:.1f} µs | {statistics.mean(x)*1e6:.1f} µs |")
print()
print(f"largest ratio of medians: {worst:.3f} ({'within' if worst <= 1.05 else 'OUTSIDE'} the 5 % goal)")
PY

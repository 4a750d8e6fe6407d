#!/usr/bin/env bash
# Long fuzzing of the format readers (not CI's bounded pass): every @FuzzTest of the binary, golang, rootfs and
# exec.ld packages for FUZZ_SECONDS each (default 600), one at a time, and the executions each reached.
# Usage: bench/fuzz-readers.sh [REGEX]   (REGEX narrows the targets, e.g. 'Elf|MachO')
set -euo pipefail
cd "$(dirname "$0")/.."
only=${1:-'dev\.execray\.(binary|golang|rootfs|exec\.ld|place)\.'}
FUZZ_ONLY="$only" FUZZ_SECONDS="${FUZZ_SECONDS:-600}" FUZZ_BUDGET=$(( 1 << 30 )) FUZZ_JOBS=1 .ci/fuzz
echo
echo "executions per target (libFuzzer's last 'Done N runs' line):"
# .ci/fuzz runs in the core module (multi-module build): its findings are under execray-core/target
for log in execray-core/target/fuzz-findings/*/fuzz.log; do
  t=$(basename "$(dirname "$log")")
  runs=$(grep -oE 'Done [0-9]+ runs' "$log" | tail -n 1 | grep -oE '[0-9]+' || echo "?")
  printf '  %-90s %s\n' "$t" "$runs"
done

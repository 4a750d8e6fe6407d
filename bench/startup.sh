#!/usr/bin/env bash
# Start-up of a short command (`inspect /bin/ls`) under different JVM settings, for docs/perf.md
# ("Start-up"). Two tables:
#  1. interleaved rounds (variant A, B, C, ... then again), so that a machine whose load drifts, like a
#     shared 2-core box, hurts every variant alike; wall time (median, min) and CPU time (user+sys) from
#     wait4, the latter being the figure least disturbed by other processes;
#  2. hyperfine over the chosen launcher, as a cross-check.
#
#   bench/startup.sh [ROUNDS]        (needs python3 and hyperfine; builds the jar through ./execray)
#
# On a shared machine (other builds running) wall times mostly measure the queue for the CPU. With
# BENCH_RT=1, as root, the measurements run under real-time scheduling (chrt -f 10), which gives the
# measured process the CPU the way an idle machine would; CPU time is reported either way.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-30}
if [ "${BENCH_RT:-}" = 1 ] && [ -z "${BENCH_RT_ACTIVE:-}" ]; then
  BENCH_RT_ACTIVE=1 exec chrt -f 10 "$0" "$@"
fi
command -v hyperfine >/dev/null || { echo "startup.sh: needs hyperfine (apt-get install hyperfine)" >&2; exit 1; }

./execray --version >/dev/null   # builds the jar and the launcher's archive if needed
jar=execray-core/target/execray.jar
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Archives trained the way the launcher trains them, once per collector: an archive records the GC, and
# in JDK 17 only G1 can map the archived heap objects of the JDK's base archive.
java -XX:ArchiveClassesAtExit="$work/g1.jsa" -XX:TieredStopAtLevel=1 -jar $jar inspect $jar /bin/sh >/dev/null 2>&1
java -XX:ArchiveClassesAtExit="$work/serial.jsa" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
  -jar $jar inspect $jar /bin/sh >/dev/null 2>&1
quiet="-Xshare:auto -Xlog:cds=off -Xlog:cds+dynamic=off"
c1=-XX:TieredStopAtLevel=1

cat >"$work/variants.tsv" <<EOF
plain java -jar	java -jar $jar
C1 only (-XX:TieredStopAtLevel=1)	java $c1 -jar $jar
SerialGC	java -XX:+UseSerialGC -jar $jar
C1 + SerialGC	java $c1 -XX:+UseSerialGC -jar $jar
AppCDS	java $quiet -XX:SharedArchiveFile=$work/g1.jsa -jar $jar
AppCDS + C1	java $quiet -XX:SharedArchiveFile=$work/g1.jsa $c1 -jar $jar
AppCDS + C1 + SerialGC	java $quiet -XX:SharedArchiveFile=$work/serial.jsa $c1 -XX:+UseSerialGC -jar $jar
AppCDS + C1 + -XX:-UsePerfData	java $quiet -XX:SharedArchiveFile=$work/g1.jsa $c1 -XX:-UsePerfData -jar $jar
AppCDS + C1 + -Xshare:auto only, no -Xlog	java -Xshare:auto -XX:SharedArchiveFile=$work/g1.jsa $c1 -jar $jar
./execray (the launcher: AppCDS + C1)	./execray
EOF
jdk25=/usr/lib/jvm/temurin-25-jdk-amd64
if [ -x $jdk25/bin/java ]; then
  JAVA_HOME=$jdk25 ./execray --version >/dev/null   # its own archive
  printf '%s\t%s\n' "./execray on JDK 25 (JAVA_HOME=temurin 25)" "env JAVA_HOME=$jdk25 ./execray" >>"$work/variants.tsv"
fi

echo "Load average before: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores; $(java -version 2>&1 | head -n 1); $rounds interleaved rounds; scheduling: $(chrt -p $$ | sed -n 's/.*policy: //p')."
echo
python3 - "$work/variants.tsv" "$rounds" <<'EOF'
import os, statistics, subprocess, sys, time
variants = [line.rstrip("\n").split("\t") for line in open(sys.argv[1]) if line.strip()]
rounds = int(sys.argv[2])
wall = {n: [] for n, _ in variants}
cpu = {n: [] for n, _ in variants}
devnull = os.open(os.devnull, os.O_WRONLY)
for r in range(rounds + 2):
    for name, cmd in variants:
        argv = cmd.split() + ["inspect", "/bin/ls"]
        t0 = time.perf_counter()
        pid = os.posix_spawnp(argv[0], argv, os.environ, file_actions=[(os.POSIX_SPAWN_DUP2, devnull, 1)])
        _, status, ru = os.wait4(pid, 0)
        t1 = time.perf_counter()
        if os.waitstatus_to_exitcode(status) != 0:
            sys.exit(f"{name}: exit {status}")
        if r >= 2:  # the first two rounds only warm the page cache
            wall[name].append(t1 - t0)
            cpu[name].append(ru.ru_utime + ru.ru_stime)
print("| settings | wall median (s) | wall min (s) | CPU user+sys median (s) |")
print("|---|---:|---:|---:|")
for name, _ in variants:
    print(f"| {name} | {statistics.median(wall[name]):.3f} | {min(wall[name]):.3f} | {statistics.median(cpu[name]):.3f} |")
EOF
echo
echo "Load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "hyperfine, launcher only:"
echo
hyperfine -N --style none --warmup 3 --runs "$rounds" --export-markdown "$work/h.md" "./execray inspect /bin/ls" >/dev/null
cat "$work/h.md"

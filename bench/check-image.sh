#!/usr/bin/env bash
# check-image benchmark: builds a docker-save archive from this machine's own files — /usr/bin, /usr/sbin, the
# loader and /usr/lib/x86_64-linux-gnu, plus copies of shared libraries in /opt/bin so that PATH holds at
# least 2,000 ELF files — then runs `./execray check-image` on it RUNS times with a bounded heap and prints
# wall time, CPU time and max RSS. Goal (issue 6): 2,000 ELF files in under 10 s, memory bounded.
#
#   bench/check-image.sh            (RUNS=3 HEAP=512m; the image goes to /tmp/execray-bench, never committed)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-3}
HEAP=${HEAP:-512m}
OUT=/tmp/execray-bench
IMAGE=$OUT/check-image-2000.tar
mkdir -p "$OUT"
./execray --version >/dev/null
if [ ! -s "$IMAGE" ]; then
  python3 - "$IMAGE" <<'PY'
import io, json, hashlib, os, sys, tarfile
out = sys.argv[1]
def is_elf(p):
    try:
        with open(p, 'rb') as f:
            return f.read(4) == b'\x7fELF'
    except OSError:
        return False
layer = io.BytesIO()
with tarfile.open(fileobj=layer, mode='w', format=tarfile.PAX_FORMAT) as t:
    def add_dir(name):
        ti = tarfile.TarInfo(name); ti.type = tarfile.DIRTYPE; ti.mode = 0o755; t.addfile(ti)
    for d in ['usr', 'usr/bin', 'usr/sbin', 'usr/lib', 'usr/lib/x86_64-linux-gnu', 'lib64', 'opt', 'opt/bin', 'etc']:
        add_dir(d)
    for link, target in [('bin', 'usr/bin'), ('sbin', 'usr/sbin'), ('lib', 'usr/lib')]:
        ti = tarfile.TarInfo(link); ti.type = tarfile.SYMTYPE; ti.linkname = target; t.addfile(ti)
    t.add('/lib64/ld-linux-x86-64.so.2', 'lib64/ld-linux-x86-64.so.2')
    programs = 0
    for d in ['/usr/bin', '/usr/sbin']:
        for n in sorted(os.listdir(d)):
            p = os.path.join(d, n)
            if os.path.islink(p):
                ti = tarfile.TarInfo(p[1:]); ti.type = tarfile.SYMTYPE; ti.linkname = os.readlink(p); t.addfile(ti)
            elif os.path.isfile(p) and os.path.getsize(p) < 64 << 20:
                t.add(p, p[1:]); programs += is_elf(p)
    libs = []
    for top in ['/usr/lib/x86_64-linux-gnu', '/usr/lib']:
        for dirpath, dirnames, filenames in os.walk(top):
            dirnames.sort()
            if top == '/usr/lib' and dirpath.startswith('/usr/lib/x86_64-linux-gnu'):
                continue
            for n in sorted(filenames):
                p = os.path.join(dirpath, n)
                if os.path.islink(p):
                    if dirpath == '/usr/lib/x86_64-linux-gnu':
                        ti = tarfile.TarInfo(p[1:]); ti.type = tarfile.SYMTYPE; ti.linkname = os.readlink(p); t.addfile(ti)
                elif os.path.isfile(p) and os.path.getsize(p) < 64 << 20 and is_elf(p):
                    if dirpath == '/usr/lib/x86_64-linux-gnu':
                        t.add(p, p[1:])
                    libs.append(p)
    extra = 0
    for p in libs:
        if programs + extra >= 2000:
            break
        ti = t.gettarinfo(p, 'opt/bin/' + str(extra) + '-' + os.path.basename(p)); ti.mode = 0o755
        with open(p, 'rb') as f:
            t.addfile(ti, f)
        extra += 1
    print(f'image: {programs} ELF programs from /usr/bin and /usr/sbin, {extra} shared libraries as programs in /opt/bin, '
          f'{len(libs)} libraries', file=sys.stderr)
data = layer.getvalue()
digest = hashlib.sha256(data).hexdigest()
config = json.dumps({'architecture': 'amd64', 'os': 'linux', 'config': {'Entrypoint': ['/usr/bin/ls'], 'Env':
    ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/opt/bin']},
    'rootfs': {'type': 'layers', 'diff_ids': ['sha256:' + digest]}}).encode()
cdigest = hashlib.sha256(config).hexdigest()
with tarfile.open(out, 'w') as t:
    for name, blob in [(digest + '/layer.tar', data), (cdigest + '.json', config),
                       ('manifest.json', json.dumps([{'Config': cdigest + '.json', 'RepoTags': ['bench:latest'],
                                                      'Layers': [digest + '/layer.tar']}]).encode())]:
        ti = tarfile.TarInfo(name); ti.size = len(blob); t.addfile(ti, io.BytesIO(blob))
PY
fi
echo "image: $IMAGE ($(du -h "$IMAGE" | cut -f1)); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
for i in $(seq "$RUNS"); do
  EXECRAY_JAVA_OPTS="-Xmx$HEAP" /usr/bin/time -f "%e %U %S %M" -o "$OUT/t" ./execray check-image --json "$IMAGE" > "$OUT/check.json" || true
  read -r wall user sys rss < <(tail -1 "$OUT/t")
  python3 - "$OUT/check.json" "$wall" "$user" "$sys" "$rss" <<'PY'
import json, sys
j = json.load(open(sys.argv[1])); wall, user, sys_, rss = sys.argv[2:]
print(f"run: {j['programCount']} programs on PATH checked ({j['failingPrograms']} would fail), entrypoint runs: "
      f"{j['entrypointRuns']}; wall {wall} s, CPU {float(user) + float(sys_):.2f} s, max RSS {int(rss) // 1024} MB")
PY
done

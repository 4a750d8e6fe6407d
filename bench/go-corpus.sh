#!/usr/bin/env bash
# Gathers a corpus of real Go binaries for execray's Go oracle tests and benchmarks, from Debian packages
# (built by Debian's Go) and npm packages (Go CLIs built by upstream with recent Go releases).
# Nothing here is committed: the corpus lives under /tmp. Binaries are never executed.
#
#   bench/go-corpus.sh [DEST]        default DEST=/tmp/go-corpus; binaries end up in DEST/bin
#
# Needs apt-get (Debian), dpkg-deb, npm, tar. Re-running skips what is already there.
set -uo pipefail
DEST=${1:-/tmp/go-corpus}
mkdir -p "$DEST/deb" "$DEST/npm" "$DEST/bin" "$DEST/x"
log() { echo "go-corpus: $*" >&2; }

# A file is kept when it is an executable format and carries Go's marks: the build-info magic, or the
# runtime's own function names (esbuild >= 0.27 ships without build info).
is_go() { grep -q -a -m1 -e $'\xff Go buildinf:' -e 'runtime.gopanic' -e 'runtime.goexit' "$1" 2>/dev/null; }
is_exe_format() {
  local m; m=$(head -c4 "$1" 2>/dev/null | od -An -tx1 | tr -d ' \n')
  case "$m" in 7f454c46|feedface|feedfacf|cefaedfe|cffaedfe|cafebabe) return 0;; 4d5a*) return 0;; esac
  return 1
}
collect() { # collect SRC_DIR PREFIX
  find "$1" -type f -size +100k 2>/dev/null | while read -r f; do
    is_exe_format "$f" && is_go "$f" || continue
    local name="$2__$(echo "${f#$1/}" | tr '/ ' '__')"
    [ -e "$DEST/bin/$name" ] || cp "$f" "$DEST/bin/$name"
    chmod 0755 "$DEST/bin/$name"
  done
}

# ---- Debian (bookworm): packages that ship Go programs ----
DEB_PKGS="docker.io containerd runc restic hugo gh rclone syncthing podman buildah skopeo etcd-server etcd-client
prometheus prometheus-node-exporter prometheus-alertmanager caddy mtail age fzf direnv git-lfs golang-golang-x-tools
delve gopls shfmt gocryptfs rootlesskit containernetworking-plugins lxd micro gdu duf packer gobuster influxdb
golang-1.19-go minica mkcert yggdrasil hub snapd protoc-gen-go golang-goprotobuf-dev kubernetes-client elvish"
( cd "$DEST/deb" || exit 1
  for p in $DEB_PKGS; do
    ls "${p}"_*.deb >/dev/null 2>&1 || apt-get download -q "$p" >/dev/null 2>&1 || log "apt: $p not downloaded"
  done )
for d in "$DEST"/deb/*.deb; do
  [ -e "$d" ] || continue
  p=$(basename "$d" | cut -d_ -f1)
  x="$DEST/x/deb-$p"
  [ -d "$x" ] || dpkg-deb -x "$d" "$x"
  collect "$x" "deb-$p"
done

# ---- npm: Go CLIs published per platform ----
npm_get() { # npm_get NAME VERSION
  local key; key=$(echo "$1@$2" | tr '/@' '__')
  local x="$DEST/x/npm-$key"
  if [ ! -d "$x" ]; then
    local tgz
    tgz=$(cd "$DEST/npm" && npm pack --silent "$1@$2" 2>/dev/null | tail -1) || true
    if [ -z "$tgz" ] || [ ! -f "$DEST/npm/$tgz" ]; then log "npm: $1@$2 not available"; return; fi
    mkdir -p "$x" && tar -xzf "$DEST/npm/$tgz" -C "$x" && rm -f "$DEST/npm/$tgz"
  fi
  collect "$x" "npm-$key"
}
NEW_ESBUILD_PLATFORMS="linux-x64 linux-arm64 linux-ia32 linux-arm linux-s390x linux-ppc64 linux-mips64el linux-riscv64
linux-loong64 darwin-x64 darwin-arm64 win32-x64 win32-ia32 win32-arm64 freebsd-x64 netbsd-x64 openbsd-x64 sunos-x64 android-arm64"
NEW_ESBUILD_VERSIONS="0.16.17 0.17.19 0.18.20 0.19.12 0.20.2 0.21.5 0.22.0 0.23.1 0.24.2 0.25.0 0.25.12 0.26.0 0.27.0 0.28.2"
for v in $NEW_ESBUILD_VERSIONS; do for p in $NEW_ESBUILD_PLATFORMS; do npm_get "@esbuild/$p" "$v"; done; done
OLD_ESBUILD_PLATFORMS="linux-64 linux-32 linux-arm64 linux-arm linux-ppc64le linux-mips64le linux-s390x darwin-64 darwin-arm64
windows-64 windows-32 freebsd-64"
OLD_ESBUILD_VERSIONS="0.8.57 0.9.7 0.10.2 0.11.23 0.12.29 0.13.15 0.14.54 0.15.18"
for v in $OLD_ESBUILD_VERSIONS; do for p in $OLD_ESBUILD_PLATFORMS; do npm_get "esbuild-$p" "$v"; done; done
for v in 1.30.0 1.45.0 1.60.0 1.74.0; do
  for p in linux-x64 linux-aarch64 darwin-arm64 win32-x64; do npm_get "@bufbuild/buf-$p" "$v"; done
done

log "$(ls "$DEST/bin" | wc -l) Go binaries in $DEST/bin"

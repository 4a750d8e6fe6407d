#!/usr/bin/env bash
# Fetches one real multi-platform Go release whose binaries carry no build-info header: esbuild (its Go linker
# is patched not to write it since 0.27), 26 @esbuild/* platform packages plus esbuild-wasm, from npm.
# The executables land in DEST/bin named after their package (linux-x64, darwin-arm64, aix-ppc64, js-wasm...).
# Used by GoPlatformsOracleTest#realReleaseWithoutHeaders and GoWasmOracleTest. Nothing is executed.
#
#   bench/esbuild-release.sh [VERSION] [DEST]      defaults: 0.28.2, /tmp/esbuild-rel
set -euo pipefail
VERSION=${1:-0.28.2}
DEST=${2:-/tmp/esbuild-rel}
mkdir -p "$DEST/bin" "$DEST/x"
cd "$DEST"
for p in aix-ppc64 android-arm android-arm64 android-x64 darwin-arm64 darwin-x64 freebsd-arm64 freebsd-x64 \
  linux-arm linux-arm64 linux-ia32 linux-loong64 linux-mips64el linux-ppc64 linux-riscv64 linux-s390x linux-x64 \
  netbsd-arm64 netbsd-x64 openbsd-arm64 openbsd-x64 openharmony-arm64 sunos-x64 win32-arm64 win32-ia32 win32-x64; do
  [ -e "bin/$p" ] && continue
  t=$(npm pack --silent "@esbuild/$p@$VERSION" 2>/dev/null) || { echo "esbuild-release: @esbuild/$p not fetched" >&2; continue; }
  mkdir -p "x/$p" && tar xzf "$t" -C "x/$p"
  f=$(find "x/$p" -type f \( -name esbuild -o -name esbuild.exe -o -name '*.wasm' \) | head -1)
  [ -n "$f" ] && cp "$f" "bin/$p" && chmod +x "bin/$p"
done
if [ ! -e bin/js-wasm ]; then
  t=$(npm pack --silent "esbuild-wasm@$VERSION") && mkdir -p x/wasm && tar xzf "$t" -C x/wasm \
    && cp x/wasm/package/esbuild.wasm bin/js-wasm && chmod +x bin/js-wasm
fi
ls bin | wc -l

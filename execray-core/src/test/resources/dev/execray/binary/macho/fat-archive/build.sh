#!/usr/bin/env bash
# Builds libfat.a: a universal (fat) file whose two slices are static archives (x86_64 and arm64, BSD format,
# two Mach-O objects each), as lipo makes from per-architecture .a files. Needs clang-14, llvm-ar-14,
# llvm-lipo-14 (Debian: clang-14, llvm-14). The result is committed; FatArchiveTest reads it, and
# FatArchiveOracleTest rebuilds it and compares with llvm-nm --arch=all.
set -euo pipefail
export LC_ALL=C ZERO_AR_DATE=1
here=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)
out=${1:-$here/libfat.a}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
printf 'int foo(void) { return 42; }\nint foo_data = 7;\nextern int ext(void);\nint callext(void) { return ext(); }\n' >foo.c
printf 'int bar(void) { return 1; }\n' >bar.c
for a in x86_64 arm64; do
  mkdir "$a"
  clang-14 -target "$a-apple-macos11" -O1 -c foo.c -o "$a/foo.o"
  clang-14 -target "$a-apple-macos11" -O1 -c bar.c -o "$a/bar.o"
  (cd "$a" && llvm-ar-14 rcsD --format=darwin "../lib-$a.a" foo.o bar.o)
done
llvm-lipo-14 -create lib-x86_64.a lib-arm64.a -output "$out"

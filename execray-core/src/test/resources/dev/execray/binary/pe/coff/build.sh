#!/usr/bin/env bash
# Builds the bare COFF objects CoffObjectFileTest reads: one small C file for x86-64 (MSVC ABI) and i386, with
# -mno-incremental-linker-compatible so that TimeDateStamp is 0 and the output is reproducible. Needs clang-14.
set -euo pipefail
here=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat >"$tmp/obj.c" <<'C'
int foo(void) { return 42; }
int data = 7;
extern int ext(void);
int callext(void) { return ext() + data; }
static int loc(void) { return 1; }
int (*p)(void) = loc;
C
clang-14 --target=x86_64-pc-windows-msvc -mno-incremental-linker-compatible -O1 -c "$tmp/obj.c" -o "$here/obj-x86_64.obj"
clang-14 --target=i686-pc-windows-msvc -mno-incremental-linker-compatible -O1 -c "$tmp/obj.c" -o "$here/obj-i386.obj"

#!/usr/bin/env python3
"""Which files do ldd-like tools resolve differently from ldd itself? For each file of a list, the set of
libraries (canonical paths, and names not found; the dynamic loader itself left out) is compared with
ldd's: execray (one run, --json), lddtree -l (pax-utils) and libtree -p -vv. Prints the number of
disagreeing files per tool and the files themselves.

Usage: bench/ldd-accuracy.py LIST    (one path per line, e.g. from bench/dynamic-elf-list.py)"""
import json
import os
import re
import subprocess
import sys

LDD_ARROW = re.compile(r"^\t(.+?) => (.+?) \(0x[0-9a-f]+\)$")
LDD_SINGLE = re.compile(r"^\t(.+?) \(0x[0-9a-f]+\)$")
LDD_MISSING = re.compile(r"^\t(.+) => not found$")
LIBTREE_FOUND = re.compile(r"(/[^ ]+) \[")
LIBTREE_MISSING = re.compile(r"([^ ]+) not found")
ENV = dict(os.environ, PATH="/usr/bin:/bin:" + os.environ.get("PATH", ""))


def canon(p):
    try:
        return os.path.realpath(p)
    except OSError:
        return p


def is_loader(p):
    return os.path.basename(p).startswith("ld-linux")


def run(cmd):
    r = subprocess.run(cmd, capture_output=True, text=True, env=ENV, errors="replace")
    return r.stdout


def ldd(f):
    s = set()
    for line in run(["ldd", f]).splitlines():
        m = LDD_MISSING.match(line)
        if m:
            s.add("not found:" + m.group(1))
            continue
        m = LDD_ARROW.match(line) or LDD_SINGLE.match(line)
        if m:
            p = m.group(2) if m.re is LDD_ARROW else m.group(1)
            if p.startswith("/") and not is_loader(p):
                s.add(canon(p))
    return s


def lddtree(f):
    s = set()
    for line in run(["lddtree", "-l", f]).splitlines()[1:]:
        line = line.strip()
        if not line:
            continue
        if line.startswith("/"):
            if not is_loader(line):
                s.add(canon(line))
        else:
            s.add("not found:" + line)
    return s


def libtree(f):
    s = set()
    for line in run(["libtree", "-p", "-vv", f]).splitlines()[1:]:
        m = LIBTREE_MISSING.search(line)
        if m:
            s.add("not found:" + m.group(1))
            continue
        m = LIBTREE_FOUND.search(line)
        if m and not is_loader(m.group(1)):
            s.add(canon(m.group(1)))
    return s


def execray(files, listfile):
    here = os.path.dirname(os.path.abspath(__file__))
    out = run([os.path.join(here, "..", "execray"), "ldd", "--json", "--as-ldd", "@" + listfile])
    data = json.loads(out)
    if isinstance(data, dict):
        data = [data]
    sets = {}
    for d in data:
        s = set()
        for o in d.get("objects", []):
            if o["kind"] == "not-found":
                s.add("not found:" + o["name"])
            elif o["kind"] in ("library", "interpreter", "preload") and "canonical" in o:
                if not is_loader(o["canonical"]):
                    s.add(o["canonical"])
        sets[d["file"]] = s
    return sets


def main():
    listfile = sys.argv[1]
    files = [l.strip() for l in open(listfile) if l.strip()]
    ours = execray(files, listfile)
    wrong = {"execray": [], "lddtree": [], "libtree": []}
    for f in files:
        truth = ldd(f)
        for name, got in (("execray", ours.get(f, {"missing"})), ("lddtree", lddtree(f)), ("libtree", libtree(f))):
            if got != truth:
                wrong[name].append((f, sorted(got - truth), sorted(truth - got)))
    for name, w in wrong.items():
        print(f"{name}: {len(w)} of {len(files)} files resolved differently from ldd")
        for f, extra, missing in w[:20]:
            print(f"  {f}\n    only {name}: {extra[:4]}\n    only ldd: {missing[:4]}")


if __name__ == "__main__":
    main()

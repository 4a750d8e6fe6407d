#!/usr/bin/env python3
"""Lists the dynamically linked ELF files of one machine under a directory: regular files (not
symlinks) that are ET_EXEC or ET_DYN of the given e_machine and have a PT_DYNAMIC segment with file
bytes. The list the ldd benchmark and the ldd oracle run over."""
import os
import struct
import sys

top = sys.argv[1] if len(sys.argv) > 1 else "/usr"
machine = int(sys.argv[2]) if len(sys.argv) > 2 else 62
out = []
for d, _, names in os.walk(top):
    for n in names:
        p = os.path.join(d, n)
        try:
            if os.path.islink(p) or not os.path.isfile(p):
                continue
            with open(p, "rb") as f:
                h = f.read(64)
                if len(h) < 64 or h[:4] != b"\x7fELF" or h[4] != 2 or h[5] != 1:
                    continue
                etype, emach = struct.unpack_from("<HH", h, 16)
                if emach != machine or etype not in (2, 3):
                    continue
                phoff, = struct.unpack_from("<Q", h, 32)
                phentsize, phnum = struct.unpack_from("<HH", h, 54)
                f.seek(phoff)
                ph = f.read(phentsize * phnum)
                for i in range(phnum):
                    ptype, = struct.unpack_from("<I", ph, i * phentsize)
                    filesz, = struct.unpack_from("<Q", ph, i * phentsize + 32)
                    if ptype == 2 and filesz > 0:
                        out.append(p)
                        break
        except (OSError, struct.error):
            continue
for p in sorted(out):
    print(p)

# execray oracle harness: for each line "dir\tpath" on stdin, run subprocess.run([path]) in dir and
# print on one line what Python says: "Class: message" for an exception, or "RAN <returncode>".
import subprocess
import sys

for line in sys.stdin:
    d, p = line.rstrip("\n").split("\t", 1)
    try:
        r = subprocess.run([p], cwd=d, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=20)
        print("RAN %d" % r.returncode, flush=True)
    except OSError as e:
        print("%s: %s" % (type(e).__name__, e), flush=True)

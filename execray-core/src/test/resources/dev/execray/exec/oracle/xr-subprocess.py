# execray oracle harness: subprocess.run([argv[1]]) with the inherited PATH; print RAN or the exception.
import subprocess
import sys

try:
    subprocess.run([sys.argv[1]], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=20)
    print("RAN")
except OSError as e:
    print("%s: %s" % (type(e).__name__, e))

# The start every tree generator shares: SEED and DIR from the command line, random seeded with SEED,
# DIR emptied, and w(path, text) writing a file below DIR (directories created).
import os, random, shutil, sys

def start():
    seed = int(sys.argv[1]); out = sys.argv[2]
    random.seed(seed)
    shutil.rmtree(out, ignore_errors=True)
    def w(p, s):
        os.makedirs(os.path.dirname(os.path.join(out, p)), exist_ok=True)
        open(os.path.join(out, p), 'w').write(s)
    return seed, out, w

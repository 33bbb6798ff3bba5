#!/usr/bin/env python3
"""npz.py OUT.npz NAME=R[xC]:v,v,... ... - writes float32 arrays as a NumPy
.npz archive with the standard library only (no NumPy needed): hand-set
weights for mlp --init-from (W of shape out x in, as docs/NPZ.md says)."""
import struct, sys, zipfile

def npy(shape, values):
    header = "{'descr': '<f4', 'fortran_order': False, 'shape': (%s), }" % (
        ", ".join(str(s) for s in shape) + ("," if len(shape) == 1 else ""))
    pad = 64 - (10 + len(header) + 1) % 64
    header = header + " " * (pad % 64) + "\n"
    return b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)) + header.encode() + \
        struct.pack("<%df" % len(values), *values)

def main(argv):
    if len(argv) < 3:
        sys.exit(__doc__)
    with zipfile.ZipFile(argv[1], "w") as z:
        for spec in argv[2:]:
            name, rest = spec.split("=", 1)
            dims, vals = rest.split(":", 1)
            shape = [int(d) for d in dims.split("x")]
            values = [float(v) for v in vals.split(",")]
            n = 1
            for d in shape:
                n *= d
            if n != len(values):
                sys.exit("npz.py: %s: %d values for shape %s" % (name, len(values), dims))
            z.writestr(name + ".npy", npy(shape, values))

if __name__ == "__main__":
    main(sys.argv)

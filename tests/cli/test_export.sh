# mlp export and --init-from: weights to and from NumPy.
. "$(dirname "$0")/lib.sh"
PY=/usr/bin/python3

expect_status "train a 2-5-4-2 model" 0 "$MLP" train --data xor --layers 5,4 --epochs 2 --quiet --out "$T/m.mlp"
expect_status "export" 0 "$MLP" export "$T/m.mlp" "$T/m.npz"
expect_true "NumPy reads W1,b1,W2,b2,W3,b3 with out x in shapes" $PY -c "
import numpy as np, sys
z = np.load('$T/m.npz')
want = {'W1': (5, 2), 'b1': (5,), 'W2': (4, 5), 'b2': (4,), 'W3': (2, 4), 'b3': (2,)}
ok = sorted(z.files) == sorted(want) and all(z[k].shape == s and z[k].dtype == np.float32 for k, s in want.items())
sys.exit(0 if ok else 1)"
expect_status "export twice" 0 "$MLP" export "$T/m.mlp" "$T/m2.npz"
expect_true "exports are byte-identical" cmp -s "$T/m.npz" "$T/m2.npz"

# An archive written by NumPy round-trips unchanged through mlp.
$PY - "$T/np.npz" <<'PY'
import sys, numpy as np
r = np.random.default_rng(7)
np.savez(sys.argv[1], W1=r.normal(size=(7, 3)).astype(np.float32), b1=r.normal(size=7).astype(np.float32),
         W2=r.normal(size=(2, 7)).astype(np.float32), b2=r.normal(size=2).astype(np.float32))
PY
printf '0,0.5,-1,2\n1,1,0,-0.5\n' > "$T/three.csv"
expect_status "--init-from --epochs 0" 0 "$MLP" train --data "csv:$T/three.csv" --init-from "$T/np.npz" --epochs 0 --out "$T/r.mlp" --quiet
expect_status "export the round trip" 0 "$MLP" export "$T/r.mlp" "$T/r.npz"
expect_true "NumPy weights unchanged after the round trip" $PY -c "
import numpy as np, sys
a, b = np.load('$T/np.npz'), np.load('$T/r.npz')
sys.exit(0 if sorted(a.files) == sorted(b.files) and all(np.array_equal(a[k], b[k]) for k in a.files) else 1)"
$PY -c "
import numpy as np
r = np.random.default_rng(3)
np.savez_compressed('$T/f64.npz', W1=r.normal(size=(2, 3)), b1=np.zeros(2))"
expect_status "float64 compressed archive loads" 0 "$MLP" train --data "csv:$T/three.csv" --init-from "$T/f64.npz" --epochs 1 --quiet
expect_status "--layers conflicts with --init-from" 2 "$MLP" train --data "csv:$T/three.csv" --init-from "$T/np.npz" --layers 3
one_line_error "--layers with --init-from"
expect_status "width mismatch with the data" 65 "$MLP" train --data circles --init-from "$T/np.npz" --epochs 0
one_line_error "width mismatch"

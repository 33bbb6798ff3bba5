# mlp grad and mlp gradcheck: seed 000's worked example, every activation
# and loss through the gradient check, and logits of +-1000.
. "$(dirname "$0")/lib.sh"
PY=/usr/bin/python3
DBL=${MLP_DOUBLE_BIN:-$MLP}

# E0a: 2-3-2 sigmoid, softmax out, x = (1,-1), class 0 (our orientation).
echo "0,1,-1" > "$T/x.csv"
$PY - "$T/w.npz" <<'PY'
import sys, numpy as np
np.savez(sys.argv[1], W1=np.array([[1,-1],[1,-1],[1,-1]], np.float32), b1=np.zeros(3, np.float32),
         W2=np.array([[1,-1,-1],[1,-1,-1]], np.float32), b2=np.zeros(2, np.float32))
PY
for bin in "$MLP" "$DBL"; do
    expect_status "E0a grad runs ($bin)" 0 "$bin" grad --init-from "$T/w.npz" --act sigmoid --data "csv:$T/x.csv" --json
    expect_true "E0a values to 6 decimals ($bin)" $PY - "$T/out" <<'PY'
import sys, json
d = json.loads(open(sys.argv[1]).read().strip().splitlines()[-1])
g = d["grads"]
def close(a, b): return abs(a - b) < 5e-7
ok = close(d["loss"], 0.693147) and all(close(v, 0.5) for v in d["outputs"][0])
ok &= all(close(v, -0.440399) for v in g["W2"][0]) and all(close(v, 0.440399) for v in g["W2"][1])
ok &= close(g["b2"][0], -0.5) and close(g["b2"][1], 0.5)
ok &= all(v == 0 for row in g["W1"] for v in row) and all(v == 0 for v in g["b1"])
sys.exit(0 if ok else 1)
PY
done
expect_status "grad text output" 0 "$MLP" grad --init-from "$T/w.npz" --act sigmoid --data "csv:$T/x.csv"
expect_true "grad text shows loss and dW2" grep -q "loss 0.693147" "$T/out"
expect_true "grad text shows -0.440399" grep -q -- "-0.440399" "$T/out"

# grad from a saved model gives the same numbers as from the .npz.
expect_status "model from npz" 0 "$MLP" train --init-from "$T/w.npz" --act sigmoid --data "csv:$T/x.csv" --epochs 0 --out "$T/e0a.mlp" --quiet
expect_status "grad MODEL" 0 "$MLP" grad "$T/e0a.mlp" --data "csv:$T/x.csv" --json
expect_true "grad MODEL equals E0a" grep -q '"b2":\[-0.5,0.5\]' "$T/out"

# Logits of +-1000: a one-layer net W = [[1000,0],[-1000,0]], x = (1,0).
printf '1,1,0\n' > "$T/big.csv"
$PY - "$T/big.npz" <<'PY'
import sys, numpy as np
np.savez(sys.argv[1], W1=np.array([[1000,0],[-1000,0]], np.float32), b1=np.zeros(2, np.float32))
PY
expect_status "logits +-1000" 0 "$MLP" grad --init-from "$T/big.npz" --act relu --data "csv:$T/big.csv" --json
expect_true "loss 2000 and exact gradient at +-1000" $PY - "$T/out" <<'PY'
import sys, json
d = json.loads(open(sys.argv[1]).read().strip().splitlines()[-1])
g = d["grads"]
ok = abs(d["loss"] - 2000) < 1e-3 and g["W1"] == [[1, 0], [-1, 0]] and g["b1"] == [1, -1]
sys.exit(0 if ok else 1)
PY

# Every activation x loss x depth in the double build: max relative error <= 1e-7.
for loss in ce mse; do
    for layers in 6 6,5 6,5,4; do
        for act in sigmoid tanh relu leaky-relu identity; do
            expect_status "gradcheck double $act $loss $layers" 0 "$DBL" gradcheck --act "$act" --loss "$loss" --layers "$layers" --tol 1e-7
        done
    done
done
# And the float build passes its own tolerance.
for act in sigmoid tanh relu leaky-relu identity; do
    expect_status "gradcheck float $act" 0 "$MLP" gradcheck --act "$act" --layers 6,5
done
expect_status "gradcheck json" 0 "$DBL" gradcheck --json
expect_true "gradcheck json names tensors" grep -q '"W1":.*"b2":.*"pass":true' "$T/out"
expect_status "gradcheck fails above tolerance" 1 "$MLP" gradcheck --tol 1e-15
expect_status "gradcheck on data" 0 "$DBL" gradcheck --data circles --samples 8
expect_status "grad needs data" 2 "$MLP" grad --init-from "$T/w.npz"
one_line_error "grad needs data"
expect_status "grad needs weights" 2 "$MLP" grad --data circles

# --threads: the same model, byte for byte, whatever the thread count (work
# is split by whole output tiles, never inside a sum), with layers wide
# enough that every product is split.
. "$(dirname "$0")/lib.sh"

F=(--data circles --n 2000 --layers 160,160 --act tanh --batch 128 --epochs 2 --quiet)
for t in 1 2 3; do
    expect_status "train on $t threads" 0 "$MLP" train "${F[@]}" --threads "$t" --out "$T/t$t.mlp"
done
expect_true "2 threads: the same model as 1" cmp -s "$T/t1.mlp" "$T/t2.mlp"
expect_true "3 threads: the same model as 1" cmp -s "$T/t1.mlp" "$T/t3.mlp"
expect_status "eval on 1 thread" 0 "$MLP" eval "$T/t1.mlp" --data circles --n 2000 --threads 1 --json
cp "$T/out" "$T/e1"
expect_status "eval on 2 threads" 0 "$MLP" eval "$T/t1.mlp" --data circles --n 2000 --threads 2 --json
expect_true "the same evaluation" cmp -s "$T/out" "$T/e1"

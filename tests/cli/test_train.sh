# mlp train: accuracy on circles, reproducibility, logs, JSON, divergence.
. "$(dirname "$0")/lib.sh"
PY=/usr/bin/python3

expect_status "circles 2-10-2 tanh trains" 0 "$MLP" train --data circles --layers 10 --act tanh --json --out "$T/a.mlp" --log "$T/a.csv"
expect_true "circles test accuracy >= 0.95" $PY -c "
import json,sys; d=json.loads(open('$T/out').read().strip().splitlines()[-1])
sys.exit(0 if d['test_acc'] >= 0.95 else 1)"
expect_true "JSON has every contract key" $PY -c "
import json,sys; d=json.loads(open('$T/out').read().strip().splitlines()[-1])
keys={'epochs','train_loss','train_acc','val_loss','val_acc','test_loss','test_acc','train_seconds','samples_per_second'}
sys.exit(0 if keys <= set(d) and d['val_loss'] is None and d['epochs'] == 20 else 1)"
expect_true "per-epoch lines on stdout" test "$(grep -c '^epoch ' "$T/out")" -eq 40
expect_true "log header" test "$(head -1 "$T/a.csv")" = "epoch,iter,split,loss,acc,lr,seconds"
expect_true "log has train and test rows per epoch" test "$(grep -c ',train,' "$T/a.csv")" -eq 20 -a "$(grep -c ',test,' "$T/a.csv")" -eq 20

expect_status "same seed again" 0 "$MLP" train --data circles --layers 10 --act tanh --out "$T/b.mlp" --quiet
expect_true "same seed gives byte-identical models" cmp -s "$T/a.mlp" "$T/b.mlp"
expect_status "other seed" 0 "$MLP" train --data circles --layers 10 --act tanh --out "$T/c.mlp" --quiet --seed 2
expect_true "another seed gives another model" bash -c "! cmp -s '$T/a.mlp' '$T/c.mlp'"
expect_true "--quiet prints no epoch lines" test ! -s "$T/out"

# Every activation and both losses train (step is forward-only).
for act in sigmoid tanh relu leaky-relu identity; do
    for loss in ce mse; do
        expect_status "train $act $loss" 0 "$MLP" train --data xor --layers 8,8 --act "$act" --loss "$loss" --epochs 2 --quiet
    done
done
expect_status "per-layer activations" 0 "$MLP" train --data xor --layers 8,4 --act relu,tanh --epochs 1 --quiet
expect_status "softmax regression (no hidden layer)" 0 "$MLP" train --data circles --layers none --epochs 1 --quiet
expect_status "step cannot be trained" 2 "$MLP" train --data xor --layers 4 --act step --epochs 1
one_line_error "step cannot be trained"
expect_status "step runs forward with --epochs 0" 0 "$MLP" train --data xor --layers 4 --act step --epochs 0 --quiet
for init in zeros normal:0.01 uniform:0.1 xavier xavier-uniform he lecun maxfan pytorch; do
    expect_status "init $init" 0 "$MLP" train --data xor --layers 4 --init "$init" --bias-init "$init" --epochs 1 --quiet
done
expect_status "online SGD (batch 1)" 0 "$MLP" train --data circles --n 100 --layers 4 --batch 1 --epochs 1 --quiet
expect_status "full batch" 0 "$MLP" train --data circles --n 100 --layers 4 --batch 100000 --epochs 1 --quiet

# Divergence: lr 5, batch 1 on circles stops with exit 1 and keeps the old model.
cp "$T/a.mlp" "$T/keep.mlp"
expect_status "lr 1e5 batch 1 diverges" 1 "$MLP" train --data circles --layers 10 --act tanh --lr 100000 --batch 1 --loss mse --out "$T/keep.mlp"
one_line_error "divergence"
expect_true "divergence message names the iteration and suggests --lr" grep -q "iteration .*--lr" "$T/err"
expect_true "diverged run leaves the model untouched" cmp -s "$T/a.mlp" "$T/keep.mlp"

# CSV with a header row.
printf 'label,x,y\n0,0.1,0.2\n1,0.9,0.8\n0,0.2,0.1\n1,0.8,0.9\n' > "$T/h.csv"
expect_status "csv with a header trains" 0 "$MLP" train --data "csv:$T/h.csv" --layers 3 --epochs 5 --batch 2 --quiet --out "$T/h.mlp"
expect_status "csv train and test files" 0 "$MLP" train --data "csv:$T/h.csv,$T/h.csv" --layers 3 --epochs 5 --batch 2 --json
expect_true "csv test accuracy reported" grep -q '"test_acc":[0-9]' "$T/out"

# --val holds out the last rows; metrics and JSON carry the val split.
expect_status "--val 200" 0 "$MLP" train --data circles --layers 10 --act tanh --epochs 2 --val 200 --json --log "$T/v.csv"
expect_true "val metrics in JSON" grep -q '"val_loss":[0-9].*"val_acc":[0-9]' "$T/out"
expect_true "val rows in the log" test "$(grep -c ',val,' "$T/v.csv")" -eq 2
expect_status "--val 0.25" 0 "$MLP" train --data circles --epochs 1 --val 0.25 --quiet
for bad in 0 -3 1.5 1000 abc; do
    expect_status "--val $bad refused" 2 "$MLP" train --data circles --epochs 1 --val "$bad"
done
one_line_error "--val abc"

# --standardize: features around 1000 with a spread of 1 are hopeless for
# plain SGD as they are, and easy once standardised with training statistics.
$PY - "$T/far.csv" "$T/far-test.csv" <<'PY'
import sys, numpy as np
r = np.random.default_rng(5)
for path in sys.argv[1:]:
    c = r.integers(0, 2, 600); t = r.uniform(0, 2 * np.pi, 600); rad = np.where(c == 1, 0.5, 1.0)
    x = np.c_[rad * np.cos(t), rad * np.sin(t)] + 1000
    np.savetxt(path, np.c_[c, x], fmt=["%d", "%.6f", "%.6f"], delimiter=",")
PY
expect_status "standardized training" 0 "$MLP" train --data "csv:$T/far.csv,$T/far-test.csv" --layers 10 --act tanh --standardize --json --out "$T/std.mlp"
expect_true "standardized run learns (test acc >= 0.95)" $PY -c "
import json,sys; d=json.loads(open('$T/out').read().strip().splitlines()[-1]); sys.exit(0 if d['test_acc'] >= 0.95 else 1)"
expect_status "grad on the standardized model" 0 "$MLP" grad "$T/std.mlp" --data "csv:$T/far-test.csv" --json
expect_true "the model applies its scaling (low loss on far data)" $PY -c "
import json,sys; d=json.loads(open('$T/out').read().strip().splitlines()[-1]); sys.exit(0 if d['loss'] < 0.3 else 1)"
expect_status "unstandardized training" 0 "$MLP" train --data "csv:$T/far.csv,$T/far-test.csv" --layers 10 --act tanh --json
expect_true "without --standardize the same run does not learn" $PY -c "
import json,sys; d=json.loads(open('$T/out').read().strip().splitlines()[-1]); sys.exit(0 if not d['test_acc'] or d['test_acc'] < 0.8 else 1)"

# Seed 002's lr 5, batch 1 on circles: the loss blows up; exit 1 with the message.
cp "$T/a.mlp" "$T/keep2.mlp"
expect_status "circles lr 5 batch 1 diverges" 1 "$MLP" train --data circles --layers 10 --act tanh --lr 5 --batch 1 --out "$T/keep2.mlp"
one_line_error "lr 5 divergence"
expect_true "message names epoch and iteration" grep -q "epoch 1 (iteration 1000).*smaller --lr" "$T/err"
expect_true "existing model untouched after divergence" cmp -s "$T/a.mlp" "$T/keep2.mlp"

# Optimisers, schedules, sampling, regularisation, eval-every, early stopping.
for opt in sgd momentum nesterov adagrad rmsprop adam; do
    expect_status "optimiser $opt" 0 "$MLP" train --data circles --layers 10 --act tanh --opt "$opt" --lr 0.01 --epochs 2 --quiet
done
for sched in const linear:100:0.001 step:2:0.5 exp:0.9 cosine cosine:3; do
    expect_status "schedule $sched" 0 "$MLP" train --data circles --layers 4 --schedule "$sched" --epochs 5 --quiet --log "$T/s.csv"
done
expect_true "cosine:3 is at lr 0 from epoch 4 on" test "$(tail -1 "$T/s.csv" | cut -d, -f6)" = "0"
expect_status "bad schedule" 2 "$MLP" train --schedule linear:0:1
one_line_error "bad schedule"
expect_status "bad optimiser" 2 "$MLP" train --opt adamw
expect_status "bad sample" 2 "$MLP" train --sample bootstrap
expect_status "dropout 1 refused" 2 "$MLP" train --dropout 1
expect_status "sampling with replacement" 0 "$MLP" train --data circles --layers 4 --sample replace --batch 100 --epochs 2 --quiet --log "$T/r.csv"
expect_true "replace: ceil(n/batch) steps an epoch" grep -q '^2,20,train,' "$T/r.csv"
expect_status "eval every 25 steps" 0 "$MLP" train --data circles --n 400 --layers 4 --batch 16 --epochs 2 --eval-every 25 --val 100 --quiet --log "$T/e.csv"
# 300 training rows in batches of 16: 19 steps an epoch, so step 25 is in epoch 2.
expect_true "eval-every rows at iteration 25" bash -c "grep -q '^2,25,train,' '$T/e.csv' && grep -q '^2,25,val,' '$T/e.csv' && grep -q '^2,25,test,' '$T/e.csv'"
expect_status "early stop needs --val" 2 "$MLP" train --early-stop 2
expect_status "early stopping" 0 "$MLP" train --data circles --layers 10 --act tanh --opt adam --lr 0.5 --epochs 200 --val 300 --early-stop 3 --json --quiet
expect_true "early stopping stopped before 200 epochs" $PY -c "
import json,sys; d=json.loads(open('$T/out').read().strip().splitlines()[-1]); sys.exit(0 if d['epochs'] < 200 else 1)"
expect_status "dropout and l2 train" 0 "$MLP" train --data circles --layers 32 --act relu --dropout 0.3 --l2 1e-3 --json --quiet
expect_true "dropout run still learns" $PY -c "
import json,sys; d=json.loads(open('$T/out').read().strip().splitlines()[-1]); sys.exit(0 if d['test_acc'] > 0.9 else 1)"

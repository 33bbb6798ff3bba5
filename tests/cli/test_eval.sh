# mlp eval: metrics equal the training run's, confusion matrix, JSON, errors.
. "$(dirname "$0")/lib.sh"
PY=/usr/bin/python3

expect_status "train" 0 "$MLP" train --data circles --layers 10 --act tanh --val 200 --out "$T/m.mlp" --json --quiet
cp "$T/out" "$T/train.json"
expect_status "eval --json" 0 "$MLP" eval "$T/m.mlp" --data circles --json
expect_true "eval accuracy and loss equal the training run's final test metrics" $PY -c "
import json,sys
t=json.loads(open('$T/train.json').read().strip().splitlines()[-1]); e=json.loads(open('$T/out').read().strip().splitlines()[-1])
sys.exit(0 if e['accuracy'] == t['test_acc'] and abs(e['loss'] - t['test_loss']) < 1e-6 else 1)"
expect_true "confusion matrix, precision, recall and F1 agree" $PY -c "
import json,sys
e=json.loads(open('$T/out').read().strip().splitlines()[-1]); c=e['confusion']; k=len(c)
ok = sum(map(sum, c)) == e['n'] == 1000 and abs(sum(c[i][i] for i in range(k)) / e['n'] - e['accuracy']) < 1e-12
for i in range(k):
    p = c[i][i] / sum(c[j][i] for j in range(k)); r = c[i][i] / sum(c[i]); f = 2*p*r/(p+r)
    ok &= abs(p - e['precision'][i]) < 1e-6 and abs(r - e['recall'][i]) < 1e-6 and abs(f - e['f1'][i]) < 1e-6
sys.exit(0 if ok else 1)"
expect_status "eval --split val" 0 "$MLP" eval "$T/m.mlp" --data circles --val 200 --split val --json
expect_true "val split equals the training run's val metrics" $PY -c "
import json,sys
t=json.loads(open('$T/train.json').read().strip().splitlines()[-1]); e=json.loads(open('$T/out').read().strip().splitlines()[-1])
sys.exit(0 if e['n'] == 200 and e['accuracy'] == t['val_acc'] else 1)"
expect_status "eval --split train" 0 "$MLP" eval "$T/m.mlp" --data circles --val 200 --split train --json
expect_true "train split has 800 rows" grep -q '"n":800' "$T/out"
expect_status "eval table" 0 "$MLP" eval "$T/m.mlp" --data circles
expect_true "table shows the confusion matrix and F1" bash -c "grep -q 'confusion matrix' '$T/out' && grep -q 'precision' '$T/out'"
expect_status "--split val without --val" 2 "$MLP" eval "$T/m.mlp" --data circles --split val
one_line_error "--split val without --val"
expect_status "bad split" 2 "$MLP" eval "$T/m.mlp" --split dev
expect_status "no model" 2 "$MLP" eval
expect_status "missing model" 66 "$MLP" eval "$T/none.mlp"
one_line_error "missing model"
head -c 40 "$T/m.mlp" > "$T/cut.mlp"
expect_status "truncated model" 65 "$MLP" eval "$T/cut.mlp" --data circles
one_line_error "truncated model"
cp "$T/m.mlp" "$T/flip.mlp"
$PY -c "
b = bytearray(open('$T/flip.mlp','rb').read()); b[len(b)//2] ^= 4; open('$T/flip.mlp','wb').write(b)"
expect_status "one flipped bit" 65 "$MLP" eval "$T/flip.mlp" --data circles
one_line_error "flipped bit"
printf '0,1,2,3\n1,3,2,1\n' > "$T/w.csv"
expect_status "model and data widths differ" 65 "$MLP" eval "$T/m.mlp" --data "csv:$T/w.csv,$T/w.csv"
one_line_error "width mismatch"

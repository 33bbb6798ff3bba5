#!/usr/bin/env bash
# E1a (seed 001, section 2): softmax regression 784-10 on MNIST, weights
# N(0, 0.01^2), biases 0, full-batch gradient descent, lr 0.03 (the best of
# the seed's 0.01-0.03) for 5000 iterations (the top of its 3000-5000); the
# ten weight vectors as 28x28 templates.
. "$(dirname "$0")/lib.sh"
ITERS=$(q 5000 20)
timed "$MLP" train --data mnist $QVAL --layers none --init normal:0.01 --batch 60000 --lr 0.03 --epochs "$ITERS" \
    --log "$OUT/run.csv" --out "$OUT/model.mlp" --json --quiet > "$OUT/train.txt"
timed "$MLP" plot "$OUT/run.csv" --title "E1a: softmax regression, full-batch GD, lr 0.03" --out "$OUT/curves.png"
timed "$MLP" plot --kind weights "$OUT/model.mlp" --out "$OUT/templates.png"
acc=$(jget "$OUT/train.txt" test_acc)
put title "E1a: softmax regression on MNIST, full-batch gradient descent"
put setting "--data mnist --layers none --init normal:0.01 --batch 60000 --lr 0.03 --epochs $ITERS (one step per epoch)"
put seed "about 90% test (\"difficult to reach 90%\"); the 10 weight vectors as 28x28 images"
put ours "test acc $(pct "$acc")"
put meets "$(yesno ge "$acc" 0.90)"
put picture templates.png
put picture curves.png
finish

#!/usr/bin/env bash
# E1c (seed 001, section 4): 784-100-10 ReLU on MNIST, N(0, 0.01^2) weights,
# zero biases, SGD lr 0.8, batches of 1500 drawn with replacement, 50 epochs,
# metrics every 5 iterations.
. "$(dirname "$0")/lib.sh"
EPOCHS=$(q 50 2)
timed "$MLP" train --data mnist $QVAL --layers 100 --act relu --init normal:0.01 --batch 1500 --sample replace --lr 0.8 \
    --epochs "$EPOCHS" --eval-every 5 --log "$OUT/run.csv" --out "$OUT/model.mlp" --json --quiet > "$OUT/train.txt"
timed "$MLP" plot "$OUT/run.csv" --against iter --title "E1c: 784-100-10 ReLU, lr 0.8, batch 1500" --out "$OUT/curves.png"
timed "$MLP" plot --kind weights "$OUT/model.mlp" --out "$OUT/weights.png"
acc=$(jget "$OUT/train.txt" test_acc)
put title "E1c: 784-100-10 ReLU on MNIST, SGD lr 0.8, batch 1500"
put setting "--layers 100 --act relu --init normal:0.01 --batch 1500 --sample replace --lr 0.8 --epochs $EPOCHS --eval-every 5"
put seed "test 97.75%"
put ours "test $(pct "$acc")"
put meets "$(yesno ge "$acc" 0.9775)"
put picture curves.png
put picture weights.png
finish

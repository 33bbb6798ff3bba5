#!/usr/bin/env bash
# E1d (seed 001, section 4): E1c with three hidden layers of 100.
. "$(dirname "$0")/lib.sh"
EPOCHS=$(q 50 2)
timed "$MLP" train --data mnist $QVAL --layers 100,100,100 --act relu --init normal:0.01 --batch 1500 --sample replace --lr 0.8 \
    --epochs "$EPOCHS" --eval-every 5 --log "$OUT/run.csv" --out "$OUT/model.mlp" --json --quiet > "$OUT/train.txt"
timed "$MLP" plot "$OUT/run.csv" --against iter --title "E1d: 784-100-100-100-10 ReLU, lr 0.8, batch 1500" --out "$OUT/curves.png"
acc=$(jget "$OUT/train.txt" test_acc)
put title "E1d: 784-100-100-100-10 ReLU on MNIST, as E1c"
put setting "--layers 100,100,100 --act relu --init normal:0.01 --batch 1500 --sample replace --lr 0.8 --epochs $EPOCHS --eval-every 5"
put seed "about 93% test, unstable"
put ours "test $(pct "$acc")"
put meets "$(yesno ge "$acc" 0.93)"
put picture curves.png
finish

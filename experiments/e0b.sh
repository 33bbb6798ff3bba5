#!/usr/bin/env bash
# E0b (seed 000, question 4): the 2-3-2 sigmoid network trained with SGD on
# the synthetic elliptical set (mlp's `synth`); the training loss must drop.
. "$(dirname "$0")/lib.sh"
EPOCHS=$(q 50 5)
timed "$MLP" train --data synth --layers 3 --act sigmoid --init xavier --batch 1 --lr 0.1 \
    --epochs "$EPOCHS" --log "$OUT/run.csv" --out "$OUT/model.mlp" --json > "$OUT/train.txt"
timed "$MLP" plot "$OUT/run.csv" --out "$OUT/curves.png"
timed "$MLP" plot --kind regions "$OUT/model.mlp" --data synth --out "$OUT/regions.png"
first=$(awk -F, '$3 == "train" { print $4; exit }' "$OUT/run.csv")
lastl=$(jget "$OUT/train.txt" train_loss)
acc=$(jget "$OUT/train.txt" test_acc)
put title "E0b: 2-3-2 sigmoid on the synthetic elliptical set"
put setting "--data synth --layers 3 --act sigmoid --init xavier --batch 1 --lr 0.1 --epochs $EPOCHS"
put seed "the training loss drops (a plot)"
put ours "training loss $first (epoch 1) -> $lastl (epoch $EPOCHS); test accuracy $(pct "$acc")"
put meets "$(yesno ge "$first" "$lastl")"
put picture curves.png
put picture regions.png
finish

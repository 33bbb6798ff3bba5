#!/usr/bin/env bash
# E0c (seed 000, questions 5-6): 784-300-10 sigmoid on MNIST, the last 5000
# training images held out, Xavier normal weights and biases, lr 0.01,
# 5 epochs. The seed's "batch 64" only grouped its progress bar: its
# train() updates the weights after every sample, so this is online SGD
# (--batch 1); with true mini-batches of 64 at lr 0.01 every step would be
# 64 times smaller in total.
. "$(dirname "$0")/lib.sh"
EPOCHS=$(q 5 2)
timed "$MLP" train --data mnist --val "$(q 5000 59000)" --layers 300 --act sigmoid --init xavier --bias-init xavier \
    --batch 1 --lr 0.01 --epochs "$EPOCHS" --log "$OUT/run.csv" --out "$OUT/model.mlp" --json > "$OUT/train.txt"
timed "$MLP" plot "$OUT/run.csv" --out "$OUT/curves.png" --title "E0c: 784-300-10 sigmoid, online SGD lr 0.01"
timed "$MLP" plot --kind weights "$OUT/model.mlp" --tiles 100 --out "$OUT/weights.png"
acc=$(jget "$OUT/train.txt" test_acc)
loss=$(jget "$OUT/train.txt" test_loss)
secs=$(jget "$OUT/train.txt" train_seconds)
put title "E0c: 784-300-10 sigmoid on MNIST, 5000 held out"
put setting "--data mnist --val 5000 --layers 300 --act sigmoid --init xavier --bias-init xavier --batch 1 --lr 0.01 --epochs $EPOCHS"
put seed "test acc 94.26%, test loss 0.2069; about 92 s per epoch (NumPy)"
put ours "test acc $(pct "$acc"), test loss $(printf '%.4f' "$loss"); $(awk -v s="$secs" -v e="$EPOCHS" 'BEGIN { printf "%.1f", s / e }') s per epoch of training"
put meets "$(yesno ge "$acc" 0.9426)"
put note "online SGD as the seed's code does (its batch of 64 only sized the progress bar)"
put picture curves.png
put picture weights.png
finish

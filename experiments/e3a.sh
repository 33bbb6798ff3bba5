#!/usr/bin/env bash
# E3a (seed 003): 784-256-128-64-10 ReLU on Fashion-MNIST, PyTorch's default
# initialisation, SGD lr 0.02, batch 64, 50 epochs; test images with their
# predicted class and probability.
. "$(dirname "$0")/lib.sh"
EPOCHS=$(q 50 1)
timed "$MLP" train --data fashion-mnist $QVAL --layers 256,128,64 --act relu --init pytorch --bias-init pytorch \
    --batch 64 --lr 0.02 --epochs "$EPOCHS" --log "$OUT/run.csv" --out "$OUT/model.mlp" --json --quiet > "$OUT/train.txt"
timed "$MLP" plot "$OUT/run.csv" --title "E3a: Fashion-MNIST, 784-256-128-64-10 ReLU, SGD lr 0.02" --out "$OUT/curves.png"
timed "$MLP" plot --kind samples "$OUT/model.mlp" --data fashion-mnist --samples 24 --out "$OUT/samples.png"
timed "$MLP" plot --kind confusion "$OUT/model.mlp" --data fashion-mnist --out "$OUT/confusion.png"
acc=$(jget "$OUT/train.txt" test_acc)
put title "E3a: 784-256-128-64-10 ReLU on Fashion-MNIST"
put setting "--data fashion-mnist --layers 256,128,64 --act relu --init pytorch --bias-init pytorch --batch 64 --lr 0.02 --epochs $EPOCHS"
put seed "about 87% test; three test images with predicted class and probability"
put ours "test $(pct "$acc")"
put meets "$(yesno ge "$acc" 0.87)"
put picture samples.png
put picture curves.png
put picture confusion.png
finish

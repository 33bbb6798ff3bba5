#!/usr/bin/env bash
# E4 (seed 004): 784-32-10 tanh on MNIST, N(0, 0.3^2) weights and biases,
# mini-batch SGD batch 128, 50 epochs; the training accuracy.
#
# The seed's backward sums the gradient over the batch (its loss is the
# batch mean, its gradient has no 1/n), so its lr 0.01 is a step of
# 0.01 x 128 = 1.28 times the mean gradient; it also multiplies by an extra
# softmax derivative y(1 - y) (a bug: softmax with cross-entropy needs only
# y - t), which shrinks its steps. mlp's gradient is that of the batch mean
# loss, so we run both lr 0.01 as printed and lr 1.28, the seed's step.
. "$(dirname "$0")/lib.sh"
EPOCHS=$(q 50 1)
for LR in 0.01 1.28; do
    timed "$MLP" train --data mnist $QVAL --layers 32 --act tanh --init normal:0.3 --bias-init normal:0.3 --batch 128 \
        --lr $LR --epochs "$EPOCHS" --log "$OUT/run-$LR.csv" --out "$OUT/model-$LR.mlp" --json --quiet > "$OUT/train-$LR.txt"
done
timed "$MLP" plot "lr 0.01=$OUT/run-0.01.csv" "lr 1.28=$OUT/run-1.28.csv" \
    --title "E4: 784-32-10 tanh, batch 128" --out "$OUT/curves.png"
a1=$(jget "$OUT/train-0.01.txt" train_acc)
a2=$(jget "$OUT/train-1.28.txt" train_acc)
t2=$(jget "$OUT/train-1.28.txt" test_acc)
put title "E4: 784-32-10 tanh on MNIST, mini-batch SGD"
put setting "--layers 32 --act tanh --init normal:0.3 --bias-init normal:0.3 --batch 128 --epochs $EPOCHS, --lr 1.28 (the seed's step) and 0.01"
put seed "train acc 98.23% (running accuracy over the last epoch)"
put ours "train acc $(pct "$a2") (test $(pct "$t2")) at lr 1.28; $(pct "$a1") at lr 0.01 on the mean gradient"
put meets "$(yesno ge "$a2" 0.9823)"
put note "The seed's gradient is the batch sum, not the mean, so its lr 0.01 equals lr 1.28 on mlp's mean gradient; its backward also carries an extra softmax derivative y(1-y) (a bug). Our train_acc is the same running mean over the epoch's batches as the seed's. The seed does not shuffle; mlp does."
put picture curves.png
finish

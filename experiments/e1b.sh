#!/usr/bin/env bash
# E1b (seed 001, section 3): softmax regression with mini-batch SGD, batches
# of 150 and 1500 drawn with replacement, lr 0.01 decaying linearly to
# 0.0001, 300 epochs, metrics every 5 iterations.
#
# The seed's text keeps the rate constant for the final 5 iterations; its
# code resets the iteration counter every epoch with tau = iterations per
# epoch - 5, a sawtooth that decays from 0.01 to 0.0001 within each epoch.
# mlp's linear schedule counts steps over the whole run, so we decay once
# over the whole run: tau = all steps - 5, as the text says.
. "$(dirname "$0")/lib.sh"
EPOCHS=$(q 300 2)
for B in 150 1500; do
    steps=$(( (60000 + B - 1) / B * EPOCHS - 5 ))
    [ "$QUICK" = 1 ] && steps=$(( (1000 + B - 1) / B * EPOCHS + 1 ))
    timed "$MLP" train --data mnist $QVAL --layers none --init normal:0.01 --batch $B --sample replace --lr 0.01 \
        --schedule "linear:$steps:0.0001" --epochs "$EPOCHS" --eval-every 5 \
        --log "$OUT/run-$B.csv" --out "$OUT/model-$B.mlp" --json --quiet > "$OUT/train-$B.txt"
    timed "$MLP" plot --kind weights "$OUT/model-$B.mlp" --out "$OUT/templates-$B.png"
done
timed "$MLP" plot "batch 150=$OUT/run-150.csv" "batch 1500=$OUT/run-1500.csv" --against iter \
    --title "E1b: softmax regression, SGD with linear decay" --out "$OUT/curves.png"
a150=$(jget "$OUT/train-150.txt" test_acc)
a1500=$(jget "$OUT/train-1500.txt" test_acc)
put title "E1b: softmax regression, mini-batch SGD (150, 1500) with linear lr decay"
put setting "--layers none --init normal:0.01 --sample replace --lr 0.01 --schedule linear:TAU:0.0001 (TAU = all steps - 5) --epochs $EPOCHS --eval-every 5, --batch 150 and 1500"
put seed "test 87.21% (batch 150), 86.25% (batch 1500)"
put ours "test $(pct "$a150") (batch 150), $(pct "$a1500") (batch 1500)"
both() { ge "$a150" 0.8721 && ge "$a1500" 0.8625; }
put meets "$(yesno both)"
put note "the decay runs once over the whole run (the seed's text), not restarting every epoch (the seed's code)"
put picture templates-150.png
put picture templates-1500.png
put picture curves.png
finish

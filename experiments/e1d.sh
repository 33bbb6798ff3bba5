#!/usr/bin/env bash
# E1d (seed 001, section 4): E1c with three hidden layers of 100; the mean
# over 5 seeds (the seed report calls its runs unstable).
. "$(dirname "$0")/lib.sh"
EPOCHS=$(q 50 2)
REPEAT=$(q 5 2)
timed "$MLP" sweep --data mnist $QVAL --layers 100,100,100 --act relu --init normal:0.01 --batch 1500 --sample replace \
    --epochs "$EPOCHS" --eval-every 5 --grid lr=0.8 --repeat "$REPEAT" --out "$OUT/sweep"
timed "$MLP" plot --mean "$OUT"/sweep/runs/*/log.csv --against iter --title "E1d: 784-100-100-100-10 ReLU, lr 0.8, batch 1500, $REPEAT seeds" --out "$OUT/curves.png"
read -r acc sd lo hi < <(seedstats "$OUT/sweep/results.csv" test_acc)
put title "E1d: 784-100-100-100-10 ReLU on MNIST, as E1c"
put setting "--layers 100,100,100 --act relu --init normal:0.01 --batch 1500 --sample replace --lr 0.8 --epochs $EPOCHS --eval-every 5; mlp sweep --grid lr=0.8 --repeat $REPEAT (seeds 1-$REPEAT)"
put seed "about 93% test, unstable"
put ours "test $(pct "$acc") +- $(pct "$sd"), mean of $REPEAT seeds ($(pct "$lo") to $(pct "$hi"))"
put meets "$(yesno ge "$acc" 0.93)"
put picture curves.png
finish

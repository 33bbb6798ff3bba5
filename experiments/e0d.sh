#!/usr/bin/env bash
# E0d (seed 000, question 7.2): E0c over 4 seeds; mean and standard deviation
# of the curves (one mlp sweep with --repeat 4, one plot with --mean).
. "$(dirname "$0")/lib.sh"
EPOCHS=$(q 5 2)
timed "$MLP" sweep --data mnist --val "$(q 5000 59000)" --layers 300 --act sigmoid --init xavier --bias-init xavier \
    --batch 1 --epochs "$EPOCHS" --grid lr=0.01 --repeat 4 --out "$OUT/sweep"
timed "$MLP" plot --mean "$OUT"/sweep/runs/*/log.csv --title "E0d: E0c over 4 seeds, mean +- 1 std" --out "$OUT/curves.png"
R=$OUT/sweep/results.csv
read -r m sd lo hi < <(seedstats "$R" test_acc)
put title "E0d: E0c with 4 seeds, mean and std of the curves"
put setting "E0c's flags, mlp sweep --grid lr=0.01 --repeat 4 (seeds 1-4)"
put seed "mean and std of the curves (pictures); test accuracy about 94%"
put ours "test acc $(pct "$m") +- $(pct "$sd") over 4 seeds ($(pct "$lo") to $(pct "$hi"))"
put meets "$(yesno ge "$m" 0.9426)"
put picture curves.png
finish

#!/usr/bin/env bash
# E2b (seed 002): the batch x learning-rate grid on circles, one mlp sweep.
. "$(dirname "$0")/lib.sh"
EPOCHS=$(q 150 10)
timed "$MLP" sweep --data circles --n 200 --layers 10 --act tanh --init normal:0.3 --bias-init normal:0.3 \
    --epochs "$EPOCHS" --grid batch=1,10,50,100,200 --grid lr=0.01,0.05,0.1,0.5,1,5 --out "$OUT/sweep"
R=$OUT/sweep/results.csv
div=$(awk -F, '$2 == 1 && $3 == 5 { print $6 }' "$R")
ndiv=$(awk -F, 'NR > 1 && $6 == "yes" { n++ } END { print n + 0 }' "$R")
best=$(awk -F, -v c="$(col "$R" test_acc)" 'NR > 1 && $6 == "no" && $c > b { b = $c; w = "batch " $2 ", lr " $3 } END { print b "|" w }' "$R")
cp "$OUT/sweep/heatmap.png" "$OUT/heatmap.png"
steps=$(awk -F, -v c="$(col "$R" train_seconds)" 'NR > 1 { s += $c } END { printf "%.2f", s }' "$R")
put title "E2b: batch {1,10,50,100,200} x lr {0.01,0.05,0.1,0.5,1,5} on circles (mlp sweep)"
put setting "mlp sweep --data circles --n 200 --layers 10 --act tanh --init normal:0.3 --bias-init normal:0.3 --epochs $EPOCHS --grid batch=1,10,50,100,200 --grid lr=0.01,0.05,0.1,0.5,1,5"
put seed "lr 5 with batch 1 diverges to NaN; best test 93.5%; 0.15-8.95 s per run"
put ours "lr 5 with batch 1 diverged: $div ($ndiv of 30 runs diverged); best test $(pct "${best%%|*}") (${best#*|}); training steps of all 30 runs ${steps} s (${WALL} s with loading and each run's pictures)"
put meets "$(yesno test "$div" = yes)"
put note "mlp stops a run whose epoch loss passes 10x max(start loss, ln 2) (docs/MATH.md section 14): lr 5 thrashes at chance level without a NaN in float arithmetic with log-sum-exp."
put picture heatmap.png
finish

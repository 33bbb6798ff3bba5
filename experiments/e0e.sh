#!/usr/bin/env bash
# E0e (seed 000, question 7.3): E0c with lr 0.001, 0.003, 0.01 and 0.03.
. "$(dirname "$0")/lib.sh"
EPOCHS=$(q 5 2)
timed "$MLP" sweep --data mnist --val "$(q 5000 59000)" --layers 300 --act sigmoid --init xavier --bias-init xavier \
    --batch 1 --epochs "$EPOCHS" --grid lr=0.001,0.003,0.01,0.03 --out "$OUT/sweep"
R=$OUT/sweep/results.csv
labels=()
while IFS=, read -r run lr rest; do labels+=("lr $lr=$OUT/sweep/runs/$(printf '%03d' "$run")/log.csv"); done < <(tail -n +2 "$R")
timed "$MLP" plot "${labels[@]}" --title "E0e: E0c at four learning rates" --out "$OUT/curves.png"
c=$(col "$R" test_acc)
per=$(awk -F, -v c="$c" 'NR > 1 { printf "%slr %s: %.2f%%", (n++ ? ", " : ""), $2, 100 * $c }' "$R")
best=$(awk -F, -v c="$c" 'NR > 1 && $c > b { b = $c; l = $2 } END { print b " " l }' "$R")
put title "E0e: E0c at learning rates 0.001, 0.003, 0.01, 0.03"
put setting "E0c's flags, mlp sweep --grid lr=0.001,0.003,0.01,0.03"
put seed "curves per lr; best at lr 0.03, test accuracy close to 95%"
put ours "test acc $per; best lr ${best#* }"
put meets "$(yesno ge "${best% *}" 0.95)"
put picture curves.png
finish

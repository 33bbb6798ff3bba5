#!/usr/bin/env bash
# E3c (seed 003): a box function from two step units with hand-set weights
# (1-2-1: W1=(1,1), b1=(0,-delta), W2=(h,-h), b2=0; docs/MATH.md section 5),
# evaluated with mlp grad on a grid of x. Our network has 2 outputs (the
# second is kept at 0) because a label column needs a class.
. "$(dirname "$0")/lib.sh"
H=2 DELTA=0.5
python3 "$ROOT/experiments/npz.py" "$OUT/box.npz" W1=2x1:1,1 b1=2:0,-$DELTA W2=2x2:$H,-$H,0,0 b2=2:0,0
awk 'BEGIN { for (i = 0; i <= 200; i++) printf "0,%.4f\n", -1 + 2.5 * i / 200 }' > "$OUT/x.csv"
timed "$MLP" grad --init-from "$OUT/box.npz" --act step --loss mse --data "csv:$OUT/x.csv" --json > "$OUT/grad.json"
# x and the first output, one row each.
tail -n 1 "$OUT/grad.json" | sed 's/.*"outputs":\[\[//; s/\]\],.*//; s/\],\[/\n/g' | cut -d, -f1 > "$OUT/y.txt"
cut -d, -f2 "$OUT/x.csv" | paste -d' ' - "$OUT/y.txt" > "$OUT/box.dat"
bad=$(awk -v h=$H -v d=$DELTA '{ want = ($1 > 0 && $1 <= d) ? h : 0; if ($2 != want) n++ } END { print n + 0 }' "$OUT/box.dat")
timed gnuplot -e "set terminal pngcairo size 640,400; set output '$OUT/box.png';
    set title 'Two step units make a box: h=$H on (0, $DELTA]'; set xlabel 'x'; set ylabel 'network output';
    set yrange [-0.5:$H+0.5]; set grid; plot '$OUT/box.dat' with steps lw 2 title 'mlp (1-2-1, step)'"
put title "E3c: a box function from two step units (hand-set weights)"
put setting "1-2-1 step, W1=(1,1), b1=(0,-$DELTA), W2=($H,-$H), b2=0, evaluated at 201 points in [-1, 1.5]"
put seed "two step units make a box function (universal approximation)"
put ours "output $H on (0, $DELTA] and 0 elsewhere at all 201 points ($bad wrong)"
put meets "$(yesno test "$bad" = 0)"
put picture box.png
finish

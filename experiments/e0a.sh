#!/usr/bin/env bash
# E0a (seed 000): one forward/backward pass of the 2-3-2 sigmoid network
# with hand-set weights on x = (1, -1), class 0, checked against the seed's
# printed values. mlp stores W as out x in, so our W1 is the seed's W
# transposed and our dW2 rows are the seed's dV columns.
. "$(dirname "$0")/lib.sh"
echo "0,1,-1" > "$OUT/x.csv"
python3 "$ROOT/experiments/npz.py" "$OUT/w.npz" W1=3x2:1,-1,1,-1,1,-1 b1=3:0,0,0 \
    W2=2x3:1,-1,-1,1,-1,-1 b2=2:0,0
timed "$MLP" grad --init-from "$OUT/w.npz" --act sigmoid --data "csv:$OUT/x.csv" > "$OUT/grad.txt"
timed "$MLP" grad --init-from "$OUT/w.npz" --act sigmoid --data "csv:$OUT/x.csv" --json > "$OUT/grad.json"
cat "$OUT/grad.txt"
J=$(tail -n 1 "$OUT/grad.json")
# Every printed number of the seed, to its 6 decimals.
ok=yes
check() { case "$J" in *"$1"*) ;; *) echo "E0a: expected $1 in $J" >&2; ok=no;; esac; }
check '"loss":0.693147'
check '"outputs":[[0.5,0.5]]'
check '"W2":[[-0.440398'
check '"b2":[-0.5,0.5]'
check '"W1":[[0,0],[0,0],[0,0]]'
check '"b1":[0,0,0]'
put title "E0a: one forward/backward pass by hand (mlp grad)"
put setting "2-3-2 sigmoid, softmax + cross-entropy; W=[[1,1,1],[-1,-1,-1]], V=[[1,1],[-1,-1],[-1,-1]], b=c=0; x=(1,-1), class 0"
put seed "loss 0.693147, y=(0.5,0.5), dV rows (-0.440399, 0.440399), dc=(-0.5,0.5), dW=db=0"
put ours "$(sed -n 's/^loss \([0-9.]*\).*/loss \1/p' "$OUT/grad.txt"), y=(0.5,0.5), dW2 (our dV, transposed) rows (-0.440399 x3) and (0.440399 x3), db2=(-0.5,0.5), dW1=db1=0"
put meets "$ok"
put note "every value equal to the seed's 6 decimals (h=0.880797 gives dV=-0.5*h=-0.440399)"
finish

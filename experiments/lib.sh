# experiments/lib.sh - what every experiment script shares (sourced).
#
# Each script e*.sh reproduces one row of the experiment table of the
# product brief with `mlp`, writes its logs, models and pictures into
# $OUT (RESULTS/ID/) and its outcome into $OUT/result.txt, KEY=VALUE lines
# that experiments/collect turns into docs/EXPERIMENTS.md:
#
#   title     what was run, one line
#   setting   the flags that matter, one line
#   seed      the seed report's figure, as text
#   ours      our figure, as text
#   meets     yes / no: ours at least as good as the seed's (or the same)
#   note      why, where the seed's number came from a bug, or a deviation
#   wall      seconds of wall time of the mlp commands (timed below)
#   picture   a picture file in $OUT (one line per picture)
#
# Environment:
#   MLP                 the program (default: build/mlp of this tree)
#   EXPERIMENTS_QUICK=1 a smoke run: few epochs or iterations, small data
#                       where the flags allow; results go to
#                       experiments/results-quick/ (figures mean nothing)
#   EXPERIMENTS_OUT     the results folder (default experiments/results,
#                       or experiments/results-quick in quick mode)
#   MLP_DATA            where mnist/ (and fashion-mnist/) are, as for mlp
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
MLP=${MLP:-$ROOT/build/mlp}
QUICK=${EXPERIMENTS_QUICK:-0}
if [ "$QUICK" = 1 ]; then RESULTS=${EXPERIMENTS_OUT:-$ROOT/experiments/results-quick}
else RESULTS=${EXPERIMENTS_OUT:-$ROOT/experiments/results}; fi
ID=$(basename "$0" .sh)
OUT=$RESULTS/$ID
rm -rf "$OUT"
mkdir -p "$OUT"
: > "$OUT/result.txt"
WALL=0

# q FULL QUICK: the full value, or the quick one in quick mode.
q() { if [ "$QUICK" = 1 ]; then echo "$2"; else echo "$1"; fi; }

# timed CMD...: runs CMD (its output goes on to stdout), adds its wall time
# to WALL; a failing command ends the script with its status.
timed() {
    local t0 t1 st=0
    t0=$(date +%s.%N)
    "$@" || st=$?
    t1=$(date +%s.%N)
    WALL=$(awk -v a="$WALL" -v b="$t0" -v c="$t1" 'BEGIN { printf "%.2f", a + c - b }')
    if [ "$st" -ne 0 ]; then echo "$ID: $* failed (exit $st)" >&2; exit "$st"; fi
}

# put KEY VALUE: one line of result.txt.
put() { printf '%s=%s\n' "$1" "$2" >> "$OUT/result.txt"; }

# finish: records the wall time and says where the results are.
finish() {
    put wall "$WALL"
    [ "$QUICK" = 1 ] && put quick "1"
    echo "$ID: done in ${WALL}s; $OUT/result.txt"
}

# jget FILE KEY: a number from the JSON object on the last line of FILE.
jget() { tail -n 1 "$1" | sed -n "s/.*\"$2\":\([^,}]*\).*/\1/p"; }

# last LOG SPLIT COLUMN: the last logged value (loss or acc) of a split.
last() {
    awk -F, -v s="$2" -v c="$3" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == c) k = i; next }
                                 $3 == s { v = $k } END { print v }' "$1"
}

# ge A B: exit 0 when A >= B (numbers).
ge() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a + 0 >= b + 0) }'; }
yesno() { if "$@"; then echo yes; else echo no; fi; }

# pct X: 0.97754 -> 97.75%
pct() { awk -v x="$1" 'BEGIN { printf "%.2f%%", 100 * x }'; }

# Quick mode on MNIST-sized sets: train on 1000 rows by holding the other
# 59000 out as a validation split (--val), one epoch or a few steps.
QVAL=$(q "" "--val 59000")

# col CSV NAME: the number of the column NAME in the header of CSV.
col() { head -n 1 "$1" | tr ',' '\n' | grep -nx "$2" | cut -d: -f1; }

# seedstats RESULTS.csv COLUMN: "mean std min max" of a column over the runs
# that finished.
seedstats() {
    awk -F, -v c="$(col "$1" "$2")" 'NR > 1 && $c != "" { n++; s += $c; ss += $c * $c; if (n == 1 || $c < lo) lo = $c; if (n == 1 || $c > hi) hi = $c }
        END { m = s / n; v = ss / n - m * m; printf "%.6f %.6f %s %s\n", m, (v > 0 ? sqrt(v) : 0), lo, hi }' "$1"
}

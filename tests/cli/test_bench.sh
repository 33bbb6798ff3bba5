# mlp bench: runs, reports positive rates, refuses bad flags. (Speed itself
# is never asserted: the machines are shared and noisy.)
. "$(dirname "$0")/lib.sh"
PY=/usr/bin/python3

expect_status "bench json" 0 "$MLP" bench --layers 32 --act tanh --batch 16 --steps 20 --repeat 3 --json
expect_true "positive samples/s and GFLOP/s" $PY -c "
import json,sys; d=json.loads(open('$T/out').read().strip().splitlines()[-1])
sys.exit(0 if d['samples_per_second'] > 0 and d['gflops'] > 0 and d['batch'] == 16 and d['repeat'] == 3 else 1)"
expect_status "bench text" 0 "$MLP" bench --layers 8 --batch 1 --steps 10 --repeat 1
expect_true "text names the build" grep -q "GFLOP/s (.* build)" "$T/out"
expect_status "bench bad --repeat" 2 "$MLP" bench --repeat 0
one_line_error "bench bad --repeat"
expect_status "bench bad activation" 2 "$MLP" bench --act nope
expect_status "bench too large" 2 "$MLP" bench --batch 1000000 --steps 1000000

# mlp bench: runs, reports positive rates, refuses bad flags. (Speed itself
# is never asserted: the machines are shared and noisy.)
. "$(dirname "$0")/lib.sh"
PY=/usr/bin/python3

expect_status "bench json" 0 "$MLP" bench --layers 32 --act tanh --batch 16 --steps 20 --repeat 3 --json
expect_true "positive samples/s and GFLOP/s" $PY -c "
import json,sys; d=json.loads(open('$T/out').read().strip().splitlines()[-1])
sys.exit(0 if d['samples_per_second'] > 0 and d['gflops'] > 0 and d['batch'] == 16 and d['repeat'] == 3
         and d['kernels'] in ('avx512', 'avx2', 'portable') and d['threads'] >= 1 else 1)"
expect_status "bench text" 0 "$MLP" bench --layers 8 --batch 1 --steps 10 --repeat 1 --threads 1
expect_true "text names the build, kernels and threads" grep -Eq "GFLOP/s \((float|double) build, (avx512|avx2|portable) kernels, 1 threads\)" "$T/out"
expect_status "portable kernels on request" 0 env MLP_KERNELS=portable "$MLP" bench --layers 8 --steps 5 --repeat 1 --json
expect_true "they say so" grep -q '"kernels":"portable"' "$T/out"
expect_status "the FMA roof" 0 "$MLP" bench --roof --threads 1 --json
expect_true "a positive roof" $PY -c "
import json,sys; d=json.loads(open('$T/out').read().strip().splitlines()[-1]); sys.exit(0 if d['fma_gflops'] > 0 and d['threads'] == 1 else 1)"
expect_status "bench bad --threads" 2 "$MLP" bench --threads -1
one_line_error "bench bad --threads"
expect_status "train bad --threads" 2 "$MLP" train --threads 2000 --data circles
one_line_error "train bad --threads"
expect_status "bench bad --repeat" 2 "$MLP" bench --repeat 0
one_line_error "bench bad --repeat"
expect_status "bench bad activation" 2 "$MLP" bench --act nope
expect_status "bench too large" 2 "$MLP" bench --batch 1000000 --steps 1000000

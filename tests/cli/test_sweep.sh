# mlp sweep: a tiny grid on circles, divergence recorded, bad grid specs,
# unwritable output.
. "$(dirname "$0")/lib.sh"

base=(--data circles --n 100 --layers 4 --act tanh --init normal:0.3 --epochs 2)

# 2 batch sizes x 2 learning rates x 2 seeds; lr 5 with batch 1 diverges.
expect_status "sweep 2x2 grid, 2 repeats" 0 "$MLP" sweep "${base[@]}" --seed 7 \
    --grid batch=1,20 --grid --lr=0.1,5 --repeat 2 --out "$T/sw"
R=$T/sw/results.csv
expect_true "progress lines on stdout" grep -q "run 3/8 .*diverged" "$T/out"
expect_true "results.csv written" test -f "$R"
expect_true "results.csv header" test "$(head -1 "$R")" = \
    "run,batch,lr,seed,exit,diverged,epochs,train_loss,train_acc,val_loss,val_acc,test_loss,test_acc,train_seconds,wall_seconds,dir"
expect_true "one row per run (8)" test "$(tail -n +2 "$R" | wc -l)" -eq 8
expect_true "every row has 16 fields" test "$(awk -F, 'NR>1 && NF!=16' "$R" | wc -l)" -eq 0
expect_true "seeds 7 and 8 per point" test "$(tail -n +2 "$R" | cut -d, -f4 | tr '\n' ' ')" = "7 8 7 8 7 8 7 8 "
expect_true "lr 5 batch 1 diverged (exit 1, yes)" test "$(awk -F, '$2==1 && $3==5 {print $5 $6}' "$R" | sort -u)" = "1yes"
expect_true "lr 0.1 batch 1 finished with a test accuracy" \
    test "$(awk -F, '$2==1 && $3==0.1 && $5==0 && $6=="no" && $13>0 {n++} END {print n}' "$R")" = 2
expect_true "each run is a run folder" test -s "$T/sw/runs/001/log.csv" -a -s "$T/sw/runs/001/run.json" -a -s "$T/sw/runs/001/model.mlp"
expect_true "each run's output" test -s "$T/sw/runs/001/stdout.txt" -a -f "$T/sw/runs/008/stderr.txt"
expect_true "the diverged run's log is kept" test -s "$T/sw/runs/003/log.csv"
expect_status "mlp report on a sweep's run" 0 "$MLP" report "$T/sw/runs/001" --out "$T/r.html"
expect_true "heatmap.png is a PNG" test "$(head -c 4 "$T/sw/heatmap.png" | tail -c 3)" = "PNG"
expect_true "no temporary files left" test -z "$(find "$T/sw" -name '*.tmp-*')"

# A single swept flag: no heatmap; values holding commas separated by ';'.
expect_status "sweep over layers with ';'" 0 "$MLP" sweep "${base[@]}" --grid 'layers=3;3,3' --no-plots --out "$T/sw2"
expect_true "--no-plots: log and model only" test -s "$T/sw2/runs/002/log.csv" -a -s "$T/sw2/runs/002/model.mlp" -a ! -e "$T/sw2/runs/002/run.json"
expect_true "quoted value with a comma" grep -q '^2,"3,3",' "$T/sw2/results.csv"
expect_true "no heatmap for one flag" test ! -e "$T/sw2/heatmap.png"

# Bad specs: one-line error, exit 2, nothing written.
# bad NAME WORD ARGS...: the error must contain WORD.
bad() {
    local name=$1 word=$2; shift 2
    expect_status "$name" 2 "$MLP" sweep "${base[@]}" "$@" --out "$T/bad"
    one_line_error "$name"
    expect_true "$name: nothing written" test ! -e "$T/bad"
    expect_true "$name: error names the flag" grep -q -- "$word" "$T/err"
}
bad "unknown grid flag" nosuchflag --grid nosuchflag=1,2
bad "empty value list" "--grid lr=" --grid lr=
bad "empty value in the list" "--grid lr=0.1,,0.2" --grid lr=0.1,,0.2
bad "missing '='" "--grid 'lr'" --grid lr
bad "bad grid value" "--lr: 'abc'" --grid lr=0.1,abc
bad "--repeat 0" "--repeat" --grid lr=0.1 --repeat 0
bad "reserved flag swept" "--log" --grid log=a.csv,b.csv
bad "flag swept twice" "--lr is swept twice" --grid lr=0.1 --grid lr=0.2
bad "bad train flag" "--act" --act nosuch --grid lr=0.1
bad "bad combination" "--act" --grid layers=3,3 --grid 'act=tanh;tanh,relu,relu'
expect_status "no --grid" 2 "$MLP" sweep "${base[@]}" --out "$T/bad"
one_line_error "no --grid"

# An output folder that cannot be created: 73, nothing run.
touch "$T/file"
expect_status "unwritable --out" 73 "$MLP" sweep "${base[@]}" --grid lr=0.1 --out "$T/file/sub"
one_line_error "unwritable --out"

expect_status "mlp help sweep" 0 "$MLP" help sweep
expect_true "help names --grid and --repeat" grep -q -- "--repeat N" "$T/out"

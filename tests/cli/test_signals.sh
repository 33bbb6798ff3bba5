# Signals (timing-dependent, so kept apart from test_checkpoint.sh and out
# of the valgrind run): a run killed with SIGKILL mid-training and resumed,
# or stopped with SIGINT, ends with the same model, byte for byte, as an
# uninterrupted one.
. "$(dirname "$0")/lib.sh"

# Waits (up to 60 s) until file $1 exists.
wait_for() { for _ in $(seq 3000); do [ -e "$1" ] && return 0; sleep 0.02; done; return 1; }

F=(--data circles --n 60000 --layers 256 --act tanh --epochs 10 --batch 32 --opt adam --lr 0.001 --dropout 0.1 --quiet)
expect_status "uninterrupted run" 0 "$MLP" train "${F[@]}" --out "$T/a.mlp"
"$MLP" train "${F[@]}" --checkpoint "$T/ck" --out "$T/b.mlp" &
pid=$!
wait_for "$T/ck"
sleep 0.1
kill -9 "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
expect_true "killed before the end (no model yet)" test ! -e "$T/b.mlp"
expect_true "a checkpoint was left" test -s "$T/ck"
expect_status "resume" 0 "$MLP" train "${F[@]}" --checkpoint "$T/ck" --resume "$T/ck" --out "$T/b.mlp"
expect_true "resumed model is byte-identical" cmp -s "$T/a.mlp" "$T/b.mlp"
expect_true "no temporary files left" test -z "$(find "$T" -name '*.tmp-*')"

# SIGINT: finishes the step, saves a mid-epoch checkpoint, exits 130 with
# where it stopped; resuming ends with the same model.
G=(--data circles --n 200000 --layers 32 --act tanh --epochs 40 --batch 32 --opt adam --lr 0.001 --quiet)
expect_status "reference run" 0 "$MLP" train "${G[@]}" --out "$T/ref.mlp"
"$MLP" train "${G[@]}" --checkpoint "$T/int.ck" --out "$T/int.mlp" 2>"$T/int.err" &
pid=$!
wait_for "$T/int.ck"   # epoch 1 is done: the handler is surely installed
sleep 0.2
kill -INT "$pid"
wait "$pid"
st=$?
expect_true "SIGINT exits 130" test "$st" -eq 130
expect_true "SIGINT says where it stopped: $(cat "$T/int.err")" grep -Eq "interrupted (at epoch [0-9]+, step [0-9]+ of 6250 \(iteration [0-9]+\)|after epoch [0-9]+ \(iteration [0-9]+\)); resume with --resume" "$T/int.err"
expect_true "SIGINT leaves no model" test ! -e "$T/int.mlp"
expect_status "resume after SIGINT" 0 "$MLP" train "${G[@]}" --checkpoint "$T/int.ck" --resume "$T/int.ck" --out "$T/int.mlp"
expect_true "resumed after SIGINT: byte-identical" cmp -s "$T/ref.mlp" "$T/int.mlp"

# SIGKILL at 20 random moments: the model and checkpoint on disk are always
# whole (the model is the previous one or the new one, which are equal here,
# since the run is deterministic), and resuming from whatever checkpoint is
# left completes to the same model.
H=(--data circles --n 200000 --layers 32 --act tanh --epochs 6 --batch 32 --quiet)
expect_status "reference for the kill test" 0 "$MLP" train "${H[@]}" --out "$T/h.mlp"
cp "$T/h.mlp" "$T/k.mlp"
bad_model=0 bad_resume=0 resumes=0
for i in $(seq 20); do
    rm -f "$T/k.ck" "$T/k2.mlp"
    "$MLP" train "${H[@]}" --checkpoint "$T/k.ck" --out "$T/k.mlp" 2>/dev/null &
    pid=$!
    sleep "0.$(( RANDOM % 40 ))"
    kill -9 "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    cmp -s "$T/h.mlp" "$T/k.mlp" || bad_model=$((bad_model + 1))
    if [ -e "$T/k.ck" ]; then
        resumes=$((resumes + 1))
        "$MLP" train "${H[@]}" --resume "$T/k.ck" --out "$T/k2.mlp" 2>/dev/null && cmp -s "$T/h.mlp" "$T/k2.mlp" || bad_resume=$((bad_resume + 1))
    fi
done
expect_true "after each of 20 kills the model on disk is whole" test "$bad_model" -eq 0
expect_true "every checkpoint left by a kill resumes to the same model ($resumes resumed)" test "$bad_resume" -eq 0 -a "$resumes" -gt 0

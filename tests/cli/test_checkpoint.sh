# --checkpoint and --resume: a run killed with SIGKILL mid-training and
# resumed ends with the same model, byte for byte, as an uninterrupted one.
. "$(dirname "$0")/lib.sh"

F=(--data circles --n 60000 --layers 32 --act tanh --epochs 5 --batch 32 --opt adam --lr 0.001 --dropout 0.1 --quiet)
expect_status "uninterrupted run" 0 "$MLP" train "${F[@]}" --out "$T/a.mlp"
"$MLP" train "${F[@]}" --checkpoint "$T/ck" --out "$T/b.mlp" &
pid=$!
for _ in $(seq 200); do [ -e "$T/ck" ] && break; sleep 0.02; done
sleep 0.1
kill -9 "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
expect_true "killed before the end (no model yet)" test ! -e "$T/b.mlp"
expect_true "a checkpoint was left" test -s "$T/ck"
expect_status "resume" 0 "$MLP" train "${F[@]}" --checkpoint "$T/ck" --resume "$T/ck" --out "$T/b.mlp"
expect_true "resumed model is byte-identical" cmp -s "$T/a.mlp" "$T/b.mlp"
expect_true "no temporary files left" test -z "$(find "$T" -name '*.tmp-*')"

# A finished run's checkpoint resumes to the same model with no more steps.
expect_status "resume a finished run" 0 "$MLP" train "${F[@]}" --resume "$T/ck" --out "$T/c.mlp" --json
expect_true "same model again" cmp -s "$T/a.mlp" "$T/c.mlp"

expect_status "resume with other settings" 65 "$MLP" train "${F[@]}" --batch 64 --resume "$T/ck"
one_line_error "other settings"
expect_true "message names the setting" grep -q "batch" "$T/err"
cp "$T/ck" "$T/bad"
printf 'X' | dd of="$T/bad" bs=1 seek=100 conv=notrunc 2>/dev/null
expect_status "damaged checkpoint" 65 "$MLP" train "${F[@]}" --resume "$T/bad"
one_line_error "damaged checkpoint"
head -c 1000 "$T/ck" > "$T/short"
expect_status "truncated checkpoint" 65 "$MLP" train "${F[@]}" --resume "$T/short"
expect_status "missing checkpoint" 66 "$MLP" train "${F[@]}" --resume "$T/none"
one_line_error "missing checkpoint"
expect_status "model file is not a checkpoint" 65 "$MLP" train "${F[@]}" --resume "$T/a.mlp"
expect_status "checkpoint in a missing folder" 73 "$MLP" train --data circles --epochs 1 --checkpoint "$T/no/dir/ck"

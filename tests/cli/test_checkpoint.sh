# --checkpoint and --resume: what a checkpoint holds, and every way a
# resume is refused. Runs killed or interrupted mid-training are in
# test_signals.sh.
. "$(dirname "$0")/lib.sh"

F=(--data circles --n 20000 --layers 32 --act tanh --epochs 5 --batch 32 --opt adam --lr 0.001 --dropout 0.1 --quiet)
expect_status "uninterrupted run" 0 "$MLP" train "${F[@]}" --out "$T/a.mlp"
expect_status "the same run with a checkpoint" 0 "$MLP" train "${F[@]}" --checkpoint "$T/ck" --out "$T/b.mlp"
expect_true "a checkpoint does not change the model" cmp -s "$T/a.mlp" "$T/b.mlp"
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


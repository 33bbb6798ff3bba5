# Bad usage and bad input: exit status, one line on stderr, no file left.
. "$(dirname "$0")/lib.sh"

expect_status "--version" 0 "$MLP" --version
expect_true "--version prints the version" grep -q "^mlp [0-9]" "$T/out"
expect_status "no command" 2 "$MLP"
expect_status "unknown command" 2 "$MLP" frobnicate
one_line_error "unknown command"
expect_status "help" 0 "$MLP" help
for c in train grad gradcheck export; do
    expect_status "help $c" 0 "$MLP" help "$c"
    expect_true "help $c shows usage" grep -q "^usage: mlp $c" "$T/out"
    expect_status "$c --help" 0 "$MLP" "$c" --help
    expect_status "$c unknown flag" 2 "$MLP" "$c" --no-such-flag
    one_line_error "$c unknown flag"
done
expect_status "help of unknown command" 2 "$MLP" help frobnicate

expect_status "missing value" 2 "$MLP" train --lr
one_line_error "missing value"
expect_status "not a number" 2 "$MLP" train --lr abc
one_line_error "not a number"
expect_true "error names the flag" grep -q -- "--lr" "$T/err"
expect_status "batch 0 out of range" 2 "$MLP" train --batch 0
one_line_error "batch 0"
expect_status "negative epochs" 2 "$MLP" train --epochs -1
expect_status "negative seed" 2 "$MLP" train --seed -3
expect_status "lr inf" 2 "$MLP" train --lr inf
expect_status "bad layers" 2 "$MLP" train --layers 10,x
one_line_error "bad layers"
expect_status "bad activation" 2 "$MLP" train --act swish
expect_status "activation count mismatch" 2 "$MLP" train --layers 4,4,4 --act relu,tanh
expect_status "bad loss" 2 "$MLP" train --loss hinge
expect_status "bad init" 2 "$MLP" train --init normal
expect_status "bad init value" 2 "$MLP" train --init normal:-1
expect_status "flag takes no value" 2 "$MLP" train --json=1
expect_status "unknown data source" 2 "$MLP" train --data nowhere
one_line_error "unknown data source"
expect_status "unexpected positional" 2 "$MLP" train extra
expect_status "export needs two paths" 2 "$MLP" export only-one

expect_status "missing csv" 66 "$MLP" train --data "csv:$T/none.csv"
one_line_error "missing csv"
expect_true "error names the file" grep -q "none.csv" "$T/err"
expect_status "directory as csv" 66 "$MLP" train --data "csv:$T"
printf '0,1\n1,2,3\n' > "$T/ragged.csv"
expect_status "ragged csv" 65 "$MLP" train --data "csv:$T/ragged.csv"
one_line_error "ragged csv"
printf '0,1\n1,abc\n' > "$T/text.csv"
expect_status "non-numeric csv" 65 "$MLP" train --data "csv:$T/text.csv"
printf '0,1\n1,nan\n' > "$T/nan.csv"
expect_status "NaN in csv" 65 "$MLP" train --data "csv:$T/nan.csv"
: > "$T/empty.csv"
expect_status "empty csv" 65 "$MLP" train --data "csv:$T/empty.csv"

expect_status "missing model" 66 "$MLP" export "$T/none.mlp" "$T/x.npz"
one_line_error "missing model"
echo "not a model" > "$T/bad.mlp"
expect_status "garbage model" 65 "$MLP" export "$T/bad.mlp" "$T/x.npz"
one_line_error "garbage model"
expect_true "no npz left behind" test ! -e "$T/x.npz"
expect_status "missing npz" 66 "$MLP" train --init-from "$T/none.npz"
expect_status "garbage npz" 65 "$MLP" train --init-from "$T/bad.mlp"
expect_status "output in a missing folder" 73 "$MLP" train --data circles --epochs 1 --out "$T/no/such/dir/m.mlp"
one_line_error "output in a missing folder"
expect_status "log in a missing folder" 73 "$MLP" train --data circles --epochs 1 --log "$T/no/such/dir/run.csv"
expect_true "no temporary files left" test -z "$(find "$T" -name '*.tmp-*')"
if [ -w /dev/full ]; then
    expect_status "stdout on a full disk" 74 bash -c "'$MLP' train --data circles --epochs 1 > /dev/full"
fi

# tests/cli/lib.sh - a small harness for command-line tests. Each check
# prints a TAP line "ok - NAME" or "not ok - NAME" with the reason; tests/run
# counts them. $MLP is the binary under test; every test works in $T, a
# fresh temporary folder removed at exit.
set -u
MLP=${MLP:-build/mlp}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

ok()   { echo "ok - $1"; }
fail() { echo "not ok - $1${2:+: $2}"; }

# expect_status NAME STATUS CMD... : runs CMD, checks its exit status.
# Its stdout and stderr are left in $T/out and $T/err.
expect_status() {
    local name=$1 want=$2; shift 2
    "$@" >"$T/out" 2>"$T/err"
    local got=$?
    if [ "$got" -eq "$want" ]; then ok "$name"; else fail "$name" "exit $got, wanted $want: $(head -c 300 "$T/err")"; fi
}

# expect_true NAME CMD... : CMD must succeed (use for assertions in shell).
expect_true() {
    local name=$1; shift
    if "$@"; then ok "$name"; else fail "$name" "assertion failed: $*"; fi
}

# one_line_error NAME : stderr of the last expect_status was exactly one line.
one_line_error() {
    local n; n=$(wc -l <"$T/err")
    if [ "$n" -eq 1 ]; then ok "$1 (one-line error)"; else fail "$1 (one-line error)" "stderr has $n lines"; fi
}

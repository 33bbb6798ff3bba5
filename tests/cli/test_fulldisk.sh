# Full disks and odd targets: exit 74 (or 73), the earlier file untouched,
# no temporary file left behind.
. "$(dirname "$0")/lib.sh"

big=(--data circles --layers 300,300 --epochs 1 --quiet)
expect_status "an earlier model" 0 "$MLP" train "${big[@]}" --out "$T/m.mlp"
cp "$T/m.mlp" "$T/m.bak"
"$MLP" export "$T/m.mlp" "$T/m.npz" && cp "$T/m.npz" "$T/npz.bak"

# A file-size limit makes every write past 100 KiB fail (EFBIG), as a full
# disk would; SIGXFSZ is ignored so the write error reaches mlp.
limited() { ( trap '' XFSZ; ulimit -f 100; "$@" ); }
expect_status "model write on a full disk" 74 limited "$MLP" train "${big[@]}" --seed 9 --out "$T/m.mlp"
one_line_error "model write on a full disk"
expect_true "earlier model byte-identical" cmp -s "$T/m.mlp" "$T/m.bak"
expect_status "npz export on a full disk" 74 limited "$MLP" export "$T/m.mlp" "$T/m.npz"
expect_true "earlier npz byte-identical" cmp -s "$T/m.npz" "$T/npz.bak"
expect_status "checkpoint on a full disk" 74 limited "$MLP" train "${big[@]}" --checkpoint "$T/ck"
expect_true "no checkpoint left" test ! -e "$T/ck"
expect_true "no temporary files left" test -z "$(find "$T" -name '*.tmp-*')"

# A real full file system, where this user may mount one (root, as in CI).
if [ "$(id -u)" -eq 0 ] && mkdir -p "$T/small" && mount -t tmpfs -o size=256k tmpfs "$T/small" 2>/dev/null; then
    "$MLP" train --data circles --layers 8 --epochs 1 --quiet --out "$T/small/m.mlp"
    cp "$T/small/m.mlp" "$T/small.bak"
    expect_status "tmpfs full: model" 74 "$MLP" train "${big[@]}" --out "$T/small/m.mlp"
    one_line_error "tmpfs full"
    expect_true "tmpfs full: earlier model byte-identical" cmp -s "$T/small/m.mlp" "$T/small.bak"
    expect_true "tmpfs full: no temporary file left" test -z "$(find "$T/small" -name '*.tmp-*')"
    umount "$T/small"
fi

expect_status "--out /dev/full" 73 "$MLP" train --data circles --epochs 1 --quiet --out /dev/full
one_line_error "--out /dev/full"
expect_true "/dev/full is still a device" test -c /dev/full
ln -s "$T/m.mlp" "$T/link.mlp"
expect_status "--out a symbolic link" 73 "$MLP" train --data circles --epochs 1 --quiet --out "$T/link.mlp"
mkdir "$T/dir.mlp"
expect_status "--out a directory" 73 "$MLP" train --data circles --epochs 1 --quiet --out "$T/dir.mlp"
expect_status "export to a device" 73 "$MLP" export "$T/m.mlp" /dev/null
expect_true "/dev/null is still a device" test -c /dev/null

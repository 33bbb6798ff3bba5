# mlp data: list, info and make; Fashion-MNIST from the Debian package and
# MNIST from an MLP_DATA folder and from idx:DIR with their real counts;
# training on MNIST; hostile IDX files through the command (exit 65 or 66,
# one line on stderr naming the file).
. "$(dirname "$0")/lib.sh"

# Absolute, so that checks may run from another folder (./data/ must not
# be the repository's).
case $MLP in /*) ;; *) MLP=$PWD/$MLP ;; esac
cd "$T" || exit 1
unset MLP_DATA

# ---- usage -----------------------------------------------------------------
expect_status "help data" 0 "$MLP" help data
expect_true "help data shows usage" grep -q "^usage: mlp data" "$T/out"
for c in list info make; do
    expect_status "data $c --help" 0 "$MLP" data $c --help
    expect_true "data $c --help shows usage" grep -q "^usage: mlp data $c" "$T/out"
done
expect_status "data without command" 2 "$MLP" data
one_line_error "data without command"
expect_status "data unknown command" 2 "$MLP" data frobnicate
one_line_error "data unknown command"
expect_status "data info without source" 2 "$MLP" data info
one_line_error "data info without source"
expect_status "data info unknown flag" 2 "$MLP" data info circles --bogus
one_line_error "data info unknown flag"
expect_status "data info unknown source" 2 "$MLP" data info nowhere
one_line_error "data info unknown source"
expect_status "data list takes no argument" 2 "$MLP" data list extra

# ---- Fashion-MNIST from dataset-fashion-mnist --------------------------------
fm=/usr/share/datasets/fashion-mnist
expect_status "data list" 0 "$MLP" data list
expect_true "list: fashion-mnist found" grep -q "^fashion-mnist  *found in $fm\$" "$T/out"
expect_true "list: mnist not found, says where it looked" grep -q "^mnist .*/usr/share/datasets/mnist" "$T/out"
for s in circles xor 'idx:DIR' 'csv:TRAIN.csv'; do
    expect_true "list: $s" grep -q "^$s" "$T/out"
done

expect_status "data info fashion-mnist" 0 "$MLP" data info fashion-mnist
cp "$T/out" "$T/fm-info"
expect_true "fashion-mnist: 60000 training samples" grep -q "^train: 60000 samples, 784 features, images 28x28, 10 classes" "$T/fm-info"
expect_true "fashion-mnist: 10000 test samples" grep -q "^test: 10000 samples, 784 features, images 28x28, 10 classes" "$T/fm-info"
expect_true "fashion-mnist: 6000 per class in train" grep -qx "train class counts:\( 6000\)\{10\}" "$T/fm-info"
expect_true "fashion-mnist: 1000 per class in test" grep -qx "test class counts:\( 1000\)\{10\}" "$T/fm-info"
expect_true "fashion-mnist: values 0..255" grep -q "^train: .*values 0..255" "$T/fm-info"
expect_true "fashion-mnist: class names" grep -q "^train class names: 0=T-shirt/top 1=Trouser" "$T/fm-info"
expect_true "fashion-mnist: four files with sizes and CRC-32" \
    test "$(grep -c "^file .*$fm/.*-idx[13]-ubyte.gz  [0-9]* bytes  crc32 [0-9a-f]\{8\}\$" "$T/fm-info")" -eq 4

# ---- MNIST from $MLP_DATA/mnist and from idx:DIR -----------------------------
mnist_train="train class counts: 5923 6742 5958 6131 5842 5421 5918 6265 5851 5949"
mnist_test="test class counts: 980 1135 1032 1010 982 892 958 1028 974 1009"
shared=/work/shared/data/mnist
if [ -d "$shared" ]; then
    mkdir "$T/md" && ln -s "$shared" "$T/md/mnist"
    expect_status "data info mnist (MLP_DATA)" 0 env MLP_DATA="$T/md" "$MLP" data info mnist
    expect_true "mnist: found in MLP_DATA" grep -qx "found in $T/md/mnist" "$T/out"
    expect_true "mnist: 60000 training images of 28x28" grep -q "^train: 60000 samples, 784 features, images 28x28, 10 classes" "$T/out"
    expect_true "mnist: 10000 test images of 28x28" grep -q "^test: 10000 samples, 784 features, images 28x28, 10 classes" "$T/out"
    expect_true "mnist: training class counts" grep -qx "$mnist_train" "$T/out"
    expect_true "mnist: test class counts" grep -qx "$mnist_test" "$T/out"
    expect_status "data list with MLP_DATA" 0 env MLP_DATA="$T/md" "$MLP" data list
    expect_true "list: mnist found" grep -q "^mnist  *found in $T/md/mnist\$" "$T/out"

    expect_status "data info idx:DIR" 0 "$MLP" data info "idx:$shared"
    expect_true "idx:DIR: training class counts" grep -qx "$mnist_train" "$T/out"
    expect_true "idx:DIR: test class counts" grep -qx "$mnist_test" "$T/out"
    expect_true "idx:DIR: 28x28" grep -q "^train: 60000 samples, 784 features, images 28x28" "$T/out"

    expect_status "train --data mnist" 0 env MLP_DATA="$T/md" "$MLP" train --data mnist --epochs 1 --layers 32 --batch 128 --json
    expect_true "train on mnist reaches 85% test accuracy" \
        awk -F'"test_acc":' 'END { split($2, a, /[,}]/); exit !(a[1] > 0.85) }' "$T/out"
else
    # No MNIST on this machine: the same checks on the installed Fashion-MNIST.
    expect_status "data info idx:DIR" 0 "$MLP" data info "idx:$fm"
    expect_true "idx:DIR: training class counts" grep -qx "train class counts:\( 6000\)\{10\}" "$T/out"
    expect_status "train --data fashion-mnist" 0 "$MLP" train --data fashion-mnist --epochs 1 --layers 32 --batch 128 --json
fi

# ---- named sets not found -----------------------------------------------------
mkdir "$T/empty"
if [ ! -e /usr/share/datasets/mnist ]; then
    expect_status "mnist not found" 66 env MLP_DATA="$T/empty" "$MLP" data info mnist
    one_line_error "mnist not found"
    expect_true "not found: says where it looked" grep -q "$T/empty/mnist, ./data/mnist or /usr/share/datasets/mnist" "$T/err"
    expect_status "train: mnist not found" 66 env MLP_DATA="$T/empty" "$MLP" train --data mnist
    one_line_error "train: mnist not found"
fi

# ---- hostile IDX files ----------------------------------------------------------
# be32 N: the escapes of N as 4 big-endian bytes, for printf.
be32() { printf '\\x%02x\\x%02x\\x%02x\\x%02x' $(($1 >> 24 & 255)) $(($1 >> 16 & 255)) $(($1 >> 8 & 255)) $(($1 & 255)); }
# header FILE TYPE DIM...: writes an IDX header (TYPE as two hex digits).
header() {
    local f=$1 t=$2 h d
    shift 2
    h="\\x00\\x00\\x$t\\x0$#"
    for d; do h+=$(be32 "$d"); done
    printf "$h" >"$f"
}
# labels FILE V...: a ubyte labels file.
labels() {
    local f=$1 b="" v
    shift
    header "$f" 08 $#
    for v; do b+=$(printf '\\x%02x' "$v"); done
    printf "$b" >>"$f"
}
# valid DIR: 11 training images of 28x28 (random bytes), labels 0..9,0.
valid() {
    rm -rf "$1" && mkdir "$1"
    header "$1/train-images-idx3-ubyte" 08 11 28 28
    head -c $((11 * 784)) /dev/urandom >>"$1/train-images-idx3-ubyte"
    labels "$1/train-labels-idx1-ubyte" 0 1 2 3 4 5 6 7 8 9 0
}
d=$T/bad
img=$d/train-images-idx3-ubyte
lab=$d/train-labels-idx1-ubyte

valid "$d"
expect_status "valid tiny set" 0 "$MLP" data info "idx:$d"
expect_true "tiny set: 11 samples" grep -q "^train: 11 samples, 784 features, images 28x28, 10 classes" "$T/out"
expect_true "tiny set: no test split" grep -qx "test: none" "$T/out"
gzip "$img"
expect_status "valid tiny set, gzip" 0 "$MLP" data info "idx:$d"

# hostile NAME STATUS FILE: runs data info and train on $d; both must fail
# with STATUS and one stderr line naming FILE.
hostile() {
    local name=$1 want=$2 file=$3
    expect_status "$name" "$want" "$MLP" data info "idx:$d"
    one_line_error "$name"
    expect_true "$name: error names the file" grep -qF "$file" "$T/err"
    expect_status "train: $name" "$want" "$MLP" train --data "idx:$d" --epochs 1
    one_line_error "train: $name"
}

valid "$d"; : >"$img"
hostile "empty file" 65 "$img"
valid "$d"; printf 'GIF89a\x01\x00\x01\x00' >"$img"
hostile "wrong magic" 65 "$img"
valid "$d"; header "$img" 0a 11 28 28; head -c $((11 * 784)) /dev/zero >>"$img"
hostile "wrong type code" 65 "$img"
valid "$d"; header "$img" 08 11 28 28; head -c $((11 * 784 - 1)) /dev/zero >>"$img"
hostile "truncated body" 65 "$img"
expect_true "truncated body: says so" grep -q "truncated" "$T/err"
valid "$d"; head -c 3 /dev/zero >>"$img"
hostile "trailing bytes" 65 "$img"
valid "$d"; gzip "$img"; head -c 3000 "$img.gz" >"$T/cut.gz"; mv "$T/cut.gz" "$img.gz"
hostile "truncated gzip" 65 "$img.gz"
valid "$d"; gzip "$img"; printf '\xde\xad\xbe\xef\xde\xad\xbe\xef' | dd of="$img.gz" bs=1 seek=2000 conv=notrunc 2>/dev/null
hostile "corrupt gzip" 65 "$img.gz"
valid "$d"; header "$img" 08 4294967295 28 28
hostile "dimension 0xFFFFFFFF" 65 "$img"
valid "$d"; labels "$lab" 0 1 2 3 4 5 6 7 8 9
hostile "image/label count mismatch" 65 "$img"
valid "$d"; labels "$lab" 0 1 2 3 4 5 6 7 8 9 200
hostile "label 200" 65 "$lab"
expect_true "label 200: says which" grep -q "label 200 at item 10" "$T/err"
valid "$d"; rm "$lab"
hostile "missing labels file" 66 "$d"
valid "$d"; rm "$lab"; mkdir "$lab"
hostile "directory as labels file" 66 "$lab"
hostile_dir=$T/no-such-folder
expect_status "missing folder" 66 "$MLP" data info "idx:$hostile_dir"
one_line_error "missing folder"
expect_true "missing folder: named" grep -qF "$hostile_dir" "$T/err"
expect_status "file as folder" 66 "$MLP" data info "idx:$T/fm-info"
one_line_error "file as folder"

# ---- make ----------------------------------------------------------------------
expect_status "make circles" 0 "$MLP" data make circles --out "$T/c.csv"
expect_true "make: header and 1000 rows" test "$(head -1 "$T/c.csv")" = "label,x1,x2" -a "$(wc -l <"$T/c.csv")" -eq 1001
expect_status "train on the made csv" 0 "$MLP" train --data "csv:$T/c.csv" --epochs 2
expect_status "make --n --seed" 0 "$MLP" data make xor --out "$T/x1.csv" --n 50 --seed 7 --noise 0
expect_true "make: 50 rows" test "$(wc -l <"$T/x1.csv")" -eq 51
"$MLP" data make xor --out "$T/x2.csv" --n 50 --seed 7 --noise 0 >/dev/null
"$MLP" data make xor --out "$T/x3.csv" --n 50 --seed 8 --noise 0 >/dev/null
expect_true "make: same seed, same file" cmp -s "$T/x1.csv" "$T/x2.csv"
expect_true "make: another seed, another file" test -n "$(cmp "$T/x1.csv" "$T/x3.csv" 2>&1)"
expect_status "info on the made csv" 0 "$MLP" data info "csv:$T/x1.csv"
expect_true "info csv: file size and crc" grep -q "^file train  *$T/x1.csv  [0-9]* bytes  crc32 " "$T/out"
expect_true "info csv: 50 samples" grep -q "^train: 50 samples, 2 features, 2 classes" "$T/out"
printf 'a,b,name\n1,2,cat\n3,4,dog\n5,6,cat\n7,8,cat\n' >"$T/s.csv"
expect_status "info csv with string labels" 0 "$MLP" data info "csv:$T/s.csv" --label-col last
expect_true "info csv: class names" grep -qx "train class names: 0=cat 1=dog" "$T/out"
expect_true "info csv: class counts" grep -qx "train class counts: 3 1" "$T/out"
expect_status "make without --out" 2 "$MLP" data make circles
one_line_error "make without --out"
expect_status "make an unknown set" 2 "$MLP" data make nowhere --out "$T/n.csv"
one_line_error "make an unknown set"
expect_status "make a file source" 2 "$MLP" data make fashion-mnist --out "$T/n.csv"
expect_true "make: nothing written on error" test ! -e "$T/n.csv"
expect_status "make into a missing folder" 73 "$MLP" data make circles --out "$T/no/such/c.csv"
one_line_error "make into a missing folder"
expect_true "make: no temporary files left" test -z "$(find "$T" -name '*.tmp-*')"
if [ -w /dev/full ] && [ -e /dev/full ]; then
    expect_status "data list on a full disk" 74 bash -c "'$MLP' data list > /dev/full"
fi

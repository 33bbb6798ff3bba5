# mlp predict: images (PGM, PNG), IDX files and CSV rows; sizes; errors.
. "$(dirname "$0")/lib.sh"
PY=/usr/bin/python3
FM=/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz

expect_status "train a small Fashion-MNIST model" 0 "$MLP" train --data fashion-mnist --layers 16 --epochs 1 --batch 256 --out "$T/m.mlp" --quiet
# Test image 0 as PGM (P5), as PNG (gray and RGB, written with zlib) and
# inverted; a 32x30 PNG; a file that says PNG but is not one.
$PY - "$FM" "$T" <<'PY'
import sys, gzip, zlib, struct
raw = gzip.open(sys.argv[1]).read()[16:16 + 784]
d = sys.argv[2]
open(d + '/img.pgm', 'wb').write(b'P5\n28 28\n255\n' + raw)
def png(path, w, h, rows, colour):
    def chunk(t, b): return struct.pack('>I', len(b)) + t + b + struct.pack('>I', zlib.crc32(t + b))
    ihdr = struct.pack('>IIBBBBB', w, h, 8, 2 if colour else 0, 0, 0, 0)
    data = b''.join(b'\0' + r for r in rows)
    open(path, 'wb').write(b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', ihdr) + chunk(b'IDAT', zlib.compress(data)) + chunk(b'IEND', b''))
rows = [raw[i * 28:(i + 1) * 28] for i in range(28)]
png(d + '/gray.png', 28, 28, rows, False)
png(d + '/rgb.png', 28, 28, [bytes(v for p in r for v in (p, p, p)) for r in rows], True)
png(d + '/inv.png', 28, 28, [bytes(255 - p for p in r) for r in rows], False)
png(d + '/big.png', 32, 30, [bytes(32)] * 30, False)
open(d + '/fake.png', 'wb').write(b'\x89PNG\r\n\x1a\nthis is not a png at all')
PY
expect_status "predict a PGM" 0 "$MLP" predict "$T/m.mlp" "$T/img.pgm" --top 2
expect_true "one line with two classes" test "$(grep -c 'img.pgm:' "$T/out")" -eq 1
expect_status "PGM, gray PNG and RGB PNG" 0 "$MLP" predict "$T/m.mlp" "$T/img.pgm" "$T/gray.png" "$T/rgb.png" --json
cp "$T/out" "$T/plain.json"
expect_true "the same picture gives the same probabilities in every format" $PY -c "
import json,sys; d=json.loads(open('$T/plain.json').read().strip().splitlines()[-1])['predictions']
sys.exit(0 if len(d) == 3 and d[0]['top'] == d[1]['top'] == d[2]['top'] and 0 < sum(t['p'] for t in d[0]['top']) <= 1.000001 else 1)"
expect_status "inverted drawing with --invert" 0 "$MLP" predict "$T/m.mlp" "$T/inv.png" --invert --json
expect_true "--invert undoes the inversion" $PY -c "
import json,sys
a=json.loads(open('$T/plain.json').read().strip().splitlines()[-1])['predictions'][0]['top']
b=json.loads(open('$T/out').read().strip().splitlines()[-1])['predictions'][0]['top']
sys.exit(0 if a == b else 1)"
expect_status "inverted drawing without --invert" 0 "$MLP" predict "$T/m.mlp" "$T/inv.png" --json
expect_true "without --invert the prediction differs" $PY -c "
import json,sys
a=json.loads(open('$T/plain.json').read().strip().splitlines()[-1])['predictions'][0]['top']
b=json.loads(open('$T/out').read().strip().splitlines()[-1])['predictions'][0]['top']
sys.exit(0 if a != b else 1)"
expect_status "IDX file: every image" 0 "$MLP" predict "$T/m.mlp" "$FM" --top 1
expect_true "10000 predictions" test "$(wc -l < "$T/out")" -eq 10000
expect_true "first IDX prediction equals the PGM's" bash -c "
a=\$('$MLP' predict '$T/m.mlp' '$T/img.pgm' --top 1 | cut -d: -f2); b=\$(head -1 '$T/out' | cut -d: -f2); test \"\$a\" = \"\$b\""
expect_status "wrong size" 65 "$MLP" predict "$T/m.mlp" "$T/big.png"
one_line_error "wrong size"
expect_true "wrong size message says what it got and needs" grep -q "32x30.*28x28" "$T/err"
expect_status "not a PNG" 65 "$MLP" predict "$T/m.mlp" "$T/fake.png"
one_line_error "not a PNG"
expect_status "missing input" 66 "$MLP" predict "$T/m.mlp" "$T/none.png"
one_line_error "missing input"
expect_status "no inputs" 2 "$MLP" predict "$T/m.mlp"
expect_status "bad --top" 2 "$MLP" predict "$T/m.mlp" "$T/img.pgm" --top 0

# CSV rows (label first, as for training) with a circles model.
expect_status "circles model" 0 "$MLP" train --data circles --layers 8 --act tanh --epochs 5 --out "$T/c.mlp" --quiet
printf '0,1.0,0.0\n1,0.5,0.0\n1,0.0,-0.5\n' > "$T/pts.csv"
expect_status "predict CSV rows" 0 "$MLP" predict "$T/c.mlp" "$T/pts.csv" --top 1 --json
expect_true "three rows, classes 0 1 1" $PY -c "
import json,sys; d=json.loads(open('$T/out').read().strip().splitlines()[-1])['predictions']
sys.exit(0 if [p['top'][0]['class'] for p in d] == [0, 1, 1] and [p['true'] for p in d] == [0, 1, 1] else 1)"
expect_status "CSV of the wrong width" 65 "$MLP" predict "$T/m.mlp" "$T/pts.csv"
one_line_error "CSV width"

# A CSV with a header, semicolons and string labels in a named column:
# train on it, then predict its rows; labels map through the model's names.
printf 'a;b;kind\n1.0;2.0;cat\n3;4;dog\n1.1;2.1;cat\n3.2;4.1;dog\n' > "$T/s.csv"
expect_status "train on string labels" 0 "$MLP" train --data "csv:$T/s.csv" --label-col kind --layers 4 --epochs 50 --batch 2 --out "$T/s.mlp" --quiet
expect_status "predict with names" 0 "$MLP" predict "$T/s.mlp" "$T/s.csv" --label-col kind --json
expect_true "names cat and dog, true classes 0 1 0 1" $PY -c "
import json,sys; d=json.loads(open('$T/out').read().strip().splitlines()[-1])['predictions']
sys.exit(0 if [p['true'] for p in d] == [0, 1, 0, 1] and {t['name'] for t in d[0]['top']} == {'cat', 'dog'} else 1)"
printf 'a;b;kind\n1.0;2.0;bird\n' > "$T/bird.csv"
expect_status "unknown label name" 65 "$MLP" predict "$T/s.mlp" "$T/bird.csv" --label-col kind
one_line_error "unknown label name"

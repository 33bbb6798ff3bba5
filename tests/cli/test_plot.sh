# mlp plot, mlp train --plots and mlp report: every picture type from short
# runs is a valid PNG/SVG of sensible size; the report has every section
# and names no URL; bad input gives one-line errors, documented statuses
# and no partial file.
. "$(dirname "$0")/lib.sh"
PY=/usr/bin/python3

if ! command -v gnuplot >/dev/null 2>&1; then
    fail "gnuplot is installed" "pictures need gnuplot (make deps installs gnuplot-nox)"
    exit 0
fi

# valid_pic FILE: a PNG (signature, IHDR) or SVG (well-formed XML, <svg>)
# between 200x150 and 5000x5000 pixels.
valid_pic() {
    $PY - "$1" <<'PY'
import struct, sys, xml.etree.ElementTree as ET
p = sys.argv[1]
data = open(p, 'rb').read()
if p.endswith('.png'):
    assert data[:8] == b'\x89PNG\r\n\x1a\n', 'PNG signature'
    assert data[12:16] == b'IHDR', 'IHDR first'
    w, h = struct.unpack('>II', data[16:24])
    assert data[-8:-4] == b'IEND', 'IEND last'
else:
    root = ET.fromstring(data)
    assert root.tag.endswith('svg'), root.tag
    w, h = float(root.get('width')), float(root.get('height'))
    assert len(list(root.iter())) > 20, 'SVG has content'
assert 200 <= w <= 5000 and 150 <= h <= 5000, (w, h)
PY
}
# no_partial DIR: no temporary file of an atomic write left in DIR.
no_partial() { test -z "$(find "$1" -name '*.tmp-*')"; }

# A tiny image set: 28x28 bars (horizontal, vertical, diagonal), 300 + 100.
mkdir -p "$T/bars"
$PY - "$T/bars" <<'PY'
import struct, sys, numpy as np
d = sys.argv[1]; r = np.random.default_rng(1)
def make(n):
    y = r.integers(0, 3, n); x = np.zeros((n, 28, 28))
    for i, c in enumerate(y):
        p = r.integers(6, 22)
        if c == 0: x[i, p-2:p+2, 4:24] = 1
        elif c == 1: x[i, 4:24, p-2:p+2] = 1
        else:
            for t in range(4, 24): x[i, t, max(0, t-2):t+2] = 1
    x = np.clip(x + r.normal(0, 0.3, x.shape), 0, 1)
    return (x * 255).astype(np.uint8), y.astype(np.uint8)
for name, n in (("train", 300), ("t10k", 100)):
    x, y = make(n)
    open(f"{d}/{name}-images-idx3-ubyte", "wb").write(struct.pack(">IIII", 0x803, n, 28, 28) + x.tobytes())
    open(f"{d}/{name}-labels-idx1-ubyte", "wb").write(struct.pack(">II", 0x801, n) + y.tobytes())
PY

# ---- training runs to draw from ------------------------------------------------
circ=(--data circles --n 300 --layers 8 --act tanh --epochs 5 --quiet)
expect_status "circles run, seed 1" 0 "$MLP" train "${circ[@]}" --val 50 --log "$T/s1.csv" --out "$T/c.mlp"
"$MLP" train "${circ[@]}" --val 50 --seed 2 --log "$T/s2.csv"
"$MLP" train "${circ[@]}" --val 50 --seed 3 --lr 0.3 --log "$T/s3.csv"
"$MLP" train "${circ[@]}" --eval-every 5 --log "$T/it.csv"
bars=(--data "idx:$T/bars" --epochs 2 --quiet)
expect_status "image run (784-16-3)" 0 "$MLP" train "${bars[@]}" --layers 16 --out "$T/b.mlp"
expect_status "softmax regression (784-3)" 0 "$MLP" train "${bars[@]}" --layers none --out "$T/sr.mlp"

# ---- every picture type, PNG and SVG ------------------------------------------------
for ext in png svg; do
    expect_status "curves of one log ($ext)" 0 "$MLP" plot "$T/s1.csv" --out "$T/one.$ext"
    expect_true "curves of one log ($ext) valid" valid_pic "$T/one.$ext"
    expect_status "curves of three runs, two grouped ($ext)" 0 "$MLP" plot "lr 0.1=$T/s1.csv" "lr 0.1=$T/s2.csv" "lr 0.3=$T/s3.csv" --out "$T/group.$ext"
    expect_true "grouped curves ($ext) valid" valid_pic "$T/group.$ext"
    expect_status "weights tiles ($ext)" 0 "$MLP" plot --kind weights "$T/b.mlp" --out "$T/w.$ext"
    expect_true "weights tiles ($ext) valid" valid_pic "$T/w.$ext"
    expect_status "decision regions ($ext)" 0 "$MLP" plot --kind regions "$T/c.mlp" --data circles --n 300 --out "$T/r.$ext"
    expect_true "decision regions ($ext) valid" valid_pic "$T/r.$ext"
    expect_status "sample predictions ($ext)" 0 "$MLP" plot --kind samples "$T/b.mlp" --data "idx:$T/bars" --out "$T/sm.$ext"
    expect_true "sample predictions ($ext) valid" valid_pic "$T/sm.$ext"
    expect_status "confusion heatmap ($ext)" 0 "$MLP" plot --kind confusion "$T/b.mlp" --data "idx:$T/bars" --out "$T/cm.$ext"
    expect_true "confusion heatmap ($ext) valid" valid_pic "$T/cm.$ext"
done
expect_true "grouped runs drawn as a band with a legend" grep -q "mean ± std of 2 runs" "$T/group.svg"
expect_status "--mean: every log one configuration" 0 "$MLP" plot --mean "$T/s1.csv" "$T/s2.csv" --out "$T/mean.svg"
expect_true "--mean band" grep -q "std of 2 runs" "$T/mean.svg"
expect_status "an --eval-every log" 0 "$MLP" plot "$T/it.csv" --out "$T/it.svg"
expect_true "drawn against iterations" grep -q ">iteration<" "$T/it.svg"
expect_status "--against epoch" 0 "$MLP" plot "$T/it.csv" --against epoch --out "$T/ep.svg"
expect_true "drawn against epochs" grep -q ">epoch<" "$T/ep.svg"
expect_status "softmax regression: class templates" 0 "$MLP" plot --kind weights "$T/sr.mlp" --out "$T/tpl.svg"
expect_true "class templates valid" valid_pic "$T/tpl.svg"
expect_true "exactly the 3 class templates" grep -q "the 3 class templates" "$T/tpl.svg"

# Sweep heatmap from a results.csv; the diverged point is marked.
cat > "$T/results.csv" <<'CSV'
batch,lr,seed,test_acc,seconds,diverged
1,0.1,1,0.97,0.5,0
1,5,1,nan,0.1,1
10,0.1,1,0.95,0.2,0
10,0.1,2,0.93,0.2,0
10,5,1,0.55,0.2,0
CSV
for ext in png svg; do
    expect_status "sweep heatmap ($ext)" 0 "$MLP" plot --kind sweep "$T/results.csv" --x batch --y --lr --out "$T/sw.$ext"
    expect_true "sweep heatmap ($ext) valid" valid_pic "$T/sw.$ext"
done
expect_true "sweep heatmap marks the diverged run" grep -q ">diverged<" "$T/sw.svg"
expect_true "repeats averaged (0.94)" grep -q ">0.94<" "$T/sw.svg"

# ---- mlp train --plots DIR ------------------------------------------------------------
expect_status "train --plots (2-D data)" 0 "$MLP" train "${circ[@]}" --val 50 --plots "$T/run2d"
for f in run.json log.csv model.mlp curves.png regions.png confusion.png; do
    expect_true "2-D run folder has $f" test -s "$T/run2d/$f"
done
expect_true "2-D run folder: no weights or samples pictures" test ! -e "$T/run2d/weights.png" -a ! -e "$T/run2d/samples.png"
for f in curves regions confusion; do expect_true "2-D $f.png valid" valid_pic "$T/run2d/$f.png"; done
expect_true "run.json is JSON with command, flags and result" $PY -c "
import json,sys; d=json.load(open('$T/run2d/run.json'))
sys.exit(0 if d['command'][:2]==['mlp','train'] and d['flags']['lr']==0.1 and d['status']=='ok' and d['result']['epochs']==5 else 1)"
expect_status "train --plots (images)" 0 "$MLP" train "${bars[@]}" --layers 16 --plots "$T/runimg"
for f in curves weights samples confusion; do expect_true "image $f.png valid" valid_pic "$T/runimg/$f.png"; done
expect_true "image run folder: no regions picture" test ! -e "$T/runimg/regions.png"
expect_status "a diverged run still writes its folder" 1 "$MLP" train --data circles --n 300 --layers 8 --lr 100000 --batch 1 --loss mse --quiet --eval-every 1 --plots "$T/rundiv"
expect_true "diverged folder: log, run.json, curves, no model" test -s "$T/rundiv/log.csv" -a -s "$T/rundiv/curves.png" -a ! -e "$T/rundiv/model.mlp"
expect_true "diverged folder: status diverged" grep -q '"status": "diverged"' "$T/rundiv/run.json"

# ---- mlp report RUNDIR ----------------------------------------------------------------
# check_report FILE SECTION...: every section, every <svg> closed, no URL,
# nothing fetched (no script, link, iframe, @import, src=).
check_report() {
    local f=$1; shift
    $PY - "$f" "$@" <<'PY'
import re, sys
from html.parser import HTMLParser
page = open(sys.argv[1], encoding='utf-8').read()
ids, tags = set(), []
class P(HTMLParser):
    def handle_starttag(self, tag, attrs):
        tags.append(tag)
        for k, v in attrs:
            if k == 'id': ids.add(v)
P().feed(page)
for s in sys.argv[2:]:
    assert s in ids, 'section ' + s
assert not re.search(r'https?://', page), 'a URL'
for bad in ('script', 'link', 'iframe', 'img', 'object', 'embed'):
    assert bad not in tags, bad
assert '@import' not in page and ' src=' not in page
assert page.count('<svg') == page.count('</svg>')
ids = re.findall(r'\bid=["\']([^"\']+)', page)
figs = set()
for svg in re.findall(r'<svg.*?</svg>', page, re.S):
    own = set(re.findall(r'\bid=["\']f(\d+)-', svg))
    assert len(own) == 1 and not own & figs, 'ids of a figure not prefixed apart'
    figs |= own
for ref in re.findall(r'(?:href=["\']#|url\(#)([^"\')]+)', page):
    assert ref in ids, 'dangling reference #' + ref
assert '<meta name="viewport"' in page and '@media' in page
PY
}
all_sections=(configuration metrics curves confusion samples regions weights)
expect_status "report of a 2-D run" 0 "$MLP" report "$T/run2d" --out "$T/r2d.html"
expect_true "2-D report: every section, self-contained" check_report "$T/r2d.html" "${all_sections[@]}"
expect_true "2-D report: curves, regions and confusion inline" test "$(grep -c '<svg' "$T/r2d.html")" -eq 3
expect_true "2-D report: sample predictions table" grep -q "<th>predicted</th>" "$T/r2d.html"
expect_status "report of an image run" 0 "$MLP" report "$T/runimg" --out "$T/rimg.html"
expect_true "image report: every section, self-contained" check_report "$T/rimg.html" "${all_sections[@]}"
expect_true "image report: curves, weights, samples and confusion inline" test "$(grep -c '<svg' "$T/rimg.html")" -eq 4
expect_status "report of a diverged run" 0 "$MLP" report "$T/rundiv" --out "$T/rdiv.html"
expect_true "diverged report: every section" check_report "$T/rdiv.html" "${all_sections[@]}"
expect_true "diverged report says why pictures are missing" grep -q "status: diverged" "$T/rdiv.html"

mkdir "$T/bare" && cp "$T/runimg/log.csv" "$T/runimg/model.mlp" "$T/bare/"
expect_status "report of a folder without run.json" 0 "$MLP" report "$T/bare" --out "$T/rbare.html"
expect_true "bare report: every section, curves and weights" check_report "$T/rbare.html" "${all_sections[@]}"
expect_true "bare report: curves and weights inline" test "$(grep -c '<svg' "$T/rbare.html")" -eq 2

# ---- bad input ----------------------------------------------------------------------
expect_status "missing log" 66 "$MLP" plot "$T/nope.csv" --out "$T/bad.png"
one_line_error "missing log"
expect_true "missing log: the message names the file" grep -q "nope.csv" "$T/err"
printf 'garbage\x01,more\nnot,a,log\n' > "$T/garbage.csv"
expect_status "garbage log" 65 "$MLP" plot "$T/garbage.csv" --out "$T/bad.png"
one_line_error "garbage log"
printf 'epoch,iter,split,loss,acc,lr,seconds\n1,10,train,abc,0.5,0.1,0.1\n' > "$T/badnum.csv"
expect_status "a log with a non-number" 65 "$MLP" plot "$T/badnum.csv" --out "$T/bad.png"
expect_true "the message names the line" grep -q "badnum.csv:2" "$T/err"
expect_status "unknown extension" 2 "$MLP" plot "$T/s1.csv" --out "$T/bad.jpg"
one_line_error "unknown extension"
expect_status "no --out" 2 "$MLP" plot "$T/s1.csv"
expect_status "unknown --kind" 2 "$MLP" plot --kind pie "$T/s1.csv" --out "$T/bad.png"
expect_status "output in a missing folder" 73 "$MLP" plot "$T/s1.csv" --out "$T/no/such/dir/x.png"
one_line_error "output in a missing folder"
mkdir "$T/dir.png"
expect_status "output is a folder" 73 "$MLP" plot "$T/s1.csv" --out "$T/dir.png"
expect_status "missing model" 66 "$MLP" plot --kind weights "$T/nope.mlp" --out "$T/bad.png"
expect_status "weights of a 2-D model" 65 "$MLP" plot --kind weights "$T/c.mlp" --out "$T/bad.png"
one_line_error "weights of a 2-D model"
expect_status "regions of an image model" 65 "$MLP" plot --kind regions "$T/b.mlp" --data "idx:$T/bars" --out "$T/bad.png"
expect_status "sweep without --x/--y" 2 "$MLP" plot --kind sweep "$T/results.csv" --out "$T/bad.png"
expect_status "sweep column missing" 65 "$MLP" plot --kind sweep "$T/results.csv" --x batch --y momentum --out "$T/bad.png"
expect_true "missing column named" grep -q "momentum" "$T/err"
expect_status "gnuplot missing" 73 env MLP_GNUPLOT=/nonexistent/gnuplot "$MLP" plot "$T/s1.csv" --out "$T/bad.png"
one_line_error "gnuplot missing"
expect_true "no picture left by any failure" test ! -e "$T/bad.png" -a ! -e "$T/bad.jpg"
expect_true "no temporary files left" no_partial "$T"

# A full disk: the earlier picture survives whole.
cp "$T/one.png" "$T/keep.png"
limited() { ( trap '' XFSZ; ulimit -f 20; "$@" ); }
expect_status "picture write on a full disk" 74 limited "$MLP" plot "$T/s1.csv" --out "$T/keep.png"
one_line_error "picture write on a full disk"
expect_true "earlier picture byte-identical" cmp -s "$T/one.png" "$T/keep.png"

expect_status "report: missing folder" 66 "$MLP" report "$T/nodir" --out "$T/bad.html"
one_line_error "report: missing folder"
mkdir "$T/empty"
expect_status "report: not a run folder" 66 "$MLP" report "$T/empty" --out "$T/bad.html"
expect_status "report: not .html" 2 "$MLP" report "$T/run2d" --out "$T/bad.txt"
expect_status "report: no --out" 2 "$MLP" report "$T/run2d"
cp -r "$T/run2d" "$T/badjson" && echo '{"command": [' > "$T/badjson/run.json"
expect_status "report: garbage run.json" 65 "$MLP" report "$T/badjson" --out "$T/bad.html"
one_line_error "report: garbage run.json"
expect_true "garbage run.json named" grep -q "badjson/run.json" "$T/err"
expect_status "report: unwritable output" 73 "$MLP" report "$T/run2d" --out "$T/no/such/r.html"
expect_true "no page left by any failure" test ! -e "$T/bad.html" -a ! -e "$T/bad.txt"
expect_true "no temporary files left (report)" no_partial "$T"

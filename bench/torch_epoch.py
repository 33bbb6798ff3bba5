#!/usr/bin/python3
"""torch_epoch.py - one timed training epoch of an MLP in PyTorch, the way
docs/PERFORMANCE.md compares against: data preloaded as float32 tensors, a
fresh permutation, plain SGD, mean cross-entropy, PyTorch's default init,
nothing but the training steps inside the timing. Prints one JSON line.

    torch_epoch.py --data DIR --layers 300 --act sigmoid --batch 64 --threads 2
    torch_epoch.py --sgemm 2048 --threads 2     # sgemm GFLOP/s of this torch

The environment decides which OpenBLAS kernels run (bench/compare sets
OPENBLAS_CORETYPE and OMP_WAIT_POLICY for "at its best").
"""
import argparse, gzip, json, os, resource, sys, time

import numpy as np
import torch


def idx(path):
    with (gzip.open if path.endswith('.gz') else open)(path, 'rb') as f:
        raw = f.read()
    dims = raw[3]
    shape = [int.from_bytes(raw[4 + 4 * i:8 + 4 * i], 'big') for i in range(dims)]
    return np.frombuffer(raw, np.uint8, offset=4 + 4 * dims).reshape(shape)


def find(folder, stem):
    for name in (stem + '.gz', stem):
        if os.path.exists(os.path.join(folder, name)):
            return os.path.join(folder, name)
    sys.exit(f'torch_epoch.py: {folder}: no {stem}[.gz]')


def blas_library():
    """The BLAS this torch process loaded (Debian's alternatives decide)."""
    with open('/proc/self/maps') as f:
        libs = {line.split()[-1] for line in f if 'blas' in line.split()[-1]}
    return ', '.join(sorted(os.path.realpath(p) for p in libs)) or 'none found'


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--data')
    ap.add_argument('--layers', default='300')
    ap.add_argument('--act', default='sigmoid')
    ap.add_argument('--batch', type=int, default=64)
    ap.add_argument('--lr', type=float, default=0.01)
    ap.add_argument('--threads', type=int, default=2)
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--sgemm', type=int, default=0)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)

    if a.sgemm:
        n = a.sgemm
        x, y = torch.randn(n, n), torch.randn(n, n)
        torch.mm(x, y)
        best = 1e9
        for _ in range(5):
            t = time.perf_counter()
            torch.mm(x, y)
            best = min(best, time.perf_counter() - t)
        print(json.dumps({'n': n, 'gflops': 2 * n ** 3 / best / 1e9, 'blas': blas_library()}))
        return

    x = torch.from_numpy(idx(find(a.data, 'train-images-idx3-ubyte')).reshape(60000, -1).astype(np.float32) / 255)
    y = torch.from_numpy(idx(find(a.data, 'train-labels-idx1-ubyte')).astype(np.int64))
    acts = {'sigmoid': torch.nn.Sigmoid, 'tanh': torch.nn.Tanh, 'relu': torch.nn.ReLU}
    sizes = [x.shape[1]] + [int(w) for w in a.layers.split(',')] + [10]
    mods = []
    for i in range(len(sizes) - 1):
        mods.append(torch.nn.Linear(sizes[i], sizes[i + 1]))
        if i < len(sizes) - 2:
            mods.append(acts[a.act]())
    net = torch.nn.Sequential(*mods)
    opt = torch.optim.SGD(net.parameters(), lr=a.lr)
    lossf = torch.nn.CrossEntropyLoss()

    def step(xb, yb):
        opt.zero_grad()
        loss = lossf(net(xb), yb)
        loss.backward()
        opt.step()
        return loss

    for i in range(3):  # warm-up: thread pools, first allocations
        step(x[i * a.batch:(i + 1) * a.batch], y[i * a.batch:(i + 1) * a.batch])
    perm = torch.randperm(x.shape[0])
    t = time.perf_counter()
    for i in range(0, x.shape[0], a.batch):
        j = perm[i:i + a.batch]
        loss = step(x[j], y[j])
    secs = time.perf_counter() - t
    print(json.dumps({'seconds': secs, 'loss': float(loss),
                      'peak_mb': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))


main()

#!/usr/bin/env python3
"""e1c_seedcode.py [--data DIR] SEED... - seed 001's own E1c code, in NumPy.

A faithful re-run of the report's 2-layer network (its listing in
../shared/seeds/001, "neural_network" with forward_2/backward_2), to learn
how much its single reported figure (test 97.75%) owes to the draw:
784-100-10 ReLU in float64, W ~ N(0, 0.01^2), b = 0, inputs x/255, 40
iterations per epoch of 1500 indices drawn with replacement
(np.random.randint after the epoch's shuffle, in the seed's order of calls),
the mean gradient, lr 0.8, 50 epochs. Test accuracy is logged every 5th
iteration before that iteration's update, as the seed does; the seed
printed the last logged value (iteration 1995).

Per seed it prints: SEED, that last logged test accuracy (the seed's
figure), and the test accuracy after the last update (mlp's figure), in %.
Needs python3-numpy (Debian); about 40 s per seed on 2 cores.
DIR holds MNIST's four .gz IDX files (default $MLP_DATA/mnist or
/usr/share/datasets/mnist).
"""
import gzip, os, sys

import numpy as np


def idx(path, offset):
    with gzip.open(path) as f:
        return np.frombuffer(f.read(), np.uint8, offset=offset)


def load(d):
    xtr = idx(os.path.join(d, 'train-images-idx3-ubyte.gz'), 16).reshape(-1, 784) / 255.0
    ytr = idx(os.path.join(d, 'train-labels-idx1-ubyte.gz'), 8).astype(int)
    xte = idx(os.path.join(d, 't10k-images-idx3-ubyte.gz'), 16).reshape(-1, 784) / 255.0
    yte = idx(os.path.join(d, 't10k-labels-idx1-ubyte.gz'), 8).astype(int)
    return xtr, np.eye(10)[ytr], xte, yte


def softmax(z):
    z = z - z.max(1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(1, keepdims=True)


def test_acc(w1, b1, w2, b2, xte, yte):
    p = np.argmax(np.maximum(0, xte @ w1.T + b1.T) @ w2.T + b2.T, 1)
    return 100 * np.mean(p == yte)


def run(seed, xtr, ytr, xte, yte, nb=1500, lr=0.8, epochs=50, k=5):
    np.random.seed(seed)
    n = xtr.shape[0]
    w1 = np.random.normal(scale=0.01, size=(100, 784))
    w2 = np.random.normal(scale=0.01, size=(10, 100))
    b1, b2 = np.zeros((100, 1)), np.zeros((10, 1))
    tot, logged = 0, None
    for _ in range(epochs):
        ind = np.arange(n)
        np.random.shuffle(ind)
        xt, yt = xtr[ind], ytr[ind]
        for _ in range(n // nb):
            mb = np.random.randint(0, n, size=nb)
            x = xt[mb]
            z1 = x @ w1.T + b1.T
            q1 = np.maximum(0, z1)
            dz = softmax(q1 @ w2.T + b2.T) - yt[mb]
            dz1 = (dz @ w2) * (z1 > 0)
            dw2, db2 = dz.T @ q1 / nb, dz.sum(0, keepdims=True).T / nb
            dw1, db1 = dz1.T @ x / nb, dz1.sum(0, keepdims=True).T / nb
            if tot % k == 0:  # the seed evaluates the test set before the update
                logged = test_acc(w1, b1, w2, b2, xte, yte)
            w1 -= lr * dw1
            w2 -= lr * dw2
            b1 -= lr * db1
            b2 -= lr * db2
            tot += 1
    return logged, test_acc(w1, b1, w2, b2, xte, yte)


def main(argv):
    data = os.path.join(os.environ.get('MLP_DATA', '/usr/share/datasets'), 'mnist')
    if argv[:1] == ['--data']:
        data, argv = argv[1], argv[2:]
    if not argv or not all(a.isdigit() for a in argv):
        sys.exit(__doc__)
    try:
        xtr, ytr, xte, yte = load(data)
    except (OSError, ValueError) as e:
        sys.exit('e1c_seedcode.py: %s: cannot read MNIST: %s' % (data, e))
    for s in argv:
        logged, final = run(int(s), xtr, ytr, xte, yte)
        print('%s %.2f %.2f' % (s, logged, final), flush=True)


if __name__ == '__main__':
    main(sys.argv[1:])

#!/usr/bin/python3
"""The two lengths of the repair `pinned-hold-then-cool` (src/claims/machinery/repairs.ts PINNED_HOLD, PINNED_SETTLE), derived
from the graph family ws(50, 4, 0.1) before the repair's first run, never from its outcome.

hold: the pinned voter chain (neighbour copy, node 0 pinned on v) is absorbed once every node's dual backward random
walk has hit node 0. h* = max_i E_i[tau_0] of the simple random walk (h_0 = 0, h_i = 1 + mean_{j~i} h_j); Markov's
bound restarted every e*h* steps gives P(tau > k*e*h*) <= e^-k, so over the 49 walks k = ceil(ln(49/0.01)); the walk
steps only on accepted copies, probability >= a = exp(-0.5*pi^2*(d_max - 2)/T0), so the hold is ceil(k*e*h*/a).
settle: after the hold the pinned Langevin flow's error to v is Gaussian with E|e|^2 = (T0/2) tr M^-1 (M = L +
deg0 e0 e0^T); the drift contracts each mode by (1 - 2 h mu) a step (mu = M's least eigenvalue, h = 0.5/(2 max deg)),
so from 4*sqrt(E|e|^2) to 0.01 takes ln(400 sqrt(E|e|^2)) / -ln(1 - 2 h mu) steps.
h* and the settle are taken at the 99th percentile, d_max at the maximum, over networkx seeds 0 ... 1999.

Usage (Debian's Python, with python3-numpy and python3-networkx): /usr/bin/python3 scripts/pinned-hold-then-cool.py
"""
import math

import networkx as nx
import numpy as np

T0, SIGNAL, NODES, MISS, DRAWS = 100.0, 3.14159, 50, 0.01, 2000


def main():
    hitting, settle, most_degree = [], [], 0
    for seed in range(DRAWS):
        g = nx.watts_strogatz_graph(NODES, 4, 0.1, seed=seed)
        a = nx.to_numpy_array(g)
        degree = a.sum(1)
        most_degree = max(most_degree, int(degree.max()))
        q = (a / degree[:, None])[1:, 1:]
        hitting.append(np.linalg.solve(np.eye(NODES - 1) - q, np.ones(NODES - 1)).max())
        m = np.diag(degree) - a
        m[0, 0] += degree[0]
        ev = np.linalg.eigvalsh(m)
        h = 0.5 / (2 * degree.max())
        error = 4 * math.sqrt(T0 / 2 * np.sum(1 / ev))
        settle.append(math.log(error / 0.01) / -math.log(1 - 2 * h * ev[0]))
    h_star = float(np.quantile(hitting, 0.99))
    accept = math.exp(-0.5 * SIGNAL**2 * (most_degree - 2) / T0)
    k = math.ceil(math.log((NODES - 1) / MISS))
    print(f"h* = {h_star:.1f}, d_max = {most_degree}, a = {accept:.3f}, k = {k}")
    print(f"hold = {math.ceil(k * math.e * h_star / accept)}, settle = {math.ceil(float(np.quantile(settle, 0.99)))}")


if __name__ == "__main__":
    main()

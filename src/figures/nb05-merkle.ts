/** Figure of notebook 05 (§2.1, Merkle-DAG): root coordinates carry no distance between ledgers. */
import { fold, key, uniformSource } from "../engine/random";
import { buildTree, rootToCoordinates } from "../protocol/merkle";
import { signerFromKey, signTransaction, transactionBytes } from "../protocol/transaction";
import { figure } from "../viz/plotly";
import type { FigureSpec } from "./types";

export const figures: FigureSpec[] = [
  {
    id: "merkle-distances",
    title: "Distance between root coordinates: one changed transaction is as far as a different ledger",
    section: "2.1",
    claim: "p2.1-merkle-as-mass",
    notebook: "notebooks/05-merkle-dag.ipynb",
    caption:
      "Coordinates of Merkle roots (d = 8) of ledgers that differ in one transaction are as far apart as those of ledgers that differ in all 32, and as independent uniform points: a hash keeps equality, not nearness.",
    async build(seed) {
      const signers = Array.from({ length: 6 }, (_, i) => signerFromKey(fold(key(50), i)));
      const pool = Array.from({ length: 400 }, (_, i) =>
        transactionBytes(signTransaction(signers[i % 6]!, Math.floor(i / 6), `pay ${(i * 7919) % 1000}`)),
      );
      const D = 8,
        M = 400;
      const rng = uniformSource(fold(key(seed), 60));
      const coords = (txs: Uint8Array[]): Float64Array => rootToCoordinates(buildTree(txs).root, D);
      const dist = (u: ArrayLike<number>, v: ArrayLike<number>): number => {
        let s = 0;
        for (let k = 0; k < u.length; k++) s += (u[k]! - v[k]!) ** 2;
        return Math.sqrt(s);
      };
      const pick = (n: number, exclude: Set<number>): number[] => {
        const out: number[] = [];
        while (out.length < n) {
          const i = Math.floor(rng() * pool.length);
          if (!exclude.has(i) && !out.includes(i)) out.push(i);
        }
        return out;
      };
      const one: number[] = [],
        all: number[] = [],
        uniform: number[] = [];
      for (let m = 0; m < M; m++) {
        const baseIdx = pick(32, new Set());
        const base = baseIdx.map((i) => pool[i]!);
        const changed = base.slice();
        changed[Math.floor(rng() * 32)] = pool[pick(1, new Set(baseIdx))[0]!]!;
        const cb = coords(base);
        one.push(dist(cb, coords(changed)));
        all.push(dist(cb, coords(pick(32, new Set(baseIdx)).map((i) => pool[i]!))));
        uniform.push(
          dist(
            Array.from({ length: D }, () => 2 * rng() - 1),
            Array.from({ length: D }, () => 2 * rng() - 1),
          ),
        );
      }
      const series = [
        ["differ in 1 transaction", one],
        ["differ in all 32 transactions", all],
        ["independent uniform points", uniform],
      ] as const;
      return {
        figure: figure(
          series.map(([name, values]) => ({
            type: "histogram",
            name,
            x: values,
            opacity: 0.5,
            histnorm: "probability density",
            xbins: { start: 0, end: 5, size: 0.1 },
          })),
          {
            title: { text: `Distance between the coordinates of two ledgers (d = ${D}, ${M} pairs each)` },
            barmode: "overlay",
            xaxis: { title: { text: "‖χ(ledger) − χ(ledger′)‖" } },
            yaxis: { title: { text: "density" } },
          },
        ),
        rows: series.flatMap(([name, values]) => values.map((v, i) => ({ sample: name, pair: i, distance: v }))),
      };
    },
  },
];

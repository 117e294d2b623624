/** Figure of notebook 05 (§2.1, Merkle-DAG): root coordinates carry no distance between ledgers. */
import { fold, key } from "../engine/random";
import { rootDistances, transactionPool } from "../studies/protocol/root-distances";
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
      const pool = transactionPool(400, key(50)).transactions;
      const M = 400;
      const r = rootDistances(pool, { pairs: M }, fold(key(seed), 60));
      const D = r.dimension;
      const [one, all, uniform] = [r.oneChanged, r.allChanged, r.uniform];
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

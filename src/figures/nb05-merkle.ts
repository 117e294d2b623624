/**
 * Figures of notebook 05 (§2.1, Merkle-DAG): root coordinates carry no distance between ledgers, and what the text's
 * updates leave of two conflicting roots (the claim's study, src/studies/protocol/root-diffusion, from the claim's
 * replicate-0 streams at the figure's seed).
 */
import { fold, key } from "../engine/random";
import { ready } from "../engine/backend";
import { graphFromSpec } from "../graph/spec";
import { interaction } from "../hamiltonian/interaction";
import { geometric } from "../dynamics/schedules";
import { releaseGraph } from "../ops/tensors";
import { streamKey } from "../claims/machinery/streams";
import { rootDistances, transactionPool } from "../studies/protocol/root-distances";
import { conflictingRoots, rootCopyRuns, rootFlow } from "../studies/protocol/root-diffusion";
import { INITIAL_TEMPERATURE } from "../studies/ising-isomorphism/spin-copy-runs";
import { TEXT_KERNELS } from "../spin/update-kernels";
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
  {
    id: "merkle-diffusion",
    title: "Two conflicting roots moved by the text's updates: copying keeps ledgers' roots, the flow makes a point that is none",
    section: "2.1",
    claim: "p2.1-merkle-diffusion",
    notebook: "notebooks/05-merkle-dag.ipynb",
    caption:
      "ws(50, 4, 0.1), half the nodes on the root of ledger A, half on the conflicting B: the share of nodes whose end value is some ledger's root (of 137 candidates) under §3.3's copy update (each proposal rule, 100 runs) and §1.3's gradient flow, for d = 1 and 8 root coordinates, from the claim's streams. The claim is decided on the flow (80 double spends per d); the copy bars are evidence beside it.",
    async build(seed) {
      await ready();
      const stream = (name: string) => streamKey("p2.1-merkle-diffusion", name, seed, 0);
      const pool = transactionPool(160, stream("pool")).transactions;
      const rows: Array<{ update: string; d: number; onALedger: number; of: number; share: number }> = [];
      for (const d of [1, 8]) {
        const roots = conflictingRoots(pool, d, fold(stream("pool"), 999));
        for (const kernel of TEXT_KERNELS) {
          const r = rootCopyRuns(stream, {
            nodes: 50,
            runs: 100,
            gap: roots.gap,
            kernel,
            schedule: () => geometric({ initial: INITIAL_TEMPERATURE, rate: 0.95 }),
          });
          rows.push({ update: `copy (${kernel})`, d, onALedger: r.onALedger, of: r.nodeEnds, share: r.onALedger / r.nodeEnds });
        }
        const graph = graphFromSpec("ws:50:4:0.1", stream("graph"));
        const f = rootFlow(graph, interaction(graph), roots, stream("flow"));
        releaseGraph(graph);
        rows.push({ update: "flow", d, onALedger: f.onALedger, of: f.nodes, share: f.onALedger / f.nodes });
      }
      return {
        figure: figure(
          [1, 8].map((d) => {
            const sel = rows.filter((r) => r.d === d);
            return { type: "bar", name: `d = ${d}`, x: sel.map((r) => r.update), y: sel.map((r) => r.share) };
          }),
          {
            title: { text: "Share of node end values that are a ledger's root" },
            barmode: "group",
            xaxis: { title: { text: "update" } },
            yaxis: { title: { text: "share of nodes" }, range: [0, 1.05] },
          },
        ),
        rows,
      };
    },
  },
];

/** Figures of notebook 15 (§4.4): Hopfield recall against load, and the couplings Hebb's rule learns from consensus. */
import { fold, key } from "../engine/random";
import { agsCriticalLoad, agsOverlap, retrieval } from "../spin/hopfield/hopfield-network";
import { consensusHebbian } from "../studies/hopfield/hebbian-consensus";
import { injectedConsensusProblem } from "../spin/problem";
import { figure } from "../viz/plotly";
import type { FigureSpec } from "./types";

const NOTEBOOK = "notebooks/15-neuromorphic-projection.ipynb";

export const figures: FigureSpec[] = [
  {
    id: "hopfield-recall",
    title: "Hopfield recall against the load α = P/N, with the Amit–Gutfreund–Sompolinsky curve",
    section: "4.4",
    claim: "p4.4-neuromorphic-substrate",
    notebook: NOTEBOOK,
    caption:
      "Final overlap of a 1000-neuron Hopfield network recalling from a cue with 10 % of its signs flipped (3 trials, ±1 SE) against the AGS theory: an Ising-type memory holds about 0.138 N patterns and collapses above.",
    async build(seed) {
      const N = 1000;
      const loads = [0.02, 0.05, 0.08, 0.1, 0.12, 0.14, 0.16, 0.2, 0.25, 0.3];
      const results = loads.map((a, i) =>
        retrieval({ neurons: N, patterns: Math.round(a * N), noise: 0.1, trials: 3 }, fold(key(seed + 1500), i)),
      );
      const alphaC = agsCriticalLoad();
      const grid = Array.from({ length: 61 }, (_, i) => 0.005 * (i + 1));
      return {
        figure: figure(
          [
            {
              type: "scatter",
              mode: "markers",
              name: `N = ${N}, cue overlap 0.8, 3 trials (±1 SE)`,
              x: loads,
              y: results.map((r) => r.overlap),
              error_y: { type: "data", array: results.map((r) => r.overlapSe), visible: true },
            },
            { type: "scatter", mode: "lines", name: "AGS, N → ∞, T = 0", x: grid, y: grid.map(agsOverlap) },
            {
              type: "scatter",
              mode: "lines",
              name: `α_c = ${alphaC.toFixed(4)}`,
              x: [alphaC, alphaC],
              y: [0, 1.02],
              line: { dash: "dash" },
            },
          ],
          {
            title: { text: "Hopfield recall: final overlap against the load α = P/N" },
            xaxis: { title: { text: "load α = P/N (patterns per neuron)" } },
            yaxis: { title: { text: "final overlap |m|" }, range: [0, 1.05] },
          },
        ),
        rows: results.map((r) => ({
          load: r.load,
          overlap: r.overlap,
          overlapSe: r.overlapSe,
          ags: agsOverlap(r.load),
          meanSweeps: r.meanSweeps,
        })),
      };
    },
  },
  {
    id: "hebbian-couplings",
    title: "Couplings Hebb's rule learns from the consensus dynamics: one pattern, 'all agree'",
    section: "4.4",
    claim: "p4.4-hebbian",
    notebook: NOTEBOOK,
    caption:
      "J_ij = ⟨s_i s_j⟩/N learned from 300 sweeps of the 64-node consensus dynamics at T = 0.5: a nearly uniform, rank-one matrix that stores the single pattern 'everyone agrees' and pulls every other cue to it.",
    async build(seed) {
      const n = 64;
      const learned = consensusHebbian(injectedConsensusProblem({ n }), { temperature: 0.5, sweeps: 300 }, key(seed + 1501));
      const z = Array.from({ length: n }, (_, i) => Array.from(learned.couplings.subarray(i * n, (i + 1) * n)));
      return {
        figure: figure([{ type: "heatmap", name: "J_ij", z, colorscale: "RdBu", zmid: 0, colorbar: { title: { text: "J_ij" } } }], {
          title: { text: `Hebbian J_ij from consensus, 64 nodes: top mode ${(100 * learned.topFraction).toFixed(1)} % of Σλ²` },
          xaxis: { title: { text: "node j" } },
          yaxis: { title: { text: "node i" }, autorange: "reversed" },
        }),
        rows: z.flatMap((row, i) => row.map((J, j) => ({ i, j, J }))),
      };
    },
  },
];

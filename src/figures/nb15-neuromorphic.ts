/** Figures of notebook 15 (§4.4): Hopfield recall against load, and the patterns Hebb's rule recalls from the text's update. */
import { fold, key } from "../engine/random";
import { agsCriticalLoad, agsOverlap, retrieval } from "../spin/hopfield/hopfield-network";
import { HEBBIAN_SETTING, hebbianRecall } from "../studies/hopfield/hebbian-recall";
import { wsSpinProblem } from "../studies/traps/text-traps";
import { consensusHebbian } from "../studies/hopfield/hebbian-consensus";
import { injectedConsensusProblem } from "../spin/problem";
import { TEXT_KERNELS } from "../spin/update-kernels";
import { figure, referenceLine } from "../viz/plotly";
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
    id: "hebbian-recall",
    title: "Patterns Hebb's rule recalls from the text's update and flow, against T_net",
    section: "4.4",
    claim: "p4.4-hebbian",
    notebook: NOTEBOOK,
    caption:
      "Mean number of the 4 patterns shown that Hebb's rule, fed with the states of §3.3's update (node0 and neighbour kernels) or of the §1.3 / §3.2 flow dΨ/dt = −∇ℋ + η (sampled exactly at unit times), at a fixed T_net on watts_strogatz(128, 4, 0.1), recalls from a cue with 30 % of its signs flipped (5 learnings, ±1 SE), with the claim's bar of more than one; beside it, the same test on Hebb given the patterns themselves (a Hopfield memory: all 4) and on random states (pure noise: none). The equations hand Hebb consensus, noise or their own graph's correlations, so no pattern is recalled at any T_net.",
    async build(seed) {
      const { neurons, patterns, sweeps, noise, learnings } = HEBBIAN_SETTING;
      const temperatures = [100, 10, 1, 0.25, 0.1, 0.01];
      const problem = wsSpinProblem(neurons, key(seed + 1501));
      const updates = [
        ...TEXT_KERNELS.map((kernel) => ({ kernel, name: `kernel ${kernel}` })),
        { update: "flow" as const, name: "the flow" },
      ];
      const rows = updates.flatMap(({ name, ...update }) =>
        temperatures.map((temperature, t) => {
          const runs = Array.from({ length: learnings }, (_, l) =>
            hebbianRecall(problem, { ...update, temperature, patterns, sweeps, noise }, fold(key(seed + 1502), t * learnings + l)),
          );
          const counts = runs.map((r) => r.dynamics.recalled);
          const mean = counts.reduce((a, c) => a + c, 0) / learnings;
          const se = Math.sqrt(counts.reduce((a, c) => a + (c - mean) ** 2, 0) / (learnings - 1) / learnings);
          const avg = (f: (r: (typeof runs)[number]) => number) => runs.reduce((a, r) => a + f(r), 0) / learnings;
          return {
            update: name,
            temperature,
            recalled: mean,
            se,
            inputsControl: avg((r) => r.inputs.recalled),
            noiseControl: avg((r) => r.noise.recalled),
            consensus: avg((r) => r.consensus),
          };
        }),
      );
      return {
        figure: figure(
          [
            ...updates.map(({ name }) => {
              const mine = rows.filter((r) => r.update === name);
              return {
                type: "scatter",
                mode: "lines+markers",
                name: `Hebb on the update's states, ${name}`,
                x: temperatures,
                y: mine.map((r) => r.recalled),
                error_y: { type: "data", array: mine.map((r) => r.se), visible: true },
              };
            }),
            {
              type: "scatter",
              mode: "lines",
              name: "control: Hebb on the patterns (Hopfield)",
              x: temperatures,
              y: temperatures.map((_, t) => rows[t]!.inputsControl),
              line: { dash: "dot" },
            },
            {
              type: "scatter",
              mode: "lines",
              name: "control: Hebb on random states (noise)",
              x: temperatures,
              y: temperatures.map((_, t) => rows[t]!.noiseControl),
              line: { dash: "dot" },
            },
            referenceLine("the claim's bar: more than 1", [0.01, 100], 1),
          ],
          {
            title: { text: `Patterns recalled (of ${patterns}) by Hebb's rule on the update's states, N = ${neurons}` },
            xaxis: { title: { text: "T_net" }, type: "log" },
            yaxis: { title: { text: "patterns recalled per learning" }, range: [-0.2, patterns + 0.2] },
          },
        ),
        rows,
      };
    },
  },
  {
    id: "hebbian-couplings",
    title: "Couplings Hebb's rule learns from the consensus dynamics: one pattern, 'all agree'",
    section: "4.4",
    claim: null,
    notebook: NOTEBOOK,
    caption:
      "Context, not p4.4-hebbian's measurement (that is the figure hebbian-recall): J_ij = ⟨s_i s_j⟩/N learned from 300 sweeps of the symmetric single-node chain (the textbook kernel, not one of the text's two rules) on the 64-node ring consensus problem at T = 0.5: a nearly uniform, rank-one matrix that stores the single pattern 'everyone agrees' and pulls every other cue to it.",
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

/** Figures of notebook 13 (§4.2): P(ground) against budget per cooling method, and the Arrhenius escape from the split brain. */
import { fold, key } from "../engine/random";
import { SPLIT_STATE, twoCommunityProblem } from "../spin/problem";
import { barrierFrom } from "../spin/exact-tables";
import { prepareProblem, successCurve, TRAP_METHODS } from "../studies/traps/trap-annealing";
import { escapeTimes, exactEscapeTime } from "../studies/traps/escape";
import { figure, referenceLine } from "../viz/plotly";
import type { FigureSpec } from "./types";
import { geometric, constant } from "../dynamics/schedules";
import { TEXT_KERNELS } from "../spin/update-kernels";
import { wilson } from "../stats/binomial";
import { loopEnds, reheatEscapes } from "../studies/traps/text-traps";
import { REHEAT_GRID } from "../studies/traps/reheat-design";

const NOTEBOOK = "notebooks/13-metastable-traps-and-reheating.ipynb";

export const figures: FigureSpec[] = [
  {
    id: "text-traps-by-kernel",
    title: "The text's landscape: split-brain minima per kernel",
    section: "4.2",
    claim: "p4.2-metastable-risk",
    notebook: NOTEBOOK,
    caption:
      "§3.3's loop (T = 100·0.95^t, stop when a sweep changes nothing) on watts_strogatz(N, 4, 0.1) from random values, 400 runs per point (Wilson 95 %): the share that ends stuck in a split local minimum, per kernel, with the 1 % risk level of p4.2-metastable-risk; under node0 none (node 0's value absorbs in the first sweeps). Re-heating's escapes from these traps are the figure reheat-escapes-by-temperature.",
    async build(seed) {
      const sizes = [50, 100, 200];
      const runs = 400;
      const rows = TEXT_KERNELS.flatMap((kernel) =>
        sizes.map((n, i) => {
          const ends = loopEnds(
            kernel,
            n,
            () => geometric({ initial: 100, rate: 0.95 }),
            { runs, limit: 1000 },
            (stream) => fold(key(seed + (stream === "graph" ? 1303 : 1304)), i),
          );
          const w = wilson(ends.stuck, runs);
          return { kernel, n, runs, stuck: ends.stuck, rate: w.estimate, lower: w.lower, upper: w.upper, split: ends.split };
        }),
      );
      return {
        figure: figure(
          [
            ...TEXT_KERNELS.map((kernel) =>
              kernelRateTrace(
                kernel,
                sizes,
                rows.filter((r) => r.kernel === kernel).map((r) => ({ ...r, value: r.rate })),
              ),
            ),
            referenceLine("risk level 1 %", sizes, 0.01),
          ],
          {
            title: { text: `§3.3's loop on watts_strogatz(N, 4, 0.1): share of ${runs} runs stuck in a split local minimum` },
            xaxis: { title: { text: "N" }, type: "log" },
            yaxis: { title: { text: "P(stuck in a split brain)" } },
          },
        ),
        rows,
      };
    },
  },
  {
    id: "reheat-escapes-by-temperature",
    title: "Re-heating's escapes from the text's traps, per kernel and re-heat temperature",
    section: "4.2",
    claim: "p4.2-reheating-escapes",
    notebook: NOTEBOOK,
    caption:
      "From the first 100 traps where a zero-temperature run stops on watts_strogatz(50, 4, 0.1), per kernel: the share of runs that go below the trap's energy within 10/r sweeps when each sweep re-heats with probability r = 0.01 to the re-heat temperature of p4.2-reheating-escapes' grid (T₀ = 100, d* = 6, the quote's low 1), Wilson 95 %, with the 0.95 of 'ensure'. Under node0 every accepted move is toward node 0's value and is never undone, so at any temperature a run only erodes the minority against node 0 (how soon is what is drawn); under neighbour a copy can be copied back.",
    async build(seed) {
      const rate = 0.01;
      const temperatures = REHEAT_GRID.values as number[];
      const rows = TEXT_KERNELS.flatMap((kernel) => {
        const traps = loopEnds(
          kernel,
          50,
          () => constant(0),
          { runs: 4000, limit: 200, keepTraps: true, maxTraps: 100 },
          (stream) => key(seed + (stream === "graph" ? 1305 : 1306)),
        ).traps;
        return temperatures.map((hot) => {
          const e = reheatEscapes(
            kernel,
            traps,
            (T) => geometric({ initial: T, rate: 0.95 }),
            100,
            { rate, hot, horizon: Math.round(10 / rate), loopLimit: 1000 },
            key(seed + 1307),
          );
          const w = wilson(e.escaped, e.runs);
          return {
            kernel,
            reheatT: hot,
            traps: e.runs,
            escaped: e.escaped,
            share: w.estimate,
            lower: w.lower,
            upper: w.upper,
            meanPassage: e.passage,
          };
        });
      });
      return {
        figure: figure(
          [
            ...TEXT_KERNELS.map((kernel) =>
              kernelRateTrace(
                kernel,
                temperatures,
                rows.filter((r) => r.kernel === kernel).map((r) => ({ ...r, value: r.share })),
              ),
            ),
            referenceLine("'ensure': 0.95", [Math.min(...temperatures), Math.max(...temperatures)], 0.95),
          ],
          {
            title: { text: `Escape within 10/r sweeps from the text's traps, re-heat rate ${rate} per sweep` },
            xaxis: { title: { text: "re-heat temperature" }, type: "log" },
            yaxis: { title: { text: "P(escape)" } },
          },
        ),
        rows,
      };
    },
  },
  {
    id: "trap-success-vs-budget",
    title: "Two communities: P(ground state) against the budget, per cooling method",
    section: "4.2",
    claim: "p4.2-reheating-escapes",
    notebook: NOTEBOOK,
    caption:
      "Fraction of 150 runs of the two-community problem that end in the ground state (±1 binomial SE): the proposal's geometric cooling freezes after ~150 sweeps and its re-heating variant does no better, both stalling below 0.6; logarithmic cooling keeps improving with the budget and parallel tempering reaches the ground state almost always.",
    async build(seed) {
      const prepared = prepareProblem(twoCommunityProblem());
      const budgets = [10, 30, 100, 300, 1000, 3000];
      const runs = 150;
      const curves = TRAP_METHODS.map((method) => ({
        method,
        points: successCurve(prepared, method, budgets, runs, fold(key(seed + 1300), 0)),
      }));
      return {
        figure: figure(
          curves.map((c) => ({
            type: "scatter",
            mode: "lines+markers",
            name: c.method,
            x: budgets,
            y: c.points.map((q) => q.probability),
            error_y: { type: "data", array: c.points.map((q) => q.se), visible: true },
          })),
          {
            title: { text: `Two communities (8 spins): P(final state is a ground state), ${runs} runs, ±1 binomial SE` },
            xaxis: { title: { text: "budget (sweeps)" }, type: "log" },
            yaxis: { title: { text: "P(ground)" }, range: [0, 1.05] },
          },
        ),
        rows: curves.flatMap((c) =>
          c.points.map((q) => ({
            method: c.method,
            budget: q.budget,
            runs: q.runs,
            successes: q.successes,
            probability: q.probability,
            se: q.se,
          })),
        ),
      };
    },
  },
  {
    id: "split-brain-arrhenius",
    title: "Escape from the split brain is thermal activation: Arrhenius plot",
    section: "4.2",
    claim: "p4.2-metastable-risk",
    notebook: NOTEBOOK,
    caption:
      "Mean sweeps to leave the split state (A = +1, B = −1) against ΔE/T: sampled means (300 runs, ±1 SE) on the exact first-passage curve; the time grows as e^{ΔE/T}, so a cold network stays split.",
    async build(seed) {
      const prepared = prepareProblem(twoCommunityProblem());
      const barrier = barrierFrom(prepared.energies, 8, SPLIT_STATE);
      const temperatures = [0.7, 0.8, 0.9, 1.0, 1.2, 1.4];
      const x = temperatures.map((T) => barrier / T);
      const samples = temperatures.map((T, i) => escapeTimes(prepared, SPLIT_STATE, T, 300, fold(key(seed + 1301), i)));
      const exact = temperatures.map((T) => exactEscapeTime(prepared, SPLIT_STATE, T));
      return {
        figure: figure(
          [
            {
              type: "scatter",
              mode: "markers",
              name: "sampled mean (±1 SE)",
              x,
              y: samples.map((s) => s.meanTime),
              error_y: { type: "data", array: samples.map((s) => s.se), visible: true },
            },
            { type: "scatter", mode: "lines", name: "exact mean first passage", x, y: exact },
            {
              type: "scatter",
              mode: "lines",
              name: "slope 1 (pure Arrhenius) through the coldest exact point",
              x,
              y: x.map((v) => exact[0]! * Math.exp(v - x[0]!)),
              line: { dash: "dot" },
            },
          ],
          {
            title: {
              text: `Escape from the split state (ΔE = ${barrier.toFixed(2)}), T from ${temperatures[0]} to ${temperatures[temperatures.length - 1]}`,
            },
            xaxis: { title: { text: "ΔE / T" } },
            yaxis: { title: { text: "mean escape time τ (sweeps)" }, type: "log", exponentformat: "power", dtick: "D2" },
          },
        ),
        rows: temperatures.map((T, i) => ({
          temperature: T,
          barrierOverT: x[i]!,
          sampledMean: samples[i]!.meanTime,
          sampledSe: samples[i]!.se,
          exact: exact[i]!,
        })),
      };
    },
  },
];

/** One kernel's rates against x, with their (asymmetric, Wilson) 95 % intervals as error bars. */
function kernelRateTrace(kernel: string, x: readonly number[], points: ReadonlyArray<{ value: number; lower: number; upper: number }>) {
  return {
    type: "scatter",
    mode: "lines+markers",
    name: `kernel ${kernel}`,
    x,
    y: points.map((p) => p.value),
    error_y: {
      type: "data",
      symmetric: false,
      array: points.map((p) => p.upper - p.value),
      arrayminus: points.map((p) => p.value - p.lower),
      visible: true,
    },
  };
}

/** Figures of notebook 13 (§4.2): P(ground) against budget per cooling method, and the Arrhenius escape from the split brain. */
import { fold, key } from "../engine/random";
import { SPLIT_STATE, twoCommunityProblem } from "../spin/problem";
import { barrierFrom } from "../spin/exact-tables";
import { prepareProblem, successCurve, TRAP_METHODS } from "../studies/traps/trap-annealing";
import { escapeTimes, exactEscapeTime } from "../studies/traps/escape";
import { figure } from "../viz/plotly";
import type { FigureSpec } from "./types";

const NOTEBOOK = "notebooks/13-metastable-traps-and-reheating.ipynb";

export const figures: FigureSpec[] = [
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

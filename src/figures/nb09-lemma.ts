/** Figures of notebook 09 (§3.2): detailed balance per kernel, the free energy of the law, annealing schedules. */
import { groundStateCurves, groundStateWell, lawFreeEnergyPath, lemmaKernels, LEMMA_RING } from "../studies/lemma-audit/lemma-experiments";
import { figure, lineFigure } from "../viz/plotly";
import type { FigureSpec } from "./types";

const NOTEBOOK = "notebooks/09-convergence-lemma-audited.ipynb";

export const figures: FigureSpec[] = [
  {
    id: "detailed-balance",
    title: "Detailed-balance violation of five exact Metropolis kernels (81 states)",
    section: "3.2",
    claim: "p3.2-step4-detailed-balance",
    notebook: NOTEBOOK,
    caption:
      "Exact 81-state transition matrices: random-scan Metropolis with a symmetric proposal is reversible to rounding; an ordered sweep is not (yet keeps π); §3.3's copy-node-0 update violates detailed balance for every target.",
    async build() {
      const kernels = lemmaKernels();
      const floor = (v: number): number => Math.max(v, 1e-18);
      const rows = kernels.map((k) => ({ kernel: k.name, violationT: k.violationT, violation2T: k.violation2T }));
      return {
        figure: figure(
          [
            { type: "bar", name: "against exp(−H/T)", x: rows.map((r) => r.kernel), y: rows.map((r) => floor(r.violationT)) },
            { type: "bar", name: "against exp(−H/2T)", x: rows.map((r) => r.kernel), y: rows.map((r) => floor(r.violation2T)) },
          ],
          {
            barmode: "group",
            title: { text: "max |π_a P_ab − π_b P_ba| per kernel (floored at 1e-18)" },
            xaxis: { title: { text: "kernel (scan = random scan; ΔH or §3.3's ½ difference)" } },
            yaxis: { type: "log", title: { text: "violation" }, exponentformat: "power" },
          },
        ),
        rows,
      };
    },
  },
  {
    id: "free-energy-law",
    title: "Free energy of the Langevin law: decreasing, and unbounded below",
    section: "3.2",
    claim: "p3.2-step2-basin",
    notebook: NOTEBOOK,
    caption:
      "The exact Gaussian law of the noisy gradient flow on a 12-node ring: F(t) decreases (step 1's conclusion, true for the law) but falls without bound as the free consensus mode diffuses, so there is no basin to settle in.",
    async build() {
      const ts = Array.from({ length: 91 }, (_, i) => 10 ** (-3 + i / 10));
      const law = lawFreeEnergyPath(ts);
      return {
        figure: lineFigure(
          ts,
          { "F(t) = ⟨H⟩ − T·S": law.map((f) => f.freeEnergy), "⟨H⟩(t)": law.map((f) => f.energy), "−T·S(t)": law.map((f) => -f.entropy) },
          {
            title: `Free energy of the Langevin law (exact, ring of ${LEMMA_RING.nodes}, T = ${LEMMA_RING.temperature}, σ₀² = ½)`,
            xTitle: "time t",
            yTitle: "energy units",
            logX: true,
          },
        ),
      };
    },
  },
  {
    id: "annealing-schedules",
    title: "Double well: geometric cooling freezes, logarithmic cooling keeps improving",
    section: "3.2",
    claim: "p3.2-ground-state",
    notebook: NOTEBOOK,
    caption:
      "The double well of p3.2-ground-state (d* = 50, 4 false states), exact probability of the ground state after a budget of steps: the proposal's T = 100·0.95^t freezes with a fixed chance of the wrong well, however long it runs; logarithmic schedules (Hajek 1988; c = 2d* = T₀ is the repair) keep improving.",
    async build() {
      const budgets = [10, 20, 50, 100, 200, 500, 1e3, 2e3, 5e3, 1e4, 2e4, 5e4, 1e5];
      const curves = groundStateCurves(budgets, groundStateWell());
      return {
        figure: lineFigure(
          budgets,
          {
            "geometric T₀ = 100, r = 0.95 (the proposal)": curves.geometric,
            "logarithmic c = d*": curves.logarithmic,
            "logarithmic c = 2d*": curves.logarithmic2,
            "Boltzmann at the final T of c = 2d*": curves.boltzmann2,
          },
          {
            title: "Double well: exact P(ground state) after the budget",
            xTitle: "steps",
            yTitle: "P(ground)",
            logX: true,
            mode: "lines+markers",
          },
        ),
      };
    },
  },
];

/** Figures of notebook 09 (§3.2): detailed balance per kernel, the free energy of the law, the ground-state cells. */
import { lawFreeEnergyPath, lemmaKernels, LEMMA_RING } from "../studies/lemma-audit/lemma-experiments";
import { type GroundStateCell, groundStateCells } from "../studies/lemma-audit/ground-state";
import { geometric } from "../dynamics/schedules";
import { streamKey } from "../claims/machinery/streams";
import { repairByName } from "../claims/machinery/repairs";
import { WS_LANDSCAPE } from "../spin/ws-landscape";
import { wilson } from "../stats/binomial";
import { figure, lineFigure, referenceLine } from "../viz/plotly";
import type { FigureSpec } from "./types";

const NOTEBOOK = "notebooks/09-convergence-lemma-audited.ipynb";

export const figures: FigureSpec[] = [
  {
    id: "detailed-balance",
    title: "Detailed-balance violation of six exact Metropolis kernels (81 states)",
    section: "3.2",
    claim: "p3.2-step4-detailed-balance",
    notebook: NOTEBOOK,
    caption:
      "Exact 81-state transition matrices: random-scan Metropolis with a symmetric proposal is reversible to rounding; an ordered sweep is not (yet keeps π); the text's two updates (§3.3's copy-node-0 and the §3.1 gossip's copy-a-neighbour) violate detailed balance for every target.",
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
    // The id is the gallery's; the figure now draws the claim's own cells (issue 42 item 8).
    id: "annealing-schedules",
    title: "Lemma 1 on the text's landscape: divergence after annealing, per update rule",
    section: "3.2",
    claim: "p3.2-ground-state",
    notebook: NOTEBOOK,
    caption:
      "The cells of p3.2-ground-state, run as the claim runs them (studies/lemma-audit/ground-state.ts, the claim's stream at replicate 0): §3.3's update on ℋ = Σ‖ψ_i − ψ_j‖² over ws(N, 4, 0.1) from a disordered start of K ledgers, the share of runs ending outside consensus (Wilson 95 %) under the proposal's T = 100·0.95^t and under the repair logarithmic-cooling; the dashed line is the 5 % level the claim decides against.",
    async build(seed) {
      const runsKey = streamKey("p3.2-ground-state", "runs", seed, 0);
      const repair = repairByName("logarithmic-cooling").schedule!;
      const schedules = [
        { name: "geometric T₀ = 100, ×0.95 (the proposal)", schedule: () => geometric({ initial: 100, rate: 0.95 }) },
        { name: "logarithmic cooling (the repair)", schedule: () => repair(100, WS_LANDSCAPE) },
      ];
      const label = (c: GroundStateCell): string => `${c.kernel}, N = ${c.nodes}, K = ${c.ledgers}`;
      const traces = schedules.map(({ name, schedule }) => {
        const cells = groundStateCells(schedule, runsKey);
        const share = cells.map((c) => c.divergent / c.runs);
        const ci = cells.map((c) => wilson(c.divergent, c.runs));
        return {
          type: "bar",
          name,
          x: cells.map(label),
          y: share,
          error_y: {
            type: "data",
            symmetric: false,
            array: ci.map((w, i) => w.upper - share[i]!),
            arrayminus: ci.map((w, i) => share[i]! - w.lower),
            visible: true,
          },
          rows: cells,
        };
      });
      const x = traces[0]!.x;
      return {
        figure: figure(
          [...traces.map(({ rows: _rows, ...t }) => t), referenceLine("5 % level", x, 0.05, { dash: "dash", color: "#555" })],
          {
            barmode: "group",
            title: { text: "Share of runs ending outside consensus (the ground state), per cell" },
            xaxis: { title: { text: "update rule, network size N, ledgers K" } },
            yaxis: { title: { text: "P(divergence)" }, range: [0, 1] },
          },
        ),
        rows: traces.flatMap((t) =>
          t.rows.map((c) => ({
            schedule: t.name,
            kernel: c.kernel,
            nodes: c.nodes,
            ledgers: c.ledgers,
            runs: c.runs,
            divergent: c.divergent,
            splitAtStop: c.splitAtStop,
          })),
        ),
      };
    },
  },
];

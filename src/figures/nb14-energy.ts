/** Figures of notebook 14 (§4.3): the energy ladder of one decision, and entropy removed against sweeps. */
import { key } from "../engine/random";
import {
  consensusEntropy,
  decisionCost,
  fieldEntropyBitsRemoved,
  JOULES_PER_INSTRUCTION,
  PBFT_MESSAGE_BYTES,
} from "../studies/joules/joule-accounting";
import { injectedConsensusProblem } from "../spin/problem";
import { ringLatticeEigenvalues } from "../graph/spectrum";
import { figure, lineFigure } from "../viz/plotly";
import type { FigureSpec } from "./types";

const NOTEBOOK = "notebooks/14-landauer-and-energy.ipynb";

export const figures: FigureSpec[] = [
  {
    id: "landauer-ladder",
    title: "One 16-node decision in joules: Landauer bound, counted simulation work, PBFT messages",
    section: "4.3",
    claim: "p4.3-landauer",
    notebook: NOTEBOOK,
    caption:
      "The cost of one 16-node decision (200 sweeps, 200 runs) on a log axis: the Landauer bound for the bits removed, the counted work of the simulation and PBFT's network bytes; the counted simulation work sits about 14 orders of magnitude above Landauer (the notebook's timed bar is a benchmark and is left out here).",
    async build(seed) {
      const { ladder } = decisionCost(key(seed + 1400), { n: 16, sweeps: 200, runs: 200 });
      const bars = [
        { rung: "Landauer bound<br>(bits × k_B·300 K·ln 2)", joules: ladder.landauerJoules },
        { rung: `simulation, counted<br>(× ${JOULES_PER_INSTRUCTION * 1e12} pJ/instruction)`, joules: ladder.simulationJoules },
        { rung: `PBFT network bytes<br>(${ladder.bftMessages} messages × ${PBFT_MESSAGE_BYTES} B)`, joules: ladder.bftJoules },
      ];
      return {
        figure: figure(
          [
            {
              type: "bar",
              name: "joules per decision",
              x: bars.map((b) => b.rung),
              y: bars.map((b) => b.joules),
              text: bars.map((b) => b.joules.toExponential(1)),
              textposition: "outside",
            },
          ],
          {
            title: { text: `One 16-node decision (${ladder.bitsRemoved.toFixed(1)} bits removed, 200 sweeps)` },
            xaxis: { tickangle: 0 },
            yaxis: { title: { text: "joules per decision" }, type: "log", exponentformat: "power" },
          },
        ),
        rows: bars.map((b) => ({ rung: b.rung, joules: b.joules, overLandauer: b.joules / ladder.landauerJoules })),
      };
    },
  },
  {
    id: "entropy-removed",
    title: "Entropy removed against sweeps: the continuous field's grows without bound, the decision's saturates",
    section: "4.3",
    claim: "p4.3-energy-reduces-entropy",
    notebook: NOTEBOOK,
    caption:
      "Bits of entropy removed by the proposal's cooling T = 100·0.95^t on a 16-node ring: the continuous field's Gaussian entropy keeps falling with the schedule while the decision saturates near 15 of its 16 bits after ~100 sweeps, so the work spent does not track the information removed.",
    async build(seed) {
      const problem = injectedConsensusProblem({ n: 16 });
      const eigen = ringLatticeEigenvalues(16, 4);
      const sweeps = [10, 30, 100, 300, 1000];
      return {
        figure: lineFigure(
          sweeps,
          {
            "continuous field, d = 2: S(T₀) − S(T_t)": sweeps.map((t) => fieldEntropyBitsRemoved(eigen, 2, 100, 100 * 0.95 ** t)),
            "discrete decision: bits removed (100 runs)": sweeps.map(
              (t) => consensusEntropy(problem, { sweeps: t, runs: 100 }, key(seed + 1402)).bitsRemoved,
            ),
          },
          {
            title: "Entropy removed against sweeps (16 nodes, T = 100·0.95^t)",
            xTitle: "sweeps",
            yTitle: "bits removed",
            logX: true,
            logY: true,
            mode: "lines+markers",
          },
        ),
      };
    },
  },
];

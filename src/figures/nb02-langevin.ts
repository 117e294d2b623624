/** Figure of notebook 02 (§1.3): ULA's step-size bias against its exact value, MALA on equipartition. */
import { ready } from "../engine/backend";
import { fold, key } from "../engine/random";
import { graphFromSpec } from "../graph/spec";
import { releaseGraph } from "../ops/tensors";
import { laplacianEigenvalues } from "../graph/spectrum";
import { interaction } from "../hamiltonian/interaction";
import { mala, ula } from "../dynamics/gradient";
import { equipartitionEnergy, ulaStationaryEnergy } from "../analysis/gaussian-exact";
import { langevinStepSweep } from "../studies/langevin-sweep/langevin-sweep";
import { scatterFigure } from "../viz/plotly";
import type { FigureSpec } from "./types";

export const figures: FigureSpec[] = [
  {
    id: "ula-bias",
    title: "⟨H⟩ against the step size: ULA follows its exact biased law, MALA stays on equipartition",
    section: "1.3",
    claim: "p1.3-langevin",
    notebook: "notebooks/02-free-energy-and-langevin.ipynb",
    caption:
      "Unadjusted Langevin (the plain noisy gradient descent) samples a law whose ⟨H⟩ = (dT/2)Σ1/(1−hλ_m) grows with the step; the Metropolis-adjusted chain stays on the Boltzmann value (N−1)dT/2.",
    async build(seed) {
      await ready();
      const graph = graphFromSpec("ws:20:4:0.1", fold(key(seed), 1));
      const d = 2,
        T = 1,
        H = interaction(graph);
      const eigenvalues = laplacianEigenvalues(graph);
      const lambdaMax = eigenvalues[graph.n - 1]!;
      const exact = equipartitionEnergy(graph.n, d, T);
      // One study function with the claim p1.3-langevin (studies/langevin-sweep/langevin-sweep): ULA at five steps, MALA at three.
      const length = { steps: 4000, burnIn: 800, recordEvery: 100 };
      const common = { energy: H, eigenvalues, channels: d, temperature: T, run: length };
      const ulaSweep = langevinStepSweep({
        ...common,
        integrator: ula,
        factors: [0.1, 0.3, 0.5, 0.7, 0.85],
        key: (i) => fold(key(seed), 10 + i),
      });
      const malaSweep = langevinStepSweep({ ...common, integrator: mala, factors: [0.1, 0.3, 0.5], key: (i) => fold(key(seed), 20 + i) });
      releaseGraph(graph);
      const points = (sweep: typeof ulaSweep) => ({
        h: sweep.map((p) => p.step),
        mean: sweep.map((p) => p.meanEnergy),
        err: sweep.map((p) => 2 * p.mcse),
      });
      const ulaPts = points(ulaSweep),
        malaPts = points(malaSweep);
      const hCurve = Array.from({ length: 60 }, (_, i) => (0.9 * (i + 1)) / 60 / lambdaMax);
      return {
        figure: scatterFigure(
          [
            { name: "ULA measured (±2 MCSE)", x: ulaPts.h, y: ulaPts.mean, error: ulaPts.err },
            { name: "MALA measured (±2 MCSE)", x: malaPts.h, y: malaPts.mean, error: malaPts.err },
          ],
          [
            { name: "exact ULA (dT/2)Σ 1/(1−hλ_m)", x: hCurve, y: hCurve.map((h) => ulaStationaryEnergy(eigenvalues, d, T, h)) },
            { name: "equipartition (N−1)dT/2", x: [0, 0.9 / lambdaMax], y: [exact, exact] },
          ],
          { title: "⟨H⟩ against the step size (ws:20:4:0.1, T = 1)", xTitle: "step size h", yTitle: "⟨H⟩" },
        ),
      };
    },
  },
];

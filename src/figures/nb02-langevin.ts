/** Figure of notebook 02 (§1.3): ULA's step-size bias against its exact value, MALA on equipartition. */
import * as tf from "@tensorflow/tfjs";
import { ready } from "../engine/backend";
import { fold, key } from "../engine/random";
import { graphFromSpec } from "../graph/spec";
import { releaseGraph } from "../ops/tensors";
import { laplacianEigenvalues } from "../graph/spectrum";
import { interaction } from "../hamiltonian/interaction";
import { mala, ula } from "../dynamics/gradient";
import { run } from "../dynamics/run";
import { equipartitionEnergy, ulaStationaryEnergy } from "../analysis/exact";
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
      const ulaPts = { h: [] as number[], mean: [] as number[], err: [] as number[] };
      const malaPts = { h: [] as number[], mean: [] as number[], err: [] as number[] };
      const zero = tf.zeros([graph.n, d]) as tf.Tensor2D;
      for (const [i, f] of [0.1, 0.3, 0.5, 0.7, 0.85].entries()) {
        const h = f / lambdaMax;
        const u = run(
          ula(H, { step: h, temperature: T }),
          zero,
          {
            steps: 4000,
            burnIn: 800,
            recordEvery: 100,
          },
          fold(key(seed), 10 + i),
        );
        u.final.dispose();
        ulaPts.h.push(h);
        ulaPts.mean.push(u.meanEnergy);
        ulaPts.err.push(2 * u.energyMcse);
        if (f <= 0.5) {
          const m = run(
            mala(H, { step: h, temperature: T }),
            zero,
            {
              steps: 4000,
              burnIn: 800,
              recordEvery: 100,
            },
            fold(key(seed), 20 + i),
          );
          m.final.dispose();
          malaPts.h.push(h);
          malaPts.mean.push(m.meanEnergy);
          malaPts.err.push(2 * m.energyMcse);
        }
      }
      zero.dispose();
      releaseGraph(graph);
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

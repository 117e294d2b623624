/** Figure of notebook 00: the first live demo, H along a MALA chain against equipartition. */
import * as tf from "@tensorflow/tfjs";
import { ready } from "../engine/backend";
import { fold, key } from "../engine/random";
import { graphFromSpec } from "../graph/spec";
import { releaseGraph } from "../ops/tensors";
import { interaction } from "../hamiltonian/interaction";
import { mala } from "../dynamics/gradient";
import { run } from "../dynamics/run";
import { equipartitionEnergy } from "../analysis/gaussian-exact";
import { lineFigure } from "../viz/plotly";
import type { FigureSpec } from "./types";

export const figures: FigureSpec[] = [
  {
    id: "mala-equipartition",
    title: "H along a MALA chain on ws:100:4:0.1 settles on equipartition (N−1)dT/2",
    section: "1.3",
    claim: "p1.3-langevin",
    notebook: "notebooks/00-overview.ipynb",
    caption:
      "Starting from consensus (H = 0), Metropolis-adjusted Langevin heats the field to the Boltzmann level and fluctuates around the exact (N−1)dT/2: the sampler every later measurement builds on.",
    async build(seed) {
      await ready();
      const graph = graphFromSpec("ws:100:4:0.1", fold(key(seed), 1));
      const d = 2,
        T = 1;
      const zero = tf.zeros([graph.n, d]) as tf.Tensor2D;
      const r = run(
        mala(interaction(graph), { step: 0.02, temperature: T }),
        zero,
        {
          steps: 6000,
          burnIn: 1500,
          adapt: true,
          recordEvery: 20,
        },
        fold(key(seed), 2),
      );
      r.final.dispose();
      zero.dispose();
      releaseGraph(graph);
      const steps = r.trace.map((x) => x.step);
      return {
        figure: lineFigure(
          steps,
          { "H (MALA)": r.trace.map((x) => x.energy) },
          {
            title: `H along the MALA chain: ⟨H⟩ = ${r.meanEnergy.toFixed(1)} ± ${r.energyMcse.toFixed(1)} after burn-in`,
            xTitle: "step",
            yTitle: "H",
            references: { "(N−1)dT/2": equipartitionEnergy(graph.n, d, T) },
          },
        ),
      };
    },
  },
];

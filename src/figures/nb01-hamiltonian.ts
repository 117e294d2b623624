/** Figures of notebook 01 (§1.2): the vanishing entropic penalty and two densities ρ of the cost term (a grid of the claim). */
import * as tf from "@tensorflow/tfjs";
import { ready } from "../engine/backend";
import { fold, key, normal } from "../engine/random";
import { graphFromSpec } from "../graph/spec";
import { laplacianProduct } from "../ops/laplacian";
import { releaseGraph } from "../ops/tensors";
import { localShannonEntropy } from "../hamiltonian/entropy";
import { interaction } from "../hamiltonian/interaction";
import { computationalCost, massDensity } from "../hamiltonian/cost";
import { sum } from "../hamiltonian/term";
import { gradientFlow } from "../dynamics/gradient";
import { run } from "../dynamics/run";
import { lineFigure } from "../viz/plotly";
import type { FigureSpec } from "./types";

const NOTEBOOK = "notebooks/01-state-tensor-and-hamiltonian.ipynb";

export const figures: FigureSpec[] = [
  {
    id: "entropic-penalty",
    title: "The entropic penalty sums a graph Laplacian: it cancels to zero",
    section: "1.2",
    claim: "p1.2-entropic-penalty",
    notebook: NOTEBOOK,
    caption:
      "Per-node local entropy S_i and its graph Laplacian ∇²S_i on ws:200:4:0.1: the terms are of order one, of both signs, and their running sum returns to zero, so λΣ∇²S_i penalises nothing.",
    async build(seed) {
      await ready();
      const graph = graphFromSpec("ws:200:4:0.1", fold(key(seed), 1));
      const [laplaceS, entropyS] = tf.tidy(() => {
        const field = normal(fold(key(seed), 2), [graph.n, 2]) as tf.Tensor2D;
        const s = localShannonEntropy(field, graph);
        return [
          Array.from(tf.neg(laplacianProduct(tf.reshape(s, [graph.n, 1]) as tf.Tensor2D, graph)).dataSync()),
          Array.from(s.dataSync()),
        ];
      });
      releaseGraph(graph);
      const running: number[] = [];
      laplaceS.reduce((acc, v) => (running.push(acc + v), acc + v), 0);
      const nodes = laplaceS.map((_, i) => i);
      return {
        figure: lineFigure(
          nodes,
          { S_i: entropyS, "∇²S_i": laplaceS, "Σ_{k≤i} ∇²S_k": running },
          {
            title: "Local entropy, its graph Laplacian, and the running sum (ws:200:4:0.1)",
            xTitle: "node i",
            yTitle: "nats",
            mode: "lines",
          },
        ),
      };
    },
  },
  {
    id: "cost-term-flow",
    title: "The cost term as a mass term erases the agreed value",
    section: "1.2",
    claim: "p1.2-computational-cost",
    notebook: NOTEBOOK,
    caption:
      "Gradient flow from ledgers centred on 3: the interaction energy alone keeps the mean (the nodes agree on what they started with); adding μΣ‖ψ_i‖² drags the agreed value to 0.",
    async build(seed) {
      await ready();
      const graph = graphFromSpec("ws:200:4:0.1", fold(key(seed), 1));
      const start = tf.tidy(() => tf.add(normal(fold(key(seed), 2), [graph.n, 2]), 3) as tf.Tensor2D);
      const series: Record<string, number[]> = {};
      let steps: number[] = [];
      const meanOf = (p: tf.Tensor2D): number => tf.tidy(() => tf.mean(p).dataSync()[0]!);
      for (const [label, H] of [
        ["H_int", interaction(graph)],
        ["H_int + 0.05·Σ‖ψ_i‖²", sum(interaction(graph), computationalCost({ mu: 0.05, density: massDensity }))],
      ] as const) {
        const r = run(
          gradientFlow(H, { step: 0.05 }),
          start,
          {
            steps: 600,
            recordEvery: 6,
            observe: (p) => ({ mean: meanOf(p) }),
          },
          fold(key(seed), 3),
        );
        series[`mean of χ under ${label}`] = r.trace.map((x) => x.mean!);
        series[`consensus error under ${label}`] = r.trace.map((x) => x.consensusError!);
        steps = r.trace.map((x) => x.step);
        r.final.dispose();
      }
      start.dispose();
      releaseGraph(graph);
      return { figure: lineFigure(steps, series, { title: "Gradient flow from ledgers centred on 3", xTitle: "step", yTitle: "value" }) };
    },
  },
];

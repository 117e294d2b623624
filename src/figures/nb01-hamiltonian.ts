/**
 * Figures of notebook 01 (§1.2): the vanishing entropic penalty and the cost term's flow, each drawn by its claim's
 * study (src/studies/hamiltonian) from the claim's replicate-0 streams at the figure's seed, at the claim's headline
 * cell, so the figure shows the numbers its verdict was decided on.
 */
import { ready } from "../engine/backend";
import { interaction } from "../hamiltonian/interaction";
import { streamKey } from "../claims/machinery/streams";
import { entropicPenaltyResponse } from "../studies/hamiltonian/entropic-penalty";
import { costTradeoff } from "../studies/hamiltonian/cost-tradeoff";
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
      "Per-node local entropy S_i and its graph Laplacian ∇²S_i on ws:200:4:0.1 (the claim's headline cell, combinatorial ∇², from its own streams): the terms are of order one, of both signs, and their running sum returns to zero, so λΣ∇²S_i penalises nothing.",
    async build(seed) {
      await ready();
      const stream = (name: string) => streamKey("p1.2-entropic-penalty", name, seed, 0);
      const r = entropicPenaltyResponse(stream, { spec: "ws:200:4:0.1", laplacian: "combinatorial" });
      const laplaceS = r.perNode.summand,
        entropyS = r.perNode.entropy;
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
      "Gradient flow (h = 0.05, 40 steps) from ledgers centred on 3 on ws:100:4:0.1, the claim's cell ρ = ‖ψ‖², μ = 0.05, from its own streams: the interaction energy alone keeps the mean (the nodes agree on what they started with); adding μΣ‖ψ_i‖² drags the agreed value toward 0 by (1 − 2μh)^k, and the disagreement falls with it. The claim reads both flows where they end, at rest (‖∇ℋ‖ ≤ 10⁻⁴·‖∇ℋ₀‖); these are their first 40 steps.",
    async build(seed) {
      await ready();
      const stream = (name: string) => streamKey("p1.2-computational-cost", name, seed, 0);
      const t = costTradeoff(stream, { energy: (g) => interaction(g), mu: 0.05, rho: "mass", recordEvery: 1 });
      const steps = t.free.trace.map((x) => x.step);
      const series: Record<string, number[]> = {
        "mean of χ under H_int": t.free.trace.map((x) => x.mean),
        "consensus error under H_int": t.free.trace.map((x) => x.consensusError),
        "mean of χ under H_int + 0.05·Σ‖ψ_i‖²": t.priced.trace.map((x) => x.mean),
        "consensus error under H_int + 0.05·Σ‖ψ_i‖²": t.priced.trace.map((x) => x.consensusError),
      };
      return { figure: lineFigure(steps, series, { title: "Gradient flow from ledgers centred on 3", xTitle: "step", yTitle: "value" }) };
    },
  },
];

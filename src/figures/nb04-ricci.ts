/**
 * Figures of notebook 04 (§2.1, Ricci flow): curvature before and after, how the couplings move, and the claim's own
 * experiment (ricciFlowSmoothing, from p2.1-ricci-flow's replicate-0 streams at the figure's seed).
 */
import { ready } from "../engine/backend";
import { ollivierCurvature } from "../graph/curvature";
import { interaction } from "../hamiltonian/interaction";
import { streamKey } from "../claims/machinery/streams";
import { ricciFlowSmoothing } from "../studies/ricci/ricci-smoothing";
import { flowCurvature, ricciFlow, twoCommunities } from "../graph/ricci";
import { figure } from "../viz/plotly";
import type { FigureSpec } from "./types";

const NOTEBOOK = "notebooks/04-ricci-flow.ipynb";

export const figures: FigureSpec[] = [
  {
    id: "ricci-couplings",
    title: "Two cliques: bridge and clique couplings along the text's Ricci flow and the inverse flow (a repair)",
    section: "2.1",
    claim: "p2.1-ricci-flow",
    notebook: NOTEBOOK,
    caption:
      "Along 20 Ollivier–Ricci flow steps the bridge coupling between two 8-cliques falls under the text's Ricci flow (the weights are the metric, w = length: consensus slows) and rises under the inverse flow on the couplings (w = J, the repair inverse-ricci-flow: consensus speeds up).",
    async build() {
      const two = twoCommunities(8, 2);
      const bridges = Array.from({ length: two.edgeCount }, (_, e) => e).filter((e) => two.src[e]! < 8 && two.dst[e]! >= 8);
      const steps = Array.from({ length: 21 }, (_, s) => s);
      const traces: Record<string, unknown>[] = [];
      for (const weights of ["coupling", "length"] as const) {
        const label = weights === "length" ? "Ricci flow, w = length" : "inverse flow, w = J";
        const { history } = ricciFlow(two, { steps: 20, epsilon: 0.1, alpha: 0.5, weights });
        const j = (s: number): ArrayLike<number> => (s === 0 ? two.weight : history[s - 1]!.coupling);
        const inside = (s: number): number => {
          const w = Array.from(j(s)).filter((_, e) => !bridges.includes(e));
          return w.reduce((a, b) => a + b, 0) / w.length;
        };
        traces.push({
          type: "scatter",
          mode: "lines+markers",
          name: `bridge J (${label})`,
          x: steps,
          y: steps.map((s) => j(s)[bridges[0]!]!),
        });
        traces.push({
          type: "scatter",
          mode: "lines",
          name: `mean clique J (${label})`,
          x: steps,
          y: steps.map(inside),
          line: { dash: "dash" },
        });
      }
      return {
        figure: figure(traces, {
          title: { text: "Two cliques: couplings along the flow (Σ J conserved)" },
          xaxis: { title: { text: "flow step" } },
          yaxis: { title: { text: "coupling J" }, type: "log" },
        }),
      };
    },
  },
  {
    id: "ricci-curvature",
    title: "Edge curvature before and after 20 flow steps, each flow's in the metric it moves",
    section: "2.1",
    claim: "p2.1-ricci-flow",
    notebook: NOTEBOOK,
    caption:
      "Ollivier curvature (α = ½) of the edges of two joined 8-cliques before and after the text's Ricci flow (lengths; the curvature of the lengths' own metric, shortest paths as the transport cost) and the inverse flow (couplings, a repair; the hop metric with the walk along the couplings). A flow that evened out the curvature would gather each histogram onto one value.",
    async build() {
      const two = twoCommunities(8, 2);
      const samples = [
        { name: "before", values: ollivierCurvature(two, { alpha: 0.5 }) },
        {
          name: "after (inverse flow, w = J)",
          values: flowCurvature(ricciFlow(two, { steps: 20, epsilon: 0.1, alpha: 0.5, weights: "coupling" }).graph, {
            weights: "coupling",
          }),
        },
        {
          name: "after (Ricci flow, w = length)",
          values: flowCurvature(ricciFlow(two, { steps: 20, epsilon: 0.1, alpha: 0.5, weights: "length" }).graph, { weights: "length" }),
        },
      ];
      return {
        figure: figure(
          samples.map((s) => ({
            type: "histogram",
            name: s.name,
            x: Array.from(s.values),
            opacity: 0.55,
            xbins: { start: -1.5, end: 1.0, size: 0.05 },
          })),
          {
            title: { text: "Two cliques K_8 + 2 bridges: edge curvature before and after the flow" },
            barmode: "overlay",
            xaxis: { title: { text: "Ollivier curvature κ₀.₅ of an edge" } },
            yaxis: { title: { text: "edges" } },
          },
        ),
      };
    },
  },
  {
    id: "ricci-smoothing",
    title: "The text's Ricci flow on random graphs: consensus time and curvature spread after/before it",
    section: "2.1",
    claim: "p2.1-ricci-flow",
    notebook: NOTEBOOK,
    caption:
      "Per graph (8 per family, the claim's cells from its own streams): the ratio after/before the text's Ricci flow (weights as lengths, 20 steps) of the gradient flow's consensus time and of the spread of the Ollivier–Ricci curvature of the lengths' own metric. Smoothing, as the claim reads it, is both ratios below 1.",
    async build(seed) {
      await ready();
      const stream = (name: string) => streamKey("p2.1-ricci-flow", name, seed, 0);
      const rows = ["ws:30:4:0.1", "ba:30:2"].flatMap((spec) => {
        const r = ricciFlowSmoothing(stream, { spec, graphs: 8, weights: "length", interaction: (g) => interaction(g, { coupling: 1 }) });
        return r.logSpeed.map((ls, g) => ({
          family: spec,
          graph: g,
          consensusTimeRatio: Math.exp(ls),
          curvatureSdRatio: Math.exp(r.logSpread[g]!),
        }));
      });
      return {
        figure: figure(
          ["ws:30:4:0.1", "ba:30:2"].map((family) => {
            const sel = rows.filter((r) => r.family === family);
            return {
              type: "scatter",
              mode: "markers",
              name: family,
              x: sel.map((r) => r.consensusTimeRatio),
              y: sel.map((r) => r.curvatureSdRatio),
            };
          }),
          {
            title: { text: "After/before the text's Ricci flow, per graph" },
            xaxis: { title: { text: "consensus time ratio" } },
            yaxis: { title: { text: "curvature sd ratio" } },
          },
        ),
        rows,
      };
    },
  },
];

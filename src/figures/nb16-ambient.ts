/** Figures of notebook 16 (the essay): the ambient finality curve, and one attacker split into s identities. */
import { ready } from "../engine/backend";
import { key } from "../engine/random";
import { finalityExperiment, sybilExperiment } from "../studies/ambient/ambient-experiments";
import { figure, scatterFigure } from "../viz/plotly";
import type { FigureSpec } from "./types";

const NOTEBOOK = "notebooks/16-finality-through-ambient-entropy.ipynb";

export const figures: FigureSpec[] = [
  {
    id: "ambient-finality",
    title: "Ambient finality: risk of displacement against the age of the value",
    section: "essay",
    claim: "e-finality-diffuses",
    notebook: NOTEBOOK,
    caption:
      "Probability that a value held by the 64-node ambient network is displaced within the horizon, against its age (600 runs, Wilson 95 % band): the risk falls with age but levels off near 0.15 instead of reaching zero, and only about 60 % of runs hold the value at all, so no age makes it final.",
    async build(seed) {
      await ready();
      const curve = finalityExperiment(key(seed + 2026));
      const ok = curve.ages.map((_, i) => i).filter((i) => curve.atRisk[i]! >= 30);
      const ages = ok.map((i) => curve.ages[i]!);
      const lower = ok.map((i) => curve.lower[i]!),
        upper = ok.map((i) => curve.upper[i]!);
      return {
        figure: figure(
          [
            {
              type: "scatter",
              mode: "lines",
              name: "Wilson 95 % band",
              x: [...ages, ...ages.slice().reverse()],
              y: [...upper, ...lower.slice().reverse()],
              fill: "toself",
              line: { width: 0 },
              opacity: 0.25,
              hoverinfo: "skip",
            },
            {
              type: "scatter",
              mode: "lines",
              name: `P(displaced within ${curve.horizon})`,
              x: ages,
              y: ok.map((i) => curve.probability[i]!),
            },
            {
              type: "scatter",
              mode: "lines",
              name: "fraction of runs holding the value",
              x: ages,
              y: ok.map((i) => curve.held[i]!),
              line: { dash: "dot" },
            },
          ],
          {
            title: { text: `Ambient finality on 64 nodes: displacement risk within ${curve.horizon} against age` },
            xaxis: { title: { text: "age a (time units since injection)" } },
            yaxis: { title: { text: "probability" }, range: [0, 1] },
          },
        ),
        rows: ok.map((i) => ({
          age: curve.ages[i]!,
          probability: curve.probability[i]!,
          lower: curve.lower[i]!,
          upper: curve.upper[i]!,
          atRisk: curve.atRisk[i]!,
          displaced: curve.displaced[i]!,
          held: curve.held[i]!,
        })),
      };
    },
  },
  {
    id: "ambient-sybil",
    title: "One attacker split into s identities: budgeted influence against free identities",
    section: "essay",
    claim: "e-sybil",
    notebook: NOTEBOOK,
    caption:
      "Probability that the 64-node ambient network is displaced within 20 time units (60 runs, 95 % band) when one attacker splits into s identities: with a shared weight budget splitting changes little (about 0.2–0.35), with free identities (weight ½ each) the network is displaced in every run from s = 4 on, so Sybils remain an attack unless presence is budgeted.",
    async build(seed) {
      await ready();
      const budget = sybilExperiment("budget", key(seed + 13));
      const free = sybilExperiment("free", key(seed + 13));
      const pts = (p: typeof budget, name: string) => ({
        name,
        x: p.map((q) => q.identities),
        y: p.map((q) => q.displaced.estimate),
        error: p.map((q) => 1.96 * Math.max(q.displaced.standardError, 1 / (2 * q.displaced.n))),
      });
      const fig = scatterFigure([pts(budget, "budgeted identities (weight ½ shared)"), pts(free, "free identities (weight ½ each)")], [], {
        title: "Influence of one attacker against its number of identities (64 nodes, 60 runs)",
        xTitle: "identities s",
        yTitle: "P(displaced within 20)",
        logX: true,
      });
      fig.layout.xaxis = { ...(fig.layout.xaxis as object), tickvals: [1, 2, 4, 8, 16], range: [-0.1, 1.3] };
      return {
        figure: fig,
        rows: [...budget.map((q) => ({ mode: "budget", ...q })), ...free.map((q) => ({ mode: "free", ...q }))].map((q) => ({
          mode: q.mode,
          identities: q.identities,
          weightEach: q.weightEach,
          displaced: q.displaced.estimate,
          se: q.displaced.standardError,
          runs: q.displaced.n,
        })),
      };
    },
  },
];

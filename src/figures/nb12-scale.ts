/** Figure of notebook 12 (§4.1): rounds to consensus against N for six graph families. */
import { ready } from "../engine/backend";
import { key } from "../engine/random";
import { scaleStudy } from "../studies/scale/scale-study";
import { SCALE_FAMILIES } from "../graph/families";
import { figure } from "../viz/plotly";
import type { FigureSpec } from "./types";

const COLOURS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b"];

export const figures: FigureSpec[] = [
  {
    id: "consensus-time-vs-n",
    title: "Rounds to consensus against N, per graph family (N ≤ 10⁴)",
    section: "4.1",
    claim: "p4.1-scale-invariance",
    notebook: "notebooks/12-scale-invariance.ipynb",
    caption:
      "Rounds of the gradient flow until the spread is below 10⁻³ for N = 10 … 10⁴ (the notebook goes on to 10⁵; lines: predicted from λ₂ and the stable step, dots: measured): on rings, tori and Barabási–Albert graphs the time grows with N (the ring's predicted time about a million-fold from N = 10 to 10⁴), while Erdős–Rényi and complete graphs stay nearly flat: the dynamics is not the same at every N.",
    async build(seed) {
      await ready();
      const study = scaleStudy({ sizes: [10, 100, 1000, 10_000], tolerance: 1e-3, temperature: 1 }, key(seed + 12));
      return {
        figure: figure(
          SCALE_FAMILIES.flatMap((family, i) => {
            const rows = study.filter((r) => r.family === family);
            const measured = rows.filter((r) => Number.isFinite(r.measuredRounds));
            return [
              {
                type: "scatter",
                mode: "lines",
                name: family,
                legendgroup: family,
                x: rows.map((r) => r.n),
                y: rows.map((r) => r.predictedRounds),
                line: { color: COLOURS[i], dash: "dash" },
              },
              {
                type: "scatter",
                mode: "markers",
                name: `${family} measured`,
                legendgroup: family,
                showlegend: false,
                x: measured.map((r) => r.n),
                y: measured.map((r) => r.measuredRounds),
                marker: { color: COLOURS[i], size: 9 },
              },
            ];
          }),
          {
            title: { text: "Rounds until the spread is below 10⁻³ (lines: predicted from λ₂; dots: measured)" },
            xaxis: { title: { text: "nodes N" }, type: "log", exponentformat: "power", dtick: 1 },
            yaxis: { title: { text: "rounds (synchronous exchanges)" }, type: "log", exponentformat: "power", dtick: 1 },
          },
        ),
        rows: study.map((r) => ({
          family: r.family,
          spec: r.spec,
          n: r.n,
          maxDegree: r.maxDegree,
          fiedler: r.fiedler,
          predictedRounds: r.predictedRounds,
          measuredRounds: r.measuredRounds,
          relaxationExact: r.relaxationExact,
        })),
      };
    },
  },
];

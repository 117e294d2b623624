/** Figures of notebook 11 (§4.1): capture of averaging by stubborn nodes, and honest pull toward V rule by rule. */
import { ready } from "../engine/backend";
import { key } from "../engine/random";
import { graphs } from "../graph/generators";
import { captureByStubborn, resilience } from "../studies/adversary/adversary-experiments";
import { figure, scatterFigure } from "../viz/plotly";
import type { FigureSpec } from "./types";

const NOTEBOOK = "notebooks/11-adversaries-and-self-healing.ipynb";

export const figures: FigureSpec[] = [
  {
    id: "stubborn-capture",
    title: "Two corrupted nodes set the honest field: averaging ends at their harmonic extension",
    section: "4.1",
    claim: "p4.1-self-healing",
    notebook: NOTEBOOK,
    caption:
      "On ring:40:4, two corrupted nodes held at −1 and 2 are not isolated by the gradient flow: after 4000 rounds every honest node sits on the harmonic extension of the corrupted values, whatever the honest nodes started with.",
    async build(seed) {
      await ready();
      const ring = graphs.ring(40, 4);
      const capture = captureByStubborn(ring, [-1, 2], 4000, key(seed + 1));
      const nodes = Array.from({ length: ring.n }, (_, i) => i);
      const fig = scatterFigure(
        [
          { name: "measured final value (honest nodes)", x: nodes.slice(2), y: Array.from(capture.values).slice(2) },
          { name: "corrupted nodes 0 and 1 (held at −1 and 2)", x: [0, 1], y: [-1, 2] },
        ],
        [{ name: "harmonic extension L_HH x_H = A_HF v_F (solved)", x: nodes, y: Array.from(capture.harmonic) }],
        {
          title: `ring:40:4 after 4000 rounds of averaging (max |measured − harmonic| = ${capture.harmonicGap.toExponential(1)})`,
          xTitle: "node id",
          yTitle: "final value",
        },
      );
      return {
        figure: fig,
        rows: nodes.map((i) => ({
          node: i,
          role: i < 2 ? "corrupted" : "honest",
          final: capture.values[i]!,
          harmonic: capture.harmonic[i]!,
        })),
      };
    },
  },
  {
    id: "rule-resilience",
    title: "K₁₃ with F adversaries pulling toward V = 5: averaging is captured by one, median, trimmed mean and W-MSR are not",
    section: "4.1",
    claim: "p4.1-self-healing",
    notebook: NOTEBOOK,
    caption:
      "How far the honest mean moves toward an adversarial target on K₁₃ (10 seeds per point): the proposal's averaging is captured by a single faulty node; Huber only slows the capture, while median, trimmed mean and W-MSR move it by less than a tenth of the way up to F = 6.",
    async build(seed) {
      await ready();
      const K = graphs.complete(13);
      const Fs = [0, 1, 2, 3, 4, 5, 6];
      const rules = ["mean", "huber", "median", "trimmed", "wmsr"] as const;
      const cells = rules.map((rule) =>
        Fs.map((F) => resilience(K, { rule, fault: "adversarial", faulty: F, faultValue: 5, rounds: 300, seeds: 10 }, key(seed + 4))),
      );
      const fn = Fs.map((F) => F / 13);
      return {
        figure: figure(
          [
            ...rules.map((rule, r) => ({
              type: "scatter",
              mode: "lines+markers",
              name: rule === "mean" ? "mean (the proposal)" : rule,
              x: fn,
              y: cells[r]!.map((c) => c.meanPullToTarget),
            })),
            { type: "scatter", mode: "lines", name: "n = 4F+1", x: [3 / 13, 3 / 13], y: [0, 1], line: { dash: "dash", color: "grey" } },
            { type: "scatter", mode: "lines", name: "n = 3F+1", x: [4 / 13, 4 / 13], y: [0, 1], line: { dash: "dot", color: "black" } },
          ],
          {
            title: { text: "K₁₃, F adversaries pulling toward V = 5: how far the honest mean moves (10 seeds)" },
            xaxis: { title: { text: "fraction of faulty nodes f/n" } },
            yaxis: { title: { text: "pull toward V (1 = captured)" } },
          },
        ),
        rows: rules.flatMap((rule, r) =>
          cells[r]!.map((c) => ({
            rule,
            faulty: c.faulty,
            fraction: c.faulty / 13,
            pullToTarget: c.meanPullToTarget,
            hullViolation: c.meanViolation,
            escapes: c.escapes,
            seeds: c.seeds,
          })),
        ),
      };
    },
  },
];

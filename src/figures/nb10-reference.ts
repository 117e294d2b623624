/** Figure of notebook 10 (§3.3): where the reference runs stop on the cooling curve. */
import { key } from "../engine/random";
import { referenceRun } from "../reference-port/port";
import { figure } from "../viz/plotly";
import type { FigureSpec } from "./types";

export const figures: FigureSpec[] = [
  {
    id: "reference-stops",
    title: "The §3.3 code stops long before the temperature matters",
    section: "3.3",
    claim: "p3.3-simulated-annealing",
    notebook: "notebooks/10-reference-implementation.ipynb",
    caption:
      "Over 1000 seeds of the ported §3.3 script, every run stops within a few sweeps, while T = 100·0.95^s is still near 100: the annealing never happens.",
    async build(seed) {
      const runs = Array.from({ length: 1000 }, (_, s) => referenceRun({ nodes: 50 }, key(seed + s)));
      const maxSweeps = Math.max(...runs.map((r) => r.steps));
      const stops = Array.from({ length: maxSweeps }, (_, s) => runs.filter((r) => r.steps === s + 1).length);
      const axis = Array.from({ length: 91 }, (_, s) => s);
      return {
        figure: figure(
          [
            { type: "scatter", mode: "lines", name: "T after s sweeps = 100·0.95^s", x: axis, y: axis.map((s) => 100 * 0.95 ** s) },
            { type: "scatter", mode: "lines", name: "T = 1", x: [0, 90], y: [1, 1], line: { dash: "dot", color: "#555" } },
            {
              type: "bar",
              name: "runs stopping after s sweeps",
              x: stops.map((_, s) => s + 1),
              y: stops,
              yaxis: "y2",
              opacity: 0.6,
              marker: { color: "#d62728" },
            },
          ],
          {
            title: {
              text: `Where 1000 runs stop on the cooling curve (lowest T reached ${Math.min(...runs.map((r) => r.finalTemperature)).toFixed(1)})`,
            },
            xaxis: { title: { text: "sweep s" } },
            yaxis: { type: "log", title: { text: "temperature" } },
            yaxis2: { overlaying: "y", side: "right", range: [0, 1.1 * Math.max(...stops)], title: { text: "runs" }, showgrid: false },
            legend: { orientation: "h", y: -0.25 },
            margin: { l: 60, r: 70, t: 50, b: 50 },
          },
        ),
      };
    },
  },
];

/** Figure of notebook 10 (§3.3): where the reference runs stop on the cooling curve (the claim's own runs). */
import { streamKey } from "../claims/machinery/streams";
import { coolingRuns, REFERENCE_RUNS, smallestUphill } from "../studies/reference/reference-runs";
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
      "The headline cell of p3.3-simulated-annealing (N = 50, decay 0.95), run as the claim runs it (studies/reference/reference-runs.ts, the claim's stream at replicate 0): every run stops within a few sweeps, while T = 100·0.95^s is still far above the smallest uphill move ½s² the claim decides against: the annealing never happens.",
    async build(seed) {
      const runs = coolingRuns({ nodes: 50, decay: 0.95, runs: REFERENCE_RUNS }, streamKey("p3.3-simulated-annealing", "runs", seed, 0));
      const maxSweeps = Math.max(...runs.steps);
      const stops = Array.from({ length: maxSweeps }, (_, s) => runs.steps.filter((k) => k === s + 1).length);
      const axis = Array.from({ length: 91 }, (_, s) => s);
      return {
        figure: figure(
          [
            { type: "scatter", mode: "lines", name: "T after s sweeps = 100·0.95^s", x: axis, y: axis.map((s) => 100 * 0.95 ** s) },
            {
              type: "scatter",
              mode: "lines",
              name: "smallest uphill move ½s²",
              x: [0, 90],
              y: [smallestUphill(), smallestUphill()],
              line: { dash: "dot", color: "#555" },
            },
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
              text: `Where ${runs.runs} runs stop on the cooling curve (lowest T reached ${runs.coldest.toFixed(1)})`,
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

/** Figure of notebook 17 (the instrument): cost per Langevin step against N, from the committed benchmark data. */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { packageRoot } from "../package";
import { figure } from "../viz/plotly";
import type { FigureSpec } from "./types";

export const figures: FigureSpec[] = [
  {
    id: "langevin-scaling",
    title: "Cost of one Langevin step against N for each implementation path",
    section: "instrument",
    claim: null,
    notebook: "notebooks/17-performance-and-scaling.ipynb",
    caption:
      "Milliseconds per Langevin step on ring:N:10 for the fused kernels, stock tfjs ops, autodiff, SciPy sparse, a C loop and the memory-bandwidth bound, from the committed `emtd bench scaling` data (timings are measured by the benchmark, never here).",
    async build() {
      const scaling = JSON.parse(readFileSync(path.join(packageRoot(), "data", "bench", "scaling.json"), "utf8")) as {
        rows: { path: string; n: number; msPerStep: number }[];
        graph?: string;
      };
      const paths = [...new Set(scaling.rows.map((r) => r.path))];
      return {
        figure: figure(
          paths.map((p) => {
            const rs = scaling.rows.filter((r) => r.path === p);
            const bound = p.startsWith("memory");
            return {
              type: "scatter",
              mode: bound ? "lines" : "lines+markers",
              name: p,
              x: rs.map((r) => r.n),
              y: rs.map((r) => r.msPerStep),
              line: bound ? { dash: "dash", color: "black" } : {},
            };
          }),
          {
            title: { text: "Cost of one Langevin step against N (ring:N:10, d = 2)" },
            height: 480,
            xaxis: { title: { text: "nodes N" }, type: "log", exponentformat: "power" },
            yaxis: { title: { text: "ms per step" }, type: "log", exponentformat: "power" },
            legend: { orientation: "h", y: -0.3 },
          },
        ),
        rows: scaling.rows.map((r) => ({ path: r.path, n: r.n, msPerStep: r.msPerStep })),
      };
    },
  },
];

/** Figures of notebook 06 (§2.2): the four phases of one run, and messages per decision against n. */
import { ready } from "../engine/backend";
import { fold, key } from "../engine/random";
import { coolingGraph, coolingStudy } from "../studies/protocol/cooling-study";
import { releaseGraph } from "../ops/tensors";
import { hotstuffMessages, pbftMessages } from "../analysis/messages";
import { coolingMessages } from "../studies/cooling/cell-messages";
import { coolingAnnealing } from "../studies/cooling/cell-annealing";
import { wilson } from "../stats/binomial";
import { measureContext } from "../claims/machinery/registry";
import { PROPOSAL } from "../claims/machinery/mechanism";
import { coolingCell } from "../claims/machinery/study-cells";
import { figure } from "../viz/plotly";
import type { FigureSpec } from "./types";

const NOTEBOOK = "notebooks/06-thermodynamic-cooling.ipynb";

export const figures: FigureSpec[] = [
  {
    id: "cooling-phases",
    title: "Excitation, diffusion, annealing, crystallisation: one run on ws:60:4:0.1",
    section: "2.2",
    claim: "p2.2-crystallisation",
    notebook: NOTEBOOK,
    caption:
      "The four phases of §2.2 executed with the injecting node pinned: energy, temperature and distance to the injected value per round; agreement comes in the zero-temperature crystallisation, not in the hot phases.",
    async build(seed) {
      await ready();
      const graph = coolingGraph(fold(key(seed), 1));
      const c = coolingStudy(graph, fold(key(seed), 2)).full;
      releaseGraph(graph);
      const rounds = c.trace.map((r) => r.round);
      return {
        figure: figure(
          [
            { type: "scatter", mode: "lines", name: "H (interaction + anchor)", x: rounds, y: c.trace.map((r) => r.energy), yaxis: "y" },
            { type: "scatter", mode: "lines", name: "temperature T", x: rounds, y: c.trace.map((r) => r.temperature), yaxis: "y2" },
            { type: "scatter", mode: "lines", name: "max |x_i − v|/|v|", x: rounds, y: c.trace.map((r) => r.maxDeviation), yaxis: "y3" },
          ],
          {
            title: { text: `The four phases on ws:60:4:0.1 (finalised after ${c.rounds} rounds)` },
            height: 620,
            xaxis: { title: { text: "round (synchronous message exchange)" }, type: "log", anchor: "y3" },
            yaxis: { title: { text: "H" }, type: "log", domain: [0.7, 1], exponentformat: "power" },
            yaxis2: { title: { text: "T" }, domain: [0.37, 0.63] },
            yaxis3: { title: { text: "max deviation" }, type: "log", domain: [0, 0.3] },
          },
        ),
        rows: c.trace.map((r) => ({
          phase: r.phase,
          round: r.round,
          energy: r.energy,
          temperature: r.temperature,
          maxDeviation: r.maxDeviation,
          holding: r.holding,
        })),
      };
    },
  },
  {
    id: "messages-per-decision",
    title: "Messages per decision against n: PBFT, HotStuff, and the claim's cells (the chart's gossip, §3.3's update by kernel, the flow)",
    section: "2.2",
    claim: "p2.2-diffusion-messages",
    notebook: NOTEBOOK,
    caption:
      "PBFT grows as n², HotStuff as n; the claim's own numbers (the same study function, messagesOfCell, at replicate 0 of the seed): the §3.1 chart's gossip with its Metropolis step on ws(n, 4, 0.1), §3.3's update with node 0's value about n, and the unpinned averaging flow, to n = 10⁶ (10⁵ for the neighbour copy and the flow). A series marked \"no decision\" counts, at the sizes named, runs that did not end with every node on the injected value: under a neighbour's value node 0 erases the injection in its first update; the flow ends on the mean v/n at every size; the gossip's spread can freeze as the schedule cools.",
    async build(seed) {
      await ready();
      const cells: Array<{ name: string; cell: Record<string, string> }> = [
        { name: "chart's gossip", cell: { update: "gossip" } },
        { name: "§3.3 update, node 0's value", cell: { update: "copy", kernel: "node0" } },
        { name: "§3.3 update, a neighbour's value", cell: { update: "copy", kernel: "neighbour" } },
        { name: "averaging flow (to v/n)", cell: { update: "flow" } },
      ];
      const series = cells.map(({ name, cell }) => {
        const s = coolingMessages(coolingCell(measureContext("p2.2-diffusion-messages", seed, 0, PROPOSAL, cell)));
        // Short legend labels: the gallery's PNG must stay small (64 KB).
        const where = s.undecided.length === s.ns.length ? "at any n" : `at n = ${s.undecided.map((n) => n.toExponential(0)).join(", ")}`;
        return { ...s, name: s.undecided.length ? `${name} (no decision ${where})` : name };
      });
      const sizes = [...new Set(series.flatMap((s) => s.ns))].sort((a, b) => a - b);
      return {
        figure: figure(
          [
            { type: "scatter", mode: "lines+markers", name: "PBFT 2n(n−1)", x: sizes, y: sizes.map((n) => pbftMessages(n).messages) },
            {
              type: "scatter",
              mode: "lines+markers",
              name: "HotStuff 8(n−1)",
              x: sizes,
              y: sizes.map((n) => hotstuffMessages(n).messages),
            },
            ...series.map((s) => ({ type: "scatter" as const, mode: "lines+markers" as const, name: s.name, x: s.ns, y: s.ys })),
          ],
          {
            title: { text: "Messages per decision against n" },
            xaxis: { title: { text: "nodes n" }, type: "log", exponentformat: "power" },
            yaxis: { title: { text: "messages" }, type: "log", exponentformat: "power" },
          },
        ),
        rows: series.flatMap((s) => s.ns.map((n, i) => ({ cell: s.name, n, messages: s.ys[i]! }))),
      };
    },
  },
  {
    id: "annealing-conflicts",
    title: "Conflicting ledgers at the end of the text's cooling, by kernel and end (the text's ℋ on ws(50, 4, 0.1))",
    section: "2.2",
    claim: "p2.2-annealing",
    notebook: NOTEBOOK,
    caption:
      "The cells of p2.2-annealing (studies/cooling coolingAnnealing, at replicate 0 of the seed): the share of the plan's 600 runs (the claim reads their first, look by look) of §3.3's update left with conflicting ledgers under T = 100·0.95^t, with its Wilson 95 % interval, against the claim's 5 % threshold; beside it the first editions' designed 8-spin trap under the same update (evidence only).",
    async build(seed) {
      const cells = [
        { kernel: "node0", end: "stop" },
        { kernel: "node0", end: "horizon" },
        { kernel: "neighbour", end: "stop" },
        { kernel: "neighbour", end: "horizon" },
      ];
      const rows = cells.map((cell) => {
        const a = coolingAnnealing(coolingCell(measureContext("p2.2-annealing", seed, 0, PROPOSAL, cell)));
        const w = wilson(a.r.conflicts, a.r.runs);
        const t = wilson(a.trap.conflicts, a.trap.runs);
        return {
          cell: `${cell.kernel}, ${cell.end}`,
          conflicts: a.r.conflicts,
          runs: a.r.runs,
          rate: w.estimate,
          lower: w.lower,
          upper: w.upper,
          trapRate: t.estimate,
        };
      });
      const x = rows.map((r) => r.cell);
      return {
        figure: figure(
          [
            {
              type: "bar",
              name: "text's landscape (ws(50, 4, 0.1))",
              x,
              y: rows.map((r) => r.rate),
              error_y: {
                type: "data",
                symmetric: false,
                array: rows.map((r) => r.upper - r.rate),
                arrayminus: rows.map((r) => r.rate - r.lower),
              },
            },
            { type: "bar", name: "designed 8-spin trap (evidence)", x, y: rows.map((r) => r.trapRate) },
            { type: "scatter", mode: "lines", name: "threshold 0.05", x, y: x.map(() => 0.05), line: { dash: "dash" } },
          ],
          {
            title: { text: "Runs left in conflict at the end of T = 100·0.95^t" },
            barmode: "group",
            xaxis: { title: { text: "kernel, end" } },
            yaxis: { title: { text: "share of runs in conflict" } },
          },
        ),
        rows,
      };
    },
  },
];

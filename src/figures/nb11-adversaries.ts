/**
 * Figures of notebook 11 (§4.1): capture of averaging by stubborn nodes, honest pull toward V rule by rule, and
 * p4.1-routes-around-damage's own runs (crash against corruption, averaging against W-MSR).
 */
import { ready } from "../engine/backend";
import { key } from "../engine/random";
import { graphs } from "../graph/generators";
import { captureByStubborn, resilience } from "../studies/adversary/adversary-experiments";
import { DAMAGE_DESIGN, damageRuns, type DamageFamily } from "../studies/adversary/damage-runs";
import { HEALING_DESIGN, healingRuns } from "../studies/adversary/healing-runs";
import { streamKey } from "../claims/machinery/streams";
import { figure, referenceLine, scatterFigure } from "../viz/plotly";
import type { FigureSpec } from "./types";

const NOTEBOOK = "notebooks/11-adversaries-and-self-healing.ipynb";

/** Runs per cell in the damage-routing figure: the first 20 of the claim's 60 (the same streams), so it renders in seconds. */
const FIGURE_DAMAGE_RUNS = 20;
/** The routed share p4.1-routes-around-damage asks of each kind of damage. */
const ROUTED_SHARE = 0.9;

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
  {
    id: "damage-routing",
    title:
      "Routing around damage: runs in which the honest nodes agree inside their hull, crash against corruption, averaging against W-MSR",
    section: "4.1",
    claim: "p4.1-routes-around-damage",
    notebook: NOTEBOOK,
    caption: `The claim's own runs (the first ${FIGURE_DAMAGE_RUNS} of its ${DAMAGE_DESIGN.runs} per cell, from its streams at replicate 0: each on its own graph, ${DAMAGE_DESIGN.nodes} nodes, at most ${DAMAGE_DESIGN.rounds} rounds): the share of runs in which the honest nodes agree (spread < 10⁻⁶) inside their initial hull when the same F nodes crash or are corrupted (stubborn at V = ${DAMAGE_DESIGN.corruptValue}), under the proposal's averaging and under W-MSR (the repair), for each cell of the grid (ws:40:4:0.1 or K₄₀ × F = 3, 1). Averaging survives every crash and is carried out of its hull toward V by corruption in every run; W-MSR routes around both on K₄₀ and, in most runs, around neither on the ws graph, which is not (2F + 1)-robust. The claim asks ≥ ${ROUTED_SHARE} of each kind (dashed).`,
    async build(seed) {
      await ready();
      const cells = (["ws", "complete"] as DamageFamily[]).flatMap((family) => [3, 1].map((damaged) => ({ family, damaged })));
      const rules = [
        { rule: "mean", label: "averaging (the proposal)" },
        { rule: "wmsr", label: "W-MSR (the repair)" },
      ] as const;
      const stream = (name: string) => streamKey("p4.1-routes-around-damage", name, seed, 0);
      const rows = rules.flatMap(({ rule }) =>
        cells.map(({ family, damaged }) => {
          const d = damageRuns(family, damaged, rule, stream, { runs: FIGURE_DAMAGE_RUNS });
          return {
            rule,
            cell: `${family === "ws" ? "ws:40:4:0.1" : "K₄₀"}, F = ${damaged}`,
            runs: FIGURE_DAMAGE_RUNS,
            crashRouted: d.crashRouted,
            corruptRouted: d.corruptRouted,
            corruptCaptured: d.corruptCaptured,
            notRobust: d.notRobust,
          };
        }),
      );
      const names = cells.map(({ family, damaged }) => `${family === "ws" ? "ws:40:4:0.1" : "K₄₀"}, F = ${damaged}`);
      const traces: Record<string, unknown>[] = rules.flatMap(({ rule, label }) =>
        (["crash", "corrupt"] as const).map((kind) => {
          const mine = rows.filter((r) => r.rule === rule);
          return {
            type: "bar",
            name: `${kind === "crash" ? "crashed" : "corrupted"}, ${label}`,
            x: names,
            y: mine.map((r) => (kind === "crash" ? r.crashRouted : r.corruptRouted) / r.runs),
          };
        }),
      );
      traces.push({
        type: "scatter",
        mode: "lines",
        name: `${ROUTED_SHARE} (the claim's share)`,
        x: [names[0], names[names.length - 1]],
        y: [ROUTED_SHARE, ROUTED_SHARE],
        line: { dash: "dash", color: "grey" },
      });
      return {
        figure: figure(traces, {
          title: { text: `Runs routed around damage (${FIGURE_DAMAGE_RUNS} runs per bar, each on its own graph)` },
          barmode: "group",
          xaxis: { title: { text: "topology, damaged nodes F" } },
          yaxis: { title: { text: "share of runs: agreement inside the hull" }, range: [0, 1.05] },
        }),
        rows,
      };
    },
  },
  {
    id: "healing-runs",
    title: "Self-healing? How far the corrupted nodes pull the honest mean toward V, against the run without them",
    section: "4.1",
    claim: "p4.1-self-healing",
    notebook: NOTEBOOK,
    caption: `The claim's own runs (its streams at replicate 0, ${HEALING_DESIGN.runs} runs per point, each on its own ws:${HEALING_DESIGN.nodes}:4:0.1): F corrupted nodes send V + N(0, 1) (V = ${HEALING_DESIGN.corruptValue}) afresh each round; each run is paired with the honest nodes' run without them (same starts, same rule). The capture, the share of the way to V the honest mean moved against that run (±1.96 SE), for every horizon (100, §3.3's 1000, 10 000 rounds) × F = 1, 3, under the proposal's averaging and under W-MSR (the repair). Isolation needs the point below the claim's margin (dashed, a tenth of the way): averaging is carried most or all of the way to V, W-MSR stays at the run without them.`,
    async build(seed) {
      await ready();
      const stream = (name: string) => streamKey("p4.1-self-healing", name, seed, 0);
      const horizons = [100, 1000, 10_000];
      const rows: Array<Record<string, number | string>> = [];
      const traces: Record<string, unknown>[] = [];
      const meanSe = (xs: readonly number[]) => {
        const m = xs.reduce((a, b) => a + b, 0) / xs.length;
        return { m, se: Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1) / xs.length) };
      };
      for (const rule of ["mean", "wmsr"] as const)
        for (const corrupted of [1, 3]) {
          const points = horizons.map((rounds) => {
            const runs = healingRuns(corrupted, rounds, rule, stream);
            const capture = meanSe(runs.map((r) => r.capture));
            const row = {
              rule,
              corrupted,
              rounds,
              runs: runs.length,
              captured: capture.m,
              se: capture.se,
              over: meanSe(runs.map((r) => r.honestMean - r.initialHonestMax)).m,
            };
            rows.push(row);
            return row;
          });
          traces.push({
            type: "scatter",
            mode: "lines+markers",
            name: `${rule === "mean" ? "averaging (the proposal)" : "W-MSR (the repair)"}, F = ${corrupted}`,
            x: horizons,
            y: points.map((p) => p.captured),
            error_y: { type: "data", array: points.map((p) => 1.96 * p.se), visible: true },
            line: { dash: corrupted === 1 ? "solid" : "dot" },
          });
        }
      traces.push(referenceLine("the claim's margin: a tenth of the way to V", [100, 10_000], 0.1, { dash: "dash", color: "grey" }));
      return {
        figure: figure(traces, {
          title: { text: `Capture against the run without the corrupted nodes (${HEALING_DESIGN.runs} paired runs per point)` },
          xaxis: { title: { text: "horizon (rounds)" }, type: "log" },
          yaxis: { title: { text: "share of the way to V the honest mean moved" } },
        }),
        rows,
      };
    },
  },
];

/**
 * §2.2's four steps on the field flow: v = 1 injected at node 0 of a graph, nothing pinned, then the text's Langevin
 * flow dΨ/dt = −∇ℋ + η (the caller's integrator and Hamiltonian) under the text's cooling from the first step. Many
 * runs side by side as channels of one field [N, runs]: ℋ's interaction acts on each channel alone and the noise is
 * drawn per element, so the channels are independent runs on one graph. The measurement of the flow cells of
 * p2.2-crystallisation (does every run end in a consensus?) and p2.2-diffusion-propagates (does every node end on v?).
 */
import * as tf from "@tensorflow/tfjs";
import type { Key } from "../../engine/random";
import type { Graph } from "../../graph/graph";
import { run } from "../../dynamics/run";
import type { Schedule } from "../../dynamics/schedules";
import type { Integrator } from "../../dynamics/types";

/** The injected value. */
export const INJECTED = 1;

/**
 * The field is still when no node of any run moved by more than this (times v) over 10 steps: far below the 1 %
 * tolerance. A flow that still converges moves faster than that until it is within ~10⁻³ of its end (the pinned
 * flow's slowest mode contracts by ~2 % per 10 steps), and after the cooling the unpinned flow's noise falls below it.
 */
export const STILL = 1e-6;

/**
 * Cold enough that the noise (√(2hT) ≈ 3·10⁻⁴ a step at h ≈ 0.04) cannot carry a node 1 % away: once every node of
 * every run is within the tolerance of v at or below it, the drift only contracts toward v (a fixed point with or
 * without a pin), so the outcome is settled and the `"still"` runs stop there too.
 */
export const COLD = 1e-6;

/** Outcome of {@link injectionFlowRuns}, per run. */
export interface InjectionFlowRuns {
  runs: number;
  nodes: number;
  /** Steps run (the cap, or the record at which the stop held). */
  steps: number;
  /** Temperature of the last step. */
  temperature: number;
  /** Per run: max_i |x_i − x̄| at the end. */
  spread: number[];
  /** Per run: the mean x̄ at the end (the consensus value; v/n is what the drift alone conserves). */
  mean: number[];
  /** Per run: nodes within `tolerance`·v of v at the end. */
  holding: number[];
  /** The field at the end, [N, runs] row-major (node i of run c at i·runs + c). */
  field: Float32Array;
}

/**
 * `runs` runs of the flow from x = v·e₀ (v = {@link INJECTED}), `integrator` stepping on `graph`'s field under
 * `schedule`, for at most `cap` steps; with `until: "consensus"` the runs stop at the first record (every 10 steps)
 * at which every run is within `tolerance`·v of its mean, with `until: "still"` at the first at which no node of any
 * run moved by more than {@link STILL}·v since the last, or at which, at T ≤ {@link COLD}, every node of every run is
 * within `tolerance`·v of v (nothing can then change the outcome), with `until: "cap"` they run the `cap` steps.
 * `initial` replaces the injection by another start ([N, runs] row-major, e.g. conflicting ledgers): the same flow and
 * stops from there (the claims p2.2-annealing, p3.2-ground-state and p4.2-metastable-risk, claims/machinery/flow-cells).
 * Deterministic in `key`; leaves no tensor behind.
 *
 * @example
 * ```ts
 * const g = graphFromSpec("ws:50:4:0.1", key(1));
 * const H = interaction(g);
 * const r = injectionFlowRuns(g, ula(H, { step: 0.5 / (2 * Math.max(...g.degree)), temperature: 100 }), geometric({ initial: 100, rate: 0.95 }), { runs: 100, cap: 5000, tolerance: 0.01, until: "consensus" }, key(2));
 * r.spread.every((s) => s <= 0.01); // → true: every run ends in a consensus
 * r.holding.filter((h) => h === 50).length; // → 0: the hot noise and the averaging choose the value, within 1 % of v in none of 100 runs
 * ```
 */
export function injectionFlowRuns(
  graph: Graph,
  integrator: Integrator,
  schedule: Schedule,
  o: { runs: number; cap: number; tolerance: number; until: "consensus" | "still" | "cap"; initial?: Float32Array },
  key: Key,
): InjectionFlowRuns {
  const N = graph.n,
    R = o.runs;
  const x0 = o.initial ?? new Float32Array(N * R);
  if (o.initial === undefined) for (let c = 0; c < R; c++) x0[c] = INJECTED; // row 0 (node 0), every channel
  const initial = tf.tensor2d(x0, [N, R]);
  const spreads = (v: Float32Array | Int32Array | Uint8Array) => {
    const spread = new Array<number>(R).fill(0),
      mean = new Array<number>(R).fill(0);
    for (let i = 0; i < N; i++) for (let c = 0; c < R; c++) mean[c]! += v[i * R + c]! / N;
    for (let i = 0; i < N; i++) for (let c = 0; c < R; c++) spread[c] = Math.max(spread[c]!, Math.abs(v[i * R + c]! - mean[c]!));
    return { spread, mean };
  };
  const tolerance = o.tolerance * INJECTED;
  let previous: Float32Array | null = null;
  // The largest change of any node since the previous record (10 steps).
  const moved = (v: Float32Array | Int32Array | Uint8Array): number => {
    let most = Infinity;
    if (previous !== null) {
      most = 0;
      for (let k = 0; k < v.length; k++) most = Math.max(most, Math.abs(v[k]! - previous[k]!));
    }
    previous = Float32Array.from(v);
    return most;
  };
  const r = run(
    integrator,
    initial,
    o.until === "cap"
      ? { steps: o.cap, recordEvery: o.cap, schedule }
      : {
          steps: o.cap,
          recordEvery: 10,
          schedule,
          observe: (p): Record<string, number> => {
            const v = p.dataSync();
            if (o.until === "consensus") return { spread: Math.max(...spreads(v).spread) };
            let off = 0;
            for (const x of v) off = Math.max(off, Math.abs(x - INJECTED));
            return { moved: moved(v), off };
          },
          stopWhen: (rec) =>
            o.until === "consensus"
              ? rec.spread! <= tolerance
              : rec.moved! <= STILL * INJECTED || (rec.temperature <= COLD && rec.off! <= tolerance),
        },
    key,
  );
  const values = r.final.dataSync();
  tf.dispose([initial, r.final]);
  const { spread, mean } = spreads(values);
  const holding = new Array<number>(R).fill(0);
  for (let i = 0; i < N; i++) for (let c = 0; c < R; c++) if (Math.abs(values[i * R + c]! - INJECTED) <= tolerance) holding[c]!++;
  const last = r.trace.at(-1)!;
  return { runs: R, nodes: N, steps: last.step, temperature: last.temperature, spread, mean, holding, field: Float32Array.from(values) };
}

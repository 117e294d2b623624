/**
 * The step cost of a variant beside the proposal's (issue 44 item 4, split from ./compare): ms per Langevin step of
 * each side's Hamiltonian, timed back to back in interleaved repeats, as a median with the spread of the paired
 * ratios, or not shown.
 */
import * as tf from "@tensorflow/tfjs";
import { key, normal } from "../../engine/random";
import { graphs } from "../../graph/generators";
import { releaseGraph } from "../../ops/tensors";
import { defaultStep } from "../../dynamics/registry";
import { disposeState } from "../../dynamics/types";
import { hamiltonianOf, PROPOSAL } from "./mechanism";
import type { Mechanism } from "./types";
import { medianInterval } from "../../stats/summary";

/** ms per Langevin step of each side, from {@link STEP_REPEATS} interleaved repeats. */
export interface StepCost {
  graph: string;
  channels: number;
  /** The median over the repeats of the proposal's ms per step (the ratio's denominator). */
  proposalMs: number;
  /** The median over the repeats of the variant's ms per step (the ratio's numerator). */
  variantMs: number;
  /** The median over the repeats of each repeat's variant ms / proposal ms (timed back to back, so under one load). */
  ratio: number;
  /** How many interleaved repeats (each side timed once per repeat, the order alternating). */
  repeats: number;
  /** The paired ratios' quartiles [Q1, Q3] and range [min, max]: the spread of the median. */
  ratioQuartiles: [number, number];
  ratioRange: [number, number];
  /** A distribution-free interval for the median ratio (order statistics, stats/summary medianInterval) and its coverage. */
  ratioInterval: [number, number];
  ratioCoverage: number;
  /**
   * True when that interval is wider than {@link WIDE} of the median: the timings moved with the machine's load, and
   * the ratio is not to be read beyond its interval (the text says so).
   */
  wide: boolean;
}

/** An interval wider than a fifth of its median ratio is called wide (the 1.9× to 8.5× of issue 44 was far wider). */
export const WIDE = 0.2;

/** The graph the step cost is timed on (the size of notebook 17's mid-range runs, small enough for autodiff terms). */
const STEP_GRAPH = { n: 1000, k: 10 };
const STEP_CHANNELS = 2;
/** Steps per timing: enough that one timing (≈ 30 ms or more) is well above the timer's resolution. */
const STEP_COUNT = 30;
/**
 * Interleaved repeats of the step cost. One ratio of two single timings varied 1.9× to 8.5× across runs of one file
 * (issue 44): a median over 9 paired repeats (odd, so the median is one repeat's) with its quartiles says how much.
 */
export const STEP_REPEATS = 9;

/** The q-quantile (0 ≤ q ≤ 1) of `xs`, interpolated linearly between order statistics. */
function quantile(xs: readonly number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  const at = (s.length - 1) * q;
  const lo = Math.floor(at);
  return s[lo]! + (s[Math.min(lo + 1, s.length - 1)]! - s[lo]!) * (at - lo);
}

/**
 * ms per Langevin step (the mechanism's integrator on its Hamiltonian, T = 1, the default step) on ring:1000:10 with
 * two channels: after one untimed round each, proposal and variant are timed back to back in {@link STEP_REPEATS}
 * repeats (the order alternating, so neither always runs second), and the step cost is each side's median with the
 * median of the repeats' paired ratios and their spread.
 */
export function stepCost(mechanism: Mechanism): StepCost {
  const graph = graphs.ring(STEP_GRAPH.n, STEP_GRAPH.k);
  const step = defaultStep("ula", graph, 1);
  const make = (m: Mechanism) => m.integrator(hamiltonianOf(m, graph), { step, temperature: 1 });
  const sides = [make(PROPOSAL), make(mechanism)];
  const x0 = normal(key(0), [graph.n, STEP_CHANNELS]) as tf.Tensor2D;
  const states = sides.map((s) => s.init(x0));
  const time = (i: number): number => {
    const started = performance.now();
    for (let t = 0; t < STEP_COUNT; t++) {
      states[i] = sides[i]!.step(states[i]!, key(1 + t))[0]; // a step consumes the state it is given
    }
    tf.tidy(() => states[i]!.position.dataSync());
    return (performance.now() - started) / STEP_COUNT;
  };
  time(0); // warm-up: compile kernels, allocate
  time(1);
  const ms: [number[], number[]] = [[], []];
  for (let r = 0; r < STEP_REPEATS; r++) for (const i of r % 2 === 0 ? [0, 1] : [1, 0]) ms[i as 0 | 1].push(time(i));
  for (const s of states) disposeState(s);
  x0.dispose();
  releaseGraph(graph);
  const ratios = ms[1].map((v, r) => v / ms[0][r]!);
  const ratio = quantile(ratios, 0.5);
  const { interval, coverage } = medianInterval(ratios);
  return {
    graph: `ring:${STEP_GRAPH.n}:${STEP_GRAPH.k}`,
    channels: STEP_CHANNELS,
    proposalMs: quantile(ms[0], 0.5),
    variantMs: quantile(ms[1], 0.5),
    ratio,
    repeats: STEP_REPEATS,
    ratioQuartiles: [quantile(ratios, 0.25), quantile(ratios, 0.75)],
    ratioRange: [Math.min(...ratios), Math.max(...ratios)],
    ratioInterval: interval,
    ratioCoverage: coverage,
    wide: (interval[1] - interval[0]) / ratio > WIDE,
  };
}

/**
 * The step cost in one line: numerator and denominator (each side's median ms per step), the median paired ratio,
 * and its spread over the repeats.
 *
 * @example
 * ```ts
 * const spread = { ratioQuartiles: [1.9, 2.1], ratioRange: [1.7, 2.4], ratioInterval: [1.8, 2.2], ratioCoverage: 0.961 };
 * const text = costText({ graph: "ring:1000:10", channels: 2, proposalMs: 0.5, variantMs: 1, ratio: 2, repeats: 9, ...spread, wide: false });
 * text.split("; ")[0]; // → "cost per Langevin step on ring:1000:10 (2 channels), medians of 9 interleaved repeats: variant 1.00 ms / proposal 0.50 ms"
 * text.split("; ").slice(1).join("; "); // → "paired ratio 2.00× (quartiles 1.90–2.10×, range 1.70–2.40×; 96 % interval of the median 1.80–2.20×)"
 * ```
 */
export function costText(step: StepCost): string {
  const x = (r: number) => `${r.toFixed(2)}×`;
  const span = (rs: readonly number[]) => `${rs.map((r) => r.toFixed(2)).join("–")}×`;
  // Runs saved before the interval was measured have none: their line is as it was.
  const interval = step.ratioInterval
    ? `; ${Math.floor(step.ratioCoverage * 100)} % interval of the median ${span(step.ratioInterval)}`
    : "";
  const wide = step.wide
    ? `. The interval is wider than ${WIDE * 100} % of the ratio: the machine's load moved the timings; time it again on an idle machine`
    : "";
  return (
    `cost per Langevin step on ${step.graph} (${step.channels} channels), medians of ${step.repeats} interleaved repeats: ` +
    `variant ${step.variantMs.toFixed(2)} ms / proposal ${step.proposalMs.toFixed(2)} ms; paired ratio ${x(step.ratio)} ` +
    `(quartiles ${span(step.ratioQuartiles)}, range ${span(step.ratioRange)}${interval})${wide}`
  );
}

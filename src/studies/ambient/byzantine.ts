/**
 * "The Byzantine problem exists only because computation is historical", read as its consequence on the ambient
 * model (which keeps no history): does one adversary identity still displace the network's value, beyond what the
 * thermal noise alone does? The same network and dynamics with and without the adversary, at several N.
 */
import type { Proportion } from "../../stats/binomial";
import { checkKey, fold, key as makeKey, type Key } from "../../engine/random";
import { check } from "../../errors";
import { releaseGraph } from "../../ops/tensors";
import { ambientGraph, displacedRuns, type ModelConstants, type NetworkOf } from "./ambient-experiments";
import { simulateAmbient } from "./simulate";
import { simulateAmbientFast } from "./fast";

export interface AdversaryEffectPoint {
  n: number;
  /** Runs in which A was displaced with one adversary identity (ω = ½, 3 targets) and with none. */
  withAdversary: Proportion;
  without: Proportion;
}

/**
 * At each N: `runs` runs of the ambient dynamics (T = `temperature` (0.5), 20 time units, starting from A) with one
 * adversary identity pushing B and `runs` without one, on the same network (ws:N:6:0.1 from key(1) unless `network`
 * draws another). The two arms use independent keys.
 *
 * @example
 * ```ts
 * const [p] = adversaryEffect([16], 4, key(11), { duration: 2 });
 * [p.withAdversary.n, p.without.n]; // → [4, 4]
 * ```
 */
export function adversaryEffect(
  sizes: readonly number[],
  runs: number,
  key: Key,
  options: { duration?: number; temperature?: number; network?: NetworkOf } = {},
): AdversaryEffectPoint[] {
  checkKey("emtd/ambient/byzantine", "key", key);
  check.integer("emtd/ambient/byzantine", "runs", runs, 1);
  return sizes.map((n, i) => {
    const graph = options.network ? options.network(n) : ambientGraph(n, makeKey(1));
    try {
      const arm = (identities: number, k: Key) =>
        displacedRuns(
          simulateAmbient(
            {
              graph,
              runs,
              duration: options.duration ?? 20,
              temperature: options.temperature ?? 0.5,
              adversary: { identities, weightEach: 0.5, targets: 3 },
              recordEvery: 0.5,
            },
            k,
          ),
        );
      return { n, withAdversary: arm(1, fold(fold(key, i), 1)), without: arm(0, fold(fold(key, i), 0)) };
    } finally {
      releaseGraph(graph);
    }
  });
}

/** One arm of {@link adversaryStrengths}: displacement and the share of honest nodes holding A over the run. */
export interface AdversaryArm {
  /** Runs in which A was displaced (the majority lost at some record). */
  displaced: Proportion;
  /** The share of honest nodes holding A (ψ > ½), averaged over the run's records: its mean over runs and SE. */
  held: { value: number; se: number; runs: number };
}

/** One network size of {@link adversaryStrengths}: the arm without an adversary and one arm per strength ω. */
export interface AdversaryStrengthPoint {
  n: number;
  without: AdversaryArm;
  /** Same order as the `omegas` given. */
  withAdversary: AdversaryArm[];
}

/**
 * At each N (run on the ambient model's structured fast path, src/studies/ambient/fast.ts): `runs(n)` runs of 20
 * time units from A without an adversary, and as many with one adversary identity of each weight ω in `omegas` on 3
 * nodes pushing B, on the same network (drawn by `network`); each arm from its own key (fold(fold(key, size), arm)).
 *
 * @example
 * ```ts
 * const [p] = adversaryStrengths([32], () => 4, [0.5, 10], key(11), { duration: 2 });
 * [p.without.held.runs, p.withAdversary.length]; // → [4, 2]
 * ```
 */
export function adversaryStrengths(
  sizes: readonly number[],
  runs: (n: number) => number,
  omegas: readonly number[],
  key: Key,
  options: { duration?: number; temperature?: number; decay?: number; network?: NetworkOf } & ModelConstants = {},
): AdversaryStrengthPoint[] {
  checkKey("emtd/ambient/byzantine", "key", key);
  return sizes.map((n, i) => {
    const graph = options.network ? options.network(n) : ambientGraph(n, makeKey(1));
    const count = check.integer("emtd/ambient/byzantine", "runs", runs(n), 2);
    try {
      const arm = (omega: number | null, k: Key): AdversaryArm => {
        const trace = simulateAmbientFast(
          {
            graph,
            runs: count,
            duration: options.duration ?? 20,
            temperature: options.temperature ?? 0.5,
            coupling: options.coupling ?? 1,
            dt: options.dt ?? 0.05,
            decay: options.decay ?? 0.1,
            ...(omega === null ? {} : { adversary: { identities: 1, weightEach: omega, targets: 3 } }),
            recordEvery: 0.5,
          },
          k,
        );
        const records = trace.times.length;
        const shares = Array.from({ length: count }, (_, r) => {
          let sum = 0;
          for (let t = 0; t < records; t++) sum += trace.holdA[t * count + r]!;
          return sum / records;
        });
        const m = shares.reduce((a, b) => a + b, 0) / count;
        const sd = Math.sqrt(shares.reduce((a, b) => a + (b - m) ** 2, 0) / (count - 1));
        return { displaced: displacedRuns(trace), held: { value: m, se: sd / Math.sqrt(count), runs: count } };
      };
      return {
        n,
        without: arm(null, fold(fold(key, i), 0)),
        withAdversary: omegas.map((omega, a) => arm(omega, fold(fold(key, i), a + 1))),
      };
    } finally {
      releaseGraph(graph);
    }
  });
}

/**
 * "The Byzantine problem exists only because computation is historical", read as its consequence on the ambient
 * model (which keeps no history): does one adversary identity still displace the network's value, beyond what the
 * thermal noise alone does? The same network and dynamics with and without the adversary, at several N.
 */
import { wilson, type Proportion } from "../../stats/binomial";
import { checkKey, fold, key as makeKey, type Key } from "../../engine/random";
import { check } from "../../errors";
import { releaseGraph } from "../../ops/tensors";
import { ADVERSARY_DESIGN, ambientGraph, designOf, displacedRuns, type ModelConstants, type NetworkOf } from "./networks";
import { simulateAmbient } from "./simulate";

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
 * At each N (run on the ambient model's SIMD step, ops/ambient-step.ts): `runs(n)` runs of 20
 * time units from A without an adversary, and as many with one adversary identity of each weight ω in `omegas` on 3
 * nodes pushing B, on the same network (drawn by `network`), or in blocks of `runsPerNetwork` runs, each block on its own
 * network shared by the arms; each arm from its own key (fold(fold(key, size), arm), folded with the block).
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
  options: {
    duration?: number;
    temperature?: number;
    decay?: number;
    network?: NetworkOf;
    /** Runs per network: each arm's runs in blocks of this many, block b on network b (every arm on it). Default: all on one. */
    runsPerNetwork?: number;
  } & ModelConstants = {},
): AdversaryStrengthPoint[] {
  checkKey("emtd/ambient/byzantine", "key", key);
  const perNetwork =
    options.runsPerNetwork === undefined ? undefined : check.integer("emtd/ambient/byzantine", "runsPerNetwork", options.runsPerNetwork, 1);
  return sizes.map((n, i) => {
    const count = check.integer("emtd/ambient/byzantine", "runs", runs(n), 2);
    // Runs in blocks of `runsPerNetwork`, each block on its own network shared by every arm (arm a's block b from
    // fold(fold(fold(key, i), a), b)); all runs on one network, arm a from fold(fold(key, i), a), when not given.
    const m = perNetwork ?? count;
    const blocks = Math.ceil(count / m);
    const arms = omegas.length + 1;
    const displaced = new Array<number>(arms).fill(0);
    const shares: number[][] = Array.from({ length: arms }, () => []);
    for (let b = 0; b < blocks; b++) {
      const graph = options.network ? options.network(n, b) : ambientGraph(n, makeKey(1));
      const size = Math.min(m, count - b * m);
      try {
        for (let a = 0; a < arms; a++) {
          const omega = a === 0 ? null : omegas[a - 1]!;
          const armKey = fold(fold(key, i), a);
          const trace = simulateAmbient(
            {
              graph,
              runs: size,
              ...designOf(options, ADVERSARY_DESIGN),
              ...(omega === null ? {} : { adversary: { identities: 1, weightEach: omega, targets: 3 } }),
              substeps: "auto", // a strong identity (ω up to 10) makes its targets stiff
            },
            perNetwork === undefined ? armKey : fold(armKey, b),
          );
          const records = trace.times.length;
          for (let r = 0; r < size; r++) {
            let sum = 0;
            for (let t = 0; t < records; t++) sum += trace.holdA[t * size + r]!;
            shares[a]!.push(sum / records);
          }
          displaced[a]! += displacedRuns(trace).k;
        }
      } finally {
        releaseGraph(graph);
      }
    }
    const arm = (a: number): AdversaryArm => {
      const xs = shares[a]!;
      const mean = xs.reduce((s, x) => s + x, 0) / count;
      const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (count - 1));
      return { displaced: wilson(displaced[a]!, count), held: { value: mean, se: sd / Math.sqrt(count), runs: count } };
    };
    return { n, without: arm(0), withAdversary: omegas.map((_, a) => arm(a + 1)) };
  });
}

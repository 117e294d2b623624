/**
 * "The Byzantine problem exists only because computation is historical", read as its consequence on the ambient
 * model (which keeps no history): does one adversary identity still displace the network's value, beyond what the
 * thermal noise alone does? The same network and dynamics with and without the adversary, at several N.
 */
import type { Proportion } from "../../stats/binomial";
import { checkKey, fold, key as makeKey, type Key } from "../../engine/random";
import { check } from "../../errors";
import { releaseGraph } from "../../ops/tensors";
import { ambientGraph, displacedRuns, type NetworkOf } from "./ambient-experiments";
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

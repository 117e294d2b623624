/**
 * The double-spend experiment of e-double-spend (src/claims/essay-persistence.ts): two conflicting values injected at two
 * nodes of a neutral network, no adversary; the dynamics alone decide whether one replaces the other.
 */
import { type Proportion, wilson } from "../../stats/binomial";
import { checkKey, type Key } from "../../engine/random";
import { simulateAmbient } from "./simulate";
import { designOf, type ModelConstants, type NetworkOf, networkSize, networkTrace, type OverNetworks, withNetworks } from "./networks";

export interface DoubleSpendResult {
  runs: number;
  /**
   * Outcomes at the horizon: one value replaced the other (it is held by more than half of the nodes and the other
   * by fewer than one in twenty, `replaced`), or split.
   */
  aWins: Proportion;
  bWins: Proportion;
  split: Proportion;
  /** Time until one value replaced the other (runs that resolved), mean and standard error; `resolved` such runs. */
  resolutionTime: number;
  resolved: number;
  resolutionTimeSe: number;
  /** Per run: the final mean value (for a histogram). */
  finalMean: number[];
}

/**
 * Has one value replaced the other? It is held (ψ beyond ±½) by more than half of the nodes and the other by fewer
 * than one in twenty. Not "held by ≥ 90 %": at T = 0.5 thermal noise alone keeps about one node in nine of a settled
 * field inside (−½, ½), so an agreement threshold of 90 % counts noise as a split (146 of 300 runs at T = 0.5):
 * replaced(0.88, 0) is true (the 12 % in between are noise), replaced(0.6, 0.3) false (both values still held).
 */
function replaced(winner: number, loser: number): boolean {
  return winner > 0.5 && loser < 0.05;
}

/**
 * Two conflicting transactions: A (+1) injected at node `a` (0), B (−1) at node `b` (the middle one, ⌊N/2⌋), every
 * other node neutral, no adversary. The dynamics alone decide; a run is resolved when one value has replaced the
 * other (`replaced`). N = `nodes` (64), T = `temperature` (0.05), γ = `decay` (0.1).
 *
 * @example
 * ```ts
 * const r = doubleSpendExperiment(key(19), { runs: 4, duration: 2 }); // the claims use 200 runs over 30 time units
 * [r.aWins.k + r.bWins.k + r.split.k, r.runs]; // → [4, 4] (every run is resolved one way or the other, or split)
 * ```
 */
export function doubleSpendExperiment(key: Key, options: DoubleSpendOptions = {}): DoubleSpendResult {
  return doubleSpendOverNetworks(key, { ...options, networks: 1 })[0]!;
}

/** The double-spend experiment's design: see {@link doubleSpendExperiment}; `runs` per network. */
export type DoubleSpendOptions = {
  a?: number;
  b?: number;
  runs?: number;
  duration?: number;
  nodes?: number;
  temperature?: number;
  decay?: number;
  network?: NetworkOf;
} & ModelConstants;

/**
 * {@link doubleSpendExperiment} on `networks` networks at once (`runs` on each, the two values injected at the same
 * nodes of every network; one disjoint union): each network's result, in order.
 */
export function doubleSpendOverNetworks(key: Key, options: OverNetworks<DoubleSpendOptions> = {}): DoubleSpendResult[] {
  const networks = options.networks ?? 1;
  checkKey("emtd/ambient/experiments", "key", key);
  const nodes = networkSize("doubleSpendExperiment", options.nodes, 64);
  return withNetworks(nodes, options.network, networks, (graph) => {
    const all = simulateAmbient(
      {
        graph,
        networks,
        runs: options.runs ?? 300,
        ...designOf(options, { duration: 30, temperature: 0.05, decay: 0.1 }),
        injections: [
          { nodes: [options.a ?? 0], value: 1 },
          { nodes: [options.b ?? Math.floor(nodes / 2)], value: -1 },
        ],
      },
      key,
    );
    return Array.from({ length: networks }, (_, c) => {
      const trace = networkTrace(all, c, networks);
      const R = trace.runs;
      const last = trace.times.length - 1;
      let a = 0;
      let b = 0;
      const times: number[] = [];
      const finalMean: number[] = [];
      for (let r = 0; r < R; r++) {
        const [holdA, holdB] = [trace.holdA[last * R + r]!, trace.holdB[last * R + r]!];
        if (replaced(holdA, holdB)) a++;
        else if (replaced(holdB, holdA)) b++;
        finalMean.push(trace.mean[last * R + r]!);
        for (let k = 0; k <= last; k++) {
          const [atA, atB] = [trace.holdA[k * R + r]!, trace.holdB[k * R + r]!];
          if (replaced(atA, atB) || replaced(atB, atA)) {
            times.push(trace.times[k]!);
            break;
          }
        }
      }
      const m = times.reduce((s, t) => s + t, 0) / Math.max(times.length, 1);
      const sd = Math.sqrt(times.reduce((s, t) => s + (t - m) ** 2, 0) / Math.max(times.length - 1, 1));
      return {
        runs: R,
        aWins: wilson(a, R),
        bWins: wilson(b, R),
        split: wilson(R - a - b, R),
        resolutionTime: m,
        resolutionTimeSe: sd / Math.sqrt(Math.max(times.length, 1)),
        resolved: times.length,
        finalMean,
      };
    });
  });
}

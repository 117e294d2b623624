/**
 * How the essay experiments draw and plan their runs (moved from the claims' common module, claims/essay-common): in
 * blocks on networks of their own, planned over networks at a conservative intraclass correlation, rates read at the
 * exception level; and the two things an experiment is run from, its streams and the memo that shares one run.
 */
import type { Key } from "../../engine/random";
import { designEffectOf } from "../../stats/clustered";
import { normalQuantile } from "../../stats/tests";
import { EmtdError } from "../../errors";

/** An experiment's two named streams: its runs, and its network per size (`graph`). */
export interface ExperimentStreams {
  runs: Key;
  graph: Key;
}

/**
 * Shares one run of an experiment: `compute()` once per tag and streams (the claims pass theirs, claims/machinery/memo
 * `memoised`, so a claim, its figure and notebook 16 read one run). The default runs it every time.
 */
export type Memo = <T>(tag: string, streams: readonly Key[], compute: () => T) => T;

/** No memo: the experiment runs at each call. */
export const runEveryTime: Memo = (_tag, _streams, compute) => compute();

/**
 * The level at which the essay's claims read what the dynamics do as the rule: its exception is rarer than one run
 * in twenty, the usual 5 % and the level sibling claims read "locks into", "propagates" and "divergence → 0" at
 * (p2.2-crystallisation, p2.2-diffusion-propagates, p3.2-ground-state). e-double-spend's split, e-persistence's loss
 * and e-not-stolen-hoarded's carried-away value are read at it (eighth-edition referee: ½ had no text or standard).
 */
export const EXCEPTION = 0.05;

/**
 * The rate's indifference zone around {@link EXCEPTION}, fixed before the planned run (sixth-edition referee: 200
 * unplanned runs left the cell nearest the line flipping with the seed): half the level either way, so a rate of
 * 2.5 % is shown to be the exception and one of 7.5 % (one and a half times the level) is shown not to be. Rates
 * inside the zone may stay inconclusive, with the runs that would decide at the rate seen.
 */
export const EXCEPTION_ZONE = EXCEPTION / 2;

/**
 * Independent runs that decide a rate at the zone's edges: the rate is unknown, so its variance is taken at the far
 * edge (7.5 %, the larger of the two edges' p(1 − p)), and a rate there is decided with power 0.8 at α = 0.05 when
 * (z₀.₉₇₅ + z₀.₈)²·p(1 − p)/zone² runs are made: 872.
 */
export const EXCEPTION_INDEPENDENT = Math.ceil(
  ((normalQuantile(0.975) + normalQuantile(0.8)) ** 2 * (EXCEPTION + EXCEPTION_ZONE) * (1 - EXCEPTION - EXCEPTION_ZONE)) /
    EXCEPTION_ZONE ** 2,
);

/**
 * Runs per network in the essay experiments (finality, persistence, double-spend, Sybil, detachment): a cell's runs
 * are drawn in blocks of 8, each block on its own network (eighth-edition referee: one network shared by all of a
 * cell's runs made the intervals speak for that network, not for the family). The blocks are simulated as one
 * disjoint union (studies/ambient/networks), at about 1.2 times the cost of the same runs on one network; a network
 * per run would cost 2.5 times (872 networks × 1 run: 4.0 s against 1.6 s, both measured on the tensor path the
 * experiments ran on until issue 72), and 8 keeps the design effect 1 + 7ρ small at the pilot's ρ (PLANNING_ICC).
 * The scale and Byzantine experiments draw a network per run.
 */
export const RUNS_PER_NETWORK = 8;

/**
 * The intraclass correlation of a run's outcome within a network that the essay's power plans assume: conservative,
 * above every pilot. `node scripts/pilot-network-icc.js 120` (e-double-spend, e-sybil and e-persistence rates at the
 * headline cell, degrees 6 and 4, 120 networks of 8 runs at key(777), which no claim decides with) measures at most
 * 0.010; a 40-network pilot measured up to 0.079 (e-sybil's one-identity arm at k = 4, each network simulated alone at
 * another key). Rare networks split far more often than the rest (a replicate's one network split 8, 83 and 70 of 872
 * runs at three seeds in the eighth-edition referee's runs), so the plan takes 0.1: design effect 1.7 at 8 runs per
 * network. Each cell is still read at its own measured design effect.
 */
export const PLANNING_ICC = 0.1;

/**
 * Runs that stand for `independent` independent runs when drawn {@link RUNS_PER_NETWORK} to a network: the plan
 * times the design effect 1 + (m − 1)ρ at {@link PLANNING_ICC}, in whole networks.
 */
export function runsOverNetworks(independent: number): number {
  const networks = Math.ceil((independent * designEffectOf(RUNS_PER_NETWORK, PLANNING_ICC)) / RUNS_PER_NETWORK);
  return networks * RUNS_PER_NETWORK;
}

/** {@link EXCEPTION_INDEPENDENT} planned over networks: 872 × 1.7, in whole networks of 8 (1488 runs on 186). */
export const EXCEPTION_RUNS = runsOverNetworks(EXCEPTION_INDEPENDENT);

/** The networks `total` runs fill at {@link RUNS_PER_NETWORK} each (a whole number, or an error). */
export function networksOf(total: number): number {
  const networks = total / RUNS_PER_NETWORK;
  if (!(Number.isInteger(networks) && networks > 0))
    throw new EmtdError(`emtd/studies/ambient/networksOf: ${total} runs are not whole blocks of ${RUNS_PER_NETWORK} runs per network`);
  return networks;
}

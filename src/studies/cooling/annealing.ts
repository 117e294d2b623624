/**
 * §2.2 step 3, "annealing": §3.3's update (kernel node0 or neighbour, Metropolis, nodes in order) on the text's own
 * landscape, the interaction energy on two values per node (½‖s_i − s_j‖² = 1 − s_is_j: the Ising form, J = 1) on
 * §3.3's graph watts_strogatz(N, 4, 0.1), a new graph per run, from values drawn at random per node (conflicting
 * ledgers), cooled by a schedule. A run ends in conflict when its nodes do not all hold one value; the ground states
 * of this landscape are exactly the two consensus states (a connected ferromagnet), so "locks into the global
 * minimum" and "ends without conflict" are the same event. The designed 8-spin trap (two communities, fields
 * +0.5/−0.3) is measured by {@link designedTrapConflicts}, as evidence beside the verdict, never as its cell.
 * Plain typed arrays, no tensors; run r draws from fold(key, r).
 */
import type { Schedule } from "../../dynamics/schedules";
import { fold, type Key, split, uniformSource } from "../../engine/random";
import { wsSpinProblem } from "../../reference-port/spin-problem";
import { problemCsr, randomSpins, twoCommunityProblem } from "../../spin/problem";
import { isConsensus, type ProposalKernel, runSweeps, spinSweeps, UPDATE_SWEEP_CAP } from "../../spin/update-kernels";

/** How a run of the §3.3 loop ends: at its own stop (a sweep that changes nothing) or only at its horizon. */
export type AnnealEnd = "stop" | "horizon";

/** Conflicts among runs of {@link annealRuns}. */
export interface AnnealRuns {
  runs: number;
  /** Runs whose nodes do not all hold one value at the end. */
  conflicts: number;
  /** Mean sweeps per run. */
  meanSweeps: number;
  /** The highest final temperature of a run left in conflict (0 when none). */
  hottestConflict: number;
  /** The most edges of any run's graph (the Boltzmann floor's E, {@link boltzmannConflictFloor}). */
  edges: number;
}

/**
 * `runs` runs of §3.3's update with `kernel` on the text's landscape (module comment) of `nodes` nodes, under
 * `schedule()` (a new one per run) for at most `horizon` sweeps; with end "stop" a run also ends at the first sweep
 * that changes nothing (§3.3's loop), with "horizon" only at the horizon or in a consensus (absorbing under a copy
 * kernel).
 *
 * @example
 * ```ts
 * annealRuns("node0", { nodes: 50, runs: 20, horizon: 1000, end: "stop", schedule: () => geometric({ initial: 100, rate: 0.95 }) }, key(1)).conflicts; // → 0
 * ```
 */
export function annealRuns(
  kernel: ProposalKernel,
  o: { nodes: number; runs: number; horizon: number; end: AnnealEnd; schedule: () => Schedule },
  k: Key,
): AnnealRuns {
  return tallyAnnealRuns(annealRunEnds(kernel, o, k));
}

/** How one run of {@link annealRunEnds} ended. */
export interface AnnealRunEnd {
  /** Its nodes do not all hold one value. */
  conflict: boolean;
  sweeps: number;
  /** Its final temperature where it ended in conflict, else 0. */
  hottest: number;
  /** Its graph's edges. */
  edges: number;
}

/**
 * Runs `from` … `from + o.runs − 1` of {@link annealRuns}, each run's end: run r draws from fold(k, r) alone, so it is
 * the same in any batch (a cell decided look by look asks for its runs batch by batch).
 */
export function annealRunEnds(
  kernel: ProposalKernel,
  o: { nodes: number; runs: number; horizon: number; end: AnnealEnd; schedule: () => Schedule },
  k: Key,
  from = 0,
): AnnealRunEnd[] {
  const ends: AnnealRunEnd[] = [];
  for (let r = from; r < from + o.runs; r++) {
    const [kGraph, kStart, kMoves] = split(fold(k, r), 3) as [Key, Key, Key];
    const g = problemCsr(wsSpinProblem(o.nodes, kGraph));
    const spin = randomSpins(o.nodes, uniformSource(kStart));
    const schedule = o.schedule();
    const run = runSweeps(kernel, spin, schedule, spinSweeps(kernel, g, kMoves), { limit: o.horizon, stop: o.end === "stop" });
    const conflict = !isConsensus(spin);
    const hottest = conflict ? schedule.temperature(Math.max(run.sweeps - 1, 0)) : 0;
    ends.push({ conflict, sweeps: run.sweeps, hottest, edges: g.start[o.nodes]! / 2 });
  }
  return ends;
}

/** The tally of runs' ends in run order: what {@link annealRuns} returns of them. */
export function tallyAnnealRuns(ends: readonly AnnealRunEnd[]): AnnealRuns {
  let conflicts = 0,
    sweeps = 0,
    hottestConflict = 0,
    edges = 0;
  for (const e of ends) {
    edges = Math.max(edges, e.edges);
    sweeps += e.sweeps;
    if (e.conflict) {
      conflicts++;
      hottestConflict = Math.max(hottestConflict, e.hottest);
    }
  }
  return { runs: ends.length, conflicts, meanSweeps: sweeps / ends.length, hottestConflict, edges };
}

/**
 * The most edges of the graphs of runs 0 … `runs` − 1 of {@link annealRuns} under `k` (its `edges`, the Boltzmann
 * floor's E), from the graphs alone: a threshold fixed before any of the runs is measured.
 */
export function annealGraphEdges(nodes: number, runs: number, k: Key): number {
  let edges = 0;
  for (let r = 0; r < runs; r++) {
    const [kGraph] = split(fold(k, r), 3) as [Key, Key, Key];
    edges = Math.max(edges, problemCsr(wsSpinProblem(nodes, kGraph)).start[nodes]! / 2);
  }
  return edges;
}

/**
 * A lower bound on the Boltzmann probability of conflict at temperature T (law ∝ e^(−ℋ/T), as
 * {@link boltzmannConflictBound}) on an N-node graph of E edges of the text's landscape: every state has ℋ ≤ 2E (each
 * cut edge costs 2), so the 2^N − 2 conflicting states weigh S ≥ (2^N − 2)·e^(−2E/T) against the two ground states'
 * 2, and P(conflict) = S/(2 + S) is at least that bound's. Where the chain is hot, the law's prediction is sharp: at
 * T₀ = 100 on ws(50, 4, 0.1) almost every state it visits is a conflict.
 *
 * @example
 * ```ts
 * boltzmannConflictFloor(50, 100, 100); // → 1 (to double precision: 1 − 1.8·10⁻¹⁵)
 * boltzmannConflictFloor(50, 100, 6).toFixed(3); // → "0.653"
 * ```
 */
export function boltzmannConflictFloor(nodes: number, edges: number, temperature: number): number {
  const logS = Math.log(2 ** nodes - 2) - (2 * edges) / temperature;
  return 1 / (1 + 2 * Math.exp(-logS));
}

/**
 * log₁₀ of an upper bound on the Boltzmann probability of conflict at temperature T on a connected N-node graph of
 * the text's landscape: every conflicting state cuts an edge (energy ≥ 2 above the two ground states), and there
 * are fewer than 2^N of them, so P(conflict) < 2^{N−1} e^{−2/T}.
 *
 * @example
 * ```ts
 * boltzmannConflictBound(50, 0.5); // → 13.0 (14.75 − 1.74: no bound at that temperature, log₁₀ > 0)
 * ```
 */
export function boltzmannConflictBound(nodes: number, temperature: number): number {
  return (nodes - 1) * Math.log10(2) - (2 / temperature) * Math.log10(Math.E);
}

/**
 * The designed trap of the first two editions, as evidence: §3.3's update with `kernel` on the 8-spin two-community
 * problem (J = 1 inside, `bridges` bridges, fields +0.5 on A and −0.3 on B, whose split state is a local minimum),
 * from random spins, §3.3's loop under `schedule()` to its cap; returns the runs left in conflict (not all one
 * value: the split state A = +1, B = −1 is the trap).
 */
export function designedTrapConflicts(
  kernel: ProposalKernel,
  o: { bridges: number; runs: number; schedule: () => Schedule },
  k: Key,
): { runs: number; conflicts: number } {
  const problem = twoCommunityProblem({ bridges: o.bridges });
  const g = problemCsr(problem);
  let conflicts = 0;
  for (let r = 0; r < o.runs; r++) {
    const [kStart, kMoves] = split(fold(k, r), 2) as [Key, Key];
    const spin = randomSpins(problem.n, uniformSource(kStart));
    runSweeps(kernel, spin, o.schedule(), spinSweeps(kernel, g, kMoves), { limit: UPDATE_SWEEP_CAP, stop: false });
    if (!isConsensus(spin)) conflicts++;
  }
  return { runs: o.runs, conflicts };
}

/**
 * The decisions §4.3's claims measure (p4.3-landauer, p4.3-energy-reduces-entropy, p4.3-proof-of-physics): runs of
 * §3.3's update (the grid's kernel, Metropolis acceptance, per-node cooling from 100) on binary values with the text's
 * interaction energy alone, from values drawn at random per node, and what each hands its bath and removes.
 */
import type { MeasureContext } from "./machinery/types";
import type { ProposalKernel } from "../spin/update-kernels";
import { injectedConsensusProblem, problemCsr, randomSpins, type ProblemCsr, type SpinProblem } from "../spin/problem";
import { isConsensus, runSweeps, spinSweeps } from "../spin/update-kernels";
import { fold, split, uniformSource, type Key } from "../engine/random";
import type { Schedule } from "../dynamics/schedules";
import { empiricalEntropyBits } from "../studies/joules/joule-accounting";
import { LOOP_LIMIT, wsSpinProblem } from "./section4-traps";

export const ENERGY = "notebooks/14-landauer-and-energy.ipynb";

/** A decision's runs: bits removed, the bath's entropy gain per run (k_B = 1), agreement and the work done. */
export interface Decisions {
  n: number;
  runs: number;
  /** The Miller–Madow entropy of the final states' law over the runs: at most about log₂ runs, so a lower estimate. */
  bitsAfter: number;
  /** n − bitsAfter: exact where runs end on few states, an upper bound where they end split. */
  bitsRemoved: number;
  /**
   * n − an upper bound on the final states' entropy (the chain rule along the node order, each node given the one
   * before, at the runs' pooled pair frequencies; {@link chainEntropyBound}): a lower bound on the bits removed.
   */
  bitsRemovedAtLeast: number;
  /** Mean Σ_t −ΔH_t/T_t per run (the bath's entropy gain, units of k_B) and its SE. */
  flow: number;
  flowSe: number;
  /** Mean Σ_t −ΔH_t per run = H(start) − H(end) (ℋ's own units: the energy released) and its SE. */
  released: number;
  releasedSe: number;
  /** flow / (ln 2 × bits removed): 1 at Landauer's limit; its SE from the flow's. */
  ratio: number;
  ratioSe: number;
  /** Runs ending in a consensus (every node on one value). */
  agreeing: number;
  /** Sweeps spent (the budget when the loop does not stop early), summed over runs. */
  sweeps: number;
  /** Sweeps until the state last changed under the copy kernel's consensus (or the budget), summed over runs. */
  settled: number;
  meanDegree: number;
}

/** H = −Σ_{edges} J_ij s_i s_j − Σ h_i s_i of the spins `s`. */
function energyOf(g: ProblemCsr, s: Int8Array): number {
  let h = 0;
  for (let i = 0; i < g.n; i++) {
    let local = 0;
    for (let q = g.start[i]!; q < g.start[i + 1]!; q++) local += g.coupling[q]! * s[g.neighbour[q]!]!;
    h -= s[i]! * (0.5 * local + g.field[i]!);
  }
  return h;
}

const binaryEntropy = (p: number) => (p <= 0 || p >= 1 ? 0 : -p * Math.log2(p) - (1 - p) * Math.log2(1 - p));

/**
 * An upper bound on the entropy of the final states' law from `runs` runs of `n` nodes, `differ` of whose
 * (n − 1)·runs consecutive pairs (node i − 1, node i) differ: H(X) ≤ H(X₀) + Σ_i H(X_i | X_{i−1}) (chain rule; conditioning
 * on less raises entropy) ≤ 1 + (n − 1)·h(differ / pairs), since H(Y | X) is concave in the pair's law and the nodes'
 * two values are symmetric. Unlike the plug-in entropy of whole states, it is not capped by log₂ runs: where runs end
 * split, it bounds what they leave from above (the §3.3 graphs number their nodes along the ring, so the pairs are
 * mostly links).
 */
export function chainEntropyBound(n: number, runs: number, differ: number): number {
  return Math.min(n, 1 + (n - 1) * binaryEntropy(differ / ((n - 1) * runs)));
}

const meanAndSe = (xs: Float64Array) => {
  const mean = xs.reduce((a, f) => a + f, 0) / xs.length;
  return { mean, se: Math.sqrt(xs.reduce((a, f) => a + (f - mean) ** 2, 0) / (xs.length - 1) / xs.length) };
};

/**
 * `runs` decisions of §3.3's update from values drawn at random per node (run r draws from fold(key, r)), each
 * until `limit` sweeps or, when `stop`, until a sweep changes nothing (§3.3's loop).
 */
export function decide(
  kernel: ProposalKernel,
  problem: SpinProblem,
  schedule: () => Schedule,
  o: { runs: number; limit: number; stop: boolean },
  k: Key,
): Decisions {
  const g = problemCsr(problem);
  const finals = new Float64Array(o.runs);
  const ids = new Map<string, number>();
  const flows = new Float64Array(o.runs);
  const releases = new Float64Array(o.runs);
  let agreeing = 0;
  let sweeps = 0;
  let settled = 0;
  let differ = 0;
  for (let r = 0; r < o.runs; r++) {
    const [startKey, moveKey] = split(fold(k, r), 2) as [Key, Key];
    const spin = randomSpins(g.n, uniformSource(startKey));
    const start = energyOf(g, spin);
    const run = runSweeps(kernel, spin, schedule(), spinSweeps(kernel, g, moveKey), { limit: o.limit, stop: o.stop });
    flows[r] = run.flow;
    // The energy is a state function: Σ −ΔH over the run is its start's H less its end's.
    releases[r] = start - energyOf(g, spin);
    sweeps += o.stop ? run.sweeps : o.limit;
    settled += run.sweeps;
    const id = spin.join(",");
    if (!ids.has(id)) ids.set(id, ids.size);
    finals[r] = ids.get(id)!;
    if (isConsensus(spin)) agreeing++;
    for (let i = 1; i < g.n; i++) if (spin[i] !== spin[i - 1]) differ++;
  }
  const bitsAfter = Math.max(0, empiricalEntropyBits(finals));
  const bitsRemoved = g.n - bitsAfter;
  const flow = meanAndSe(flows);
  const released = meanAndSe(releases);
  const nats = Math.LN2 * bitsRemoved;
  return {
    n: g.n,
    runs: o.runs,
    bitsAfter,
    bitsRemoved,
    bitsRemovedAtLeast: g.n - chainEntropyBound(g.n, o.runs, differ),
    flow: flow.mean,
    flowSe: flow.se,
    released: released.mean,
    releasedSe: released.se,
    ratio: flow.mean / nats,
    ratioSe: flow.se / nats,
    agreeing,
    sweeps,
    settled,
    meanDegree: g.neighbour.length / g.n,
  };
}

/**
 * The decision problem of a grid cell: the §3.3 graph drawn from the cell's key, or its p = 0 ring lattice, with the
 * interaction energy alone (the text's ℋ: no field on node 0).
 */
export function problemOf(ctx: MeasureContext, n: number): SpinProblem {
  return ctx.cell.graph === "ring" ? injectedConsensusProblem({ n, signal: 0 }) : wsSpinProblem(n, fold(ctx.key("graph"), n), 0);
}

export const GRAPH = {
  values: ["ws", "ring"],
  why: [
    "the §3.3 code's watts_strogatz(N, 4, 0.1), a new graph per replicate",
    "its p = 0 member, the ring lattice k = 4 (the library's consensus problem): no shortcut edges",
  ],
} as const;

export const DECISION =
  "§3.3's update (the grid's kernel: node0, §3.3's code, or neighbour, the §3.1 " +
  "gossip; Metropolis acceptance, nodes in order) on two values with the text's " +
  "interaction energy alone (no field: the value a decision settles on is one " +
  "some node holds, node 0's under node0), from values drawn at random per node";

/** The sweeps until a schedule reaches T < 0.01 (frozen), at most the §3.3 loop's limit. */
export function freezeSweeps(schedule: Schedule): number {
  let t = 0;
  while (t < LOOP_LIMIT && schedule.temperature(t) >= 0.01) t++;
  return Math.max(t, 1);
}

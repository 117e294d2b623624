/**
 * §3.3's `update_state` swept over a network in node order, with its proposal kernel as an option: node i proposes a
 * value and takes it by the library's one Metropolis rule (src/dynamics/acceptance.ts) at the sweep's temperature.
 * The text has two rules for the proposal, and both are the text's (VERDICTS.md §1):
 *
 * - kernel "node0": node i proposes node 0's current value (§3.3's code, `self.nodes[0].state[0]`; no draw). Node 0
 *   proposes its own value, so it never moves, and a state where every node holds node 0's value is absorbing.
 * - kernel "neighbour": node i proposes the value of a uniformly drawn neighbour (the pull gossip, and §3.3's
 *   comment "in real impl, this would be gossip protocol"; one draw, none for an isolated node, which keeps its value).
 * - kernel "symmetric": a proposal that does not depend on the other nodes (the textbook kernel; a repair, never
 *   the text's).
 *
 * Under either copy kernel a proposal equal to the current value changes nothing and draws no more.
 *
 * Two state forms, as the claims hold them: ±1 spins of a {@link SpinProblem} ({@link updateSweep},
 * {@link runUpdateLoop}: the §4.2–§4.4 claims; the symmetric proposal is the flip, so it draws what
 * {@link metropolisSweep} draws) and ledgers labelled 0 … K − 1 with their squared distances ({@link copyAndAccept}:
 * the §2.1 claims; the symmetric proposal is one of the K drawn uniformly, the current one included). Both forms draw
 * the copy kernel's neighbour the same way ({@link neighbourDraw}). Plain typed arrays, no tensors.
 */
import type { Schedule } from "../dynamics/schedules";
import { flipCost, type ProblemCsr } from "./problem";
import { copyRuns, neighbourDraw } from "../ops/copy-sweep";
import { fold, type Key } from "../engine/random";
import { spinSweeps, updateSweep, type SpinSweep, type SweepKernel } from "../ops/spin-sweep";

export { neighbourDraw, spinSweeps, updateSweep, type SpinSweep };

/** The proposal kernel of §3.3's update: the text's two rules, "node0" and "neighbour", or "symmetric" (a repair). */
export type ProposalKernel = SweepKernel;

/** The text's two proposal rules (VERDICTS.md §1), the values of every discrete-update claim's `kernel` grid. */
export const TEXT_KERNELS: readonly ProposalKernel[] = Object.freeze(["node0", "neighbour"] as const);

/** Every kernel, for argument checks. */
export const PROPOSAL_KERNELS: readonly ProposalKernel[] = Object.freeze(["node0", "neighbour", "symmetric"] as const);

/** True for the two copy rules (a proposal is a value some node holds, so a consensus proposes nothing). */
export function copiesAValue(kernel: ProposalKernel): boolean {
  return kernel !== "symmetric";
}

/** §3.3's sweep cap, `steps < 1000`. */
export const UPDATE_SWEEP_CAP = 1000;

/** Every node holds one value. */
export function isConsensus(spin: Int8Array): boolean {
  for (let i = 1; i < spin.length; i++) if (spin[i] !== spin[0]) return false; // a loop, not every(): called after each sweep that changed a run
  return true;
}

/**
 * No move of the update lowers H: a local minimum for the kernel (node0 moves only to node 0's value, neighbour only
 * to a value a neighbour holds, symmetric anywhere).
 */
export function isTrapped(kernel: ProposalKernel, g: ProblemCsr, spin: Int8Array): boolean {
  for (let i = 0; i < g.n; i++) {
    if (flipCost(g, spin, i) >= 0) continue;
    if (kernel === "symmetric") return false;
    if (kernel === "node0") {
      if (spin[0] !== spin[i]) return false;
      continue;
    }
    for (let q = g.start[i]!; q < g.start[i + 1]!; q++) if (spin[g.neighbour[q]!] !== spin[i]) return false;
  }
  return true;
}

/**
 * §3.3's loop on ±1 spins: sweeps ({@link updateSweep}) at `schedule`'s temperatures until one changes nothing (when
 * `stop`) or `limit` sweeps. Under a copy kernel a consensus proposes nothing ever again, so the loop ends there
 * (exactly what the rest would do). Returns the sweeps run and the bath's entropy gain Σ_t −ΔH_t/T_t (k_B = 1).
 */
export function runUpdateLoop(
  kernel: ProposalKernel,
  g: ProblemCsr,
  spin: Int8Array,
  schedule: Schedule,
  u: () => number,
  o: { limit: number; stop: boolean },
): { sweeps: number; flow: number } {
  return runSweeps(kernel, spin, schedule, (s, T) => updateSweep(kernel, g, s, T, u), o);
}

/**
 * {@link runUpdateLoop} on given sweeps: with {@link spinSweeps}' (the same numbers as `runUpdateLoop(kernel, g, spin,
 * schedule, uniformSource(k), o)`), the loops the claims run.
 */
export function runSweeps(
  kernel: ProposalKernel,
  spin: Int8Array,
  schedule: Schedule,
  sweep: SpinSweep,
  o: { limit: number; stop: boolean },
): { sweeps: number; flow: number } {
  let flow = 0;
  let t = 0;
  while (t < o.limit) {
    if (copiesAValue(kernel) && isConsensus(spin)) break;
    const T = schedule.temperature(t);
    const { changes, deltaH } = sweep(spin, T);
    if (deltaH !== 0) flow -= deltaH / T;
    t++;
    if (o.stop && changes === 0) break;
  }
  return { sweeps: t, flow };
}

/** Neighbour lists in CSR form (the neighbours of i are `col[rowPtr[i] .. rowPtr[i + 1])`), as `Adjacency`. */
export interface NeighbourLists {
  readonly n: number;
  readonly rowPtr: Int32Array;
  readonly col: Int32Array;
}

/** One run of {@link copyAndAccept}. */
export interface CopyRun {
  /** Sweeps performed (§3.3's `steps`, the converged sweep included). */
  sweeps: number;
  /**
   * True when a sweep changed nothing (§3.3's stop, `total_energy_change < 1e-4`; with `stop: false`, when the copy
   * rule reached a consensus, which proposes nothing ever again); false at the 1000-sweep cap.
   */
  frozen: boolean;
}

/** One run of {@link copyAndAcceptRuns}: its network, ledgers (updated in place), schedule and stop. */
export interface CopyAndAcceptRun {
  adjacency: NeighbourLists;
  /** The ledger each node holds, 0 … K − 1, updated in place. */
  labels: Int32Array;
  schedule: Schedule;
  /** Nodes that hold their input and never follow the rule. */
  pinned?: Uint8Array | undefined;
  /** Nodes that redraw their ledger uniformly from the K before every sweep and never follow the rule. */
  noisy?: Uint8Array | undefined;
  /** §3.3's stop at a sweep without change (default true). */
  stop?: boolean | undefined;
  /** Most sweeps, in place of §3.3's 1000. */
  limit?: number | undefined;
  /** The sweep counter of the run's first sweep, for a run continued from where an earlier call left it (default 0). */
  from?: number | undefined;
}

/**
 * §3.3's update on networks of ledgers, many independent runs at once, each in place on its own `labels` (the ledger
 * each node holds, 0 … K − 1): per sweep t, node i = 0 … N − 1 in order (pinned nodes skipped: they hold their input;
 * noisy nodes skipped too: they redraw their ledger uniformly from the K before every sweep, an adversary that injects
 * noise) proposes node 0's ledger (kernel "node0": §3.3's code), a neighbour's (kernel "neighbour": the §3.1 gossip)
 * or a uniformly drawn one of the K (kernel "symmetric", a repair), and takes it by Metropolis on its local energy
 * ½Σ_j ‖x_i − x_j‖² at T = schedule(t) (each node cools once per sweep, after its update, so all share T₀·0.95^t); a
 * sweep whose total change Σ‖x_i − x_i^prev‖ is below 10⁻⁴ stops the run, as does the 1000th (`stop: false` runs on
 * through quiet sweeps to the 1000th, or to a consensus under a copy kernel, which nothing leaves; `limit` replaces
 * the 1000-sweep cap). `distances` holds ‖x_a − x_b‖² for the K ledgers, row-major. Run r draws from Philox under
 * `keys[r]`, counted by (sweep, node, draw) (ops/copy-sweep), so its outcome is the same alone or beside any others;
 * the runs go through the engine's SIMD lanes, four at a time, spread over the threads. Returns `{ sweeps, frozen }`
 * per run.
 */
export function copyAndAcceptRuns(
  runs: readonly CopyAndAcceptRun[],
  ledgers: { distances: Float64Array; K: number; kernel: ProposalKernel },
  keys: readonly Key[],
): CopyRun[] {
  const inputs = runs.map((r) => ({
    network: r.adjacency,
    labels: r.labels,
    pinned: r.pinned,
    noisy: r.noisy,
    schedule: r.schedule,
    limit: r.limit ?? UPDATE_SWEEP_CAP,
    stop: r.stop ?? true,
    from: r.from ?? 0,
  }));
  return copyRuns(inputs, ledgers, keys);
}

/**
 * One run of {@link copyAndAcceptRuns}, in place on `labels`, drawing under `runKey`. Returns `{ sweeps, frozen }`;
 * with kernel "neighbour" on a ws(50, 4, 0.1) network from T₀ = 100 the labels end mostly (often all) on one ledger;
 * with "node0" on node 0's.
 */
export function copyAndAccept(
  adjacency: NeighbourLists,
  labels: Int32Array,
  distances: Float64Array,
  K: number,
  options: {
    schedule: Schedule;
    kernel: ProposalKernel;
    pinned?: Uint8Array | undefined;
    noisy?: Uint8Array | undefined;
    stop?: boolean | undefined;
    limit?: number | undefined;
    from?: number | undefined;
  },
  runKey: Key,
): CopyRun {
  const { kernel, ...run } = options;
  return copyAndAcceptRuns([{ adjacency, labels, ...run }], { distances, K, kernel }, [runKey])[0]!;
}

/**
 * The Philox key of a copy run's sweeps, whose other draws (its start, its pins) come from `runKey`'s own uniform
 * stream: `runKey` folded with a constant of its own, so the two streams never share a key.
 */
export function copyKey(runKey: Key): Key {
  return fold(runKey, COPY_STREAM);
}

/** "copy" in ASCII: the fold of a run's key that keys its copy sweeps ({@link copyKey}), far from any run index. */
const COPY_STREAM = 0x636f7079;

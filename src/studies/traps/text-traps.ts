/**
 * Traps of the text's own landscape (§4.2, third edition, issue 42): §3.3's update (either text kernel, or the
 * symmetric repair) on the §3.3 graph `watts_strogatz(N, 4, 0.1)` with the interaction energy alone, and how
 * re-heating leaves them. Two questions, one function each, so the claims, their figure and notebook 13 call the same
 * code:
 *
 * - {@link loopEnds}: where the §3.3 loop (cooling from T₀, stop when a sweep changes nothing) ends: in consensus, in a
 *   split state, or stuck in a split local minimum of the update (two consensuses, p4.2-metastable-risk).
 * - {@link reheatEscapes}: from given trap states at the temperature the loop ends at, each sweep re-heats with
 *   probability r; escape = first passage below the trap's energy within the horizon (p4.2-reheating-escapes).
 *
 * Under kernel "node0" node 0 proposes its own value, so it never moves and a consensus on its value is absorbing;
 * at the loop's T₀ = 100 nearly every proposal is taken in the first sweeps, so the loop ends there and no split
 * minimum forms (a zero-temperature quench, by contrast, leaves clusters against node 0's value).
 */
import { checkKey, fold, split, uniformSource, type Key } from "../../engine/random";
import { ArgumentError } from "../../errors";
import type { Schedule } from "../../dynamics/schedules";
import { flipCost, problemCsr, randomSpins, type ProblemCsr } from "../../spin/problem";
import { metropolisProbability } from "../../dynamics/acceptance";
import { isConsensus, isTrapped, runSweeps, spinSweeps, copiesAValue, type ProposalKernel } from "../../spin/update-kernels";
import { wsSpinProblem } from "../../reference-port/spin-problem";

const WHERE = "emtd/traps/text-traps";

// The §3.3 graph as a spin problem lives with the landscape's depth (spin/ws-landscape), which cooling also reads.
export { wsSpinProblem };

/** A trap: a graph and a state no move of the update lowers in energy, holding both values. */
export interface Trap {
  g: ProblemCsr;
  spin: Int8Array;
}

/** Where `runs` loops ended (see {@link loopEnds}). */
export interface LoopEnds {
  /** Runs made (fewer than asked when `maxTraps` stuck runs were found first). */
  runs: number;
  /** Runs ending with both values held (stuck or not). */
  split: number;
  /** Runs ending in a non-consensus local minimum of the update (a split brain). */
  stuck: number;
  /** Mean minority share over the stuck runs (0 when none). */
  minority: number;
  /** Mean sweeps until the loop stopped. */
  sweeps: number;
  /** The stuck states (copies), in run order, when asked for. */
  traps: Trap[];
}

/**
 * `runs` runs of §3.3's loop under `kernel` on watts_strogatz(n, 4, 0.1) with the interaction energy alone (run r: a
 * new graph from fold(stream("graph"), r), values drawn at random per node from fold(stream("runs"), r)), each until a sweep changes
 * nothing or `limit` sweeps; counts where they end, stopping early once `maxTraps` runs have ended stuck. `schedule` gives each run's cooling (e.g. T = 100·0.95^t, or a
 * constant 0 for a zero-temperature quench).
 *
 * @example
 * ```ts
 * const ends = loopEnds("neighbour", 50, () => geometric({ initial: 100, rate: 0.95 }), { runs: 200, limit: 1000 }, (name) => (name === "graph" ? key(1) : key(2)));
 * ends.stuck; // → 23 (of 200; under "node0": 0)
 * ```
 */
export function loopEnds(
  kernel: ProposalKernel,
  n: number,
  schedule: () => Schedule,
  o: { runs: number; limit: number; keepTraps?: boolean; maxTraps?: number },
  stream: (name: string) => Key,
): LoopEnds {
  const graphKey = stream("graph"),
    runKey = stream("runs");
  checkKey(WHERE, 'stream("graph")', graphKey);
  checkKey(WHERE, 'stream("runs")', runKey);
  const out: LoopEnds = { runs: 0, split: 0, stuck: 0, minority: 0, sweeps: 0, traps: [] };
  for (let r = 0; r < o.runs && out.stuck < (o.maxTraps ?? Infinity); r++) {
    out.runs = r + 1;
    const g = problemCsr(wsSpinProblem(n, fold(graphKey, r)));
    const [startKey, moveKey] = split(fold(runKey, r), 2) as [Key, Key];
    const spin = randomSpins(n, uniformSource(startKey));
    out.sweeps += runSweeps(kernel, spin, schedule(), spinSweeps(kernel, g, moveKey), { limit: o.limit, stop: true }).sweeps;
    if (isConsensus(spin)) continue;
    out.split++;
    if (!isTrapped(kernel, g, spin)) continue;
    out.stuck++;
    const plus = spin.reduce((a, s) => a + (s === 1 ? 1 : 0), 0);
    out.minority += Math.min(plus, n - plus) / n;
    if (o.keepTraps) out.traps.push({ g, spin: Int8Array.from(spin) });
  }
  if (out.stuck > 0) out.minority /= out.stuck;
  out.sweeps /= Math.max(out.runs, 1);
  return out;
}

/** Escapes from a list of traps (see {@link reheatEscapes}). */
export interface Escapes {
  runs: number;
  /** Runs that went below the trap's energy within the horizon. */
  escaped: number;
  /** Of those, within the first `loopLimit` sweeps. */
  within: number;
  /** Mean first-passage sweep over the escaped runs (0 when none). */
  passage: number;
}

/** Re-heating as §4.2 describes it, in the §3.3 loop's terms. */
export interface EscapeOptions {
  /** Probability per sweep of a re-heat. */
  rate: number;
  /** The temperature a re-heat restarts the schedule from. */
  hot: number;
  /** Sweeps each run is given. */
  horizon: number;
  /** The loop's limit: runs start at the temperature the loop ends at, schedule(T₀) at this clock. */
  loopLimit: number;
  /** Sweeps a re-heat holds `hot` before the schedule cools again from it (default 0: it cools at once). */
  hold?: number;
  /**
   * How a run cools after a re-heat to `hot` (default `schedule(hot)`): a repair's cooling after each re-heat, while
   * the run starts where the loop's own `schedule(T₀)` left it.
   */
  reheatSchedule?: (hot: number) => Schedule;
}

/**
 * No move `kernel` can propose in `spin` is accepted at `temperature`: every such move is uphill and its Metropolis
 * probability is exactly 0 in floating point (e^{−ΔH/T} underflows), so a sweep there changes nothing, whatever its
 * draws, and so does every sweep at a temperature no higher while the state stays.
 */
export function isFrozen(kernel: ProposalKernel, g: ProblemCsr, spin: Int8Array, temperature: number): boolean {
  for (let i = 0; i < g.n; i++) {
    if (kernel === "node0" && spin[i] === spin[0]) continue;
    if (kernel === "neighbour") {
      let differs = false;
      for (let q = g.start[i]!; q < g.start[i + 1]! && !differs; q++) differs = spin[g.neighbour[q]!] !== spin[i];
      if (!differs) continue;
    }
    if (metropolisProbability(flipCost(g, spin, i), temperature) > 0) return false;
  }
  return true;
}

/**
 * Runs from each trap (run r from fold(k, r); the trap's state is copied) at the temperature the §3.3 loop ends at
 * (`schedule(T₀)` at clock `loopLimit`); each sweep re-heats with probability `rate` (the schedule restarts as
 * `schedule(hot)`, after holding `hot` for `hold` sweeps where given); escape = first passage below the trap's energy
 * within `horizon` sweeps. Under a copy kernel a
 * consensus proposes nothing, so a run that reaches one stops there. Sweeps that cannot change the state (a quiet
 * sweep left it {@link isFrozen} at a temperature no lower than the present one) are skipped, not drawn: the same
 * chain, only cheaper, since the long cold stretches between rare re-heats are where the time goes.
 *
 * @example
 * ```ts
 * const traps = loopEnds("neighbour", 200, () => geometric({ initial: 100, rate: 0.95 }), { runs: 50, limit: 1000, keepTraps: true }, (name) => (name === "graph" ? key(1) : key(2))).traps;
 * reheatEscapes("neighbour", traps, (T) => geometric({ initial: T, rate: 0.95 }), 100, { rate: 0.01, hot: 6, horizon: 1000, loopLimit: 1000 }, key(3));
 * // → { runs: 26, escaped: 26, … } (every trap escaped)
 * ```
 */
export function reheatEscapes(
  kernel: ProposalKernel,
  traps: readonly Trap[],
  schedule: (initial: number) => Schedule,
  t0: number,
  o: EscapeOptions,
  k: Key,
): Escapes {
  checkKey(WHERE, "key", k);
  return sumEscapes(reheatEscapeRuns(kernel, traps, schedule, t0, o, k, 0, traps.length));
}

/** One run of {@link reheatEscapeRuns}: whether it escaped, within the loop's limit, and at which sweep (1-based; 0 if not). */
export interface EscapeRun {
  escaped: boolean;
  within: boolean;
  passage: number;
}

/** {@link Escapes} of some runs, in their order (the passage a mean over the escaped). */
export function sumEscapes(runs: readonly EscapeRun[]): Escapes {
  const out: Escapes = { runs: runs.length, escaped: 0, within: 0, passage: 0 };
  for (const r of runs) {
    if (!r.escaped) continue;
    out.escaped++;
    if (r.within) out.within++;
    out.passage += r.passage;
  }
  if (out.escaped > 0) out.passage /= out.escaped;
  return out;
}

/**
 * Runs [`from`, `to`) of {@link reheatEscapes}, each from its own trap and key (run r from `traps[r]` and fold(k, r)),
 * so any range is the same runs as the whole: a cell decided look by look reads the plan's first runs.
 */
export function reheatEscapeRuns(
  kernel: ProposalKernel,
  traps: readonly Trap[],
  schedule: (initial: number) => Schedule,
  t0: number,
  o: EscapeOptions,
  k: Key,
  from: number,
  to: number,
): EscapeRun[] {
  checkKey(WHERE, "key", k);
  if (!(Number.isInteger(from) && Number.isInteger(to) && 0 <= from && from <= to && to <= traps.length))
    throw new ArgumentError(WHERE, "from, to", `integers with 0 ≤ from ≤ to ≤ ${traps.length} (the traps)`, [from, to]);
  const out: EscapeRun[] = [];
  // Each schedule's temperatures by clock, computed once for every run and re-heat: a schedule's temperature is a
  // function of t (only `observe`, never called here, moves a stateful one), and the long cold stretches between rare
  // re-heats read one per sweep.
  const cold = temperatureTable(schedule(t0), o.loopLimit);
  const hot = temperatureTable((o.reheatSchedule ?? schedule)(o.hot), 0);
  const copies = copiesAValue(kernel);
  for (let r = from; r < to; r++) {
    const trap = traps[r]!;
    const spin = Int8Array.from(trap.spin);
    const [moveKey, reheatKey] = split(fold(k, r), 2) as [Key, Key];
    const sweep = spinSweeps(kernel, trap.g, moveKey);
    const reheat = uniformSource(reheatKey);
    let clock = o.loopLimit;
    let current = cold;
    let e = 0;
    let frozenAt = -1; // the state cannot move at temperatures up to this one (−1: not known to be frozen)
    let held = 0; // sweeps left at the re-heat temperature before the schedule resumes
    let consensus = isConsensus(spin); // changes only with a sweep that changes the state
    let run: EscapeRun = { escaped: false, within: false, passage: 0 };
    for (let t = 0; t < o.horizon; t++) {
      if (reheat() < o.rate) {
        current = hot;
        clock = 0;
        held = o.hold ?? 0;
      }
      if (copies && consensus) break; // absorbing: no proposal differs from a node's value
      const temperature = held > 0 ? o.hot : current(clock++);
      if (held > 0) held--;
      if (temperature <= frozenAt) continue;
      const swept = sweep(spin, temperature);
      e += swept.deltaH;
      if (swept.changes > 0) consensus = isConsensus(spin);
      frozenAt = swept.changes === 0 && isFrozen(kernel, trap.g, spin, temperature) ? temperature : -1;
      if (e < -1e-9) {
        run = { escaped: true, within: t < o.loopLimit, passage: t + 1 };
        break;
      }
    }
    out.push(run);
  }
  return out;
}

/** `schedule`'s temperature at a clock ≥ `first`, each computed once. */
function temperatureTable(schedule: Schedule, first: number): (clock: number) => number {
  const table: number[] = [];
  return (clock) => {
    const at = clock - first;
    while (table.length <= at) table.push(schedule.temperature(first + table.length));
    return table[at]!;
  };
}

/**
 * The §3.3 claims' experiments on the ported reference code (`reference-port/port.ts`), one function per question, so
 * the claims (`claims/section3-reference.ts`), the figure of notebook 10 (`figures/nb10-reference.ts`) and the
 * notebook call the same code: does the code average like a heat equation (`heatEquationRuns`), and does it cool
 * like an annealer (`coolingRuns`)? Run r draws its own Watts–Strogatz graph and Metropolis stream from `fold(key, r)`
 * (the port's `referenceRun`). The port is §3.3's code, whose proposal is node 0's value; `kernel` "neighbour" runs
 * the text's other rule (the pull gossip) in the same code.
 */
import { fold, type Key } from "../../engine/random";
import { check } from "../../errors";
import { referenceRun, type ReferenceKernel } from "../../reference-port/port";

/** Seeded runs per cell of the §3.3 claims. */
export const REFERENCE_RUNS = 300;

/** What {@link heatEquationRuns} counts. */
export interface HeatEquationRuns {
  runs: number;
  /** Runs ending with every node holding the injected signal exactly. */
  exact: number;
  /** Runs ending all-or-nothing (agreement exactly 0 or 1). */
  allOrNothing: number;
  /** Runs in which node 0 accepted the injected signal. */
  injected: number;
  /** Of those, runs ending with every node exactly on 0 or the signal, no value between (the mark of copying). */
  copied: number;
  meanSweeps: number;
}

/**
 * Runs the ported §3.3 code `runs` times (N = `nodes`, rewiring `p`) and counts the signatures of copying against
 * averaging: every node holding the signal exactly, and all-or-nothing agreement.
 *
 * @example
 * ```ts
 * const r = heatEquationRuns({ nodes: 50, p: 0.1, runs: 20 }, key(1));
 * r.allOrNothing; // → 20 (every value is 0 or the signal: a copy process)
 * ```
 */
export function heatEquationRuns(o: { nodes: number; p: number; runs: number; kernel?: ReferenceKernel }, key: Key): HeatEquationRuns {
  const out: HeatEquationRuns = { runs: o.runs, exact: 0, allOrNothing: 0, injected: 0, copied: 0, meanSweeps: 0 };
  for (let s = 0; s < o.runs; s++) {
    const r = referenceRun({ nodes: o.nodes, p: o.p, kernel: o.kernel }, fold(key, s));
    if (r.agreement === 1) out.exact++;
    if (r.agreement === 0 || r.agreement === 1) out.allOrNothing++;
    if (r.injectionAccepted) out.injected++;
    if (r.injectionAccepted && r.between === 0) out.copied++;
    out.meanSweeps += r.steps / o.runs;
  }
  return out;
}

/**
 * The smallest uphill energy change of the code's landscape: a node taking the signal s against one more disagreeing
 * neighbour than agreeing ones, ½·s² (§3.3's local energy Σ ½‖s_i − s_j‖², states 0 or s). At T = ½s² that move is
 * accepted with probability e^(−1).
 *
 * @example
 * ```ts
 * smallestUphill(); // → 4.935
 * ```
 */
export function smallestUphill(signal = 3.14159): number {
  return 0.5 * signal * signal;
}

/** What {@link coolingRuns} measures. */
export interface CoolingRuns {
  runs: number;
  /** Runs whose last temperature is below the smallest uphill energy change (they cooled from hot to cold). */
  cooled: number;
  /** Runs whose outcome (sweeps, agreement, node 0's state) changes when repeated on the same key without cooling. */
  changedWithoutCooling: number;
  /** Uphill proposals after the first sweep, all runs. */
  lateUphill: number;
  /** The lowest temperature any run reached. */
  coldest: number;
  /** Sweeps and last temperature of each run (the figure draws them). */
  steps: number[];
  finalTemperature: number[];
}

/**
 * Runs the ported §3.3 code `runs` times (N = `nodes`, cooling factor `decay` per sweep) and measures whether it
 * anneals: how cold the runs get against {@link smallestUphill}, and (beside) whether the cooling changes any run's
 * outcome, by repeating it on the same key at decay 1. Run s is fold(key, s), s from `first` (default 0), so runs
 * [first, first + runs) are those of the whole plan ({@link sumCoolingRuns} adds ranges up).
 *
 * @example
 * ```ts
 * const r = coolingRuns({ nodes: 50, decay: 0.95, runs: 20 }, key(1));
 * [r.cooled, r.coldest > 80]; // → [0, true] (runs stop within a few sweeps, near T₀ = 100)
 * ```
 */
export function coolingRuns(
  o: { nodes: number; decay: number; runs: number; kernel?: ReferenceKernel; first?: number },
  key: Key,
): CoolingRuns {
  const cold = smallestUphill();
  const first = check.integer("emtd/reference/coolingRuns", "first", o.first ?? 0, 0);
  const out: CoolingRuns = {
    runs: o.runs,
    cooled: 0,
    changedWithoutCooling: 0,
    lateUphill: 0,
    coldest: Infinity,
    steps: [],
    finalTemperature: [],
  };
  for (let s = first; s < first + o.runs; s++) {
    const k = fold(key, s);
    const a = referenceRun({ nodes: o.nodes, decay: o.decay, kernel: o.kernel }, k);
    const b = referenceRun({ nodes: o.nodes, decay: 1, kernel: o.kernel }, k);
    if (a.steps !== b.steps || a.agreement !== b.agreement || a.finalState[0] !== b.finalState[0]) out.changedWithoutCooling++;
    if (a.finalTemperature < cold) out.cooled++;
    out.lateUphill += a.uphillPerSweep.slice(1).reduce((u, v) => u + v, 0);
    out.coldest = Math.min(out.coldest, a.finalTemperature);
    out.steps.push(a.steps);
    out.finalTemperature.push(a.finalTemperature);
  }
  return out;
}

/** Runs measured in parts by {@link coolingRuns} (consecutive ranges, in order), as one measurement of them all. */
export function sumCoolingRuns(parts: readonly CoolingRuns[]): CoolingRuns {
  return {
    runs: parts.reduce((a, p) => a + p.runs, 0),
    cooled: parts.reduce((a, p) => a + p.cooled, 0),
    changedWithoutCooling: parts.reduce((a, p) => a + p.changedWithoutCooling, 0),
    lateUphill: parts.reduce((a, p) => a + p.lateUphill, 0),
    coldest: Math.min(Infinity, ...parts.map((p) => p.coldest)),
    steps: parts.flatMap((p) => p.steps),
    finalTemperature: parts.flatMap((p) => p.finalTemperature),
  };
}

/**
 * Many seeds of the §3.3 reference and their summary, as printed by `emtd reference` (DESIGN.md contract):
 * `{ runs: [{ seed, steps, agreement }, …], summary }`. Run r uses seed S + r, so `--seed S --runs K` covers the
 * seeds S … S+K−1, as the Python script does with `random.seed(s)` / `np.random.seed(s)`.
 */
import { key } from "../engine/random";
import { check } from "../errors";
import { mean, median } from "../stats/summary";
import { referenceRun, type ReferenceOptions } from "./port";

export interface ReferenceRunRecord {
  seed: number;
  steps: number;
  agreement: number;
}

export interface ReferenceSummary {
  runs: number;
  steps: { mean: number; median: number; min: number; max: number };
  meanAgreement: number;
  /** Fraction of runs in which every node holds the signal. */
  fullAgreement: number;
  /** Fraction of runs in which node 0 rejected the injection (then nothing propagates). */
  injectionRejected: number;
  seconds: number;
}

/**
 * Summarise run records: steps (mean, median, min, max), mean agreement, the fractions of runs with full agreement
 * and with the injection rejected; `seconds` is supplied by the caller, who timed the runs.
 *
 * @example
 * ```ts
 * const s = summariseReference([{ seed: 0, steps: 3, agreement: 1 }, { seed: 1, steps: 5, agreement: 0.5 }], 0);
 * [s.steps.mean, s.meanAgreement, s.fullAgreement]; // → [4, 0.75, 0.5]
 * ```
 */
export function summariseReference(
  records: readonly (ReferenceRunRecord & { injectionAccepted?: boolean })[],
  seconds: number,
): ReferenceSummary {
  const steps = records.map((r) => r.steps);
  const n = records.length;
  return {
    runs: n,
    steps: {
      mean: mean(steps),
      median: median(steps),
      min: Math.min(...steps),
      max: Math.max(...steps),
    },
    meanAgreement: records.reduce((a, r) => a + r.agreement, 0) / n,
    fullAgreement: records.filter((r) => r.agreement === 1).length / n,
    injectionRejected: records.filter((r) => r.injectionAccepted === false).length / n,
    seconds,
  };
}

/**
 * Run the port ({@link referenceRun}) for seeds seed … seed+runs−1; returns the records and their summary (the
 * `emtd reference` JSON). No tensors.
 *
 * @example
 * ```ts
 * const { summary } = referenceRuns({ nodes: 50 }, 20, 0);
 * // A rejected injection (20 % of seeds) leaves agreement 0.
 * [summary.steps.median, summary.fullAgreement, summary.injectionRejected]; // → [2, 0.65, 0.35]
 * ```
 */
export function referenceRuns(
  options: ReferenceOptions,
  runs: number,
  seed: number,
): { runs: (ReferenceRunRecord & { injectionAccepted: boolean })[]; summary: ReferenceSummary } {
  check.integer("emtd/reference", "runs", runs, 1);
  check.integer("emtd/reference", "seed", seed, 0, Number.MAX_SAFE_INTEGER - runs);
  const start = performance.now();
  const records = [];
  for (let r = 0; r < runs; r++) {
    const result = referenceRun(options, key(seed + r));
    records.push({ seed: seed + r, steps: result.steps, agreement: result.agreement, injectionAccepted: result.injectionAccepted });
  }
  const seconds = (performance.now() - start) / 1000;
  return { runs: records, summary: summariseReference(records, seconds) };
}

/**
 * Small helpers shared by the claim files: evidence records, z-scores, and the headline formatters of src/format.ts.
 * Verdict rules stay in each claim's `measure()`, next to the numbers they read.
 */
import { scoreInterval, wilson } from "../../stats/binomial";
import { tInterval } from "../../stats/inference";
import type { Evidence } from "./types";

/** One evidence record; `uncertainty` and `reference` are left out when not given. */
export function evidence(name: string, value: number, extra: { uncertainty?: number; reference?: number; unit?: string } = {}): Evidence {
  const out: Evidence = { name, value };
  if (extra.uncertainty !== undefined) out.uncertainty = extra.uncertainty;
  if (extra.reference !== undefined) out.reference = extra.reference;
  if (extra.unit !== undefined) out.unit = extra.unit;
  return out;
}

/**
 * A rate k/n as evidence, with its Wilson 95 % interval and binomial SE; where the runs share networks, at the
 * effective size n/`designEffect` (../stats/clustered).
 */
export function rateEvidence(name: string, k: number, n: number, designEffect = 1): Evidence {
  const w = designEffect === 1 ? wilson(k, n) : { ...wilson(k, n), ...scoreInterval(k / n, n / designEffect) };
  return { name, value: w.estimate, uncertainty: w.standardError, interval: [w.lower, w.upper] };
}

/** An estimate as evidence, with its 95 % interval (t when `df` is given). */
export function estimateEvidence(
  name: string,
  estimate: { value: number; se: number; df?: number },
  extra: { reference?: number; unit?: string } = {},
): Evidence {
  const out: Evidence = { name, value: estimate.value, uncertainty: estimate.se, interval: tInterval(estimate, estimate.df ?? Infinity) };
  if (extra.reference !== undefined) out.reference = extra.reference;
  if (extra.unit !== undefined) out.unit = extra.unit;
  return out;
}

/** (value − reference) / standard error. */
export function zScore(value: number, standardError: number, reference: number): number {
  return (value - reference) / standardError;
}

/** Binomial standard error of a fraction p estimated from n trials. */
export function binomialSe(p: number, n: number): number {
  return Math.sqrt(Math.max(p * (1 - p), 0) / n);
}

/** The headline formatters, from the one formatting module (src/format.ts). */
export { num, pm } from "../../format";

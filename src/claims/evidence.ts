/**
 * Small helpers shared by the claim files: evidence records, z-scores and number formatting for headlines.
 * Verdict rules stay in each claim's `measure()`, next to the numbers they read.
 */
import type { Evidence } from "./types";

/** One evidence record; `uncertainty` and `reference` are left out when not given. */
export function evidence(name: string, value: number, extra: { uncertainty?: number; reference?: number; unit?: string } = {}): Evidence {
  const out: Evidence = { name, value };
  if (extra.uncertainty !== undefined) out.uncertainty = extra.uncertainty;
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

/** A number for a headline: `digits` significant digits, exponent form for very small or large magnitudes. */
export function num(value: number, digits = 3): string {
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value) && Math.abs(value) < 1e6) return String(value);
  const a = Math.abs(value);
  if (a !== 0 && (a < 1e-3 || a >= 1e6)) return value.toExponential(digits - 1);
  return String(Number(value.toPrecision(digits)));
}

/** "value ± se" for a headline. */
export function pm(value: number, se: number, digits = 3): string {
  return `${num(value, digits)} ± ${num(se, 2)}`;
}

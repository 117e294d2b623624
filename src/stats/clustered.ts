/**
 * Rates from runs drawn in blocks that share a random network (a cluster sample): runs on one network are not
 * independent of each other, so k/n over all runs is worth fewer independent runs than n. The design effect
 * (Kish 1965) measures by how much: the cluster-robust variance of the ratio estimator p̂ = Σk_b / Σn_b (Cochran 1977,
 * §6.8: between-block residuals k_b − p̂·n_b) over the binomial variance p̂(1 − p̂)/n. The interval is Wilson's at the
 * effective size n/deff, as Korn & Graubard (1998) do for survey proportions: it stays inside [0, 1] and sensible at
 * k = 0, where the cluster-robust variance is 0 and says nothing.
 *
 * The power side: a design of m runs per network has design effect 1 + (m − 1)·ρ, ρ the intraclass correlation of a
 * run's outcome within a network (ANOVA estimator, Donner 1986), so a plan of n independent runs needs n·(1 + (m − 1)ρ).
 */
import { ArgumentError, check } from "../errors";
import { type Proportion, scoreInterval } from "./binomial";

const WHERE = "emtd/stats/clustered";

/** One network's runs: `k` of `n` had the outcome. */
export interface Block {
  k: number;
  n: number;
}

/** A rate over runs drawn in blocks, one network each, with its design effect and a Wilson interval at the effective size. */
export interface ClusteredProportion extends Proportion {
  /** The networks (blocks) the runs were drawn on. */
  networks: number;
  /** Cluster-robust variance over binomial variance, at least 1 (1 where p̂ is 0 or 1: no variance to compare). */
  designEffect: number;
  /** n / designEffect: the independent runs the sample is worth. */
  effectiveRuns: number;
}

function checkBlocks(blocks: readonly Block[], least: number): void {
  if (blocks.length < least) throw new ArgumentError(WHERE, "blocks", `at least ${least} blocks (networks)`, blocks.length);
  for (const b of blocks) {
    check.integer(WHERE, "n", b.n, 0);
    check.integer(WHERE, "k", b.k, 0, b.n);
  }
}

/**
 * The pooled rate Σk/Σn over blocks of runs, each block on its own network, with the design effect and the Wilson
 * interval at n/deff. Needs two blocks or more (one network cannot show the variation between networks).
 *
 * @example
 * ```ts
 * const p = clusteredProportion([{ k: 8, n: 8 }, { k: 0, n: 8 }, { k: 8, n: 8 }, { k: 0, n: 8 }]); // all or none per network
 * [p.k, p.n, p.designEffect, p.effectiveRuns]; // → [16, 32, 10.67, 3] (worth about 4 runs, not 32)
 * ```
 */
export function clusteredProportion(blocks: readonly Block[], z = 1.96): ClusteredProportion {
  checkBlocks(blocks, 2);
  const B = blocks.length;
  const k = blocks.reduce((a, b) => a + b.k, 0);
  const n = blocks.reduce((a, b) => a + b.n, 0);
  if (n === 0)
    return { estimate: Number.NaN, lower: 0, upper: 1, standardError: Number.NaN, k, n, networks: B, designEffect: 1, effectiveRuns: 0 };
  const p = k / n;
  const between = blocks.reduce((a, b) => a + (b.k - p * b.n) ** 2, 0);
  const robust = (B / (B - 1)) * (between / (n * n));
  const binomial = (p * (1 - p)) / n;
  const designEffect = binomial > 0 ? Math.max(1, robust / binomial) : 1;
  const effectiveRuns = n / designEffect;
  return { ...scoreInterval(p, effectiveRuns, z), k, n, networks: B, designEffect, effectiveRuns };
}

/**
 * The intraclass correlation ρ of a 0/1 outcome within blocks (one-way ANOVA estimator with the average block size
 * n₀ = (n − Σn_b²/n)/(B − 1)); may be negative in a sample. NaN where there is no variance at all.
 *
 * @example
 * ```ts
 * intraclassCorrelation([{ k: 8, n: 8 }, { k: 0, n: 8 }, { k: 8, n: 8 }, { k: 0, n: 8 }]); // → 1 (the network decides)
 * intraclassCorrelation([{ k: 4, n: 8 }, { k: 4, n: 8 }, { k: 4, n: 8 }, { k: 4, n: 8 }]); // → −0.14 (less spread than chance)
 * ```
 */
export function intraclassCorrelation(blocks: readonly Block[]): number {
  checkBlocks(blocks, 2);
  const used = blocks.filter((b) => b.n > 0);
  const B = used.length;
  const n = used.reduce((a, b) => a + b.n, 0);
  if (B < 2 || n <= B) return Number.NaN;
  const p = used.reduce((a, b) => a + b.k, 0) / n;
  const ssb = used.reduce((a, b) => a + b.n * (b.k / b.n - p) ** 2, 0);
  const ssw = used.reduce((a, b) => a + b.k * (1 - b.k / b.n), 0);
  const msb = ssb / (B - 1);
  const msw = ssw / (n - B);
  const n0 = (n - used.reduce((a, b) => a + b.n * b.n, 0) / n) / (B - 1);
  const denominator = msb + (n0 - 1) * msw;
  return denominator > 0 ? (msb - msw) / denominator : Number.NaN;
}

/** The design effect 1 + (m − 1)·ρ of `runsPerNetwork` runs per network at intraclass correlation ρ (ρ < 0 counts as 0). */
export function designEffectOf(runsPerNetwork: number, icc: number): number {
  check.integer(WHERE, "runsPerNetwork", runsPerNetwork, 1);
  if (!(icc <= 1)) throw new ArgumentError(WHERE, "icc", "a correlation ≤ 1", icc);
  return 1 + (runsPerNetwork - 1) * Math.max(0, icc);
}

/** One network's contribution to a mean over runs: the `sum` of a quantity over its `count` runs. */
export interface SumBlock {
  sum: number;
  count: number;
}

/**
 * The mean Σsum/Σcount over blocks of runs, one network each, with its cluster-robust standard error (the ratio
 * estimator's between-block residuals, Cochran 1977 §6.8) and B − 1 degrees of freedom. Blocks with no runs count
 * as networks that contributed none. NaN value where no block has a run.
 *
 * @example
 * ```ts
 * const m = clusteredMean([{ sum: 10, count: 5 }, { sum: 4, count: 4 }, { sum: 9, count: 3 }]);
 * [m.value, m.df]; // → [1.917, 2] (23 over 12 runs; SE 0.50 from the three networks)
 * ```
 */
export function clusteredMean(blocks: readonly SumBlock[]): { value: number; se: number; df: number } {
  if (blocks.length < 2) throw new ArgumentError(WHERE, "blocks", "at least 2 blocks (networks)", blocks.length);
  const B = blocks.length;
  const count = blocks.reduce((a, b) => a + b.count, 0);
  if (!(count > 0)) return { value: Number.NaN, se: Number.NaN, df: B - 1 };
  const value = blocks.reduce((a, b) => a + b.sum, 0) / count;
  const between = blocks.reduce((a, b) => a + (b.sum - value * b.count) ** 2, 0);
  return { value, se: Math.sqrt((B / (B - 1)) * between) / count, df: B - 1 };
}

/**
 * How many runs would decide an inconclusive finding (VERDICTS.md §2: inconclusive carries them): planned against a
 * margin fixed in advance (`runsToDecide`), or at the effect seen (`runsAtObserved`), and the words the tables and
 * findings say them in. Pure arithmetic on the rules' numbers; ./decide is the only caller that makes findings.
 */
import { normalCdf, normalQuantile } from "../../stats/tests";
import type { Finding } from "./types";

// Planned before a run, so its designs (src/studies/) compute it too: it lives in stats/equivalence.
export { equivalenceRuns } from "../../stats/equivalence";

/** The TOST p-value of "|difference| < margin" (the larger one-sided p): what Holm reads for a shown equivalence. */
export function tostP(value: number, se: number, margin: number): number {
  if (!(se > 0)) return Math.abs(value) < margin ? 0 : 1;
  return Math.max(1 - normalCdf((value + margin) / se), normalCdf((value - margin) / se));
}

/** Planned runs: n·(mde / margin)² rounded up, the runs at which the MDE falls to the margin (SE ∝ 1/√n). */
export function runsFor(n: number | undefined, mde: number, margin: number): number | undefined {
  if (n === undefined || !(margin > 0)) return undefined;
  return Math.ceil(n * (mde / margin) ** 2);
}

/**
 * The runs at which an observed difference, were it the true one, would be decided against ±margin: beyond the
 * margin, the 95 % interval clears it ((|d| − margin) / 1.96 = SE); inside, TOST at α = 0.05 shows equivalence
 * ((margin − |d|) / 1.645 = SE); SE ∝ 1/√n from the `n` runs measured. Undefined on the margin itself. A threshold
 * test (margin 0) is decided once the interval clears the threshold: n·(1.96·SE/|d|)².
 *
 * @example
 * ```ts
 * // Through the rule that carries it (./decide beyond): a fit over 5 sizes, 0.0042 from its threshold.
 * beyond({ value: 1.4958, se: 0.107, df: 3 }, 1.5, "below", "exponent", [], 5, "sizes").finding.runsAtObserved; // → 12467
 * ```
 */
export function runsAtObserved(n: number | undefined, diff: { value: number; se: number }, margin: number): number | undefined {
  const z = Math.abs(diff.value) > margin ? normalQuantile(0.975) : normalQuantile(0.95);
  return runsForGap(n, diff, margin, z);
}

/** n·(z·SE/||d| − margin|)² rounded up: the runs of one arm at which the gap is z SE; undefined on the margin itself. */
function runsForGap(n: number | undefined, diff: { value: number; se: number }, margin: number, z: number): number | undefined {
  const gap = Math.abs(Math.abs(diff.value) - margin);
  if (n === undefined || !(diff.se > 0) || !(gap > 0)) return undefined;
  return Math.ceil(n * ((z * diff.se) / gap) ** 2);
}

/**
 * The runs in all (`arms` × the runs of one arm, `n` each measured) at which an observed difference, were it the true
 * one, would be decided on the 95 % interval the rules decide on: beyond the margin, or within it, both at z₀.₉₇₅
 * (arms·n·(1.96·SE/||d| − margin|)²; a threshold test passes margin 0). Undefined on the margin itself. Unlike
 * {@link runsAtObserved} (one arm, TOST's 1.645 within the margin) it counts what a user would launch (VERDICTS.md §5).
 *
 * @example
 * ```ts
 * // Through the rule that carries it (./decide rates): 300/526 vs 260/526, a difference of 0.076 inside +0.1;
 * // 3314 per arm, where runsAtObserved (one arm at 1.645) is 2335.
 * rates({ k: 300, n: 526 }, { k: 260, n: 526 }, "greater", 0.1, "x", []).finding.totalRunsAtObserved; // → 6628
 * ```
 */
export function totalRunsAtObserved(
  n: number | undefined,
  arms: number,
  diff: { value: number; se: number },
  margin: number,
): number | undefined {
  const perArm = runsForGap(n, diff, margin, normalQuantile(0.975));
  return perArm === undefined ? undefined : arms * perArm;
}

/**
 * The fewest trials whose 0 violations bound the rate below `tolerance` (Wilson 95 % upper bound z²/(n + z²) <
 * tolerance, so n > z²(1 − tolerance)/tolerance): 73 at 5 %.
 */
export function runsToBoundZero(tolerance: number): number {
  const z2 = 1.959963984540054 ** 2;
  return Math.floor((z2 * (1 - tolerance)) / tolerance) + 1;
}

/** z²/(n + z²): the Wilson 95 % upper bound of a rate seen 0 times in n trials. */
export function zeroOfUpper(n: number): number {
  const z2 = 1.959963984540054 ** 2;
  return z2 / (n + z2);
}

/**
 * The runs that would decide a finding, in words ("" when it carries none), in the runs a user would launch: the
 * totals where the finding has them (`totalRunsToDecide`, `totalRunsAtObserved`; a two-arm rule's per arm beside
 * them), else the one-arm fields. "326 runs in all would decide it (163 per arm); 3818 in all at the effect seen", or,
 * where only the effect seen plans them (a threshold test, sign-off N6), "12467 sizes would decide it at the effect
 * seen", in the finding's own unit (`runsUnit`, runs by default).
 *
 * @example
 * ```ts
 * runsText({ kind: "inconclusive", text: "", runsToDecide: 163, totalRunsToDecide: 326, runsAtObserved: 1000, totalRunsAtObserved: 3818 });
 * // → "326 runs in all would decide it (163 per arm); 3818 in all at the effect seen"
 * runsText({ kind: "inconclusive", text: "", runsAtObserved: 12467, runsUnit: "sizes" }); // → "12467 sizes would decide it at the effect seen"
 * ```
 */
export function runsText(
  f: Pick<Finding, "runsToDecide" | "runsAtObserved" | "totalRunsToDecide" | "totalRunsAtObserved" | "runsUnit">,
): string {
  const unit = f.runsUnit ?? "runs";
  const planned = f.totalRunsToDecide ?? f.runsToDecide;
  const observed = f.totalRunsAtObserved ?? f.runsAtObserved;
  const perArm = f.totalRunsToDecide !== undefined && f.totalRunsToDecide !== f.runsToDecide ? ` (${f.runsToDecide} per arm)` : "";
  const inAll = f.totalRunsToDecide !== undefined && perArm !== "" ? " in all" : "";
  if (planned !== undefined)
    return `${planned} ${unit}${inAll} would decide it${perArm}${observed !== undefined ? `; ${observed}${inAll} at the effect seen` : ""}`;
  const twoArms = f.totalRunsAtObserved !== undefined && f.runsAtObserved !== undefined && f.totalRunsAtObserved > f.runsAtObserved;
  return observed !== undefined ? `${observed} ${unit}${twoArms ? " in all" : ""} would decide it at the effect seen` : "";
}

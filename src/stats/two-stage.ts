/**
 * One planning rule for the cells of the essay's rate claims (twelfth-edition referee, defect 4: two cells had been
 * re-planned from the last edition's result for those cells alone, one to a size its cap could not reach).
 *
 * Two-stage sample-size re-estimation: every cell first draws its pilot (the margin's or the zone's own plan). From
 * the pilot's distance to the boundary it must clear and its variance (p(1 − p) at the point of each rate's 95 %
 * interval nearest ½; ½ itself where the pilot has no run to bound it), the cell plans the effective runs that decide
 * that distance with power {@link REPLAN_POWER} at α = 0.05, at least the pilot and at most {@link MAX_PILOTS} pilots;
 * it then draws exactly the planned runs, so the plan is always reached. A cell whose plan asked for more than the
 * maximum says so. The plan reads the pilot's effect, not only its variance, so the final test is not exactly at its
 * nominal level: the claims state the consequence (essay-finality).
 */
import { scoreInterval } from "./binomial";
import { normalQuantile } from "./tests";
import { EmtdError } from "../errors";

/** The power each cell is re-planned for at its pilot's distance. */
export const REPLAN_POWER = 0.9;

/**
 * The most runs a cell draws, in pilots: four, the finality claim's old batch cap. Chosen for cost: the cells that sit
 * about 0.01 from their margin would need some 30 000 runs at risk (about a hundred pilots) to decide, which no
 * replicate can afford; four pilots keeps e-finality-diffuses within about twice its former cost (62 → 72 s a
 * replicate measured back to back at seed 0, 83 → 173 s on a busier machine) and e-double-spend at its own.
 */
export const MAX_PILOTS = 4;

/**
 * p(1 − p) at the point of the 95 % score interval of a rate `p` seen over `effective` runs (runs / design effect)
 * nearest ½: ¼ where no run bounds it.
 */
export function boundedVariance(p: number, effective: number): number {
  if (!(effective > 0)) return 0.25;
  const w = scoreInterval(p, effective);
  const nearest = Math.min(Math.max(0.5, w.lower), w.upper);
  return nearest * (1 - nearest);
}

/**
 * Effective runs for an estimate `distance` from its boundary to be decided with `power` at α = 0.05 (two-sided), at
 * `variance` per effective run: (z₀.₉₇₅ + z_power)²·variance/distance²; infinite at distance 0.
 */
export function runsForDistance(variance: number, distance: number, power = REPLAN_POWER): number {
  const z = normalQuantile(0.975) + normalQuantile(power);
  return distance > 0 ? (z * z * variance) / (distance * distance) : Infinity;
}

/**
 * The distance a difference `d` sits from the nearest outcome of a one-sided margin test `rates(…, "greater", m)`:
 * above +m it must clear +m (holds), in [0, m) the interval must fit inside ±m (fails, the near edge +m); below 0 it
 * fails either inside ±m or as a significant fall the other way, whichever is farther.
 */
export function marginDistance(d: number, margin: number): number {
  return d >= 0 ? Math.abs(d - margin) : Math.max(-d, margin + d);
}

/** A cell's plan: the runs it needed at its pilot's distance, the runs it draws, and whether the maximum cut it. */
export interface TwoStagePlan {
  /** The runs the pilot's distance and variance asked for (before the bounds; Infinity at distance 0). */
  needed: number;
  /** The runs drawn: `needed` bounded to [pilot, MAX_PILOTS × pilot], in whole blocks. */
  runs: number;
  /** Whether the maximum cut the plan (the cell is short of it and says so). */
  capped: boolean;
}

/** The runs `needed` bounded below by the pilot and above by {@link MAX_PILOTS} pilots, rounded up to whole `block`s. */
export function twoStageRuns(needed: number, pilot: number, block: number): TwoStagePlan {
  // A plan that is not a number is a bug upstream (a rate outside [0, 1]), never a plan to cap.
  if (Number.isNaN(needed)) throw new EmtdError("emtd/stats/two-stage: the planned runs are not a number");
  const most = MAX_PILOTS * pilot;
  const whole = Number.isFinite(needed) ? Math.ceil(needed / block) * block : Infinity;
  return { needed, runs: Math.min(Math.max(whole, pilot), most), capped: whole > most };
}

/**
 * Blocks drawn `batch` runs at a time (the last batch the remainder), batches numbered from `first`, until `total`
 * runs are drawn or `more` says the latest batch added nothing the test can read: `draw(b, runs)` draws batch b.
 */
export function drawInBatches<T>(
  total: number,
  batch: number,
  first: number,
  draw: (b: number, runs: number) => T[],
  more: (latest: T[]) => boolean = () => true,
): T[] {
  const blocks: T[] = [];
  for (let b = first, drawn = 0; drawn < total; b++) {
    const runs = Math.min(batch, total - drawn);
    const latest = draw(b, runs);
    blocks.push(...latest);
    drawn += runs;
    if (!more(latest)) break;
  }
  return blocks;
}

/**
 * The rule and its consequence in words, for the decisions of the claims that use it. The error rates are from
 * scripts/two-stage-error-rate.py (binomial draws of each rule at a true value on its boundary, 200 000 cells for
 * finality at the headline cell's shares, 400 000 for the split rate; Wilson and Newcombe intervals as decided).
 */
export const TWO_STAGE_WHY =
  `Every cell is planned by one rule, two-stage sample-size re-estimation (twelfth-edition referee: ` +
  `two cells had been re-planned from the last edition's result for them alone): its first ` +
  `batch is its pilot, the margin's own plan; from the pilot's distance to the boundary it must clear ` +
  `and its variance (each rate's p(1 − p) at the point of its 95 % interval nearest ½, ½ itself ` +
  `where the pilot cannot bound it), the cell plans the effective runs that decide that distance ` +
  `with power ${REPLAN_POWER} at α = 0.05, at least its pilot and at most ${MAX_PILOTS} pilots, ` +
  `and draws exactly those, so every plan is reached; a cell whose plan the maximum cut says so. ` +
  (`The maximum is set by cost: a cell about 0.01 from its boundary would ` +
    `need about a hundred pilots, and ${MAX_PILOTS} (the previous edition's ` +
    `batch cap) keep e-finality-diffuses within about twice its former cost. `) +
  (`The plan reads the pilot's estimate, not only its variance, so the pooled test is not exactly at ` +
    `its level: with the truth on the boundary, simulation of the rule gives a false hold in 3.0 % and a ` +
    `false fail in 2.9 % of finality cells (2.6 % and 2.4 % for a fixed design of the same mean runs), and ` +
    `a false hold in 2.8 % and a false fail in 2.9 % of split-rate cells (2.5 % and 2.6 % fixed): about ` +
    `half a point more on each side. Power ${REPLAN_POWER} is at the pilot's distance, not the true one.`);

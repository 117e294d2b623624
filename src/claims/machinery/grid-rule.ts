/**
 * VERDICTS.md §3's rule on a grid's counted cells (untestable and built-in ones already set aside), by their verdicts
 * alone: ≥ 90 % agreeing decide; mixed needs a side that holds; inconclusive cells make the grid inconclusive there,
 * never mixed. Shared by the reading (./combine gridReading) and the verdict-only form (./grid gridVerdict).
 */
import { verdictOf } from "./findings";
import type { Verdict } from "./types";

// The verdicts by their findings, through findings.ts's table (src/claims types no verdict of its own: a test scans it).
const [HOLDS, FAILS, MIXED] = [verdictOf("supported"), verdictOf("refuted"), verdictOf("mixed")];

/** The share of a grid's cells that must agree for the grid to take their verdict (VERDICTS.md §3). */
export const GRID_AGREEMENT = 0.9;

type Counts = Readonly<Record<Verdict, number>>;

const NONE: Counts = { holds: 0, fails: 0, mixed: 0, inconclusive: 0, untestable: 0 };

/** The verdict of decided cells' counts: the modal one at ≥ 90 %; else fails with no hold beside mixed, mixed on a split. */
export function decidedGridVerdict(counts: Counts): Verdict {
  const n = counts.holds + counts.fails + counts.mixed;
  const modal = [HOLDS, FAILS, MIXED].reduce((a, v) => (counts[v] > counts[a] ? v : a));
  if (counts[modal] / n >= GRID_AGREEMENT) return modal;
  if (counts.holds === 0 && counts.mixed > 0 && counts.fails > 0) return FAILS;
  return MIXED;
}

/**
 * The verdicts a grid could take once its inconclusive cells decide, each holding or failing (VERDICTS.md §3: they make
 * it inconclusive there, never mixed); [] where none is undecided or all are. A cell that came out mixed adds no other
 * verdict: the holds share it gives is its failing resolution's, the fails share its holding one's. Counted by how many
 * fall each way, so a grid of many cells stays cheap.
 */
export function verdictsOpen(verdicts: readonly Verdict[]): Verdict[] {
  const counts = { ...NONE };
  for (const v of verdicts) counts[v] += 1;
  const open = counts.inconclusive;
  if (open === 0 || open === verdicts.length) return [];
  const words = new Set<Verdict>();
  for (let h = 0; h <= open; h++)
    words.add(decidedGridVerdict({ ...counts, holds: counts.holds + h, fails: counts.fails + open - h, inconclusive: 0 }));
  return [HOLDS, MIXED, FAILS].filter((v) => words.has(v));
}

/**
 * The verdict of the cells one derivation gives, counted as one (./findings markDerived): the derivation's prediction
 * fails where any of its cells fails, is undecided where one is, and holds where every one holds.
 */
export function derivedVerdict(verdicts: readonly Verdict[]): Verdict {
  const has = (v: Verdict) => verdicts.includes(v);
  if (has(FAILS)) return FAILS;
  if (has(verdictOf("inconclusive"))) return verdictOf("inconclusive");
  if (has(MIXED)) return MIXED;
  return verdicts.every((v) => v === HOLDS) ? HOLDS : MIXED;
}

/**
 * A grid's counted cells with those one derivation gives replaced by one entry (`merge` of the group, at the first
 * one's place): an axis that cannot change a derived outcome does not multiply it into the 90 % (VERDICTS.md §3: the
 * cells are the open choices, and one derivation is one outcome of them). Cells without a derivation are kept as they are.
 */
export function oncePerDerivation<T>(
  cells: readonly T[],
  derivationOf: (c: T) => string | undefined,
  merge: (derivation: string, group: T[]) => T,
): T[] {
  const groups = new Map<string, T[]>();
  for (const c of cells) {
    const d = derivationOf(c);
    if (d !== undefined) groups.set(d, [...(groups.get(d) ?? []), c]);
  }
  const out: T[] = [];
  for (const c of cells) {
    const d = derivationOf(c);
    if (d === undefined) out.push(c);
    else if (groups.get(d)![0] === c) out.push(merge(d, groups.get(d)!));
  }
  return out;
}

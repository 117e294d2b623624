/**
 * Rules that combine readings (VERDICTS.md §2–§3): a universal claim over its cases, a conjunction of parts, and a
 * grid of cells, each Holm-corrected where it tests several things, carrying the least resolved part's MDE where it
 * is undecided. Every reading is made by ./findings, as every rule's of ./decide.
 */
import { minimumDetectableEffect } from "../../stats/tests";
import { holm } from "../../stats/inference";
import { num } from "../../format";
import { FINDING_KINDS, type Evidence, type Finding, type FindingKind, type FindingPart, type Reading, type Verdict } from "./types";
import { runsText } from "./runs-to-decide";
import { GRID_AGREEMENT, derivedVerdict, oncePerDerivation, verdictsOpen } from "./grid-rule";
import { FactPartError, inconclusive, isBuilt, isFact, markDecided, reading, verdictOf } from "./findings";

/** One named part of a claim with the rule's reading of it. */
export interface Case {
  statement: string;
  reading: Reading;
}

/**
 * Holm across a claim's cases: a supported or refuted case whose test p-value is not rejected at the Holm-adjusted
 * level becomes inconclusive (keeping its MDE and margin where the rule gave them, else the interval's width).
 */
function holmAdjusted(cases: readonly Case[]): Case[] {
  const tested = cases
    .map((c, i) => ({ c, i }))
    .filter(({ c }) => c.reading.finding.p !== undefined && c.reading.finding.kind !== "inconclusive");
  if (tested.length < 2) return [...cases];
  const rejected = holm(tested.map(({ c }) => c.reading.finding.p!));
  const out = [...cases];
  tested.forEach(({ c, i }, j) => {
    if (rejected[j]) return;
    const f = c.reading.finding;
    const e = c.reading.evidence.find((x) => x.uncertainty !== undefined);
    const mde = f.mde ?? minimumDetectableEffect(e?.uncertainty ?? 0);
    const margin = f.margin ?? Math.abs(e?.value ?? 0);
    out[i] = {
      statement: c.statement,
      reading: inconclusive(
        `${f.text}; not significant after Holm over ${tested.length} cases (p = ${num(f.p!)})`,
        c.reading.evidence,
        mde,
        margin,
      ),
    };
  });
  return out;
}

/**
 * Throws a {@link FactPartError} when a part is a `fact()` reading: a part of a conjunction or a list of cases is a
 * measured finding decided on its interval by a rule (VERDICTS.md §2), never a boolean typed by the claim.
 */
function refuseFacts(cases: readonly Case[], text: string): void {
  const typed = cases.filter((c) => isFact(c.reading)).map((c) => `"${c.statement}"`);
  if (typed.length > 0)
    throw new FactPartError(
      `emtd/claims/decide: "${text}": the part${typed.length > 1 ? "s" : ""} ${typed.join(", ")} ` +
        `${typed.length > 1 ? "are" : "is"} a fact() reading; a part must be a measured finding decided by a rule ` +
        `(beyond, rateBeyond, difference, rates, …), never a parameter's value or an identity of algebra`,
    );
}

// A one-way part or cell (one arm alone rules the other outcome out) counts as the text states it, marked as such in the record.
function parts(cases: readonly Case[]): FindingPart[] {
  return cases.map((c) => {
    const { oneWay, byConstruction } = c.reading.finding;
    return {
      statement: c.statement,
      verdict: c.reading.verdict,
      ...(oneWay === undefined ? {} : { oneWay }),
      ...(isBuilt(c.reading) ? { byConstruction } : {}),
    };
  });
}

/** The mark a one-way part's finding text carries in a combined finding; {@link ONE_WAY_MARK} finds it again. */
export function oneWayMark(reason: string): string {
  return ` [one way only: ${reason}]`;
}

/** Every {@link oneWayMark} in a text. */
export const ONE_WAY_MARK = / \[one way only: [^\]]*\]/g;

function joined(text: string, cases: readonly Case[]): string {
  const part = (c: Case) => {
    const { oneWay, byConstruction } = c.reading.finding;
    const built = isBuilt(c.reading) ? ` [by construction, evidence only: ${byConstruction}]` : "";
    return `${c.statement}: ${c.reading.finding.text}${oneWay === undefined ? "" : oneWayMark(oneWay)}${built}`;
  };
  return `${text}: ${cases.map(part).join("; ")}`;
}

function worstInconclusive(cases: readonly Case[]): Finding {
  const inc = cases.map((c) => c.reading.finding).filter((f) => f.kind === "inconclusive");
  // A threshold test has no margin (0): its MDE is weighed against the distance it had to resolve.
  const against = (f: Finding) => (f.distance ?? f.margin) || 1;
  return inc.reduce((a, b) => ((b.mde ?? 0) / against(b) > (a.mde ?? 0) / against(a) ? b : a));
}

/**
 * The inconclusive reading of a list of cases or cells from its least resolved one: that case's MDE and margin, and
 * the runs that would decide it (`runsToDecide`, `runsAtObserved`) where its rule planned them, said in the text too
 * (VERDICTS.md §2: inconclusive carries how many runs would decide).
 */
function carriedInconclusive(text: string, evidence: Evidence[], worst: Finding): Reading {
  const { mde, margin, runsToDecide, runsAtObserved, totalRunsToDecide, totalRunsAtObserved, runsUnit, threshold, distance } = worst;
  const said = runsText(worst);
  const f: Finding = {
    kind: "inconclusive",
    text: said !== "" && !text.includes(said) ? `${text} (least resolved: ${said})` : text,
    mde,
    margin,
  };
  // A threshold test's observed distance travels as such, not as a margin fixed in advance (fifth-edition referee).
  if (threshold !== undefined && distance !== undefined) Object.assign(f, { threshold, distance });
  if (runsToDecide !== undefined) f.runsToDecide = runsToDecide;
  if (runsAtObserved !== undefined) f.runsAtObserved = runsAtObserved;
  if (totalRunsToDecide !== undefined) f.totalRunsToDecide = totalRunsToDecide;
  if (totalRunsAtObserved !== undefined) f.totalRunsAtObserved = totalRunsAtObserved;
  if (runsUnit !== undefined) f.runsUnit = runsUnit;
  return reading(f, evidence);
}

/**
 * A universal claim ("at every rate", "for N = 10 or 10⁹") over its cases, Holm-corrected and read over its counted
 * cases (a case by construction is evidence on either side, as in {@link conjunction}): refuted when any case is
 * refuted (VERDICTS.md §2: one refuted case fails it), supported when every case is, undecidable when every case is,
 * inconclusive otherwise (the least resolved case's MDE and margin). Itself by construction where every case is.
 */
export function everyCase(cases: readonly Case[], text: string): Reading {
  return setAsideBuilt(cases, text, (counted, whole, ps, evidence) => {
    const kinds = counted.map((c) => c.reading.finding.kind);
    if (kinds.includes("refuted")) return reading({ kind: "refuted", text: whole, parts: ps }, evidence);
    if (kinds.every((k) => k === "supported")) return reading({ kind: "supported", text: whole, parts: ps }, evidence);
    if (kinds.every((k) => k === "undecidable")) return reading({ kind: "undecidable", text: whole, parts: ps }, evidence);
    if (kinds.includes("inconclusive")) return carriedInconclusive(whole, evidence, worstInconclusive(counted));
    return reading({ kind: "mixed", text: whole, parts: ps }, evidence);
  });
}

type PartsRule = (counted: readonly Case[], text: string, ps: FindingPart[], evidence: Evidence[]) => Reading;

/**
 * One rule for cases by construction (VERDICTS.md §3, §6): Holm-corrected, the combined text and parts list every
 * case with its marks, and `rule` reads the counted ones; where every case is by construction it reads them all and
 * the result is itself by construction, with their reasons.
 */
function setAsideBuilt(cases: readonly Case[], text: string, rule: PartsRule): Reading {
  refuseFacts(cases, text);
  const adjusted = holmAdjusted(cases);
  const evidence = adjusted.flatMap((c) => c.reading.evidence);
  const ps = parts(adjusted);
  const whole = joined(text, adjusted);
  const counted = adjusted.filter((c) => !isBuilt(c.reading));
  if (counted.length > 0) return rule(counted, whole, ps, evidence);
  const built = [...new Set(adjusted.map((c) => c.reading.finding.byConstruction!))].join("; ");
  const all = rule(adjusted, whole, ps, evidence);
  return reading({ ...all.finding, byConstruction: built }, all.evidence);
}

/**
 * A conjunction ("A, and B") or a list of cases stated together, Holm-corrected, read over its counted parts (a part
 * marked by construction, ./findings markBuilt, is evidence on either side and listed with its mark: VERDICTS.md §3,
 * §6): mixed when some hold and some fail (each part listed with its verdict); refuted when parts fail and none
 * holds; supported when all hold; inconclusive when none fails and one is undecided; undecidable when every part is.
 * Where every part is by construction the conjunction is read over them all and is itself by construction.
 */
export function conjunction(cases: readonly Case[], text: string): Reading {
  return setAsideBuilt(cases, text, partsReading);
}

/** The verdict of a conjunction over these parts (none of them set aside), its text and parts those of the whole. */
function partsReading(cases: readonly Case[], text: string, ps: FindingPart[], evidence: Evidence[]): Reading {
  const kinds = cases.map((c) => c.reading.finding.kind);
  const has = (k: FindingKind) => kinds.includes(k);
  // Mixed needs a side that holds (VERDICTS.md §3).
  if (has("refuted") && (has("supported") || has("mixed"))) return reading({ kind: "mixed", text, parts: ps }, evidence);
  if (has("refuted")) return reading({ kind: "refuted", text, parts: ps }, evidence);
  if (kinds.every((k) => k === "supported")) return reading({ kind: "supported", text, parts: ps }, evidence);
  if (kinds.every((k) => k === "undecidable")) return reading({ kind: "undecidable", text, parts: ps }, evidence);
  if (has("inconclusive")) return carriedInconclusive(text, evidence, worstInconclusive(cases));
  return reading({ kind: "mixed", text, parts: ps }, evidence);
}

export { GRID_AGREEMENT } from "./grid-rule";

/**
 * What an undecided grid can no longer become (VERDICTS.md §5: a grid of {fails, inconclusive} that can never hold
 * says so): where every decided cell has one verdict and they are more than 1 − {@link GRID_AGREEMENT} of the cells,
 * the other verdict cannot reach its 90 % whatever the inconclusive cells show. "" otherwise.
 */
function oneWayOnly(cells: ReadonlyArray<{ label: string; reading: Reading }>): string {
  const decidedCells = cells.filter((c) => c.reading.verdict === "holds" || c.reading.verdict === "fails");
  const verdicts = new Set(decidedCells.map((c) => c.reading.verdict));
  if (verdicts.size !== 1 || decidedCells.length / cells.length <= 1 - GRID_AGREEMENT) return "";
  const [settled] = verdicts;
  return `; it can never ${settled === "fails" ? "hold" : "fail"}: ${decidedCells.map((c) => c.label).join("; ")} ${settled}`;
}

/**
 * The verdict of a grid from its cells' readings (VERDICTS.md §3): the common verdict when ≥ 90 % of the cells
 * share it. Otherwise the grid depends: mixed, with each cell as a part, when some cells hold and some fail (or a
 * cell is itself mixed): mixed needs a side that holds (VERDICTS.md §3), so a grid of mixed and failing cells with no
 * holding one fails where they fail. A cell by construction (./findings markBuilt), holding or failing, is evidence:
 * set aside and named, like an untestable one; a grid of nothing else is untestable. `decidedBy` (a
 * parameter, or an interaction of two, with holding cells on one side and failing cells on the other;
 * {@link ./grid decidedBy}) named in the text, or {@link NO_DECIDER}; inconclusive where the verdict depends on how its
 * inconclusive cells fall (./grid-rule verdictsOpen: 9 failing cells, 1 holding and 1 undecided are fails or mixed, so
 * inconclusive there, never mixed), or where no cell fails beside a holding one but some are undecided, with the least
 * resolved cell's MDE, margin and runs to decide. Untestable cells never make a grid mixed either (mixed means some parts hold and some fail,
 * VERDICTS.md §2): the grid is read over its testable cells and the text names each untestable cell with its own
 * finding ("holds; untestable in 1 of 3 cells (kernel=neighbour: no run decides …)"); untestable when every cell is.
 * A grid that comes out mixed throws a {@link FactPartError} when a cell is a `fact()` reading: its cells are its
 * parts, and a part is a measured finding. A one-way cell (Finding `oneWay`) decides like any other and says so: the
 * grid's text ends with a {@link oneWayMark} naming each with its reason, and a mixed grid's part carries it
 * (./findings markOneWay: one rule for cells and parts). The counted cells one derivation from the text's rule gives
 * (Finding `derivedFrom`, ./findings markDerived) are one entry of the tally, read by ./grid-rule derivedVerdict, and
 * the text says how many cells were counted as how many entries.
 */
export function gridReading(cells: ReadonlyArray<{ label: string; reading: Reading }>, decidedBy: string | null): Reading {
  const counted = (c: { reading: Reading }) => !isBuilt(c.reading) && c.reading.verdict !== verdictOf("undecidable");
  const entries = oncePerDerivation(cells, (c) => (counted(c) ? c.reading.finding.derivedFrom : undefined), derivedEntry);
  const grouped = readGrid(entries, decidedBy);
  const read =
    entries.length === cells.length
      ? grouped
      : reading(
          { ...grouped.finding, text: `${grouped.finding.text}; ${cells.length} cells counted as ${entries.length}, one per derivation` },
          grouped.evidence,
        );
  const oneWay = cells.filter((c) => c.reading.finding.oneWay !== undefined);
  if (cells.length === 1 || oneWay.length === 0) return read;
  const why = oneWay.map((c) => `${c.label}: ${c.reading.verdict}, ${c.reading.finding.oneWay}`).join("; ");
  return reading(
    { ...read.finding, text: `${read.finding.text}${oneWayMark(`${oneWay.length} of ${cells.length} cells: ${why}`)}` },
    read.evidence,
  );
}

/**
 * The cells one derivation gives as one grid entry (./grid-rule oncePerDerivation): its verdict the derivation's over
 * them (./grid-rule derivedVerdict), its text the group's tally, its evidence every cell's; undecided, the least
 * resolved cell's MDE and runs to decide.
 */
function derivedEntry(derivation: string, group: Array<{ label: string; reading: Reading }>): { label: string; reading: Reading } {
  const verdict = derivedVerdict(group.map((c) => c.reading.verdict));
  const counts = new Map<Verdict, number>();
  for (const c of group) counts.set(c.reading.verdict, (counts.get(c.reading.verdict) ?? 0) + 1);
  const tally = [...counts.entries()].map(([v, n]) => `${n} ${v}`).join(", ");
  const label = `the ${group.length} cells one derivation gives, counted once (${derivation})`;
  const evidence = group.flatMap((c) => c.reading.evidence.map((e) => ({ ...e, name: `${c.label}: ${e.name}` })));
  const text = `${tally}`;
  const asCases = group.map((c) => ({ statement: c.label, reading: c.reading }));
  if (verdict === verdictOf("inconclusive")) return { label, reading: carriedInconclusive(text, evidence, worstInconclusive(asCases)) };
  const kind = FINDING_KINDS.find((f) => verdictOf(f) === verdict)!;
  return { label, reading: reading({ kind, text, ...(kind === "mixed" ? { parts: parts(asCases) } : {}) }, evidence) };
}

/** A mixed grid's text where no parameter and no interaction of two splits it (./grid decidedBy): its cells are listed. */
export const NO_DECIDER = "no parameter and no interaction of two decides it (each cell is a part)";

/** "a and b", "a, b and c". */
const listed = (xs: readonly string[]): string => (xs.length < 2 ? xs.join("") : `${xs.slice(0, -1).join(", ")} and ${xs.at(-1)}`);

/** An undecided grid's reading: its inconclusive cells named, with the least resolved one's MDE and runs to decide. */
function undecidedGrid(what: string, cells: ReadonlyArray<{ label: string; reading: Reading }>, tally: string): Reading {
  const asCases = cells.map((c) => ({ statement: c.label, reading: c.reading }));
  const w = worstInconclusive(asCases);
  const undecided = cells.filter((c) => c.reading.verdict === "inconclusive").map((c) => c.label);
  const against =
    w.distance !== undefined && w.threshold !== undefined
      ? `observed distance ${num(w.distance)} from the threshold ${num(w.threshold)}`
      : `margin ${num(w.margin!)}`;
  const evidence = cells.flatMap((c) => c.reading.evidence.map((e) => ({ ...e, name: `${c.label}: ${e.name}` })));
  return carriedInconclusive(
    `${what} (${tally}): ${undecided.join("; ")}; least resolved MDE ${num(w.mde!)} vs ${against}${oneWayOnly(cells)}`,
    evidence,
    w,
  );
}

function readGrid(cells: ReadonlyArray<{ label: string; reading: Reading }>, decidedBy: string | null): Reading {
  const counts = new Map<Verdict, number>();
  for (const c of cells) counts.set(c.reading.verdict, (counts.get(c.reading.verdict) ?? 0) + 1);
  const [modal, k] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]!;
  const evidence =
    cells.length === 1
      ? cells[0]!.reading.evidence
      : cells.flatMap((c) => c.reading.evidence.map((e) => ({ ...e, name: `${c.label}: ${e.name}` })));
  // A cell by construction (our model decides it, VERDICTS.md §6) is evidence on either side (§3): set aside like an
  // untestable one, named with its verdict and reason; a grid of nothing else cannot decide, so it is untestable.
  const built = cells.filter((c) => isBuilt(c.reading));
  if (built.length > 0) {
    // Said as the one rule reads them: "hold only by construction" where every such cell holds, else each with its verdict.
    const allHold = built.every((c) => c.reading.verdict === "holds");
    const why = built.map((c) => `${c.label}: ${allHold ? "" : `${c.reading.verdict}, `}${c.reading.finding.byConstruction}`).join("; ");
    const where = allHold
      ? `${built.length} of ${cells.length} cells hold only by construction, evidence and not holding cells (${why})`
      : `${built.length} of ${cells.length} cells are by construction, evidence and not counted (${why})`;
    if (built.length === cells.length) return reading({ kind: "undecidable", text: `no cell decides the sentence: ${where}` }, evidence);
    const rest = readGrid(
      cells.filter((c) => !isBuilt(c.reading)),
      decidedBy,
    );
    return reading({ ...rest.finding, text: `${rest.finding.text}; ${where}` }, evidence);
  }
  if (cells.length === 1) {
    const only = cells[0]!.reading;
    const copy: Reading = { verdict: only.verdict, finding: only.finding, evidence: only.evidence };
    markDecided(copy);
    return copy;
  }
  const untestable = cells.filter((c) => c.reading.verdict === verdictOf("undecidable"));
  if (untestable.length > 0 && untestable.length < cells.length) {
    const testable = readGrid(
      cells.filter((c) => c.reading.verdict !== verdictOf("undecidable")),
      decidedBy,
    );
    // Each untestable cell with its own reason (sign-off N4): "no observable decides" is one reason among others (a
    // repair's precondition unmet, a variant the cell cannot apply, an injection erased).
    const why = untestable.map((c) => `${c.label}: ${c.reading.finding.text}`).join("; ");
    const where = `untestable in ${untestable.length} of ${cells.length} cells (${why})`;
    return reading({ ...testable.finding, text: `${testable.finding.text}; ${where}` }, evidence);
  }
  const tally = [...counts.entries()].map(([v, n]) => `${n} ${v}`).join(", ");
  const asCases = cells.map((c) => ({ statement: c.label, reading: c.reading }));
  if (k / cells.length >= GRID_AGREEMENT) {
    const kind = FINDING_KINDS.find((f) => verdictOf(f) === modal)!;
    const text = `${k} of ${cells.length} cells ${modal} (${tally})`;
    if (kind === "inconclusive") return carriedInconclusive(text, evidence, worstInconclusive(asCases));
    // Mixed in (nearly) every cell: the parts are the claim's own (the headline cell's conjunction), not the cells.
    if (kind === "mixed") {
      const head = cells.find((c) => c.reading.verdict === modal)!.reading.finding;
      return reading(
        {
          kind,
          text: `${text}; ${head.text}`,
          parts: head.parts ?? parts(asCases),
        },
        evidence,
      );
    }
    return reading({ kind, text }, evidence);
  }
  const has = (v: Verdict) => counts.has(v);
  // Untestable and built-in cells were set aside above. Mixed needs a side that holds (VERDICTS.md §3): a grid of
  // mixed and failing cells with no holding one (a mixed cell is not one) fails where its failing cells refute the
  // sentence; failing and inconclusive cells alone stay inconclusive there (§5: it can never hold, and says so).
  const noHold = !has("holds") && has("mixed") && has("fails");
  const split = has("holds") && (has("fails") || has("mixed"));
  if (!noHold && !split) return undecidedGrid("the grid is undecided where cells are inconclusive", cells, tally);
  // Inconclusive cells make the grid inconclusive there, never mixed (§3): where the verdict below depends on how they
  // fall, it is undecided between the verdicts they could give (a 90 % above stands however they fall).
  const open = verdictsOpen(cells.map((c) => c.reading.verdict));
  if (open.length > 1) return undecidedGrid(`the grid lies between ${listed(open)} as its inconclusive cells fall`, cells, tally);
  if (noHold) {
    const failing = cells.filter((c) => c.reading.verdict === "fails").map((c) => c.label);
    return reading(
      {
        kind: "refuted",
        text: `no cell holds (${tally}; a mixed cell is not a holding one): the grid fails where ${failing.join("; ")} fail`,
      },
      evidence,
    );
  }
  // A grid that comes out mixed lists its cells as parts: the same rule as a conjunction's parts (no fact() cell).
  refuseFacts(asCases, `the grid (${tally})`);
  return reading(
    {
      kind: "mixed",
      text: `the grid decides: ${tally}, ${decidedBy ? `decided by ${decidedBy}` : NO_DECIDER}`,
      parts: parts(asCases),
    },
    evidence,
  );
}

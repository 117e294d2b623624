/**
 * The JSON record of a measured claim (the contract of `emtd verdicts --json`, issue 34): its cells, its grid, its
 * repairs and its reference, as the record shows them (split from ./registry).
 */
import {
  VERDICTS,
  type Cell,
  type Claim,
  type Evidence,
  type Finding,
  type FindingPart,
  type Grid,
  type Stability,
  type Measurement,
  type Part,
  type SizeTrend,
  type Verdict,
} from "./types";
import { PROPOSAL } from "./mechanism";
import { referenceOf, type ClaimReference } from "./references";
import { ruleTally } from "./grid";
import { isBuilt, verdictOf } from "./decide";
import { theoremNotesOf, REPAIRS, repairSource } from "./repairs";
import { repairMechanism, type GridMeasurement, type MeasuredClaim } from "./measure";

/** One cell as the record shows it. */
export interface CellRecord {
  at: Cell;
  verdict: Verdict;
  finding: string;
  /** The cell's own parts with their verdicts, where its rule reads several (a conjunction, a list of cases). */
  parts?: FindingPart[];
  headline: string;
  /** Size claims: this cell's own trend over N (every cell of a size claim carries one; VERDICTS.md §4). */
  sizes?: SizeTrend;
  /** Under a user's variant: the proposal's measurement, kept because the cell reads no replaced part (why). */
  kept?: string;
  /** Under a user's variant: why the cell is not comparable (untestable; the proposal's side is read without it). */
  notComparable?: string;
  /**
   * The cell's verdict over the replicates of a stability run (./stability withStability); the key cell's `modalDraw`
   * where replicate 0's cell or claim label is not the modal one: the first replicate where both are, and its headline.
   */
  stability?: Stability & { modalDraw?: { replicate: number; headline: string } };
  /** Why the cell can come out one way only (Finding `oneWay`): it decides, and says so (./findings markOneWay). */
  oneWay?: string;
  sequential?: Measurement["sequential"]; // decided look by look: the look it stopped at, the runs it used
  byConstruction?: string; // why our model decides it: evidence on either side, not counted (./findings markBuilt)
  derivedFrom?: string; // the derivation from the text's rule that gives it: its cells count once (./findings markDerived)
}

/** A grid measured, as the record shows it: every cell, the verdicts' counts and agreement, and what decides it. */
export interface GridRecord {
  cells: CellRecord[];
  counts: Record<Verdict, number>;
  /** The share of cells carrying the modal verdict (every cell counted, the untestable ones too). */
  agreement: number;
  /** The cells that are not untestable: those the grid's verdict is read over (VERDICTS.md §2; sign-off N5). */
  testable: number;
  /** The share of the testable cells carrying their modal verdict; absent with none. */
  testableAgreement?: number;
  /**
   * The entries VERDICTS.md §3's 90 % rule reads: the testable cells less those by construction, the cells one
   * derivation gives counted as one (./grid ruleTally). Absent from records written before it was kept.
   */
  ruleEntries?: number;
  /** The share of those entries carrying their modal verdict, the share the 90 % rule reads; absent with none. */
  ruleAgreement?: number;
  /** The parameter that decides a mixed grid, on a clean split (./grid decidedBy). */
  decidedBy?: string;
  /** `decidedBy` in words (./grid decidedByInWords): a nested parameter with what the cells outside it do. */
  decidedByInWords?: string;
}

/**
 * A repair as the record shows it: its name, the variant, why, its grid verdict and headline cell's evidence, and,
 * like the claim itself, its grid's finding (a mixed one with its parts) and every cell of the grid (the claim's own
 * parameters, measured under the repair).
 */
export interface RepairRecord {
  name: string;
  variant: string;
  why: string;
  /** The repair's parameters with their source (./repairs REPAIR_SOURCES). */
  source: string;
  verdict: Verdict;
  headline: string;
  evidence: Evidence[];
  /** The repair's grid finding: a mixed one with its parts. */
  finding: Finding;
  /** The repair's cells (the claim's `grid.parameters`), with their counts and the parameter that decides them. */
  grid: GridRecord;
  /** What the repair's verdict was compared with under the repair's mechanism (./references). */
  reference: ClaimReference;
  /** RepairSpec `outsideTheorem`. */
  outsideTheorem?: string;
  /** RepairSpec `shortOfTheorem`. */
  shortOfTheorem?: string;
  /** RepairSpec `byTheorem`. */
  byTheorem?: string;
}

/** The JSON record of one measured claim (the contract of `emtd verdicts --json`, issue 34, less `stability`). */
export interface VerdictRecord {
  id: string;
  source: Claim["source"];
  section: string;
  quote: string;
  short: string;
  /** The grid's verdict under the text's own mechanism. */
  verdict: Verdict;
  /** The headline cell's key number. */
  headline: string;
  reason: string;
  notebook: string;
  model: string;
  /** The one faithful reading, with the headline cell's evidence. */
  reading: { statement: string; mechanism: "proposal" | "essay"; evidence: Evidence[] };
  /** The grid's finding (the one cell's where the grid is empty). */
  finding: Finding;
  decision: Claim["decision"];
  grid: { parameters: Grid } & GridRecord;
  sizes?: SizeTrend;
  repairs: RepairRecord[];
  byConstruction: string | null;
  review?: string;
  /** The runs it decides on where other claims decide on them too (Claim `experiment`). */
  experiment?: string;
  /** The works its closed-form cells are typed from, where no run is measured (Claim `citedBound`). */
  citedBound?: string;
  uses: readonly Part[];
  /** What the verdict was compared with under the mechanism measured (./references; not-comparable under a variant that invalidates it). */
  reference: ClaimReference;
}

function countsOf(verdicts: readonly Verdict[]): Record<Verdict, number> {
  const counts = Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Verdict, number>;
  for (const v of verdicts) counts[v]++;
  return counts;
}

/**
 * A measured grid as the record shows it: each cell's verdict, finding (with its parts, where it has them) and
 * headline, the verdicts' counts, the modal share, and the deciding parameter of a mixed grid.
 *
 * @example
 * ```ts
 * const [m] = await measureClaims(["p1.2-entropic-penalty"], { cache: true });
 * gridRecord(m.repairs[0].measured).cells.map((c) => c.verdict); // → ["holds", "holds"] (λΣS_i, in every cell)
 * ```
 */
export function gridRecord(g: GridMeasurement): GridRecord {
  const verdicts = g.cells.map((c) => c.measurement.result.verdict);
  const counts = countsOf(verdicts);
  const UNTESTABLE = verdictOf("undecidable");
  const testable = verdicts.length - counts[UNTESTABLE];
  const testableModal = Math.max(...VERDICTS.filter((v) => v !== UNTESTABLE).map((v) => counts[v]));
  return {
    cells: g.cells.map((c) => {
      const { finding } = c.measurement.result;
      return {
        at: c.cell,
        verdict: c.measurement.result.verdict,
        finding: finding.text,
        ...(finding.parts
          ? {
              parts: finding.parts.map((p) => ({
                statement: p.statement,
                verdict: p.verdict,
                ...(p.oneWay === undefined ? {} : { oneWay: p.oneWay }),
                ...(p.byConstruction === undefined ? {} : { byConstruction: p.byConstruction }),
              })),
            }
          : {}),
        headline: c.measurement.headline,
        ...(c.measurement.kept !== undefined ? { kept: c.measurement.kept } : {}),
        ...(c.measurement.notComparable !== undefined ? { notComparable: c.measurement.notComparable } : {}),
        ...(c.measurement.sizes ? { sizes: c.measurement.sizes } : {}),
        ...(finding.oneWay !== undefined ? { oneWay: finding.oneWay } : {}),
        ...(c.measurement.sequential ? { sequential: c.measurement.sequential } : {}),
        ...(isBuilt(c.measurement.result) ? { byConstruction: finding.byConstruction } : {}),
        ...(finding.derivedFrom !== undefined ? { derivedFrom: finding.derivedFrom } : {}),
      };
    }),
    counts,
    agreement: Math.max(...Object.values(counts)) / verdicts.length,
    testable,
    ...(testable > 0 ? { testableAgreement: testableModal / testable } : {}),
    ...ruleShare(g),
    ...(g.decidedBy ? { decidedBy: g.decidedBy } : {}),
    ...(g.decidedByInWords ? { decidedByInWords: g.decidedByInWords } : {}),
  };
}

/**
 * The entries VERDICTS.md §3's rule reads (./grid ruleTally: built-in cells set aside, one entry per derivation) and
 * their modal share, beside `testableAgreement`, which keeps its definition (the modal share of the testable cells).
 */
function ruleShare(g: GridMeasurement): { ruleEntries: number; ruleAgreement?: number } {
  const entries = ruleTally(
    g.cells.map((c) => {
      const { finding } = c.measurement.result;
      return { verdict: c.measurement.result.verdict, byConstruction: finding.byConstruction, derivedFrom: finding.derivedFrom };
    }),
  );
  if (entries.length === 0) return { ruleEntries: 0 };
  const counts = countsOf(entries);
  return { ruleEntries: entries.length, ruleAgreement: Math.max(...Object.values(counts)) / entries.length };
}

/**
 * The headline cell (the key number's): the first that decides the grid, i.e. can come out both ways, is not by
 * construction and is testable, one no derivation gives where there is one; failing that, the first testable one
 * (fifteenth-edition referee: an untestable cell's text stood as the key number of a failing claim).
 */
function headCell(g: GridMeasurement): Measurement {
  const testable = g.cells.filter((c) => c.measurement.result.verdict !== verdictOf("undecidable"));
  const deciding = testable.filter((c) => c.measurement.result.finding.oneWay === undefined && !isBuilt(c.measurement.result));
  // A cell whose outcome a derivation gives answers the derivation, not the measured question (twenty-seventh edition).
  const open = deciding.filter((c) => c.measurement.result.finding.derivedFrom === undefined);
  return (open[0] ?? deciding[0] ?? testable[0] ?? g.cells[0]!).measurement;
}

/**
 * The JSON record of one measured claim, as `emtd verdicts --json` prints it (no timing: deterministic).
 *
 * @example
 * ```ts
 * const [m] = await measureClaims(["p1.2-entropic-penalty"], { cache: true });
 * const record = verdictRecord(m);
 * console.log(record.id, record.verdict); // → p1.2-entropic-penalty fails
 * ```
 */
export function verdictRecord(m: MeasuredClaim): VerdictRecord {
  const { claim, proposal } = m;
  const head = headCell(proposal);
  return {
    id: claim.id,
    source: claim.source,
    section: claim.section,
    quote: claim.quote,
    short: claim.short,
    verdict: proposal.result.verdict,
    headline: head.headline,
    reason: head.reason,
    notebook: claim.notebook,
    model: claim.model,
    reading: { statement: claim.reading.statement, mechanism: claim.reading.mechanism, evidence: head.result.evidence },
    finding: proposal.result.finding,
    decision: claim.decision,
    grid: { parameters: claim.grid, ...gridRecord(proposal) },
    ...(head.sizes ? { sizes: head.sizes } : {}),
    repairs: m.repairs.map((r) => ({
      name: r.variant,
      variant: REPAIRS[r.variant]!.name,
      why: r.why,
      source: repairSource(r.variant),
      verdict: r.measured.result.verdict,
      headline: headCell(r.measured).headline,
      evidence: headCell(r.measured).result.evidence,
      finding: r.measured.result.finding,
      grid: gridRecord(r.measured),
      reference: referenceOf(claim, repairMechanism(r.variant)),
      ...theoremNotesOf(claim, r.variant),
    })),
    byConstruction: claim.byConstruction,
    ...(claim.review ? { review: claim.review } : {}),
    ...(claim.experiment ? { experiment: claim.experiment } : {}),
    ...(claim.citedBound ? { citedBound: claim.citedBound } : {}),
    uses: claim.uses,
    reference: referenceOf(claim, m.mechanism ?? PROPOSAL),
  };
}

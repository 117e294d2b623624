/**
 * The registry of every claim of the proposal and the essay: one list, checked once (unique ids, well-formed
 * fields), measured on demand. Notebooks, `emtd verdicts`, the README table and the tests all read verdicts from
 * here, so there is one source of truth and no verdict is ever typed as text.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { packageRoot } from "../../package";
import { ArgumentError, EmtdError, check } from "../../errors";
import { streamKey } from "./streams";
import {
  FINDING_KINDS,
  VERDICTS,
  type Cell,
  type Claim,
  type Evidence,
  type Finding,
  type FindingPart,
  type Grid,
  type Stability,
  type MeasureContext,
  type Measurement,
  type Mechanism,
  type Part,
  type Reading,
  type SizeTrend,
  type Verdict,
} from "./types";
import { PROPOSAL, mechanismOf } from "./mechanism";
import { diskCache, readOrMeasure, type CachedMeasurement, type MeasurementAudit } from "./measure-cache";
import { cellSlot } from "./cell-cache";
import { cellReferenceOf, keptCellOf, referenceOf, type ClaimReference } from "../references";
import { PackingError } from "./flow-packing";
import { claimTasks, committedCosts } from "./claim-tasks";
import { FactPartError, gridReading, isBuiltHold, undecidable, verdictOf } from "./decide";
import { cellLabel, cellsOf, decidedBy, decidedByInWords, gridUnder } from "./grid";
import { theoremNotesOf, REPAIRS, repairSource } from "./repairs";
import { checkCellSizes } from "./sizes";
import { checkLandscape, checkMeasurement } from "./measurement-checks";
import { watchDesigned } from "../../spin/designed";
import { claims as section1 } from "../section1";
import { claims as section2 } from "../section2";
import { claims as section3 } from "../section3";
import { claims as section41 } from "../section4-1";
import { claims as section4rest } from "../section4-rest";
import { claims as essay, sharedRuns } from "../essay";

const WHERE = "emtd/claims/registry";

/** The finding kind of a grid that some parameter decides, from the one list. */
const [, , MIXED] = FINDING_KINDS;

/** Every registered claim, in document order (proposal §1 … §4, then the essay). */
export const CLAIMS: readonly Claim[] = Object.freeze(
  uniqueIds([...section1, ...section2, ...section3, ...section41, ...section4rest, ...essay]),
);

/** Claims that share a run (a memo per replicate and cell): spread over processes, each list stays in one. */
export const SHARED_RUNS: ReadonlyArray<readonly string[]> = sharedRuns;

/**
 * The seeds, cell and mechanism of one measurement of claim `id` (the proposal's mechanism unless a variant's is
 * given): stream `name` is `key(fnv(id/name))` at seed 0, replicate 0, otherwise folded with the seed and the
 * replicate, so `--seed` and each replicate change every stream of every claim (the random graph included).
 *
 * @example
 * ```ts
 * const a = measureContext("p1.1-state-tensor", 0, 0).key("graph");
 * const b = measureContext("p1.1-state-tensor", 0, 1).key("graph"); // another graph in replicate 1
 * ```
 */
export function measureContext(
  id: string,
  seed: number,
  replicate: number,
  mechanism: Mechanism = PROPOSAL,
  cell: Cell = {},
): MeasureContext {
  check.integer(WHERE, "seed", seed, 0, 0xffffffff);
  check.integer(WHERE, "replicate", replicate, 0, 0xffffffff);
  return {
    seed,
    replicate,
    mechanism,
    cell,
    key: (name: string) => streamKey(id, name, seed, replicate),
  };
}

/** Throws an {@link EmtdError} at import when two claims share an id (e.g. after merging two claim files). */
function uniqueIds(claims: Claim[]): Claim[] {
  const seen = new Set<string>();
  for (const c of claims) {
    if (seen.has(c.id)) throw new EmtdError(`${WHERE}: two claims have the id ${c.id}`);
    seen.add(c.id);
  }
  return claims;
}

/**
 * Problems with a list of claims, one line each (empty when sound): duplicate or malformed ids, empty quotes, an
 * unknown source, and notebooks that do not exist under `root`.
 *
 * @example
 * ```ts
 * registryProblems(CLAIMS); // → [] (notebooks looked up under the package root)
 * registryProblems([CLAIMS[0], CLAIMS[0]]); // → ["duplicate claim id p1.1-state-tensor"]
 * ```
 */
export function registryProblems(claims: readonly Claim[], root: string = packageRoot()): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const c of claims) {
    if (seen.has(c.id)) problems.push(`duplicate claim id ${c.id}`);
    seen.add(c.id);
    const expected = c.source === "proposal" ? /^p\d\.\d-[a-z0-9-]+$/ : /^e-[a-z0-9-]+$/;
    if (c.source !== "proposal" && c.source !== "essay")
      problems.push(`${c.id}: source must be proposal or essay (got ${String(c.source)})`);
    else if (!expected.test(c.id))
      problems.push(`${c.id}: id must look like ${c.source === "proposal" ? "p<section>-<slug>" : "e-<slug>"}`);
    if (c.source === "proposal" && !c.id.startsWith(`p${c.section}-`)) problems.push(`${c.id}: id does not name its section ${c.section}`);
    if (c.quote.trim() === "" || c.short.trim() === "") problems.push(`${c.id}: empty quote or short description`);
    if (!fs.existsSync(path.join(root, c.notebook))) problems.push(`${c.id}: notebook ${c.notebook} does not exist`);
    if (c.reading.statement.trim() === "") problems.push(`${c.id}: empty reading`);
    for (const [name, p] of Object.entries(c.grid)) {
      if (p.values.length === 0) problems.push(`${c.id}: grid parameter ${name} has no values`);
      if (p.why.length !== p.values.length || p.why.some((w) => w.trim() === ""))
        problems.push(`${c.id}: grid parameter ${name} needs one reason per value (${p.values.length} values, ${p.why.length} reasons)`);
    }
    if (c.sizes !== undefined && !(c.sizes.length >= 3 && Math.max(...c.sizes) / Math.min(...c.sizes) >= 1000))
      problems.push(`${c.id}: a size claim is measured over at least three decades of N (got ${c.sizes.join(", ")})`);
    for (const r of c.repairs) {
      const v = REPAIRS[r.variant];
      if (!v) problems.push(`${c.id}: unknown repair ${r.variant}`);
      else if (!(Object.keys(v) as string[]).some((k) => k !== "name" && c.uses.includes(k as Part)))
        problems.push(`${c.id}: the repair ${r.variant} replaces no part the claim uses (${c.uses.join(", ") || "none"})`);
    }
  }
  return problems;
}

/**
 * The claim with this id; throws an {@link ArgumentError} listing the accepted ids otherwise.
 *
 * @example
 * ```ts
 * claimById("p1.2-entropic-penalty").section; // → "1.2"
 * try {
 *   claimById("no-such-claim");
 * } catch (e) {
 *   console.log(e instanceof ArgumentError); // → true
 * }
 * ```
 */
export function claimById(id: string, claims: readonly Claim[] = CLAIMS): Claim {
  const found = claims.find((c) => c.id === id);
  if (!found) throw new ArgumentError(WHERE, "id", `one of ${claims.map((c) => c.id).join(", ")}`, id);
  return found;
}

/** One cell of a claim's grid, measured. */
export interface CellMeasurement {
  cell: Cell;
  measurement: Measurement;
}

/** A claim measured over its whole grid under one mechanism: every cell, and the grid's reading. */
export interface GridMeasurement {
  cells: CellMeasurement[];
  /** The grid's reading (VERDICTS.md §3): the cells' common verdict (≥ 90 %), else mixed. */
  result: Reading;
  /** The parameter that decides a mixed grid, when one separates the cells. */
  decidedBy: string | null;
  /** {@link decidedBy} in words (./grid decidedByInWords: a nested parameter says what the cells outside it do). */
  decidedByInWords: string | null;
}

/** A claim measured: its grid under the proposal, each repair's grid, and the seconds it all took. */
export interface MeasuredClaim {
  claim: Claim;
  proposal: GridMeasurement;
  repairs: Array<{ variant: string; why: string; measured: GridMeasurement }>;
  seconds: number;
  /** The mechanism `proposal` was measured under, where a variant's (absent: the proposal's). */
  mechanism?: Mechanism;
  /** Through the disk cache (./measure-cache): the parts the proposal's cells read, the tensors left behind. */
  audit?: MeasurementAudit;
}

export interface MeasureOptions {
  /** Called before each claim is measured (e.g. a progress line on stderr). */
  onProgress?: (done: number, total: number, claim: Claim) => void;
  /** The claims to choose from. Default {@link CLAIMS}. */
  claims?: readonly Claim[];
  /**
   * Reuse a measurement already made in this process (measurements are deterministic, so this changes no verdict;
   * a notebook that shows a claim next to its figure and again in its summary measures it once), and, when
   * `EMTD_MEASURE_CACHE` names a directory, one made by any process sharing it (./measure-cache: what `npm test`
   * sets, so a test run measures each claim once). Default false.
   */
  cache?: boolean;
  /** The `--seed` offset of every stream (default 0). */
  seed?: number;
  /** The replicate index (default 0). */
  replicate?: number;
  /** The mechanism measured (default the proposal's; a variant's from `mechanismOf(variant)`). */
  mechanism?: Mechanism;
  /** Measure the claims' repairs too (default true for the proposal's mechanism, false under a variant). */
  repairs?: boolean;
}

/** Measurements made in this process, by claim id, seeds and mechanism (only read and written when `cache` is asked for). */
const measured = new Map<string, MeasuredClaim>();

/** Measures every cell of a claim's grid under one mechanism and decides the grid. */
export async function measureGrid(claim: Claim, seed: number, replicate: number, mechanism: Mechanism): Promise<GridMeasurement> {
  const cells: CellMeasurement[] = [];
  // A choice inside a part the variant replaced with its own no longer applies (the re-review's R3: the symmetric
  // kernel crossed with the text's kernel axis measured every cell twice).
  const grid = gridUnder(
    claim.grid,
    mechanism.replaced.filter((part) => mechanism[part] !== PROPOSAL[part]),
  );
  // A user's variant (not the proposal, not a named repair, whose committed numbers stay as they are): issue 51 item 7.
  const user = mechanism.replaced.length > 0 && ![...repairMechanisms.values()].some((r) => r.key === mechanism.key);
  for (const cell of cellsOf(grid)) {
    // A cell that does not read a part the variant replaced would show the proposal's numbers as the variant's
    // (sign-off N1): under a repair it is not measured, and says why (./references CELL_SCOPES); under a user's
    // variant that replaces no part it reads, it keeps the proposal's measurement, marked as kept.
    const apart = cellReferenceOf(claim.id, cell, mechanism);
    const kept = user && apart ? keptCellOf(claim.id, cell, mechanism, claim.uses) : null;
    if (apart && kept === null) {
      const result = undecidable(apart.text, []);
      const notComparable = user ? { notComparable: apart.text } : {};
      cells.push({
        cell,
        measurement: { result, headline: `not comparable under ${mechanism.name}`, reason: apart.text, ...notComparable },
      });
      continue;
    }
    const ctx = measureContext(claim.id, seed, replicate, kept === null ? mechanism : PROPOSAL, cell);
    // A cell measured before under the same source (a kept cell: the proposal's) is read (./cell-cache).
    const slot = cellSlot(mechanism, claim.id, seed, replicate, cell, ctx.mechanism);
    let m: Measurement;
    try {
      const watched = slot?.read ? { value: slot.read, deciding: [], beside: [] } : await watchDesigned(() => claim.measure(ctx));
      m = watched.value;
      checkLandscape(claim.id, cell, watched.deciding, watched.beside, m);
    } catch (e) {
      if (e instanceof FactPartError) throw new EmtdError(`${WHERE}: claim ${claim.id}, cell ${cellLabel(cell)}: ${e.message}`);
      // A flow cell whose packed runs the variant's ℋ couples (./flow-packing): not comparable, with the numbers.
      if (e instanceof PackingError) {
        const headline = `not comparable under ${mechanism.name}: its ℋ couples the packed runs`;
        cells.push({ cell, measurement: { result: undecidable(e.message, []), headline, reason: e.message, notComparable: e.message } });
        continue;
      }
      throw e;
    }
    if (slot && !slot.read) m = slot.write(m);
    checkCellSizes(claim, cell, m);
    cells.push({ cell, measurement: checkMeasurement(claim.id, kept === null ? m : { ...m, kept }) });
  }
  // Every cell decides, a one-way one too (./findings markOneWay); one that holds only by construction is evidence.
  const verdicts = cells.map((c) => ({ cell: c.cell, ...c.measurement.result }));
  const by = decidedBy(Object.keys(grid), verdicts);
  const words = by === null ? null : decidedByInWords(grid, by, verdicts);
  let result: Reading;
  try {
    result = gridReading(
      cells.map((c) => ({ label: cellLabel(c.cell), reading: c.measurement.result })),
      words,
    );
  } catch (e) {
    if (e instanceof FactPartError) throw new EmtdError(`${WHERE}: claim ${claim.id}: ${e.message}`);
    throw e;
  }
  const decides = result.finding.kind === MIXED && cells.length > 1;
  return { cells, result, decidedBy: decides ? by : null, decidedByInWords: decides ? words : null };
}

/**
 * Measures the claims with these ids (all when `ids` is omitted), one after the other, in registry order: every
 * cell of each claim's grid, and under the proposal's mechanism every repair's grid too. Deterministic for one
 * seed and replicate; disposes its tensors; `seconds` is wall-clock time.
 *
 * @example
 * ```ts
 * const [m] = await measureClaims(["p1.2-entropic-penalty"]);
 * m.proposal.result.verdict; // "fails"
 * ```
 */
export async function measureClaims(ids?: readonly string[], options: MeasureOptions = {}): Promise<MeasuredClaim[]> {
  const pool = options.claims ?? CLAIMS;
  const chosen = ids === undefined ? [...pool] : ids.map((id) => claimById(id, pool));
  const seed = options.seed ?? 0,
    replicate = options.replicate ?? 0;
  const mechanism = options.mechanism ?? PROPOSAL;
  const withRepairs = options.repairs ?? mechanism === PROPOSAL;
  const disk = options.cache ? diskCache() : null;
  const out: MeasuredClaim[] = [];
  const waiting: number[] = []; // claims another process is measuring into the disk cache: read after the others
  const get = async (i: number, wait: boolean): Promise<MeasuredClaim | null> => {
    const claim = chosen[i]!;
    const memoKey = `${claim.id}@${seed}/${replicate}/${mechanism.key}/${withRepairs}`;
    const key = { claim: claim.id, seed, replicate, mechanism: mechanism.key, repairs: withRepairs };
    const m =
      (options.cache ? measured.get(memoKey) : undefined) ??
      (disk && onDisk(claim, mechanism)
        ? fromEntry(
            claim,
            await readOrMeasure(disk, key, mechanism === PROPOSAL, wait, (recording) =>
              measureClaim(claim, seed, replicate, mechanism, withRepairs, recording),
            ),
          )
        : await measureClaim(claim, seed, replicate, mechanism, withRepairs));
    if (m && options.cache) measured.set(memoKey, m);
    return m;
  };
  // Processes sharing the disk cache take the heaviest claims first, so none waits at the end for one another took last.
  const index = new Map(chosen.map((c, i) => [c.id, i]));
  const order =
    disk && index.size === chosen.length
      ? claimTasks([...index.keys()], committedCosts(), SHARED_RUNS).flatMap((t) => t.ids.map((id) => index.get(id)!))
      : chosen.map((_, i) => i);
  for (const [done, i] of order.entries()) {
    options.onProgress?.(done, chosen.length, chosen[i]!);
    const m = await get(i, false);
    if (m) out[i] = m;
    else waiting.push(i);
  }
  for (const i of waiting) out[i] = (await get(i, true))!;
  return out;
}

/** A measured claim from a disk cache entry, or null (the claim object is the registry's). */
const fromEntry = (claim: Claim, e: CachedMeasurement | null): MeasuredClaim | null =>
  e && {
    claim,
    proposal: e.proposal as GridMeasurement,
    repairs: e.repairs as MeasuredClaim["repairs"],
    seconds: e.seconds,
    audit: e.audit,
  };

/** One claim measured: its grid under `mechanism` and, when asked, each repair's grid. */
async function measureClaim(
  claim: Claim,
  seed: number,
  replicate: number,
  mechanism: Mechanism,
  withRepairs: boolean,
  recording?: Mechanism,
): Promise<MeasuredClaim> {
  const start = performance.now();
  const proposal = await measureGrid(claim, seed, replicate, recording ?? mechanism);
  const repairs: MeasuredClaim["repairs"] = [];
  if (withRepairs)
    for (const r of claim.repairs) {
      const variant = REPAIRS[r.variant];
      if (!variant)
        throw new EmtdError(`${WHERE}: claim ${claim.id}: unknown repair ${r.variant} (known: ${Object.keys(REPAIRS).join(", ")})`);
      repairs.push({ variant: r.variant, why: r.why, measured: await measureGrid(claim, seed, replicate, repairMechanism(r.variant)) });
    }
  return {
    claim,
    proposal,
    repairs,
    seconds: (performance.now() - start) / 1000,
    ...(mechanism === PROPOSAL ? {} : { mechanism }),
  };
}

/**
 * A measurement the disk cache may hold: a registered claim (not a test's planted one under a registered id) under
 * the proposal's mechanism or a named repair's (a user's variant is keyed by its name, not its code: never cached).
 */
function onDisk(claim: Claim, mechanism: Mechanism): boolean {
  const registered = CLAIMS.find((c) => c.id === claim.id) === claim;
  return registered && (mechanism === PROPOSAL || [...repairMechanisms.values()].includes(mechanism));
}

const repairMechanisms = new Map<string, Mechanism>();

/** The mechanism of a named repair, made once per process (its key keeps memoised experiments apart). */
export function repairMechanism(name: string): Mechanism {
  let m = repairMechanisms.get(name);
  if (!m) {
    m = mechanismOf(REPAIRS[name], WHERE, "repair");
    repairMechanisms.set(name, m);
  }
  return m;
}

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
  /** The cell's verdict over the replicates of a stability run (./stability withStability). */
  stability?: Stability;
  /** Why the cell can come out one way only (Finding `oneWay`): it decides, and says so (./findings markOneWay). */
  oneWay?: string;
  sequential?: Measurement["sequential"]; // decided look by look: the look it stopped at, the runs it used
  byConstruction?: string; // why it holds only by construction: evidence, not a holding cell (./findings markBuilt)
}

/** A grid measured, as the record shows it: every cell, the verdicts' counts and agreement, and what decides it. */
export interface GridRecord {
  cells: CellRecord[];
  counts: Record<Verdict, number>;
  /** The share of cells carrying the modal verdict (every cell counted, the untestable ones too). */
  agreement: number;
  /** The cells that are not untestable: those the grid's verdict is read over (VERDICTS.md §2; sign-off N5). */
  testable: number;
  /** The share of the testable cells carrying their modal verdict (VERDICTS.md §3's 90 % rule); absent with none. */
  testableAgreement?: number;
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
        ...(isBuiltHold(c.measurement.result) ? { byConstruction: finding.byConstruction } : {}),
      };
    }),
    counts,
    agreement: Math.max(...Object.values(counts)) / verdicts.length,
    testable,
    ...(testable > 0 ? { testableAgreement: testableModal / testable } : {}),
    ...(g.decidedBy ? { decidedBy: g.decidedBy } : {}),
    ...(g.decidedByInWords ? { decidedByInWords: g.decidedByInWords } : {}),
  };
}

/** The headline cell (the key number's): the first that can come out both ways, not built in where one is. */
function headCell(g: GridMeasurement): Measurement {
  const free = g.cells.filter((c) => c.measurement.result.finding.oneWay === undefined);
  return (free.find((c) => !isBuiltHold(c.measurement.result)) ?? free[0] ?? g.cells[0]!).measurement;
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
      reference: referenceOf(claim.id, repairMechanism(r.variant)),
      ...theoremNotesOf(claim, r.variant),
    })),
    byConstruction: claim.byConstruction,
    ...(claim.review ? { review: claim.review } : {}),
    uses: claim.uses,
    reference: referenceOf(claim.id, m.mechanism ?? PROPOSAL),
  };
}

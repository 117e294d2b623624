/**
 * Claims measured (split from ./registry, which lists them): every cell of a claim's grid under one mechanism, the
 * grid decided, the repairs' grids beside it, each claim once per process or per disk cache when asked.
 */
import { EmtdError } from "../../errors";
import { FINDING_KINDS, type Cell, type Claim, type Measurement, type Mechanism, type Reading } from "./types";
import { PROPOSAL, mechanismOf } from "./mechanism";
import { diskCache, readOrMeasure, type CachedMeasurement, type MeasurementAudit } from "./measure-cache";
import { cellSlot } from "./cell-cache";
import { cellReferenceOf, keptCellOf } from "./references";
import { PackingError } from "./flow-packing";
import { claimTasks, committedCosts } from "./claim-tasks";
import { FactPartError, gridReading, undecidable } from "./decide";
import { cellLabel, cellsOf, decidedBy, decidedByInWords, gridUnder } from "./grid";
import { REPAIRS } from "./repairs";
import { checkCellSizes } from "./sizes";
import { checkLandscape, checkMeasurement } from "./measurement-checks";
import { watchDesigned } from "../../spin/designed";
import { CLAIMS, SHARED_RUNS, claimById, measureContext } from "./registry";

/** The registry's name in errors, as before the split: a measurement's error reads the same. */
const WHERE = "emtd/claims/registry";

/** The finding kind of a grid that some parameter decides, from the one list. */
const [, , MIXED] = FINDING_KINDS;

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
  const { grid, cells } = await measureCells(claim, seed, replicate, mechanism);
  // Every cell decides, a one-way one too (./findings markOneWay); one our model decides is evidence (./findings markBuilt).
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
 * The cells of a claim's grid under `mechanism` (as {@link measureGrid} measures them), each read from or written to
 * the cell cache `mechanism` was adopted by (./cell-cache); only those `pick` takes, where given. Workers that share a
 * disk cache measure a grid's cells apart this way, for one process to read them all (the CLI's `--variant`).
 */
export async function gridCells(
  claim: Claim,
  seed: number,
  replicate: number,
  mechanism: Mechanism,
  pick?: (cell: Cell) => boolean,
): Promise<CellMeasurement[]> {
  return (await measureCells(claim, seed, replicate, mechanism, pick)).cells;
}

/** The grid `claim` is measured on under `mechanism`: a choice inside a part the mechanism replaced no longer applies. */
export const gridOf = (claim: Claim, mechanism: Mechanism): Claim["grid"] =>
  // The re-review's R3: the symmetric kernel crossed with the text's kernel axis measured every cell twice.
  gridUnder(
    claim.grid,
    mechanism.replaced.filter((part) => mechanism[part] !== PROPOSAL[part]),
  );

async function measureCells(
  claim: Claim,
  seed: number,
  replicate: number,
  mechanism: Mechanism,
  pick?: (cell: Cell) => boolean,
): Promise<{ grid: Claim["grid"]; cells: CellMeasurement[] }> {
  const cells: CellMeasurement[] = [];
  const grid = gridOf(claim, mechanism);
  // A user's variant (not the proposal, not a named repair, whose committed numbers stay as they are): issue 51 item 7.
  const user = mechanism.replaced.length > 0 && ![...repairMechanisms.values()].some((r) => r.key === mechanism.key);
  for (const cell of cellsOf(grid)) {
    if (pick && !pick(cell)) continue;
    // A cell that does not read a part the variant replaced would show the proposal's numbers as the variant's
    // (sign-off N1): under a repair it is not measured, and says why (the record's cellScopes); under a user's
    // variant that replaces no part it reads, it keeps the proposal's measurement, marked as kept.
    const apart = cellReferenceOf(claim, cell, mechanism);
    const kept = user && apart ? keptCellOf(claim, cell, mechanism) : null;
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
  return { grid, cells };
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

/**
 * A user's variant against the claims (issue 21): every claim whose `uses` names a part the variant replaces is
 * measured again under the variant's mechanism, with the same seeds, rubric and replicates as the proposal, and the
 * two are shown side by side; the other claims are listed as unaffected. The proposal's side is read from the
 * committed run (data/verdicts) where it holds what was asked (seed 0, and one replicate or the run's own number,
 * whose records test/integration/cli/claims.test.ts keeps current); otherwise it is measured here.
 *
 * JSON (other tools read these names): `{ variant: { file, replaces }, claims: [{ id, uses, affected, proposal:
 * { verdict, stability }, variant: { verdict, stability } | null }] }`; each side also carries its headline, the
 * strongest reading's evidence (key numbers with intervals), its finding (a mixed one with its parts), its grid (every
 * cell with its verdict, finding and parts; counts; the deciding parameter), seconds per replicate and, where the
 * claim counts messages, its message count. `changes` says where an affected claim's two sides differ, cell by cell
 * (the same cell label on both sides) and part by part, so that a verdict that stays "mixed" while its parts swap
 * shows. `error` is null, or why the variant's side could not be measured (the claim threw under the variant): an
 * error row, its `variant` null, while every other claim is measured and reported. `cost.step` times one Langevin
 * step of the Hamiltonian each side runs (./step-cost): the median of interleaved repeats, with the spread of the
 * paired ratios. Each side carries `reference`, what its verdict was compared with under its
 * mechanism (./references): a variant whose part invalidates the proposal's closed form says `not-comparable`, with why.
 */
import { ArgumentError, check } from "../../errors";
import { variantError } from "./variant-error";
import { CLAIMS, claimById } from "./registry";
import { type GridRecord, type VerdictRecord } from "./verdict-record";
import { measureReplicates, stabilityOf, type Stability, type StableRecord } from "./stability";
import { readCommittedRun } from "./committed";
import { mechanismOf, PROPOSAL } from "./mechanism";
import { costText, stepCost, type StepCost } from "./step-cost";
import type { Evidence, Finding, Mechanism, Part, Variant, Verdict } from "./types";
import { cellLabel, gridVerdict } from "./grid";
import { referenceOf, type ClaimReference } from "./references";
import { verdictLabel } from "./display";
import { verdictOf } from "./decide";
import { num } from "./evidence";
import { watchProgress } from "../../progress";
import { changesOf, type Changes } from "./changes";
import { CellCache } from "./cell-cache";

export { costText, STEP_REPEATS, type StepCost } from "./step-cost";
export { changesOf, type CellChange, type Changes, type PartChange } from "./changes";

const WHERE = "emtd/claims/compareVariant";

export interface CompareOptions {
  /** Claim ids to consider (default every claim). */
  only?: readonly string[];
  /** Replicates per side (default 1). */
  replicates?: number;
  /** The `--seed` offset of every stream (default 0). */
  seed?: number;
  /** Measurements at once; 1 (this process) is the only value in this version. */
  workers?: number;
  /** Where the variant came from, shown as `variant.file` (null for an object made in a notebook). */
  file?: string | null;
  /** Measure the proposal's side even where the committed run holds it. Default false. */
  measureProposal?: boolean;
  /** Called before each side of each affected claim is measured. */
  onProgress?: (done: number, total: number, what: string) => void;
  /** Called with each affected claim's row (the result's) once its variant side is decided: a watch prints it then. */
  onClaim?: (row: ClaimComparison) => void;
  /**
   * What the variant was made from, where known (./cell-cache variantSource: its bundled code and parameters): its
   * cells are then kept on disk under it, so the same variant decided again reads them. Default none.
   */
  source?: string;
  /**
   * The cache its cells are read from and kept in (its `counts` say how many of each), the proposal's cells it keeps
   * included; default one in ./cell-cache's folder.
   */
  cells?: CellCache;
}

/** One side of a comparison. */
export interface Side {
  verdict: Verdict;
  stability: Stability;
  /** The key number in one phrase (replicate 0). */
  headline: string;
  /** The strongest reading's evidence at replicate 0: the key numbers with their intervals. */
  evidence: Evidence[];
  /** Wall-clock seconds per replicate (null where read from the committed run without timing). */
  secondsPerReplicate: number | null;
  /** The message count the claim's evidence reports, where it counts messages (else null). */
  messages: number | null;
  /** The grid's finding at replicate 0 (a mixed one with its parts). */
  finding: Finding;
  /** The grid at replicate 0: every cell with its verdict, finding and parts, the counts, the deciding parameter. */
  grid: GridRecord;
  /** What this side's verdict was compared with under its mechanism (./references: `not-comparable` with why). */
  reference: ClaimReference;
}

export interface ClaimComparison {
  id: string;
  short: string;
  uses: readonly Part[];
  /** True when `uses` names a part the variant replaces. */
  affected: boolean;
  proposal: Side;
  /** The variant's side; null when the claim is unaffected (its verdict is the proposal's). */
  variant: Side | null;
  /**
   * True when an affected claim's headline verdict differs between the two sides, and the variant's side is
   * comparable (a side whose `reference` is not-comparable has no verdict to flip to; the text lists it apart).
   */
  flips: boolean;
  /**
   * The proposal's verdict read over the cells of its grid the variant can be compared on (replicate 0's cells, by
   * the grid's rule: ./grid gridVerdict), where the variant's side marks some `notComparable` (it cannot apply a
   * replaced part they read, or its ℋ couples a flow cell's packed runs); null when none is. `flips` compares the
   * variant's verdict with this one. Cells reading no replaced part are kept (the proposal's own) on both sides.
   */
  proposalOverComparable: { verdict: Verdict; cells: number; of: number } | null;
  /** Where the two sides differ, cell by cell and part by part (null when the claim is unaffected or in error). */
  changes: Changes | null;
  /**
   * Why the variant's side could not be measured (the claim threw under the variant; `variant` is then null), or null.
   * An error row: the other claims are measured and reported all the same.
   */
  error: string | null;
}

export interface VariantComparison {
  variant: { file: string | null; replaces: Part[]; name: string };
  claims: ClaimComparison[];
  /** Seeds, replicates and where the proposal's side came from. */
  run: { seed: number; replicates: number; proposalFrom: "committed" | "measured" };
  /** ms per Langevin step of each side's Hamiltonian on one graph, measured side by side (null when no part a step runs is replaced). */
  cost: { step: StepCost | null };
}

/**
 * Measures `variant` against the claims: each claim whose `uses` names a part it replaces is measured under the
 * variant and under the proposal (same seeds, rubric and replicates); the rest are listed as unaffected.
 *
 * @example
 * ```ts
 * const robust = { name: "median rule", rule: "median" as const };
 * const c = await compareVariant(robust, { only: ["p4.1-antifragility"] });
 * c.claims[0].proposal.verdict; // → "fails"
 * c.claims[0].variant?.verdict; // the verdict under the median rule
 * ```
 */
export async function compareVariant(variant: Variant, options: CompareOptions = {}): Promise<VariantComparison> {
  const mechanism = mechanismOf(variant, WHERE, "variant");
  const replicates = check.integer(WHERE, "replicates", options.replicates ?? 1, 1, 1000);
  const seed = check.integer(WHERE, "seed", options.seed ?? 0, 0, 0xffffffff);
  const workers = options.workers ?? 1;
  if (workers !== 1) throw new ArgumentError(WHERE, "workers", "1 (variants are measured in this process)", workers);
  const ids = options.only === undefined ? CLAIMS.map((c) => c.id) : [...new Set(options.only)];
  for (const id of ids) claimById(id);
  const affectedIds = ids.filter((id) => claimById(id).uses.some((p) => mechanism.replaced.includes(p)));
  (options.cells ?? new CellCache()).adopt(mechanism, options.source);

  const committed = options.measureProposal ? null : committedSides(seed, replicates);
  const total = affectedIds.length * (committed ? 1 : 2) + (committed ? 0 : ids.length - affectedIds.length);
  let done = 0;
  // In a notebook, one line for the claims above the line of the loop measuring the current one (progress.ts).
  const watch = total > 0 ? watchProgress({ label: `compareVariant (${mechanism.name})`, total, unit: "claims" }) : null;
  const errors = new Map<string, string>();
  const measure = async (which: string[], m: Mechanism, label: string): Promise<Map<string, Side>> => {
    const out = new Map<string, Side>();
    for (const id of which) {
      // Not `onProgress?.(done++, …)`: optional chaining would skip the increment when no one listens.
      options.onProgress?.(done, total, `${id} (${label})`);
      done++;
      try {
        const run = await measureReplicates([id], { seed, replicates, mechanism: m });
        out.set(id, sideOf(run.claims[0]!, run.seconds[id]! / replicates, m));
      } catch (e) {
        // A claim that throws under the variant is an error row, not the end of the comparison (issue 44). The
        // proposal's side is not caught (the registry's own measurement, as `emtd verdicts` runs it), nor an interrupt
        // (a kernel's SIGINT stops the cell, not one claim).
        if (m === PROPOSAL || (e as { code?: unknown } | null)?.code === "ERR_SCRIPT_EXECUTION_INTERRUPTED") throw e;
        errors.set(id, variantError(e, m));
      }
      if (m !== PROPOSAL && options.onClaim) options.onClaim(rowOf(id, out.get(id) ?? null));
      watch?.(done);
    }
    return out;
  };
  let proposal: Map<string, Side>, variantSides: Map<string, Side>; // rowOf reads the proposal's as each variant row comes
  try {
    proposal = committed ?? (await measure(ids, PROPOSAL, "proposal"));
    variantSides = await measure(affectedIds, mechanism, mechanism.name);
  } finally {
    watch?.end();
  }
  const claims = ids.map((id) => rowOf(id, variantSides.get(id) ?? null));
  function rowOf(id: string, v: Side | null): ClaimComparison {
    const claim = claimById(id);
    const p = proposal.get(id)!;
    const over = v === null ? null : overComparableCells(p, v);
    return {
      id,
      short: claim.short,
      uses: claim.uses,
      affected: v !== null || errors.has(id),
      proposal: p,
      variant: v,
      // A side that is not comparable has no verdict to flip to: it is listed as such, not as a flip.
      flips: v !== null && v.reference.kind !== "not-comparable" && v.verdict !== (over?.verdict ?? p.verdict),
      proposalOverComparable: over,
      changes: v === null ? null : changesOf(p, v),
      error: errors.get(id) ?? null,
    };
  }
  const runsStep = mechanism.replaced.some((p) => p === "interaction" || p === "terms" || p === "integrator");
  return {
    variant: { file: options.file ?? null, replaces: [...mechanism.replaced], name: mechanism.name },
    claims,
    run: { seed, replicates, proposalFrom: committed ? "committed" : "measured" },
    cost: { step: runsStep ? stepCost(mechanism) : null },
  };
}

/**
 * The proposal's grid read over the cells the variant can be compared on: all but those the variant's side marks
 * `notComparable` (a cell reading a replaced part it cannot apply, a flow cell whose packed runs the variant's ℋ
 * couples); null when none is. A cell that reads no replaced part is kept on the variant's side (the proposal's
 * measurement, marked `kept`): it counts on both sides, so a verdict that changes is a flip in the summary as in the
 * columns (issue 51 item 7).
 */
function overComparableCells(p: Side, v: Side): ClaimComparison["proposalOverComparable"] {
  const apart = new Set(v.grid.cells.filter((c) => c.notComparable !== undefined).map((c) => cellLabel(c.at)));
  const comparable = p.grid.cells.filter((c) => !apart.has(cellLabel(c.at)));
  if (comparable.length === p.grid.cells.length) return null;
  return { verdict: gridVerdict(comparable), cells: comparable.length, of: p.grid.cells.length }; // built-in holds set aside
}

/** The proposal's verdict a claim's variant side is compared with: over the comparable cells where some are not. */
function comparedVerdict(x: ClaimComparison): Verdict {
  return x.proposalOverComparable?.verdict ?? x.proposal.verdict;
}

/** The proposal's sides from the committed run, when it holds seed `seed` at `replicates` (or 1) replicates. */
function committedSides(seed: number, replicates: number): Map<string, Side> | null {
  const run = readCommittedRun();
  if (!run || run.provenance.seed !== seed) return null;
  const K = run.provenance.replicates;
  if (replicates !== 1 && replicates !== K) return null;
  const out = new Map<string, Side>();
  for (const record of run.claims) {
    // One replicate is replicate 0, whose record the committed run holds; K replicates are the run's own.
    const stable: StableRecord = replicates === 1 ? { ...record, stability: stabilityOf([record.verdict]) } : record;
    const seconds = run.timing?.claims[record.id];
    out.set(record.id, sideOf(stable, replicates === 1 || seconds === undefined ? null : seconds / K, PROPOSAL));
  }
  return CLAIMS.every((c) => out.has(c.id)) ? out : null;
}

/** One side from its record; its reference is computed from `mechanism` (a committed record may predate the field). */
function sideOf(record: VerdictRecord & { stability: Stability }, secondsPerReplicate: number | null, mechanism: Mechanism): Side {
  const counted = record.reading.evidence.find((e) => /messages/i.test(e.name));
  return {
    verdict: record.verdict,
    stability: record.stability,
    headline: record.headline,
    evidence: record.reading.evidence,
    secondsPerReplicate,
    messages: counted ? counted.value : null,
    finding: record.finding,
    grid: {
      cells: record.grid.cells,
      counts: record.grid.counts,
      agreement: record.grid.agreement,
      // A record of the committed run written before these fields were kept lacks them: counted from its cells.
      testable: record.grid.testable ?? record.grid.cells.filter((c) => c.verdict !== verdictOf("undecidable")).length,
      ...(record.grid.testableAgreement !== undefined ? { testableAgreement: record.grid.testableAgreement } : {}),
      ...(record.grid.ruleEntries !== undefined ? { ruleEntries: record.grid.ruleEntries } : {}),
      ...(record.grid.ruleAgreement !== undefined ? { ruleAgreement: record.grid.ruleAgreement } : {}),
      ...(record.grid.decidedBy ? { decidedBy: record.grid.decidedBy } : {}),
      ...(record.grid.decidedByInWords ? { decidedByInWords: record.grid.decidedByInWords } : {}),
    },
    // A committed record of a claim the registry no longer has declares none (as before the records held theirs).
    reference: referenceOf(CLAIMS.find((c) => c.id === record.id) ?? {}, mechanism),
  };
}

/** A cell's or a part's verdict on one side ("—" where that side has no such cell or part). */
function shown(v: Verdict | null | undefined): string {
  return v ? verdictLabel(v) : "—";
}

/**
 * The changes of one claim as indented lines: each cell that differs (its verdict on both sides, then its parts that
 * differ), the grid finding's other parts that differ, and how many cells are the same.
 */
export function changesText(c: Changes): string[] {
  const lines: string[] = [];
  for (const cell of c.cells) {
    lines.push(`    cell ${cell.cell}: ${shown(cell.proposal?.verdict)} → ${shown(cell.variant?.verdict)}`);
    for (const p of cell.parts) lines.push(`      part "${p.part}": ${shown(p.proposal)} → ${shown(p.variant)}`);
  }
  for (const p of c.parts) lines.push(`    part "${p.part}": ${shown(p.proposal)} → ${shown(p.variant)}`);
  const total = c.sameCells + c.cells.length;
  if (lines.length > 0) lines.push(`    ${c.sameCells} of ${total} cell${total === 1 ? "" : "s"} the same, verdict and parts`);
  return lines;
}

/** Lines naming the variant's cells kept from the proposal (they read no replaced part), and why each apart is so. */
function keptText(v: Side): string[] {
  const [kept, n] = [v.grid.cells.filter((c) => c.kept !== undefined), v.grid.cells.length];
  return [
    ...(kept.length === 0
      ? []
      : [
          `    ${kept.length} of ${n} cells kept from the proposal (they read none of the replaced parts): ${kept.map((c) => cellLabel(c.at)).join("; ")}`,
        ]),
    ...v.grid.cells.filter((c) => c.notComparable !== undefined).map((c) => `    cell ${cellLabel(c.at)}: ${c.notComparable}`),
  ];
}

/** A key number as text: the strongest reading's first evidence, with its 95 % interval or SE where it has one. */
export function keyNumber(side: Side): string {
  const e = side.evidence[0];
  return e ? `${e.name}: ${keyValue(side)}` : "—";
}

/** The value of a side's key number with its 95 % interval or SE ("—" where the side has no evidence). */
function keyValue(side: Side): string {
  const e = side.evidence[0];
  if (!e) return "—";
  const spread = e.interval
    ? ` [${num(e.interval[0])}, ${num(e.interval[1])}]`
    : e.uncertainty !== undefined
      ? ` ± ${num(e.uncertainty)}`
      : "";
  return `${num(e.value)}${spread}`;
}

/**
 * What the key numbers of the two sides are: the proposal's quantity, or both where the variant's differs (a claim
 * whose reference follows the variant reads another observable, p1.3-langevin's ⟨½ψ·∇ℋ⟩ for ⟨ℋ⟩), so one label never
 * stands for two quantities.
 *
 * @example
 * ```ts
 * const side = (name: string) => ({ evidence: [{ name, value: 1 }] }) as unknown as Side;
 * keyQuantity(side("⟨ℋ⟩"), side("⟨ℋ⟩")); // → "⟨ℋ⟩"
 * keyQuantity(side("⟨ℋ⟩"), side("⟨½ψ·∇ℋ⟩")); // → "proposal: ⟨ℋ⟩; variant: ⟨½ψ·∇ℋ⟩"
 * ```
 */
export function keyQuantity(proposal: Side, variant: Side | null): string {
  const [p, v] = [proposal.evidence[0]?.name ?? "", variant?.evidence[0]?.name];
  return v === undefined || v === p ? p : `proposal: ${p || "—"}; variant: ${v}`;
}

/** The key numbers of one claim's two sides, the quantity named once where it is the same, else on each side. */
function keyNumbers(p: Side, v: Side): string {
  const same = p.evidence[0]?.name === v.evidence[0]?.name;
  return same ? `${keyNumber(p)} → ${keyValue(v)}` : `${keyNumber(p)} → ${keyNumber(v)}`;
}

/** The claims of a comparison by what the variant did to them: each claim is in exactly one list. */
export interface ComparisonSummary {
  /** Affected and comparable, the verdict changed. */
  flips: ClaimComparison[];
  /** Affected and comparable, the same verdict. */
  kept: ClaimComparison[];
  /**
   * Affected, but the variant's side is not comparable (its `reference` is a closed form of a part the variant
   * replaced, and none holds for the variant): no verdict to keep or to flip, whatever its verdict says.
   */
  notComparable: ClaimComparison[];
  /** Affected, but the variant's side could not be measured (error rows, with `error`). */
  errors: ClaimComparison[];
  /** Reading no part the variant replaces. */
  unaffected: ClaimComparison[];
}

/**
 * A comparison's claims sorted by what the variant did to them: flips, kept verdicts, sides not comparable under the
 * variant (listed apart: "fails → untestable" under a reference the variant invalidates is neither a flip nor a
 * kept verdict), error rows, and unaffected claims.
 *
 * @example
 * ```ts
 * const c = await compareVariant({ name: "median", rule: "median" }, { only: ["p4.1-antifragility", "p1.1-state-tensor"] });
 * const s = comparisonSummary(c);
 * [s.flips.length + s.kept.length, s.notComparable.length, s.errors.length, s.unaffected.map((x) => x.id)];
 * // → [1, 0, 0, ["p1.1-state-tensor"]]
 * ```
 */
export function comparisonSummary(c: VariantComparison): ComparisonSummary {
  const affected = c.claims.filter((x) => x.affected);
  const comparable = affected.filter((x) => x.variant !== null && x.variant.reference.kind !== "not-comparable");
  return {
    flips: comparable.filter((x) => x.flips),
    kept: comparable.filter((x) => !x.flips),
    notComparable: affected.filter((x) => x.variant !== null && x.variant.reference.kind === "not-comparable"),
    errors: affected.filter((x) => x.variant === null),
    unaffected: c.claims.filter((x) => !x.affected),
  };
}

/** " over 1 of 3 cells" where the proposal's side was read over the cells the variant can be compared on. */
function overText(x: ClaimComparison): string {
  const o = x.proposalOverComparable;
  return o ? ` over ${o.cells} of ${o.of} cells` : "";
}

/** One row of {@link comparisonRows}: the columns of notebook 18's table (a type, so `table(rows)` takes it). */
export type ComparisonRow = {
  claim: string;
  /** The parts the claim reads ("—" for none). */
  uses: string;
  /** The proposal's verdict with its stability ("fails (1/1)"). */
  proposal: string;
  /** The variant's verdict with its stability; "not comparable" after it, "unaffected", or "error: …". */
  variant: string;
  /** The key numbers, proposal → variant (the proposal's alone for an unaffected claim). */
  "key number": string;
  /** What the key numbers are ({@link keyQuantity}: both quantities where the variant's differs). */
  "what it is": string;
  /** Seconds per replicate of the variant's side ("" where none was measured). */
  "s (variant)": string;
};

/**
 * One row per claim of a comparison, for a table (notebook 18): both verdicts with their stability, the key numbers
 * and what they are, the variant's seconds per replicate. A side that is not comparable says so after its verdict,
 * an error row says why, an unaffected claim says "unaffected".
 *
 * @example
 * ```ts
 * const c = await compareVariant({ name: "median", rule: "median" }, { only: ["p4.1-antifragility", "p1.1-state-tensor"] });
 * comparisonRows(c).map((r) => [r.claim, r.proposal, r.variant]);
 * // → [["p4.1-antifragility", "fails (1/1)", "… (1/1)"], ["p1.1-state-tensor", "untestable (1/1)", "unaffected"]]
 * ```
 */
export function comparisonRows(c: VariantComparison): ComparisonRow[] {
  const verdict = (s: Side) => `${s.verdict} (${s.stability.counts[s.stability.modal]}/${s.stability.replicates})`;
  return c.claims.map((x) => {
    const v = x.variant;
    const variant =
      x.error !== null
        ? `error: ${x.error}`
        : v === null
          ? "unaffected"
          : `${verdict(v)}${v.reference.kind === "not-comparable" ? ", not comparable" : ""}`;
    return {
      claim: x.id,
      uses: x.uses.join(", ") || "—",
      proposal: `${verdict(x.proposal)}${x.proposalOverComparable ? `; ${comparedVerdict(x)}${overText(x)}` : ""}`,
      variant,
      "key number": v ? `${keyValue(x.proposal)} → ${keyValue(v)}` : keyValue(x.proposal),
      "what it is": keyQuantity(x.proposal, v),
      "s (variant)": v?.secondsPerReplicate?.toFixed(1) ?? "",
    };
  });
}

/**
 * What the variant flips and what it does not, in words: the flips, the verdicts kept, the claims not comparable under
 * the variant (apart: no verdict to keep or flip), the error rows and the unaffected claims; then the step cost where
 * it was measured.
 *
 * @example
 * ```ts
 * const c = await compareVariant({ name: "median", rule: "median" }, { only: ["p4.1-antifragility", "p1.1-state-tensor"] });
 * flipsText(c); // → "median: flips …; unaffected: p1.1-state-tensor."
 * ```
 */
export function flipsText(c: VariantComparison): string {
  const s = comparisonSummary(c);
  const list = (xs: ClaimComparison[], each: (x: ClaimComparison) => string) => xs.map((x) => `${x.id} (${each(x)})`).join(", ");
  const changed = (x: ClaimComparison) => `${comparedVerdict(x)} → ${x.variant!.verdict}${overText(x)}`;
  const parts = [
    `flips ${list(s.flips, changed) || "nothing"}`,
    ...(s.kept.length > 0 || s.flips.length === 0
      ? [`keeps ${list(s.kept, (x) => `${comparedVerdict(x)}${overText(x)}`) || "nothing"}`]
      : []),
    ...(s.notComparable.length > 0
      ? [`not comparable under this variant, so neither kept nor flipped: ${list(s.notComparable, changed)}`]
      : []),
    ...(s.errors.length > 0 ? [`could not be measured under this variant: ${list(s.errors, (x) => x.error!)}`] : []),
    ...(s.unaffected.length > 0 ? [`unaffected: ${s.unaffected.map((x) => x.id).join(", ")}`] : []),
  ];
  // The cost in costText's words: its interval and, on a loaded machine, its warning (issue 51 item 8).
  const step = c.cost.step;
  return [`${c.variant.name}: ${parts.join("; ")}.`, ...(step ? [`${costText(step)}.`] : [])].join("\n");
}

/**
 * The comparison as plain text: one row per affected claim (proposal vs variant: verdict with its stability, key
 * numbers with what each is where the two differ, seconds per replicate, messages where counted) with, under it, the
 * cells and parts that differ; an error row where the variant's side could not be measured; the flips, the claims not
 * comparable, the error rows and the unaffected claims apart; and the step cost (medians of interleaved repeats, with
 * their spread).
 *
 * @example
 * ```ts
 * console.log(comparisonText(await compareVariant({ name: "median", rule: "median" }, { only: ["p4.1-antifragility"] })));
 * ```
 */
export function comparisonText(c: VariantComparison): string {
  const s = comparisonSummary(c);
  const affected = c.claims.filter((x) => x.affected);
  const width = Math.max(5, ...affected.map((x) => x.id.length));
  const cell = (side: Side) =>
    `${verdictLabel(side.verdict)} ${side.stability.counts[side.stability.modal]}/${side.stability.replicates}`.padEnd(16);
  const seconds = (side: Side) => (side.secondsPerReplicate === null ? "—" : `${side.secondsPerReplicate.toFixed(1)} s`);
  const messages = (side: Side) => (side.messages === null ? "" : `, ${num(side.messages)} messages`);
  const lines = [
    `variant "${c.variant.name}"${c.variant.file ? ` (${c.variant.file})` : ""} replaces ${c.variant.replaces.join(", ") || "nothing"}; ` +
      `${c.run.replicates} replicate${c.run.replicates === 1 ? "" : "s"}, seed ${c.run.seed}; ` +
      `proposal ${c.run.proposalFrom === "committed" ? "from the committed run" : "measured here"}`,
    "",
    `${"claim".padEnd(width)}  ${"proposal".padEnd(16)}  ${"variant".padEnd(16)}  key number: proposal → variant (seconds per replicate)`,
  ];
  for (const x of affected) {
    const v = x.variant;
    if (v === null) {
      lines.push(`${x.id.padEnd(width)}  ${cell(x.proposal)}  ${"ERROR".padEnd(16)}  could not be measured under this variant: ${x.error}`);
      continue;
    }
    lines.push(
      `${x.id.padEnd(width)}  ${cell(x.proposal)}  ${cell(v)}  ${keyNumbers(x.proposal, v)}` +
        ` (${seconds(x.proposal)} → ${seconds(v)}${messages(x.proposal)}${v.messages === null ? "" : ` → ${num(v.messages)}`})`,
      ...(x.proposalOverComparable
        ? [
            `    compared over the ${x.proposalOverComparable.cells} of ${x.proposalOverComparable.of} cells the variant can ` +
              `be compared on (the others are not comparable under it): the proposal ${comparedVerdict(x)} there`,
          ]
        : []),
      ...(x.changes ? changesText(x.changes) : []),
      ...keptText(v),
      // What the variant was compared with, where that is not the proposal's reference (./references).
      ...(v.reference.text === x.proposal.reference.text ? [] : [`    compared with: ${v.reference.text}`]),
    );
  }
  const comparable = s.flips.length + s.kept.length;
  lines.push(
    "",
    s.flips.length === 0
      ? `no verdict flips (${comparable} comparable affected claim${comparable === 1 ? "" : "s"})`
      : `flips: ${s.flips.map((x) => `${x.id} ${comparedVerdict(x)} → ${x.variant!.verdict}${overText(x)}`).join("; ")}`,
  );
  if (s.notComparable.length > 0)
    lines.push(`not comparable under this variant (no verdict; why under each row): ${s.notComparable.map((x) => x.id).join(", ")}`);
  if (s.errors.length > 0)
    lines.push(`could not be measured under this variant (error rows above): ${s.errors.map((x) => x.id).join(", ")}`);
  if (s.unaffected.length > 0)
    lines.push(`unaffected (use none of ${c.variant.replaces.join(", ")}): ${s.unaffected.map((x) => x.id).join(", ")}`);
  if (c.cost.step) lines.push(costText(c.cost.step));
  return lines.join("\n");
}

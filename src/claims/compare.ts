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
 * shows. `cost.step` times one Langevin step of the Hamiltonian each side runs: the median of interleaved repeats,
 * with the spread of the paired ratios. Each side carries `reference`, what its verdict was compared with under its
 * mechanism (./references): a variant whose part invalidates the proposal's closed form says `not-comparable`, with why.
 */
import * as tf from "@tensorflow/tfjs";
import { ArgumentError, check } from "../errors";
import { key, normal } from "../engine/random";
import { graphs } from "../graph/generators";
import { releaseGraph } from "../ops/tensors";
import { defaultStep } from "../dynamics/registry";
import { disposeState } from "../dynamics/types";
import { CLAIMS, claimById, type CellRecord, type GridRecord, type VerdictRecord } from "./registry";
import { measureReplicates, stabilityOf, type Stability, type StableRecord } from "./stability";
import { readCommittedRun } from "./committed";
import { hamiltonianOf, mechanismOf, PROPOSAL } from "./mechanism";
import type { Evidence, Finding, FindingPart, Mechanism, Part, Variant, Verdict } from "./types";
import { cellLabel } from "./grid";
import { referenceOf, type ClaimReference } from "./references";
import { verdictLabel } from "./display";
import { verdictOf } from "./decide";
import { num } from "./evidence";
import { watchProgress } from "../progress";

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

/** A part whose verdict differs between the two sides (null: the part is not on that side). */
export interface PartChange {
  part: string;
  proposal: Verdict | null;
  variant: Verdict | null;
}

/** A cell (by its label, the same on both sides) whose verdict or parts differ between the two sides. */
export interface CellChange {
  cell: string;
  /** The cell on the proposal's side (null: not in its grid). */
  proposal: { verdict: Verdict; finding: string } | null;
  variant: { verdict: Verdict; finding: string } | null;
  /** The cell's parts whose verdicts differ (compared where both sides carry the cell's parts). */
  parts: PartChange[];
}

/** Where an affected claim's two sides differ: cell by cell, and part by part of the grid's finding. */
export interface Changes {
  /** The cells whose verdict or parts differ, in the proposal's cell order (then cells only the variant has). */
  cells: CellChange[];
  /** The cells whose verdict and parts are the same on both sides. */
  sameCells: number;
  /** Parts of the grid's finding (other than its cells) whose verdicts differ. */
  parts: PartChange[];
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
  /** Where the two sides differ, cell by cell and part by part (null when the claim is unaffected). */
  changes: Changes | null;
}

export interface VariantComparison {
  variant: { file: string | null; replaces: Part[]; name: string };
  claims: ClaimComparison[];
  /** Seeds, replicates and where the proposal's side came from. */
  run: { seed: number; replicates: number; proposalFrom: "committed" | "measured" };
  /** ms per Langevin step of each side's Hamiltonian on one graph, measured side by side (null when no part a step runs is replaced). */
  cost: { step: StepCost | null };
}

/** ms per Langevin step of each side, from {@link STEP_REPEATS} interleaved repeats. */
export interface StepCost {
  graph: string;
  channels: number;
  /** The median over the repeats of the proposal's ms per step (the ratio's denominator). */
  proposalMs: number;
  /** The median over the repeats of the variant's ms per step (the ratio's numerator). */
  variantMs: number;
  /** The median over the repeats of each repeat's variant ms / proposal ms (timed back to back, so under one load). */
  ratio: number;
  /** How many interleaved repeats (each side timed once per repeat, the order alternating). */
  repeats: number;
  /** The paired ratios' quartiles [Q1, Q3] and range [min, max]: the spread of the median. */
  ratioQuartiles: [number, number];
  ratioRange: [number, number];
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

  const committed = options.measureProposal ? null : committedSides(seed, replicates);
  const total = affectedIds.length * (committed ? 1 : 2) + (committed ? 0 : ids.length - affectedIds.length);
  let done = 0;
  // In a notebook, one line for the claims above the line of the loop measuring the current one (progress.ts).
  const watch = total > 0 ? watchProgress({ label: `compareVariant (${mechanism.name})`, total, unit: "claims" }) : null;
  const measure = async (which: string[], m: Mechanism, label: string): Promise<Map<string, Side>> => {
    const out = new Map<string, Side>();
    for (const id of which) {
      // Not `onProgress?.(done++, …)`: optional chaining would skip the increment when no one listens.
      options.onProgress?.(done, total, `${id} (${label})`);
      done++;
      const run = await measureReplicates([id], { seed, replicates, mechanism: m });
      out.set(id, sideOf(run.claims[0]!, run.seconds[id]! / replicates, m));
      watch?.(done);
    }
    return out;
  };
  let proposal: Map<string, Side>;
  let variantSides: Map<string, Side>;
  try {
    proposal = committed ?? (await measure(ids, PROPOSAL, "proposal"));
    variantSides = await measure(affectedIds, mechanism, mechanism.name);
  } finally {
    watch?.end();
  }
  const claims = ids.map((id): ClaimComparison => {
    const claim = claimById(id);
    const p = proposal.get(id)!;
    const v = variantSides.get(id) ?? null;
    return {
      id,
      short: claim.short,
      uses: claim.uses,
      affected: v !== null,
      proposal: p,
      variant: v,
      // A side that is not comparable has no verdict to flip to: it is listed as such, not as a flip.
      flips: v !== null && v.reference.kind !== "not-comparable" && v.verdict !== p.verdict,
      changes: v === null ? null : changesOf(p, v),
    };
  });
  const runsStep = mechanism.replaced.some((p) => p === "interaction" || p === "terms" || p === "integrator");
  return {
    variant: { file: options.file ?? null, replaces: [...mechanism.replaced], name: mechanism.name },
    claims,
    run: { seed, replicates, proposalFrom: committed ? "committed" : "measured" },
    cost: { step: runsStep ? stepCost(mechanism) : null },
  };
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
      ...(record.grid.decidedBy ? { decidedBy: record.grid.decidedBy } : {}),
      ...(record.grid.decidedByInWords ? { decidedByInWords: record.grid.decidedByInWords } : {}),
    },
    reference: referenceOf(record.id, mechanism),
  };
}

/**
 * The parts whose verdicts differ, by statement, in the proposal's order then the variant's own; none where a side
 * carries no parts (a record written before cells carried them, or a finding that reads one thing).
 */
function partChanges(a: readonly FindingPart[] | undefined, b: readonly FindingPart[] | undefined): PartChange[] {
  if (!a || !b) return [];
  const of = (ps: readonly FindingPart[], s: string) => ps.find((p) => p.statement === s)?.verdict ?? null;
  const statements = [...new Set([...a, ...b].map((p) => p.statement))];
  return statements.map((part) => ({ part, proposal: of(a, part), variant: of(b, part) })).filter((c) => c.proposal !== c.variant);
}

/**
 * Where two sides of one claim differ: each cell matched by its label (the variant is measured on the claim's own
 * grid, so the labels are the same), its verdict and its parts compared; then the grid finding's parts that are not
 * cells (a claim mixed in every cell lists its own conjunction's parts).
 *
 * @example
 * ```ts
 * const [m] = await measureClaims(["p1.2-entropic-penalty"], { cache: true });
 * const side = { finding: m.proposal.result.finding, grid: gridRecord(m.proposal) };
 * const repaired = { finding: m.repairs[0].measured.result.finding, grid: gridRecord(m.repairs[0].measured) };
 * changesOf(side, repaired).sameCells; // → 0: the repair λΣS_i holds in both cells where the written penalty fails
 * changesOf(side, side).cells; // → []
 * ```
 */
export function changesOf(p: Pick<Side, "finding" | "grid">, v: Pick<Side, "finding" | "grid">): Changes {
  const byLabel = (cells: readonly CellRecord[]) => new Map(cells.map((c) => [cellLabel(c.at), c]));
  const [ps, vs] = [byLabel(p.grid.cells), byLabel(v.grid.cells)];
  const labels = [...new Set([...ps.keys(), ...vs.keys()])];
  const cells: CellChange[] = [];
  let sameCells = 0;
  for (const cell of labels) {
    const [a, b] = [ps.get(cell), vs.get(cell)];
    const parts = partChanges(a?.parts, b?.parts);
    if (a && b && a.verdict === b.verdict && parts.length === 0) {
      sameCells++;
      continue;
    }
    const side = (c: CellRecord | undefined) => (c ? { verdict: c.verdict, finding: c.finding } : null);
    cells.push({ cell, proposal: side(a), variant: side(b), parts });
  }
  const isCell = (part: PartChange) => ps.has(part.part) || vs.has(part.part);
  return { cells, sameCells, parts: partChanges(p.finding.parts, v.finding.parts).filter((x) => !isCell(x)) };
}

/** The graph the step cost is timed on (the size of notebook 17's mid-range runs, small enough for autodiff terms). */
const STEP_GRAPH = { n: 1000, k: 10 };
const STEP_CHANNELS = 2;
/** Steps per timing: enough that one timing (≈ 30 ms or more) is well above the timer's resolution. */
const STEP_COUNT = 30;
/**
 * Interleaved repeats of the step cost. One ratio of two single timings varied 1.9× to 8.5× across runs of one file
 * (issue 44): a median over 9 paired repeats (odd, so the median is one repeat's) with its quartiles says how much.
 */
export const STEP_REPEATS = 9;

/** The q-quantile (0 ≤ q ≤ 1) of `xs`, interpolated linearly between order statistics. */
function quantile(xs: readonly number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  const at = (s.length - 1) * q;
  const lo = Math.floor(at);
  return s[lo]! + (s[Math.min(lo + 1, s.length - 1)]! - s[lo]!) * (at - lo);
}

/**
 * ms per Langevin step (the mechanism's integrator on its Hamiltonian, T = 1, the default step) on ring:1000:10 with
 * two channels: after one untimed round each, proposal and variant are timed back to back in {@link STEP_REPEATS}
 * repeats (the order alternating, so neither always runs second), and the step cost is each side's median with the
 * median of the repeats' paired ratios and their spread.
 */
function stepCost(mechanism: Mechanism): StepCost {
  const graph = graphs.ring(STEP_GRAPH.n, STEP_GRAPH.k);
  const step = defaultStep("ula", graph, 1);
  const make = (m: Mechanism) => m.integrator(hamiltonianOf(m, graph), { step, temperature: 1 });
  const sides = [make(PROPOSAL), make(mechanism)];
  const x0 = normal(key(0), [graph.n, STEP_CHANNELS]) as tf.Tensor2D;
  const states = sides.map((s) => s.init(x0));
  const time = (i: number): number => {
    const started = performance.now();
    for (let t = 0; t < STEP_COUNT; t++) {
      states[i] = sides[i]!.step(states[i]!, key(1 + t))[0]; // a step consumes the state it is given
    }
    tf.tidy(() => states[i]!.position.dataSync());
    return (performance.now() - started) / STEP_COUNT;
  };
  time(0); // warm-up: compile kernels, allocate
  time(1);
  const ms: [number[], number[]] = [[], []];
  for (let r = 0; r < STEP_REPEATS; r++) for (const i of r % 2 === 0 ? [0, 1] : [1, 0]) ms[i as 0 | 1].push(time(i));
  for (const s of states) disposeState(s);
  x0.dispose();
  releaseGraph(graph);
  const ratios = ms[1].map((v, r) => v / ms[0][r]!);
  return {
    graph: `ring:${STEP_GRAPH.n}:${STEP_GRAPH.k}`,
    channels: STEP_CHANNELS,
    proposalMs: quantile(ms[0], 0.5),
    variantMs: quantile(ms[1], 0.5),
    ratio: quantile(ratios, 0.5),
    repeats: STEP_REPEATS,
    ratioQuartiles: [quantile(ratios, 0.25), quantile(ratios, 0.75)],
    ratioRange: [Math.min(...ratios), Math.max(...ratios)],
  };
}

/**
 * The step cost in one line: numerator and denominator (each side's median ms per step), the median paired ratio,
 * and its spread over the repeats.
 *
 * @example
 * ```ts
 * costText({ graph: "ring:1000:10", channels: 2, proposalMs: 0.5, variantMs: 1, ratio: 2, repeats: 9, ratioQuartiles: [1.9, 2.1], ratioRange: [1.7, 2.4] });
 * // → "cost per Langevin step on ring:1000:10 (2 channels), medians of 9 interleaved repeats: variant 1.00 ms / proposal 0.50 ms; paired ratio 2.00× (quartiles 1.90–2.10×, range 1.70–2.40×)"
 * ```
 */
export function costText(step: StepCost): string {
  const x = (r: number) => `${r.toFixed(2)}×`;
  return (
    `cost per Langevin step on ${step.graph} (${step.channels} channels), medians of ${step.repeats} interleaved repeats: ` +
    `variant ${step.variantMs.toFixed(2)} ms / proposal ${step.proposalMs.toFixed(2)} ms; paired ratio ${x(step.ratio)} ` +
    `(quartiles ${step.ratioQuartiles.map((r) => r.toFixed(2)).join("–")}×, range ${step.ratioRange.map((r) => r.toFixed(2)).join("–")}×)`
  );
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

/** A key number as text: the strongest reading's first evidence, with its 95 % interval or SE where it has one. */
export function keyNumber(side: Side): string {
  const e = side.evidence[0];
  if (!e) return "—";
  const spread = e.interval
    ? ` [${num(e.interval[0])}, ${num(e.interval[1])}]`
    : e.uncertainty !== undefined
      ? ` ± ${num(e.uncertainty)}`
      : "";
  return `${e.name}: ${num(e.value)}${spread}`;
}

/**
 * The comparison as plain text: one row per affected claim (proposal vs variant: verdict with its stability, key
 * number, seconds per replicate, messages where counted) with, under it, the cells and parts that differ; the flips,
 * the unaffected claims, and the step cost (medians of interleaved repeats, with their spread).
 *
 * @example
 * ```ts
 * console.log(comparisonText(await compareVariant({ name: "median", rule: "median" }, { only: ["p4.1-antifragility"] })));
 * ```
 */
export function comparisonText(c: VariantComparison): string {
  const affected = c.claims.filter((x) => x.affected);
  const unaffected = c.claims.filter((x) => !x.affected);
  const width = Math.max(5, ...affected.map((x) => x.id.length));
  const cell = (s: Side) => `${verdictLabel(s.verdict)} ${s.stability.counts[s.stability.modal]}/${s.stability.replicates}`.padEnd(16);
  const seconds = (s: Side) => (s.secondsPerReplicate === null ? "—" : `${s.secondsPerReplicate.toFixed(1)} s`);
  const messages = (s: Side) => (s.messages === null ? "" : `, ${num(s.messages)} messages`);
  const lines = [
    `variant "${c.variant.name}"${c.variant.file ? ` (${c.variant.file})` : ""} replaces ${c.variant.replaces.join(", ") || "nothing"}; ` +
      `${c.run.replicates} replicate${c.run.replicates === 1 ? "" : "s"}, seed ${c.run.seed}; proposal ${c.run.proposalFrom === "committed" ? "from the committed run" : "measured here"}`,
    "",
    `${"claim".padEnd(width)}  ${"proposal".padEnd(16)}  ${"variant".padEnd(16)}  key number: proposal → variant (seconds per replicate)`,
  ];
  for (const x of affected) {
    const v = x.variant!;
    lines.push(
      `${x.id.padEnd(width)}  ${cell(x.proposal)}  ${cell(v)}  ${keyNumber(x.proposal)} → ${num(v.evidence[0]?.value ?? Number.NaN)}` +
        `${v.evidence[0]?.interval ? ` [${num(v.evidence[0].interval[0])}, ${num(v.evidence[0].interval[1])}]` : ""}` +
        ` (${seconds(x.proposal)} → ${seconds(v)}${messages(x.proposal)}${v.messages === null ? "" : ` → ${num(v.messages)}`})`,
      ...(x.changes ? changesText(x.changes) : []),
      // What the variant was compared with, where that is not the proposal's reference (./references).
      ...(v.reference.text === x.proposal.reference.text ? [] : [`    compared with: ${v.reference.text}`]),
    );
  }
  const flips = affected.filter((x) => x.flips);
  const incomparable = affected.filter((x) => x.variant!.reference.kind === "not-comparable");
  lines.push(
    "",
    flips.length === 0
      ? `no verdict flips (${affected.length} affected claim${affected.length === 1 ? "" : "s"})`
      : `flips: ${flips.map((x) => `${x.id} ${x.proposal.verdict} → ${x.variant!.verdict}`).join("; ")}`,
  );
  if (incomparable.length > 0)
    lines.push(`not comparable under this variant (no verdict; why under each row): ${incomparable.map((x) => x.id).join(", ")}`);
  if (unaffected.length > 0)
    lines.push(`unaffected (use none of ${c.variant.replaces.join(", ")}): ${unaffected.map((x) => x.id).join(", ")}`);
  if (c.cost.step) lines.push(costText(c.cost.step));
  return lines.join("\n");
}

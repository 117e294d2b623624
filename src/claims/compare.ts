/**
 * A user's variant against the claims (issue 21): every claim whose `uses` names a part the variant replaces is
 * measured again under the variant's mechanism, with the same seeds, rubric and replicates as the proposal, and the
 * two are shown side by side; the other claims are listed as unaffected. The proposal's side is read from the
 * committed run (data/verdicts) where it holds what was asked (seed 0, and one replicate or the run's own number,
 * whose records test/integration/cli/claims.test.ts keeps current); otherwise it is measured here.
 *
 * JSON (other tools read these names): `{ variant: { file, replaces }, claims: [{ id, uses, affected, proposal:
 * { verdict, stability }, variant: { verdict, stability } | null }] }`; each side also carries its headline, the
 * strongest reading's evidence (key numbers with intervals), seconds per replicate and, where the claim counts
 * messages, its message count; `cost.step` times one Langevin step of the Hamiltonian each side runs.
 */
import * as tf from "@tensorflow/tfjs";
import { ArgumentError, check } from "../errors";
import { key, normal } from "../engine/random";
import { graphs } from "../graph/generators";
import { releaseGraph } from "../ops/tensors";
import { defaultStep } from "../dynamics/registry";
import { disposeState } from "../dynamics/types";
import { CLAIMS, claimById, type VerdictRecord } from "./registry";
import { measureReplicates, stabilityOf, type Stability, type StableRecord } from "./stability";
import { readCommittedRun } from "./committed";
import { hamiltonianOf, mechanismOf, PROPOSAL } from "./mechanism";
import type { Evidence, Mechanism, Part, Variant, Verdict } from "./types";
import { verdictLabel } from "./display";
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
  /** True when an affected claim's headline verdict differs between the two sides. */
  flips: boolean;
}

export interface VariantComparison {
  variant: { file: string | null; replaces: Part[]; name: string };
  claims: ClaimComparison[];
  /** Seeds, replicates and where the proposal's side came from. */
  run: { seed: number; replicates: number; proposalFrom: "committed" | "measured" };
  /** ms per Langevin step of each side's Hamiltonian on one graph, measured side by side (null when no part a step runs is replaced). */
  cost: { step: StepCost | null };
}

export interface StepCost {
  graph: string;
  channels: number;
  proposalMs: number;
  variantMs: number;
  /** variantMs / proposalMs. */
  ratio: number;
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
      out.set(id, sideOf(run.claims[0]!, run.seconds[id]! / replicates));
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
      flips: v !== null && v.verdict !== p.verdict,
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
    out.set(record.id, sideOf(stable, replicates === 1 || seconds === undefined ? null : seconds / K));
  }
  return CLAIMS.every((c) => out.has(c.id)) ? out : null;
}

function sideOf(record: VerdictRecord & { stability: Stability }, secondsPerReplicate: number | null): Side {
  const counted = record.reading.evidence.find((e) => /messages/i.test(e.name));
  return {
    verdict: record.verdict,
    stability: record.stability,
    headline: record.headline,
    evidence: record.reading.evidence,
    secondsPerReplicate,
    messages: counted ? counted.value : null,
  };
}

/** The graph the step cost is timed on (the size of notebook 17's mid-range runs, small enough for autodiff terms). */
const STEP_GRAPH = { n: 1000, k: 10 };
const STEP_CHANNELS = 2;
const STEP_COUNT = 30;

/**
 * ms per Langevin step (the mechanism's integrator on its Hamiltonian, T = 1, the default step) on ring:1000:10 with
 * two channels, proposal and variant timed in alternating rounds so that both see the same machine load.
 */
function stepCost(mechanism: Mechanism): StepCost {
  const graph = graphs.ring(STEP_GRAPH.n, STEP_GRAPH.k);
  const step = defaultStep("ula", graph, 1);
  const make = (m: Mechanism) => m.integrator(hamiltonianOf(m, graph), { step, temperature: 1 });
  const sides = [make(PROPOSAL), make(mechanism)];
  const x0 = normal(key(0), [graph.n, STEP_CHANNELS]) as tf.Tensor2D;
  const states = sides.map((s) => s.init(x0));
  const ms = [0, 0];
  for (let round = 0; round < 4; round++) {
    for (const [i, integrator] of sides.entries()) {
      const started = performance.now();
      for (let t = 0; t < STEP_COUNT; t++) {
        states[i] = integrator.step(states[i]!, key(1 + t))[0]; // a step consumes the state it is given
      }
      tf.tidy(() => states[i]!.position.dataSync());
      if (round > 0) ms[i]! += (performance.now() - started) / STEP_COUNT / 3;
    }
  }
  for (const s of states) disposeState(s);
  x0.dispose();
  releaseGraph(graph);
  return {
    graph: `ring:${STEP_GRAPH.n}:${STEP_GRAPH.k}`,
    channels: STEP_CHANNELS,
    proposalMs: ms[0]!,
    variantMs: ms[1]!,
    ratio: ms[1]! / ms[0]!,
  };
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
 * number, seconds per replicate, messages where counted), the flips, the unaffected claims, and the step cost.
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
    );
  }
  const flips = affected.filter((x) => x.flips);
  lines.push(
    "",
    flips.length === 0
      ? `no verdict flips (${affected.length} affected claim${affected.length === 1 ? "" : "s"})`
      : `flips: ${flips.map((x) => `${x.id} ${x.proposal.verdict} → ${x.variant!.verdict}`).join("; ")}`,
  );
  if (unaffected.length > 0)
    lines.push(`unaffected (use none of ${c.variant.replaces.join(", ")}): ${unaffected.map((x) => x.id).join(", ")}`);
  const step = c.cost.step;
  if (step)
    lines.push(
      `cost: ${step.proposalMs.toFixed(2)} → ${step.variantMs.toFixed(2)} ms per Langevin step on ${step.graph} (${step.channels} channels), ${step.ratio.toFixed(2)}× the proposal's`,
    );
  return lines.join("\n");
}

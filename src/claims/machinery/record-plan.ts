/**
 * The committed run, claim by claim (issue 49): `emtd verdicts --record` measures again only the claims whose
 * fingerprint (./fingerprint) is no longer the code's, those it is asked for by name, and those the committed run
 * lacks, and keeps every other record as committed; a run whose seed or replicates differ from the committed run's,
 * or `--all`, measures everything.
 */
import { EmtdError } from "../../errors";
import { changedSince } from "./fingerprint";
import type { VerdictRun } from "./committed";
import type { StableRecord } from "./stability";

/** What a recording run measures, each with why, and what it keeps. */
export interface RecordPlan {
  measure: Array<{ id: string; why: string }>;
  keep: string[];
}

/**
 * The plan of a recording run over `ids` (registry order) against the committed run.
 * While the committed run is the code's, `planRecord(readCommittedRun(), ids, { seed: 0, replicates: 20, all: false,
 * asked: [] })` measures nothing and keeps every id.
 */
export function planRecord(
  committed: VerdictRun | null,
  ids: readonly string[],
  run: { seed: number; replicates: number; all: boolean; asked: readonly string[] },
): RecordPlan {
  const everything = (why: string): RecordPlan => ({ measure: ids.map((id) => ({ id, why })), keep: [] });
  if (run.all) return everything("--all");
  if (committed === null) return everything("there is no committed run");
  const p = committed.provenance;
  if (p.seed !== run.seed) return everything(`the committed run has seed ${p.seed}, this one ${run.seed}`);
  if (p.replicates !== run.replicates) return everything(`the committed run has ${p.replicates} replicates, this one ${run.replicates}`);
  const plan: RecordPlan = { measure: [], keep: [] };
  for (const id of ids) {
    const record = committed.claims.find((c) => c.id === id);
    const why = run.asked.includes(id)
      ? "asked for with --only"
      : record === undefined
        ? "not in the committed run"
        : changedSince(record.fingerprint);
    if (why === null) plan.keep.push(id);
    else plan.measure.push({ id, why });
  }
  return plan;
}

/** The plan in words, for the log: which claims are measured and why, and how many are kept. */
export function planText(plan: RecordPlan): string {
  const kept = `${plan.keep.length} kept as committed (their fingerprints are the code's)`;
  if (plan.measure.length === 0) return `measuring no claim: ${kept}`;
  const reasons = new Set(plan.measure.map((m) => m.why));
  const list =
    reasons.size === 1 && plan.measure.length > 3
      ? `all ${plan.measure.length} (${[...reasons][0]})`
      : plan.measure.map((m) => `${m.id} (${m.why})`).join("; ");
  return `measuring ${plan.measure.length} claim${plan.measure.length === 1 ? "" : "s"}: ${list}; ${kept}`;
}

/**
 * The committed run with the records of `measured` in place of its own (every claim in `ids` order): the provenance
 * and the run's seconds are the new run's, each claim's timing is from the run that measured it.
 */
export function mergeRuns(committed: VerdictRun | null, measured: VerdictRun, ids: readonly string[]): VerdictRun {
  const pick = (id: string): StableRecord => {
    const record = measured.claims.find((c) => c.id === id) ?? committed?.claims.find((c) => c.id === id);
    if (!record) throw new EmtdError(`emtd/claims/record-plan: claim ${id} is neither measured nor committed`);
    return record;
  };
  const seconds = (id: string): number => measured.timing?.claims[id] ?? committed?.timing?.claims[id] ?? 0;
  return {
    provenance: measured.provenance,
    claims: ids.map(pick),
    timing: { seconds: measured.timing?.seconds ?? 0, claims: Object.fromEntries(ids.map((id) => [id, seconds(id)])) },
  };
}
